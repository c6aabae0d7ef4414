package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"govdesk/internal/api"
	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/knowledge"
)

// kbArticleCmd is `govdesk kb article …`: the article editor on the command line.
func kbArticleCmd() *command {
	return &command{name: "article", en: "Write, approve, retire and compare knowledge-base articles.", zh: "编写、审核发布、停用知识库文章，查看版本差异。",
		sub: []*command{kbArticleSaveCmd(false), kbArticleSaveCmd(true), kbArticleStatusCmd("approve"), kbArticleStatusCmd("retire"),
			kbArticleVersionsCmd(), kbArticleShowCmd(), kbArticleListCmd()}}
}

// articleFields are the flags of add and edit.
type articleFields struct {
	title, answer, answerFile, unit, category, keywords, validFrom, validUntil, reviewBy string
	publish                                                                              bool
}

func (f *articleFields) flags(fs *flag.FlagSet) {
	fs.StringVar(&f.title, "title", "", "the question / 标题（群众的问题）")
	fs.StringVar(&f.answer, "answer", "", "the answer / 答案")
	fs.StringVar(&f.answerFile, "answer-file", "", "read the answer from a UTF-8 text file / 从 UTF-8 文本文件读取答案")
	fs.StringVar(&f.unit, "unit", "", "unit code or name / 所属单位编码或名称")
	fs.StringVar(&f.category, "category", "", "category / 分类")
	fs.StringVar(&f.keywords, "keywords", "", "keywords separated by spaces / 关键词，空格分隔")
	fs.StringVar(&f.validFrom, "valid-from", "", "first valid date, YYYY-MM-DD (\"none\" clears it) / 生效日期")
	fs.StringVar(&f.validUntil, "valid-until", "", "valid through this date, YYYY-MM-DD (\"none\" clears it) / 有效期至")
	fs.StringVar(&f.reviewBy, "review-by", "", "review-by date, YYYY-MM-DD (\"none\" clears it) / 复核日期")
	fs.BoolVar(&f.publish, "publish", false, "approve right after saving (hotline office) / 保存后直接审核发布")
}

// apply copies the flags that were given onto a, checking dates and the unit.
func (f *articleFields) apply(ctx context.Context, svc *knowledge.Service, fs *flag.FlagSet, a *knowledge.Article) error {
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	if set["answer"] && set["answer-file"] {
		return usagef("--answer and --answer-file are exclusive / --answer 与 --answer-file 只能用一个")
	}
	if set["answer-file"] {
		b, err := os.ReadFile(f.answerFile)
		if err != nil {
			return app.Invalid("无法读取答案文件 %s：%v", f.answerFile, err).WithDetail("cannot read the answer file %s: %v", f.answerFile, err)
		}
		if !utf8.Valid(b) {
			return app.Invalid("答案文件 %s 不是 UTF-8 编码的文本", f.answerFile).WithDetail("the answer file %s is not UTF-8 text", f.answerFile)
		}
		f.answer, set["answer"] = string(b), true
	}
	if set["title"] {
		a.Title = f.title
	}
	if set["answer"] {
		a.Answer = f.answer
	}
	if set["category"] {
		a.Category = f.category
	}
	if set["keywords"] {
		a.Keywords = f.keywords
	}
	if set["valid-until"] {
		t, err := optionalDate(f.validUntil, "有效期至")
		if err != nil {
			return err
		}
		a.ValidUntil = knowledge.UntilAfterDay(t) // valid through the date named
	}
	if set["valid-from"] {
		t, err := optionalDate(f.validFrom, "生效日期")
		if err != nil {
			return err
		}
		a.ValidFrom = t
	}
	if set["review-by"] {
		t, err := optionalDate(f.reviewBy, "复核日期")
		if err != nil {
			return err
		}
		a.ReviewBy = t
	}
	if set["unit"] {
		id, err := svc.UnitID(ctx, f.unit)
		if err != nil {
			return err
		}
		a.UnitID = id
	}
	return nil
}

// optionalDate parses YYYY-MM-DD; "none" or "" clears the date.
func optionalDate(s, label string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "none" {
		return time.Time{}, nil
	}
	t, err := app.ParseDate(s)
	if err != nil {
		return t, app.Invalid("%s的日期格式应为 YYYY-MM-DD，而不是 %q", label, s).WithDetail("bad date %q, want YYYY-MM-DD", s)
	}
	return t, nil
}

// articleID reads the one positional argument, an article number.
func articleID(args []string) (int64, error) {
	if len(args) != 1 {
		return 0, usagef("expected one article ID / 需要一个文章编号")
	}
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil || id <= 0 {
		return 0, usagef("article ID must be a positive number, not %q / 文章编号应为正整数，而不是 %q", args[0], args[0])
	}
	return id, nil
}

func dayOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(app.Shanghai).Format(app.DateLayout)
}

// printArticle prints an article as JSON or as a line of text.
func printArticle(e *env, format string, a knowledge.Article) error {
	if format == "json" {
		return json.NewEncoder(e.stdout).Encode(api.ToArticleJSON(a))
	}
	fmt.Fprintf(e.stdout, "%d\t第 %d 版\t%s\t%s\n", a.ID, a.Version, knowledge.StatusNames[a.Status], a.Title)
	return nil
}

