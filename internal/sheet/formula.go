package sheet

import (
	"strconv"
	"strings"
)

// SafeText neutralises a text cell that a spreadsheet program could take for
// a formula (OWASP "CSV injection"): one beginning with =, +, -, @, a tab or a
// CR gets a leading single quote, so Excel and WPS show it as text and never
// run it, also after the cell is edited. A plain number ("-12.5", "+86…") is
// no formula and stays as it is; so does every other text. A text that already
// begins with a quote before such a character gets one more, so that
// RestoreText gives back exactly what was written.
//
// Every export goes through it: WriteCSV and WriteXLSX here, and the text
// cells of the workbooks internal/document builds.
func SafeText(s string) string {
	if risky(strings.TrimLeft(s, "'")) {
		return "'" + s
	}
	return s
}

// RestoreText undoes SafeText: Read applies it to every cell, so a file
// govdesk exported imports back with its original values.
func RestoreText(s string) string {
	if strings.HasPrefix(s, "'") && risky(strings.TrimLeft(s, "'")) {
		return s[1:]
	}
	return s
}

// risky reports whether s begins with a character that starts a formula and is
// not a plain number.
func risky(s string) bool {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return false
	}
	if s[0] == '+' || s[0] == '-' {
		if _, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "xXnNiIpP_") {
			return false
		}
	}
	return true
}
