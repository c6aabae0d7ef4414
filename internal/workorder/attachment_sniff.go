package workorder

import (
	"bytes"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"govdesk/internal/app"
)

// attachmentKind is an accepted file type: its extensions, its content type, and
// a check of the first bytes, so a renamed program is not stored as a photo.
type attachmentKind struct {
	exts  []string
	ctype string
	magic func(b []byte) bool
}

func prefix(p string) func([]byte) bool {
	return func(b []byte) bool { return bytes.HasPrefix(b, []byte(p)) }
}

var attachmentKinds = []attachmentKind{
	{[]string{".jpg", ".jpeg"}, "image/jpeg", prefix("\xff\xd8\xff")},
	{[]string{".png"}, "image/png", prefix("\x89PNG\r\n\x1a\n")},
	{[]string{".gif"}, "image/gif", func(b []byte) bool {
		return bytes.HasPrefix(b, []byte("GIF87a")) || bytes.HasPrefix(b, []byte("GIF89a"))
	}},
	{[]string{".pdf"}, "application/pdf", prefix("%PDF-")},
	{[]string{".ofd"}, "application/ofd", prefix("PK\x03\x04")}, // 版式文档（GB/T 33190），ZIP 容器
	{[]string{".docx"}, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", prefix("PK\x03\x04")},
	{[]string{".xlsx"}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", prefix("PK\x03\x04")},
	{[]string{".doc"}, "application/msword", prefix("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")},
	{[]string{".xls"}, "application/vnd.ms-excel", prefix("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")},
	{[]string{".wps"}, "application/vnd.ms-works", prefix("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")},
	{[]string{".txt", ".csv"}, "text/plain; charset=utf-8", plainText},
	{[]string{".mp3"}, "audio/mpeg", func(b []byte) bool {
		return bytes.HasPrefix(b, []byte("ID3")) || len(b) > 1 && b[0] == 0xff && b[1]&0xe0 == 0xe0
	}},
	{[]string{".wav"}, "audio/wav", func(b []byte) bool { return len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WAVE" }},
	{[]string{".amr"}, "audio/amr", prefix("#!AMR")}, // 通话录音
}

// plainText accepts UTF-8 text (with or without BOM) without NUL bytes.
func plainText(b []byte) bool {
	return !bytes.ContainsRune(b, 0) && utf8.Valid(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))
}

// sniffAttachment returns the content type of an accepted file whose bytes match
// its extension.
func sniffAttachment(name string, data []byte) (string, error) {
	ext := strings.ToLower(path.Ext(name))
	for _, k := range attachmentKinds {
		for _, e := range k.exts {
			if e != ext {
				continue
			}
			if !k.magic(data) {
				return "", app.Invalid("附件 %s 的内容与扩展名 %s 不符，请上传真实的 %s 文件", name, ext, strings.TrimPrefix(ext, "."))
			}
			return k.ctype, nil
		}
	}
	return "", app.Invalid("不支持的附件类型 %q，可上传：%s", ext, strings.Join(AttachmentExtensions(), " "))
}

// AttachmentExtensions lists the accepted extensions (for forms and messages).
func AttachmentExtensions() []string {
	var out []string
	for _, k := range attachmentKinds {
		out = append(out, k.exts...)
	}
	sort.Strings(out)
	return out
}
