package document

import "govdesk/internal/sheet"

// safeText neutralises a text cell a spreadsheet could take for a formula; every
// text cell of a workbook written here goes through it (see sheet.SafeText).
var safeText = sheet.SafeText