// kbArticleSaveCmd is `kb article add` (edit false) or `kb article edit ID` (edit true).
func kbArticleSaveCmd(edit bool) *command {
	var f articleFields
	var format string
	c := &command{
		name: "add", args: "--title T --answer A|--answer-file F [--unit CODE] [--category C] [--keywords K] [--valid-from D] [--valid-until D] [--review-by D] [--publish] [--format json|table]",
		en: "Write a new article as a draft awaiting approval (--publish approves it at once).",
		zh: "新建知识库文章（保存为待审核草稿；--publish 直接审核发布）。",
	}
	if edit {
		c.name, c.args = "edit", "ID [--title T] [--answer A|--answer-file F] [--unit CODE] [--category C] [--keywords K] [--valid-from D|none] [--valid-until D|none] [--review-by D|none] [--publish] [--format json|table]"
		c.en = "Edit an article: the flags given replace those fields; the edit is a new version, a draft until approved (--publish approves it)."
		c.zh = "修改知识库文章：只替换给出的字段；每次修改都是新版本，审核发布前为草稿（--publish 直接发布）。"
	}
	c.flags = func(e *env, fs *flag.FlagSet) { e.dbFlag(fs); formatFlag(fs, &format); f.flags(fs) }
	c.run = func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
		if err := checkFormat(format); err != nil {
			return err
		}
		var id int64
		if edit {
			var err error
			if id, err = articleID(args); err != nil {
				return err
			}
		} else if len(args) > 0 {
			return usagef("unexpected arguments / 多余的参数")
		}
		return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
			svc := knowledgeService(s)
			var a knowledge.Article
			if edit {
				var err error
				if a, err = svc.Article(ctx, id); err != nil {
					return err
				}
			}
			if err := f.apply(ctx, svc, fs, &a); err != nil {
				return err
			}
			saved, err := svc.Draft(ctx, a)
			if err != nil {
				return err
			}
			id = saved.ID
			if f.publish {
				if _, err := svc.Approve(ctx, id); err != nil {
					return err
				}
			}
			if saved, err = svc.Article(ctx, id); err != nil {
				return err
			}
			return printArticle(e, format, saved)
		})
	}
	return c
}

// kbArticleStatusCmd is `kb article approve ID` or `kb article retire ID`.
func kbArticleStatusCmd(op string) *command {
	var format string
	c := &command{name: op, args: "ID [--format json|table]",
		en: "Approve a draft: publish it so that search finds it (hotline office).", zh: "审核发布草稿，发布后可被检索到（热线办）。"}
	if op == "retire" {
		c.en, c.zh = "Retire an outdated article: search no longer finds it.", "停用过时的文章，检索中不再出现。"
	}
	c.flags = func(e *env, fs *flag.FlagSet) { e.dbFlag(fs); formatFlag(fs, &format) }
	c.run = func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
		if err := checkFormat(format); err != nil {
			return err
		}
		id, err := articleID(args)
		if err != nil {
			return err
		}
		return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
			svc := knowledgeService(s)
			do := svc.Approve
			if op == "retire" {
				do = svc.Retire
			}
			if _, err := do(ctx, id); err != nil {
				return err
			}
			a, err := svc.Article(ctx, id)
			if err != nil {
				return err
			}
			return printArticle(e, format, a)
		})
	}
	return c
}

func kbArticleShowCmd() *command {
	var format string
	return &command{name: "show", args: "ID [--format json|table]", en: "Show an article.", zh: "显示一篇文章。",
		flags: func(e *env, fs *flag.FlagSet) { e.dbFlag(fs); formatFlag(fs, &format) },
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			id, err := articleID(args)
			if err != nil {
				return err
			}
			return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
				a, err := knowledgeService(s).Article(ctx, id)
				if err != nil {
					return err
				}
				if format == "json" {
					return printArticle(e, format, a)
				}
				fmt.Fprintf(e.stdout, "编号：%d\n标题：%s\n状态：%s（第 %d 版）\n单位：%s\n分类：%s\n关键词：%s\n生效日期：%s\n有效期至：%s\n复核日期：%s\n答案：\n%s\n",
					a.ID, a.Title, knowledge.StatusNames[a.Status], a.Version, a.UnitName, a.Category, a.Keywords, dayOf(a.ValidFrom), dayOf(a.LastValidDay()), dayOf(a.ReviewBy), a.Answer)
				return nil
			})
		},
	}
}

