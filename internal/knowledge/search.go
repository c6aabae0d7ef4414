package knowledge

import (
	"context"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"govdesk/internal/app"
	"govdesk/internal/zhtext"
)

// DefaultSynonyms are groups of words citizens use for the same thing.
var DefaultSynonyms = [][]string{
	{"饭店", "餐馆", "餐饮", "饭馆"},
	{"投诉", "举报", "反映"},
	{"噪音", "噪声", "吵闹", "扰民"},
	{"社保", "社会保险"},
	{"医保", "医疗保险"},
	{"公积金", "住房公积金"},
	{"身份证", "居民身份证"},
	{"户口", "户籍"},
	{"退休金", "养老金"},
	{"路灯", "照明", "路边灯"},
	{"停电", "没电", "断电", "跳闸"},
	{"摆摊", "摊贩", "小摊", "占道"},
	{"搭建", "违建", "违章建筑", "乱搭"},
	{"欠薪", "拖欠工资", "不发工资", "干活的钱"},
	{"托儿所", "幼儿园"},
	{"房本", "房产证", "不动产证"},
	{"盖房", "建房", "翻建"},
	{"打的", "出租车", "出租司机"},
	{"绕远", "绕路"},
	{"孩子", "小孩", "儿童", "子女", "小朋友"},
	{"材料", "资料", "证件", "带什么", "准备什么"},
	{"上学", "入学", "读书"},
}

// stopTokens are the words of any question (how, where, what…); they count for little.
var stopTokens = map[string]bool{}

func init() {
	for _, t := range strings.Fields("怎么 么办 什么 哪里 去哪 哪个 找谁 可以 需要 要什 如何 办理 请问 一下 能不 不能 多少 怎样 是否 吗 的 了 么") {
		stopTokens[t] = true
	}
}

// MaxQueryRunes is the longest query accepted.
const MaxQueryRunes = 200

// Hit is one search result.
type Hit struct {
	ID      int64   `json:"id"`
	Title   string  `json:"title"`
	Snippet string  `json:"snippet"`
	Score   float64 `json:"score"`
}

// BM25 parameters.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// queryWeights returns the tokens of q with their weights: 1 for the query's own
// tokens, 0.6 for those of synonyms of words it contains.
func (s *Service) queryWeights(q string, groups [][]string) map[string]float64 {
	w := map[string]float64{}
	for _, t := range zhtext.Tokens(q) {
		w[t] = 1
		if stopTokens[t] {
			w[t] = 0.2
		}
	}
	norm := zhtext.Normalize(q)
	for _, g := range groups {
		hit := false
		for _, word := range g {
			if strings.Contains(norm, zhtext.Normalize(word)) {
				hit = true
				break
			}
		}
		if !hit {
			continue
		}
		for _, word := range g {
			for _, t := range zhtext.Tokens(word) {
				if _, ok := w[t]; !ok {
					w[t] = 0.6
				}
			}
		}
	}
	return w
}

// Search ranks the published, valid articles for q and returns at most limit
// (1–100, default 10) hits with highlighted snippets.
func (s *Service) Search(ctx context.Context, q string, limit int) ([]Hit, error) {
	if _, err := app.RequireActor(ctx); err != nil {
		return nil, err
	}
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, app.Invalid("请输入要搜索的内容").WithDetail("the search query is empty")
	}
	if utf8.RuneCountInString(q) > MaxQueryRunes {
		return nil, app.Invalid("搜索内容过长（最多 %d 字），请只输入几个关键词", MaxQueryRunes).WithDetail("the query is longer than %d characters", MaxQueryRunes)
	}
	if limit <= 0 {
		limit = 10
	}
	if limit > 100 {
		return nil, app.Invalid("limit 不能超过 100").WithDetail("limit must not exceed 100")
	}
	groups, err := s.synonyms(ctx)
	if err != nil {
		return nil, err
	}
	weights := s.queryWeights(q, groups)
	if len(weights) == 0 {
		return []Hit{}, nil
	}
	tokens := make([]string, 0, len(weights))
	for t := range weights {
		tokens = append(tokens, t)
	}
	sort.Strings(tokens)
	if tokens, err = s.prune(ctx, tokens); err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	posts, lens, st, err := s.Store.Postings(ctx, tokens, now)
	if err != nil {
		return nil, err
	}
	scores := rank(posts, lens, st, weights)
	ids := make([]int64, 0, len(scores))
	for id := range scores {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if scores[ids[i]] != scores[ids[j]] {
			return scores[ids[i]] > scores[ids[j]]
		}
		return ids[i] < ids[j]
	})
	if len(ids) > limit {
		ids = ids[:limit]
	}
	arts, err := s.Store.FindArticles(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := map[int64]Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	hits := make([]Hit, 0, len(ids))
	for _, id := range ids {
		a := byID[id]
		hits = append(hits, Hit{ID: id, Title: a.Title, Snippet: Snippet(a.Answer, weights, 80),
			Score: math.Round(scores[id]*1000) / 1000})
	}
	return hits, nil
}

// rank computes a BM25F score per article: the weighted, length-normalized term
// frequencies of the fields are summed before the saturation.
func rank(posts []Posting, lens map[int64][3]int, st IndexStats, weights map[string]float64) map[int64]float64 {
	df := map[string]int{}
	tf := map[int64]map[string]float64{}
	seen := map[[2]any]bool{}
	for _, p := range posts {
		k := [2]any{p.ArticleID, p.Token}
		if !seen[k] {
			seen[k] = true
			df[p.Token]++
		}
		l := float64(lens[p.ArticleID][p.Field])
		avg := st.AvgLen[p.Field]
		if avg <= 0 {
			avg = 1
		}
		m := tf[p.ArticleID]
		if m == nil {
			m = map[string]float64{}
			tf[p.ArticleID] = m
		}
		m[p.Token] += FieldWeights[p.Field] * float64(p.TF) / (1 - bm25B + bm25B*l/avg)
	}
	n := float64(st.Articles)
	scores := map[int64]float64{}
	for id, m := range tf {
		var sc float64
		for tok, f := range m {
			d := float64(df[tok])
			if n < d {
				n = d // statistics a little stale (cached) against fresh postings
			}
			idf := math.Log(1 + (n-d+0.5)/(d+0.5))
			sc += weights[tok] * idf * f * (bm25K1 + 1) / (f + bm25K1)
		}
		scores[id] = sc
	}
	return scores
}

// commonPostings is the number of postings above which a token is too common to
// rank by (its IDF is near zero) and is left out of the query.
const commonPostings = 3000

// CountCap is where the store may stop counting a token's postings.
const CountCap = commonPostings + 1

// prune drops the very common tokens of a query, keeping at least the rarest one.
func (s *Service) prune(ctx context.Context, tokens []string) ([]string, error) {
	counts, err := s.Store.TokenCounts(ctx, tokens)
	if err != nil {
		return nil, err
	}
	var keep []string
	rarest := ""
	for _, t := range tokens {
		n, ok := counts[t]
		if !ok {
			continue
		}
		if n <= commonPostings {
			keep = append(keep, t)
		}
		if rarest == "" || n < counts[rarest] {
			rarest = t
		}
	}
	if len(keep) == 0 && rarest != "" {
		keep = []string{rarest}
	}
	return keep, nil
}
