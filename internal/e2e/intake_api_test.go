package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"govdesk/internal/knowledge"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// saveArticle stores a knowledge-base article with the status and returns its id.
func saveArticle(t *testing.T, db *store.DB, title, status string) int64 {
	t.Helper()
	kb := &store.Knowledge{DB: db}
	a := knowledge.Article{Title: title, Answer: title + "：请到政务服务中心窗口办理。", Keywords: "测试", Status: status}
	if _, _, err := kb.SaveArticles(context.Background(), []knowledge.Article{a}, time.Now()); err != nil {
		t.Fatal(err)
	}
	id, err := kb.ArticleIDByTitle(context.Background(), title)
	if err != nil || id == 0 {
		t.Fatalf("article %s: %d %v", title, id, err)
	}
	return id
}

func errMessage(r apiResp) string {
	e, _ := r.Body["error"].(map[string]any)
	m, _ := e["message"].(string)
	return m
}

// The API keeps the intake rules of the service: places and categories from the
// registry, knowledge-base answers that are in force, and a 无法回访 callback that
// asks nothing about the problem.
func TestAPI_IntakeRules(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		tok := tokens(t, db, "operator", "dispatcher", "handler")
		do := func(user, method, path, body string) apiResp {
			t.Helper()
			return call(t, http.DefaultClient, method, base+path, tok[user], body, nil)
		}
		regions := func() (n int) {
			if err := db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM regions`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := regions()
		order := func(town, village, category string) string {
			return fmt.Sprintf(`{"type":"投诉","content":"路灯不亮","citizen_phone":"13900139000","town":%q,"village":%q,"category":%q}`, town, village, category)
		}

		t.Run("Registry", func(t *testing.T) {
			for _, c := range []struct{ body, want string }{
				{order("坪石", "", ""), "所属镇街“坪石”不在行政区划中，您是否要找：坪石镇"},
				{order("坪石镇", "上坑社区", ""), "所属村居“上坑社区”不是坪石镇的村居（它属于乐城街道）"},
				{order("", "", "路灯"), "诉求分类“路灯”不在分类目录中，您是否要找：城乡建设/市政设施/路灯"},
			} {
				r := do("operator", "POST", "/api/v1/orders", c.body)
				if r.Status != 400 || errCode(r) != "invalid" || !strings.Contains(errMessage(r), c.want) {
					t.Errorf("%s: %d %v, want invalid %q", c.body, r.Status, r.Body, c.want)
				}
			}
			if n := regions(); n != before {
				t.Errorf("refused orders changed the regions: %d, want %d", n, before)
			}
			r := do("operator", "POST", "/api/v1/orders", order("坪石镇", "新塘村", "城乡建设/市政设施/路灯"))
			if r.Status != 201 || r.Body["town"] != "坪石镇" || r.Body["village"] != "新塘村" {
				t.Errorf("registered names: %+v", r)
			}
		})

		t.Run("ResolveArticle", func(t *testing.T) {
			published := saveArticle(t, db, "社保卡丢了怎么补办？", knowledge.StatusPublished)
			retired := saveArticle(t, db, "社保卡补办（旧流程）", knowledge.StatusRetired)
			r := do("operator", "POST", "/api/v1/orders", `{"type":"咨询","content":"社保卡丢了怎么办","citizen_phone":"13900139001"}`)
			id := fmt.Sprint(r.Body["id"])
			for _, c := range []struct {
				kb   int64
				want string
			}{{retired, "未发布或已停用"}, {99999999, "不存在"}} {
				r := do("operator", "POST", "/api/v1/orders/"+id+"/resolve", fmt.Sprintf(`{"answer":"到社保窗口补办","kb_article_id":%d}`, c.kb))
				if r.Status != 400 || errCode(r) != "invalid" || !strings.Contains(errMessage(r), c.want) {
					t.Errorf("resolve citing %d: %+v, want invalid %q", c.kb, r, c.want)
				}
			}
			if r := do("operator", "GET", "/api/v1/orders/"+id, ""); r.Body["status"] != "received" {
				t.Fatalf("a refused resolve closed the order: %v", r.Body["status"])
			}
			r = do("operator", "POST", "/api/v1/orders/"+id+"/resolve", fmt.Sprintf(`{"answer":"到社保窗口补办","kb_article_id":%d}`, published))
			if r.Status != 200 || r.Body["status"] != "closed" || r.Body["kb_article_id"] != float64(published) {
				t.Errorf("resolve citing a published article: %+v", r)
			}
		})

		t.Run("CallbackUnreachable", func(t *testing.T) {
			r := do("operator", "POST", "/api/v1/orders", `{"type":"投诉","content":"楼下餐馆油烟扰民","citizen_phone":"13900139002"}`)
			id := fmt.Sprint(r.Body["id"])
			for _, s := range []struct{ user, cmd, body string }{
				{"dispatcher", "dispatch", `{"unit_code":"U001"}`}, {"handler", "accept", `{}`},
				{"handler", "reply", `{"text":"已责令安装油烟净化器"}`}, {"dispatcher", "review", `{"approve":true}`},
			} {
				if r := do(s.user, "POST", "/api/v1/orders/"+id+"/"+s.cmd, s.body); r.Status != 200 {
					t.Fatalf("%s: %+v", s.cmd, r)
				}
			}
			r = do("operator", "POST", "/api/v1/orders/"+id+"/callback", `{"result":"满意","note":"群众满意"}`)
			if r.Status != 400 || !strings.Contains(errMessage(r), "请选择问题是否已解决") {
				t.Errorf("a verdict without the answer: %+v", r)
			}
			r = do("operator", "POST", "/api/v1/orders/"+id+"/callback", `{"result":"无法回访","note":"电话无人接听"}`)
			if r.Status != 200 || r.Body["status"] != "callback" {
				t.Fatalf("first unreachable call: %+v", r)
			}
			r = do("operator", "POST", "/api/v1/orders/"+id+"/callback", `{"result":"无法回访","note":"再次无人接听"}`)
			if r.Status != 200 || r.Body["status"] != "closed" || r.Body["callback_result"] != "无法回访" {
				t.Fatalf("second unreachable call: %+v", r)
			}
			ev := do("operator", "GET", "/api/v1/orders/"+id+"/events", "")
			if strings.Contains(fmt.Sprint(ev.Body), "resolved") {
				t.Errorf("an unreachable callback records an answer: %v", ev.Body)
			}
		})
	})
}
