package report_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"govdesk/internal/document/documenttest"
	"govdesk/internal/report"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// TestBriefsOpenInLibreOffice converts the monthly brief (.docx) and the annual
// analysis (.docx and .xlsx) with LibreOffice and finds headings and figures in
// the PDFs. The conversion is the same on both engines, so it runs on SQLite.
func TestBriefsOpenInLibreOffice(t *testing.T) {
	documenttest.RequireOffice(t)
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		seed(f)
		if db.Engine != store.SQLite {
			return // the figures are compared on both engines by the other tests
		}
		dir := t.TempDir()
		ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
		defer cancel()
		for _, c := range []struct {
			kind, arg, format string
			want              []string
		}{
			{report.Monthly, "2022-09", report.DOCX, []string{"每月简报", "一、总体情况", "本月共受理群众诉求6件", "近12个月受理量走势", "市住建局", "第 1 页"}},
			{report.Annual, "2022", report.DOCX, []string{"年度研判报告", "六、意见建议", "各月受理量与上年同期对比"}},
			{report.Annual, "2022", report.XLSX, []string{"年度研判报告", "受理量", "逐月情况"}},
		} {
			d := build(t, f, c.kind, c.arg)
			file := filepath.Join(dir, d.FileName(c.format))
			if err := os.WriteFile(file, write(t, d, c.format), 0o644); err != nil {
				t.Fatal(err)
			}
			pdf, err := documenttest.ConvertPDF(ctx, file, dir)
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			text, err := documenttest.PDFText(pdf)
			if err != nil {
				t.Fatal(err)
			}
			flat := strings.Join(strings.Fields(text), "")
			for _, w := range c.want {
				if !strings.Contains(flat, strings.Join(strings.Fields(w), "")) {
					t.Errorf("%s: PDF lacks %q", filepath.Base(file), w)
				}
			}
		}
	})
}
