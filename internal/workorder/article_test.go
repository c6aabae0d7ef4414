package workorder_test

import (
	"strings"
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

// An order resolved at intake cites only an article that answers today: the rule is
// the service's, so every door (web, API, CLI) keeps it.
func TestService_Resolve_Article(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		now := f.Clock.Now()
		published := f.Article(t, "社保卡怎么补办", "published", now.AddDate(0, 1, 0))
		retired := f.Article(t, "旧版社保卡补办流程", "retired", time.Time{})
		expired := f.Article(t, "2021年社保缴费标准", "published", now.AddDate(0, 0, -1))
		draft := f.Article(t, "社保卡补办（草稿）", "draft", time.Time{})
		for _, c := range []struct {
			id   int64
			want string
		}{
			{retired, "未发布或已停用"}, {draft, "未发布或已停用"}, {expired, "已过有效期"}, {987654, "不存在"},
		} {
			o := f.create(t, "咨询", now)
			_, err := f.Orders.Resolve(f.Operator, o.ID, o.Version, "到社保窗口补办", c.id)
			wantCode(t, "resolve citing "+c.want, err, app.EInvalid)
			if !strings.Contains(app.ErrorMessage(err), c.want) {
				t.Errorf("article %d: message %q lacks %q", c.id, app.ErrorMessage(err), c.want)
			}
			if got, _ := f.Orders.Get(f.Operator, o.ID); got.Status != workorder.Received {
				t.Errorf("a refused resolve changed the order: %s", got.Status)
			}
		}
		o := f.create(t, "咨询", now)
		o, err := f.Orders.Resolve(f.Operator, o.ID, o.Version, "到社保窗口补办", published)
		if err != nil || o.Status != workorder.Closed || o.KBArticleID != published {
			t.Fatalf("resolve citing a published article: %+v, %v", o, err)
		}
	})
}