func kbArticleListCmd() *command {
	var format, status, unit string
	return &command{name: "list", args: "[--status draft|published|retired] [--unit CODE] [--format json|table]",
		en: "List articles, most recently changed first (at most 500).", zh: "列出文章，最近修改的在前（最多 500 篇）。",
		flags: func(e *env, fs *flag.FlagSet) {
			e.dbFlag(fs)
			formatFlag(fs, &format)
			fs.StringVar(&status, "status", "", "draft, published or retired / 状态：draft 草稿、published 已发布、retired 已停用")
			fs.StringVar(&unit, "unit", "", "unit code or name / 单位编码或名称")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			if len(args) > 0 {
				return usagef("unexpected arguments / 多余的参数")
			}
			return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
				svc := knowledgeService(s)
				f := knowledge.ArticleFilter{Status: status}
				if unit != "" {
					id, err := svc.UnitID(ctx, unit)
					if err != nil {
						return err
					}
					f.UnitID = id
				}
				list, err := svc.List(ctx, f)
				if err != nil {
					return err
				}
				if format == "json" {
					out := make([]api.ArticleJSON, 0, len(list))
					for _, a := range list {
						out = append(out, api.ToArticleJSON(a))
					}
					return json.NewEncoder(e.stdout).Encode(map[string]any{"items": out, "total": len(out)})
				}
				if len(list) == 0 {
					fmt.Fprintln(e.stdout, "没有符合条件的文章。")
				}
				for _, a := range list {
					if err := printArticle(e, format, a); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

// kbArticleVersionsCmd lists an article's versions, or with --diff A:B shows
// what changed between two of them ([-deleted-] {+inserted+}).
func kbArticleVersionsCmd() *command {
	var format, diff string
	return &command{name: "versions", args: "ID [--diff A:B] [--format json|table]",
		en: "List every version of an article; --diff 1:2 shows what changed between two versions ([-deleted-] {+inserted+}).",
		zh: "列出文章的全部版本；--diff 1:2 显示两个版本之间的改动（[-删除-] {+新增+}）。",
		flags: func(e *env, fs *flag.FlagSet) {
			e.dbFlag(fs)
			formatFlag(fs, &format)
			fs.StringVar(&diff, "diff", "", "two versions to compare, e.g. 1:2 / 要比较的两个版本，如 1:2")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			id, err := articleID(args)
			if err != nil {
				return err
			}
			var from, to int
			if diff != "" {
				a, b, ok := strings.Cut(diff, ":")
				var e1, e2 error
				from, e1 = strconv.Atoi(a)
				to, e2 = strconv.Atoi(b)
				if !ok || e1 != nil || e2 != nil {
					return usagef("--diff must be two version numbers like 1:2 / --diff 应为两个版本号，如 1:2")
				}
			}
			return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
				list, err := knowledgeService(s).Versions(ctx, id)
				if err != nil {
					return err
				}
				if diff != "" {
					return printVersionDiff(e, format, list, from, to)
				}
				if format == "json" {
					type version struct {
						Version int    `json:"version"`
						At      string `json:"at"`
						Status  string `json:"status"`
						Title   string `json:"title"`
					}
					out := []version{}
					for _, v := range list {
						out = append(out, version{v.Version, v.UpdatedAt.In(app.Shanghai).Format(time.RFC3339), v.Status, v.Title})
					}
					return json.NewEncoder(e.stdout).Encode(map[string]any{"id": id, "versions": out})
				}
				for _, v := range list {
					fmt.Fprintf(e.stdout, "第 %d 版\t%s\t%s\t%s\n", v.Version, v.UpdatedAt.In(app.Shanghai).Format("2006-01-02 15:04"), knowledge.StatusNames[v.Status], v.Title)
				}
				return nil
			})
		},
	}
}

func printVersionDiff(e *env, format string, list []knowledge.Article, from, to int) error {
	by := map[int]knowledge.Article{}
	for _, v := range list {
		by[v.Version] = v
	}
	a, okA := by[from]
	b, okB := by[to]
	if !okA || !okB {
		return app.Invalid("该文章只有第 1 到第 %d 版", list[0].Version).WithDetail("the article has versions 1 to %d only", list[0].Version)
	}
	type field struct {
		Field   string `json:"field"`
		Changed bool   `json:"changed"`
		Diff    string `json:"diff"`
	}
	var out []field
	for _, f := range []struct{ name, a, b string }{{"标题", a.Title, b.Title}, {"答案", a.Answer, b.Answer},
		{"分类", a.Category, b.Category}, {"关键词", a.Keywords, b.Keywords},
		{"状态", knowledge.StatusNames[a.Status], knowledge.StatusNames[b.Status]}} {
		var sb strings.Builder
		for _, p := range knowledge.Diff(f.a, f.b) {
			switch p.Op {
			case knowledge.DiffInsert:
				sb.WriteString("{+" + p.Text + "+}")
			case knowledge.DiffDelete:
				sb.WriteString("[-" + p.Text + "-]")
			default:
				sb.WriteString(p.Text)
			}
		}
		out = append(out, field{f.name, f.a != f.b, sb.String()})
	}
	if format == "json" {
		return json.NewEncoder(e.stdout).Encode(map[string]any{"from": from, "to": to, "fields": out})
	}
	fmt.Fprintf(e.stdout, "第 %d 版 → 第 %d 版\n", from, to)
	for _, f := range out {
		if f.Changed {
			fmt.Fprintf(e.stdout, "%s：%s\n", f.Field, f.Diff)
		} else {
			fmt.Fprintf(e.stdout, "%s：（未改动）\n", f.Field)
		}
	}
	return nil
}
