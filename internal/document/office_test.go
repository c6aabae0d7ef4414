package document_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"govdesk/internal/document/documenttest"
)

// TestOfficeOpens converts a generated document and workbook with LibreOffice
// and finds their text in the PDFs: the files open cleanly.
func TestOfficeOpens(t *testing.T) {
	documenttest.RequireOffice(t)
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	for _, c := range []struct {
		name string
		data []byte
		want []string
	}{
		{"brief.docx", sampleDoc(t), []string{"每月简报", "一、总体情况", "51.4%", "各类型件数", "第 1 页"}},
		{"brief.xlsx", sampleBook(t), []string{"投诉", "634"}},
	} {
		file := filepath.Join(dir, c.name)
		if err := os.WriteFile(file, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		pdf, err := documenttest.ConvertPDF(ctx, file, dir)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		text, err := documenttest.PDFText(pdf)
		if err != nil {
			t.Fatal(err)
		}
		// Justified CJK text comes out with spaces between characters.
		flat := strings.Join(strings.Fields(text), "")
		for _, w := range c.want {
			if !strings.Contains(flat, strings.Join(strings.Fields(w), "")) {
				t.Errorf("%s: PDF lacks %q:\n%s", c.name, w, text)
			}
		}
	}
}
