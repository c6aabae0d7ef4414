package store_test

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"strings"
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/knowledge"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

type qualityCase struct {
	article   knowledge.Article
	questions []string
}

// loadQuality reads testdata/kb_quality.txt: articles "标题|关键词|答案" each followed by "? question" lines.
func loadQuality(t testing.TB) []qualityCase {
	b, err := os.ReadFile("testdata/kb_quality.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []qualityCase
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "? "):
			out[len(out)-1].questions = append(out[len(out)-1].questions, line[2:])
		default:
			f := strings.SplitN(line, "|", 3)
			out = append(out, qualityCase{article: knowledge.Article{Title: f[0], Keywords: f[1], Answer: f[2], Status: knowledge.StatusPublished}})
		}
	}
	return out
}

// distractors builds n articles about other matters of the same offices, in the same words.
func distractors(n int, seed int64) []knowledge.Article {
	r := rand.New(rand.NewSource(seed))
	subjects := []string{"农机购置补贴", "渔船检验", "森林防火", "档案查询", "人才引进", "创业担保贷款", "职业技能培训", "残疾人证",
		"献血证", "出生医学证明", "犬只登记", "文物保护", "广告审批", "烟草专卖", "气象证明", "计量检定", "招投标", "政府采购",
		"信访事项", "法律援助", "公证", "人民调解", "退役军人优待", "兵役登记", "学籍转移", "教师资格", "导游证", "旅行社许可",
		"药品零售", "医疗器械", "饲料许可", "种子经营", "林木采伐", "取水许可", "排水许可", "道路挖掘", "临时占用绿地", "户外广告"}
	actions := []string{"办理流程", "所需材料", "收费标准", "办理时限", "变更", "注销", "延续", "年检", "查询方式", "办理地点"}
	places := []string{"政务服务中心", "镇街便民服务中心", "网上办事大厅", "相关部门窗口", "村居代办点"}
	var out []knowledge.Article
	for i := 0; i < n; i++ {
		s, a := subjects[r.Intn(len(subjects))], actions[r.Intn(len(actions))]
		out = append(out, knowledge.Article{
			Title:    fmt.Sprintf("%s%s说明（第%d号）", s, a, i),
			Keywords: s,
			Answer: fmt.Sprintf("%s的%s：申请人可到%s办理，%d个工作日内办结，咨询请拨打12345。", s, a,
				places[r.Intn(len(places))], 1+r.Intn(20)),
			Status: knowledge.StatusPublished,
		})
	}
	return out
}

func TestKnowledgeSearchQuality(t *testing.T) {
	cases := loadQuality(t)
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := app.WithActor(context.Background(), app.System)
		kb := &store.Knowledge{DB: db}
		var arts []knowledge.Article
		for _, c := range cases {
			arts = append(arts, c.article)
		}
		arts = append(arts, distractors(3000, 1)...)
		if _, _, err := kb.SaveArticles(ctx, arts, time.Now()); err != nil {
			t.Fatal(err)
		}
		svc := &knowledge.Service{Store: kb, Clock: app.SystemClock{}}
		total, hit := 0, 0
		for _, c := range cases {
			for _, q := range c.questions {
				total++
				hits, err := svc.Search(ctx, q, 3)
				if err != nil {
					t.Fatal(err)
				}
				found := false
				for _, h := range hits {
					found = found || h.Title == c.article.Title
				}
				if found {
					hit++
				} else {
					t.Logf("miss: %q (want %q, got %v)", q, c.article.Title, titles(hits))
				}
			}
		}
		rate := float64(hit) * 100 / float64(total)
		t.Logf("search quality: %d articles (%d realistic), %d questions, top-3 hit rate %.1f%%", len(arts), len(cases), total, rate)
		if total < 60 || rate < 90 {
			t.Fatalf("top-3 hit rate %.1f%% over %d questions, want ≥ 90%%", rate, total)
		}
	})
}

func titles(hits []knowledge.Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Title)
	}
	return out
}
