package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"time"

	"govdesk/internal/config"
	"govdesk/internal/knowledge"
	"govdesk/internal/sheet"
)

func importArticles(ctx context.Context, s *services, tab *sheet.Table, skip bool) (importResult, []sheet.RowError, error) {
	sum, bad, err := knowledgeService(s).ImportArticles(ctx, tab, skip)
	var r importResult
	r.Imported, r.Updated, r.Skipped = sum.Imported, sum.Updated, sum.Skipped
	return r, bad, err
}

// kbSearchJSON is the answer of `kb search --format json` and of GET /api/v1/kb/search (SPEC §5).
type kbSearchJSON struct {
	Results []knowledge.Hit `json:"results"`
	TookMS  int64           `json:"took_ms"`
}

func kbCmd() *command {
	return &command{name: "kb", en: "Knowledge base (SPEC §5).", zh: "知识库。", sub: []*command{kbSearchCmd(), kbFirstCallCmd(), kbSynonymsCmd(), kbReviewDueCmd(), kbArticleCmd()}}
}

func kbSearchCmd() *command {
	var format string
	var limit int
	return &command{
		name: "search", args: "QUERY [--limit N] [--format json|table]",
		en: "Search the published knowledge-base articles, best first, with highlighted snippets.",
		zh: "检索已发布的知识库文章，按相关度排序，摘要中以【】标出命中的词。",
		flags: func(e *env, fs *flag.FlagSet) {
			e.dbFlag(fs)
			formatFlag(fs, &format)
			fs.IntVar(&limit, "limit", 10, "at most this many results (1-100) / 最多返回条数")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) == 0 {
				return usagef("missing QUERY / 缺少检索内容")
			}
			if err := checkFormat(format); err != nil {
				return err
			}
			q := strings.Join(args, " ")
			return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
				start := time.Now()
				hits, err := knowledgeService(s).Search(ctx, q, limit)
				if err != nil {
					return err
				}
				out := kbSearchJSON{Results: hits, TookMS: time.Since(start).Milliseconds()}
				if format == "json" {
					return json.NewEncoder(e.stdout).Encode(out)
				}
				if len(hits) == 0 {
					fmt.Fprintln(e.stdout, "没有找到相关文章。")
				}
				for _, h := range hits {
					fmt.Fprintf(e.stdout, "%d\t%.3f\t%s\n\t%s\n", h.ID, h.Score, h.Title, h.Snippet)
				}
				return nil
			})
		},
	}
}

// articlesImporter is `govdesk import articles` (headers of SPEC §5).
func articlesImporter() importer {
	return importer{spec: knowledge.ArticleSpec, run: importArticles}
}
