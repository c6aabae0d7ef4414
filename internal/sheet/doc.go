// Package sheet reads the spreadsheets govdesk imports (.xlsx and .csv) and
// owns the row-by-row error list every import reports.
//
// It is generic: it knows nothing about orders, units or any other domain
// object. It owns
//   - reading a file into a Table: format by extension, CSV encoding detection
//     (UTF-8, UTF-8 with BOM, GB18030/GBK), the first XLSX sheet, the header row
//     with columns in any order, header mapping (--map), required and unknown
//     columns, trimming of cells and skipping of fully empty rows while keeping
//     the row numbers a spreadsheet program shows;
//   - parsing cell values: times and dates (text forms and spreadsheet date
//     serials, Asia/Shanghai unless the text carries an offset), 是/否 flags
//     and decimal numbers;
//   - reading within Limits (DefaultLimits for every import, web and command
//     line): rows, columns, cell length, text kept, and for .xlsx the unpacked
//     size, checked while the file streams so that memory grows with the rows
//     kept, never with the size a hostile file unpacks to;
//   - Errors, the list of RowError an importer collects while validating every
//     row before writing anything, rendered as Chinese text or as an error CSV;
//   - writing plain XLSX and CSV files for exports and test fixtures.
//
// Every message a person reads is Simplified Chinese; failures are *app.Error.
//
// It imports the standard library, govdesk/internal/app,
// github.com/xuri/excelize/v2 and golang.org/x/text only.
package sheet
