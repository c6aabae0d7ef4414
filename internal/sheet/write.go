package sheet

import (
	"encoding/csv"
	"io"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"govdesk/internal/app"
)

// WriteXLSX writes a one-sheet workbook ("Sheet1") with a bold, frozen header
// row. Every cell is written as text, so values such as phone numbers and
// "0012" keep their exact form, and through SafeText.
func WriteXLSX(w io.Writer, headers []string, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	const name = "Sheet1"
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return app.Internal(err, "sheet: new stream writer")
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return app.Internal(err, "sheet: new style")
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return app.Internal(err, "sheet: freeze header")
	}
	head := make([]any, len(headers))
	for i, h := range headers {
		head[i] = excelize.Cell{StyleID: bold, Value: SafeText(h)}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return app.Internal(err, "sheet: write header")
	}
	for i, r := range rows {
		vals := make([]any, len(r))
		for j, v := range r {
			vals[j] = SafeText(v)
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, vals); err != nil {
			return app.Internal(err, "sheet: write row")
		}
	}
	if err := sw.Flush(); err != nil {
		return app.Internal(err, "sheet: flush")
	}
	if err := f.Write(w); err != nil {
		return app.Internal(err, "sheet: write xlsx")
	}
	return nil
}

// WriteCSV writes headers and rows as CSV with CRLF line ends, every cell
// through SafeText. With gb18030
// the bytes are GB18030 (what Excel on Chinese Windows expects without a BOM);
// otherwise UTF-8 with a BOM, which Excel also opens correctly.
func WriteCSV(w io.Writer, headers []string, rows [][]string, gb18030 bool) error {
	if gb18030 {
		enc := transform.NewWriter(w, simplifiedchinese.GB18030.NewEncoder())
		err := writeRecords(enc, headers, rows)
		if cerr := enc.Close(); err == nil {
			err = cerr // flushes the encoder; w itself stays open
		}
		if err != nil {
			return app.Internal(err, "sheet: write gb18030 csv")
		}
		return nil
	}
	if _, err := w.Write(utf8BOM); err != nil {
		return app.Internal(err, "sheet: write csv")
	}
	if err := writeRecords(w, headers, rows); err != nil {
		return app.Internal(err, "sheet: write csv")
	}
	return nil
}

// writeRecords writes header and rows with CRLF line ends, every cell through SafeText.
func writeRecords(w io.Writer, headers []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	rec := make([]string, 0, len(headers))
	write := func(cells []string) error {
		rec = rec[:0]
		for _, c := range cells {
			rec = append(rec, SafeText(c))
		}
		return cw.Write(rec)
	}
	if err := write(headers); err != nil {
		return err
	}
	for _, r := range rows {
		if err := write(r); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
