// Package sheettest writes hostile spreadsheets for the tests of the limits
// every import reads within: small files that unpack to hundreds of megabytes,
// a single enormous cell, too many rows or columns. The XML is generated while
// it is compressed, so neither the test nor the file holds it whole.
package sheettest

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"fmt"
	"io"
	"os"
	"strings"
)

// A Hostile is one kind of hostile workbook.
type Hostile struct {
	Name string
	// Want is a fragment of the Chinese message the import must answer with.
	Want string
	// sheet writes the worksheet's <sheetData> content; sst the shared strings' <si> items.
	sheet func(w io.Writer) error
	sst   func(w io.Writer) error
}

// Hostiles returns the hostile workbooks: each is under a few MB on disk.
func Hostiles() []Hostile {
	header := `<row r="1"><c r="A1" t="inlineStr"><is><t>工单编号</t></is></c><c r="B1" t="inlineStr"><is><t>诉求内容</t></is></c></row>`
	return []Hostile{
		{Name: "inflated", Want: "行数超过上限", // 300 MB of sheet XML: eight million small rows
			sheet: func(w io.Writer) error {
				io.WriteString(w, header)
				row := `<row><c t="inlineStr"><is><t>X</t></is></c><c t="inlineStr"><is><t>噪音扰民</t></is></c></row>`
				return repeat(w, row, 300<<20/len(row))
			}},
		{Name: "huge-cell", Want: "个字符的上限", // one inline cell of 300 MB
			sheet: func(w io.Writer) error {
				io.WriteString(w, header+`<row r="2"><c r="A2" t="inlineStr"><is><t>`)
				if err := repeat(w, strings.Repeat("A", 1024), 300<<10); err != nil {
					return err
				}
				_, err := io.WriteString(w, `</t></is></c></row>`)
				return err
			}},
		{Name: "huge-shared-string", Want: "个字符的上限", // one shared string of 300 MB
			sheet: func(w io.Writer) error {
				_, err := io.WriteString(w, header+`<row r="2"><c r="A2" t="s"><v>0</v></c></row>`)
				return err
			},
			sst: func(w io.Writer) error {
				io.WriteString(w, `<si><t>`)
				if err := repeat(w, strings.Repeat("B", 1024), 300<<10); err != nil {
					return err
				}
				_, err := io.WriteString(w, `</t></si>`)
				return err
			}},
		{Name: "too-many-rows", Want: "行数超过上限", // a row numbered past the limit
			sheet: func(w io.Writer) error {
				_, err := io.WriteString(w, header+`<row r="5000000"><c r="A5000000" t="inlineStr"><is><t>X</t></is></c></row>`)
				return err
			}},
		{Name: "too-many-columns", Want: "列，超过上限", // rows of 16 000 filled cells
			sheet: func(w io.Writer) error {
				io.WriteString(w, header)
				var b strings.Builder
				b.WriteString(`<row>`)
				for i := 0; i < 16000; i++ {
					b.WriteString(`<c t="inlineStr"><is><t>值</t></is></c>`)
				}
				b.WriteString(`</row>`)
				return repeat(w, b.String(), 20)
			}},
	}
}

func repeat(w io.Writer, s string, n int) error {
	for i := 0; i < n; i++ {
		if _, err := io.WriteString(w, s); err != nil {
			return err
		}
	}
	return nil
}

// Write writes the workbook to path.
func (h Hostile) Write(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.DefaultCompression)
	})
	parts := []struct {
		name string
		body func(w io.Writer) error
	}{
		{"[Content_Types].xml", text(contentTypes(h.sst != nil))},
		{"_rels/.rels", text(pkgRels)},
		{"xl/workbook.xml", text(workbook)},
		{"xl/_rels/workbook.xml.rels", text(workbookRels(h.sst != nil))},
		{"xl/worksheets/sheet1.xml", func(w io.Writer) error {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
				`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
			if err := h.sheet(w); err != nil {
				return err
			}
			_, err := io.WriteString(w, `</sheetData></worksheet>`)
			return err
		}},
	}
	if h.sst != nil {
		parts = append(parts, struct {
			name string
			body func(w io.Writer) error
		}{"xl/sharedStrings.xml", func(w io.Writer) error {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
				`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">`)
			if err := h.sst(w); err != nil {
				return err
			}
			_, err := io.WriteString(w, `</sst>`)
			return err
		}})
	}
	for _, p := range parts {
		pw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(pw, 1<<20)
		if err := p.body(bw); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

func text(s string) func(w io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func contentTypes(sst bool) string {
	s := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
	if sst {
		s += `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
	}
	return s + `</Types>`
}

const pkgRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`

const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`

func workbookRels(sst bool) string {
	s := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`
	if sst {
		s += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
	}
	return s + `</Relationships>`
}

// Describe returns a line about the file at path for test logs.
func Describe(path string) string {
	st, err := os.Stat(path)
	if err != nil {
		return path
	}
	return fmt.Sprintf("%s (%d KB)", path, st.Size()>>10)
}
