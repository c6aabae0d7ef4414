package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/document"
)

// Formats a brief is written in.
const (
	DOCX = ".docx"
	XLSX = ".xlsx"
)

// FormatOf returns the format of an output file name by its extension.
func FormatOf(name string) (string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext != DOCX && ext != XLSX {
		return "", app.Invalid("不支持的输出文件类型“%s”，请使用 .docx（Word）或 .xlsx（Excel）", filepath.Ext(name))
	}
	return ext, nil
}

// Write writes the brief as .docx or .xlsx.
func (d *Doc) Write(w io.Writer, format string) error {
	switch format {
	case DOCX:
		return d.WriteDOCX(w)
	case XLSX:
		return d.WriteXLSX(w)
	}
	return app.Invalid("不支持的输出格式“%s”", format)
}

// FileName is the brief's download name, e.g. 每月简报-2022-09.docx.
func (d *Doc) FileName(format string) string {
	name := map[string]string{Weekly: "每周典型工单", Monthly: "每月简报", Annual: "年度研判报告"}[d.Kind]
	return name + "-" + d.Arg + format
}

// WriteDOCX writes the brief as a Word document.
func (d *Doc) WriteDOCX(w io.Writer) error {
	doc := document.NewDoc()
	doc.Title(d.Title)
	doc.Subtitle(d.Subtitle)
	if d.Byline != "" {
		doc.Note(d.Byline)
	}
	for _, b := range d.Blocks {
		switch {
		case b.Heading > 0:
			doc.Heading(b.Heading, b.Text)
		case b.Table != nil:
			doc.Table(document.Table{Header: b.Table.Header, Rows: cellTexts(b.Table.Rows), Widths: b.Table.Widths})
			if b.Table.Note != "" {
				doc.Note(b.Table.Note)
			}
		case b.Chart != nil:
			if err := doc.Chart(b.Chart.Chart); err != nil {
				return err
			}
		case b.Passage != "":
			body := strings.TrimSpace(b.Text)
			if body == "" {
				doc.Para(b.Hint)
			}
			for _, line := range strings.Split(body, "\n") {
				if strings.TrimSpace(line) != "" {
					doc.Para(strings.TrimSpace(line))
				}
			}
		default:
			doc.Para(b.ParaText())
		}
	}
	if err := doc.Write(w); err != nil {
		return app.Internal(err, "report: write docx")
	}
	return nil
}

func cellTexts(rows [][]Cell) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = make([]string, len(r))
		for j, c := range r {
			out[i][j] = c.Text
		}
	}
	return out
}

// WriteXLSX writes the brief as a workbook: a 概况 sheet with the title and
// the text, one sheet per table (figures as numbers; rates in percent), and
// a 图表 sheet with every chart over its data.
func (d *Doc) WriteXLSX(w io.Writer) error {
	book := document.NewBook()
	var lines [][]any
	lines = append(lines, []any{d.Subtitle}, []any{d.Byline})
	for _, b := range d.Blocks {
		switch {
		case b.Heading > 0:
			lines = append(lines, []any{b.Text})
		case b.Table != nil, b.Chart != nil:
		case b.Passage != "":
			body := strings.TrimSpace(b.Text)
			if body == "" {
				body = b.Hint
			}
			for _, l := range strings.Split(body, "\n") {
				lines = append(lines, []any{l})
			}
		default:
			lines = append(lines, []any{b.ParaText()})
		}
	}
	if err := book.Sheet("概况", []string{d.Title}, lines); err != nil {
		return err
	}
	if err := book.WrapColumn("概况", 0, 64); err != nil {
		return err
	}
	used := map[string]int{"概况": 1, "图表": 1}
	for _, b := range d.Blocks {
		if b.Table == nil {
			continue
		}
		name := document.SheetName(b.Table.Name)
		if used[name]++; used[name] > 1 {
			name = document.SheetName(fmt.Sprintf("%s%d", b.Table.Name, used[name]))
		}
		rows := make([][]any, 0, len(b.Table.Rows)+1)
		var percents [][2]int
		for i, r := range b.Table.Rows {
			row := make([]any, len(r))
			for j, c := range r {
				switch {
				case c.Num != nil && strings.HasSuffix(c.Text, "%"):
					row[j] = *c.Num / 100
					percents = append(percents, [2]int{i, j})
				case c.Num != nil:
					row[j] = *c.Num
				default:
					row[j] = c.Text
				}
			}
			rows = append(rows, row)
		}
		if err := book.Sheet(name, b.Table.Header, rows); err != nil {
			return err
		}
		if b.Table.Note != "" {
			if err := book.Text(name, fmt.Sprintf("A%d", len(rows)+3), b.Table.Note); err != nil {
				return err
			}
		}
		if err := book.PercentCells(name, percents); err != nil {
			return err
		}
	}
	for _, b := range d.Blocks {
		if b.Chart != nil {
			if err := book.Chart("图表", "", b.Chart.Chart); err != nil {
				return err
			}
		}
	}
	return book.Write(w)
}
