package web

import (
	"net/http"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/httpx"
)

type kbSynonymsData struct {
	Text   string // one group a line, words separated by spaces
	Groups int
}

func (ui *UI) showSynonyms(w http.ResponseWriter, r *http.Request, status int, msg, text string) {
	d := kbSynonymsData{Text: text}
	if msg == "" {
		groups, err := ui.Knowledge.SynonymGroups(r.Context())
		if err != nil {
			ui.fail(w, r, err)
			return
		}
		var lines []string
		for _, g := range groups {
			lines = append(lines, strings.Join(g, " "))
		}
		d.Text, d.Groups = strings.Join(lines, "\n"), len(groups)
	}
	ui.render(w, r, status, "kb_synonyms", page{Title: "检索同义词", Error: msg,
		Breadcrumbs: []crumb{{"工作台", "/"}, {"知识库", "/kb"}, {"检索同义词", ""}}, Data: d})
}

// kbSynonyms shows the synonym groups search expands queries with.
func (ui *UI) kbSynonyms(w http.ResponseWriter, r *http.Request) {
	ui.showSynonyms(w, r, http.StatusOK, "", "")
}

// kbSaveSynonyms replaces the groups (one a line), or restores the built-in ones.
func (ui *UI) kbSaveSynonyms(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		ui.fail(w, r, app.Invalid("表单内容无法读取或过大"))
		return
	}
	text := r.PostForm.Get("groups")
	var groups [][]string
	if r.PostForm.Get("reset") != "1" {
		for _, line := range strings.Split(strings.ReplaceAll(text, "\r", ""), "\n") {
			if words := strings.Fields(strings.NewReplacer("，", " ", ",", " ", "、", " ", "~", " ").Replace(line)); len(words) > 0 {
				groups = append(groups, words)
			}
		}
		if len(groups) == 0 {
			ui.showSynonyms(w, r, http.StatusBadRequest, "请至少填写一组同义词；要恢复内置同义词请点“恢复内置”", text)
			return
		}
	}
	if err := ui.Knowledge.SetSynonyms(r.Context(), groups); err != nil {
		if c := app.ErrorCode(err); c == app.EInvalid || c == app.EForbidden {
			httpx.LogError(r, err)
			ui.showSynonyms(w, r, httpx.Status(err), app.ErrorMessage(err), text)
			return
		}
		ui.fail(w, r, err)
		return
	}
	msg := "同义词已保存，检索立即按新的同义词扩展"
	if groups == nil {
		msg = "已恢复内置同义词"
	}
	ui.redirectWith(w, r, "/kb/synonyms", "ok", msg)
}
