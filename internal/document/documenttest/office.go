package documenttest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// ConvertPDF converts an office file to PDF with LibreOffice (soffice
// --headless --convert-to pdf) into outDir and returns the PDF's path. Each
// call uses its own throw-away LibreOffice profile, so conversions may run in
// parallel. It is a check that a file opens cleanly.
func ConvertPDF(ctx context.Context, file, outDir string) (string, error) {
	profile, err := os.MkdirTemp("", "govdesk-soffice-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(profile)
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	cmd := exec.CommandContext(ctx, "soffice", "-env:UserInstallation=file://"+filepath.ToSlash(profile),
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", outDir, abs)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("soffice: %v: %s", err, strings.TrimSpace(out.String()))
	}
	pdf := filepath.Join(outDir, strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))+".pdf")
	if _, err := os.Stat(pdf); err != nil {
		return "", fmt.Errorf("soffice wrote no PDF: %s", strings.TrimSpace(out.String()))
	}
	return pdf, nil
}

// PDFText returns the text of a PDF laid out as on the page (pdftotext -layout).
func PDFText(pdf string) (string, error) {
	out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		return "", fmt.Errorf("pdftotext: %v", err)
	}
	return string(out), nil
}
