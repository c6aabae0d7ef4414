package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/workorder"
)

func newUI(t *testing.T) *UI {
	t.Helper()
	ui, err := New(Deps{})
	if err != nil {
		t.Fatalf("templates: %v", err)
	}
	return ui
}

func TestNavFor(t *testing.T) {
	disp := app.Actor{Role: app.RoleDispatcher}
	var labels, active []string
	for _, n := range navFor(disp, "/orders/pool", 3) {
		labels = append(labels, n.Label)
		if n.Active {
			active = append(active, n.Label)
		}
		if n.Label == "消息" && n.Badge != 3 {
			t.Errorf("消息 badge %d", n.Badge)
		}
	}
	if strings.Join(active, ",") != "派单池" {
		t.Errorf("active on /orders/pool: %v", active)
	}
	for _, want := range []string{"派单池", "工单", "新建工单", "消息"} {
		if !strings.Contains(strings.Join(labels, ","), want) {
			t.Errorf("dispatcher navigation %v lacks %s", labels, want)
		}
	}
	var handler []string
	for _, n := range navFor(app.Actor{Role: app.RoleHandler}, "/orders/12", 0) {
		handler = append(handler, n.Label)
		if n.Active && n.Label != "工单" {
			t.Errorf("on an order page %s is active", n.Label)
		}
	}
	if got := strings.Join(handler, ","); !strings.Contains(got, "我的待办") || strings.Contains(got, "派单池") || strings.Contains(got, "新建工单") {
		t.Errorf("handler navigation %s", got)
	}
}

func TestParseOrderQuery(t *testing.T) {
	v, _ := url.ParseQuery("status=open&type=投诉&from=2022-09-01&to=2022-09-30&overdue=1&sort=bogus&page=3")
	q, f, probs := parseOrderQuery(v)
	if len(probs) != 0 || len(f.Statuses) != 5 || f.Type != "投诉" || f.Overdue == nil || !*f.Overdue || f.Page.Page != 3 {
		t.Fatalf("filter %+v, problems %v", f, probs)
	}
	if want := time.Date(2022, 10, 1, 0, 0, 0, 0, app.Shanghai); !f.To.Equal(want) || q.Sort != "received" || f.Order != "received" {
		t.Fatalf("to %v (the end day is included), sort %q", f.To, q.Sort)
	}
	v, _ = url.ParseQuery("from=2022/9/1&status=nope&type=nope&sort=oldest")
	q, f, probs = parseOrderQuery(v)
	if len(probs) != 1 || !f.From.IsZero() || f.Statuses != nil || f.Type != "" || q.Status != "" || f.Order != workorder.OrderOldest {
		t.Fatalf("bad values: %+v %v", f, probs)
	}
}

func TestNewPager(t *testing.T) {
	v, _ := url.ParseQuery("status=closed&page=2")
	p := newPager("/orders", v, 2, 45, 20)
	if p.Pages != 3 || p.PrevURL != "/orders?page=1&status=closed" || p.NextURL != "/orders?page=3&status=closed" {
		t.Fatalf("pager %+v", p)
	}
	if p := newPager("/orders", v, 1, 0, 20); p.Pages != 0 || p.PrevURL != "" || p.NextURL != "" {
		t.Fatalf("empty pager %+v", p)
	}
}

func TestFmtRemaining(t *testing.T) {
	for _, c := range []struct {
		l    workorder.Listed
		want string
	}{
		{workorder.Listed{RemainingDays: 2.504}, "剩余 2.5 个工作日"},
		{workorder.Listed{RemainingDays: -1.5, Flags: workorder.Flags{Overdue: true}}, "已超期 1.5 个工作日"},
		{workorder.Listed{RemainingDays: -0.0, Flags: workorder.Flags{Overdue: true}}, "已超期"},
		{workorder.Listed{RemainingDays: -0.001}, "剩余 0 个工作日"},
	} {
		if got := fmtRemaining(c.l); got != c.want {
			t.Errorf("fmtRemaining(%v) = %q, want %q", c.l.RemainingDays, got, c.want)
		}
	}
}

func TestFlash(t *testing.T) {
	ui := newUI(t)
	w := httptest.NewRecorder()
	ui.redirectWith(w, httptest.NewRequest("POST", "/orders/1/accept", nil), "/orders/1", "error", "工单已被他人修改，请刷新后重试")
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/orders/1" {
		t.Fatalf("redirect %d %s", w.Code, w.Header().Get("Location"))
	}
	r := httptest.NewRequest("GET", "/orders/1", nil)
	for _, c := range w.Result().Cookies() {
		r.AddCookie(c)
	}
	w2 := httptest.NewRecorder()
	if f := takeFlash(w2, r); f.Kind != "error" || f.Message != "工单已被他人修改，请刷新后重试" {
		t.Fatalf("flash %+v", f)
	}
	if c := w2.Result().Cookies(); len(c) != 1 || c[0].MaxAge >= 0 {
		t.Fatalf("the flash is not cleared: %+v", c)
	}
}

func TestDescribeEvent(t *testing.T) {
	names := map[string]string{"U001": "市住建局"}
	v := describeEvent(workorder.Event{Action: workorder.CmdDispatch, From: workorder.Received, To: workorder.Dispatched,
		Data: map[string]string{"unit": "U001", "limit_days": "9", "final": "true"}, Note: "指定主办"}, names)
	if v.Action != "派单" || v.From != "待派发" || v.To != "待签收" || strings.Join(v.Details, "|") != "办理时限 9 个工作日|承办单位：市住建局（U001）" {
		t.Fatalf("dispatch event %+v", v)
	}
	v = describeEvent(workorder.Event{Action: workorder.CmdCallback, Data: map[string]string{"result": "满意", "resolved": "true"}}, names)
	if strings.Join(v.Details, "|") != "问题已解决|回访结果：满意" {
		t.Fatalf("callback event %+v", v.Details)
	}
}

// TestOrderPage_EveryAction renders the order page with every form offered, so a
// template error in any of them fails here rather than in front of a person.
func TestOrderPage_EveryAction(t *testing.T) {
	ui := newUI(t)
	o := workorder.Order{ID: 7, No: "20220930000001", Title: "路灯不亮", Type: "咨询", Status: workorder.Accepted, Version: 4,
		ReceivedAt: time.Now(), DeadlineAt: time.Now().Add(48 * time.Hour), ExtPendingDays: 2, ExtPendingReason: "需勘查"}
	d := orderData{Detail: workorder.Detail{Listed: workorder.Listed{Order: o, Counting: true, RemainingDays: 2},
		Allowed: workorder.ActionOrder, MustFinal: true, Hints: []workorder.Order{{ID: 3, No: "20220929000001", Title: "路灯"}}},
		Can: map[string]bool{}, HasActions: true, Units: []account.Unit{{Code: "U001", Name: "市住建局"}}, CallbackResults: workorder.CallbackResults}
	for _, c := range workorder.ActionOrder {
		d.Can[c] = true
	}
	r := httptest.NewRequest("GET", "/orders/7", nil)
	r = r.WithContext(app.WithActor(r.Context(), app.Actor{Name: "派单员", Role: app.RoleDispatcher}))
	w := httptest.NewRecorder()
	ui.render(w, r, http.StatusOK, "order", page{Title: "工单", Data: d})
	body := w.Body.String()
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, body)
	}
	for _, c := range workorder.ActionOrder {
		id := "form-" + strings.TrimPrefix(c, "extension/")
		if !strings.Contains(body, `id="`+id+`"`) || !strings.Contains(body, `action="/orders/7/`+c+`"`) {
			t.Errorf("the page lacks the form of %s", c)
		}
	}
	if strings.Count(body, `name="version" value="4"`) != len(workorder.ActionOrder) {
		t.Errorf("every form must carry the order's version")
	}
	if !strings.Contains(body, `value="20220929000001"`) || !strings.Contains(body, "确认指定主办") {
		t.Errorf("duplicate hint or forced final assignment missing")
	}
}

// TestNoticesPage_KindsInChinese: every notice kind is shown by its Chinese label,
// and a kind without one as 通知, never raw.
func TestNoticesPage_KindsInChinese(t *testing.T) {
	ui := newUI(t)
	var list []workorder.Notice
	for k := range workorder.NoticeKindNames {
		list = append(list, workorder.Notice{ID: int64(len(list) + 1), Kind: k, Title: "工单", CreatedAt: time.Now()})
	}
	list = append(list, workorder.Notice{ID: 99, Kind: "brand-new-kind", Title: "工单", CreatedAt: time.Now()})
	r := httptest.NewRequest("GET", "/notices", nil)
	r = r.WithContext(app.WithActor(r.Context(), app.Actor{Name: "承办人", Role: app.RoleHandler}))
	w := httptest.NewRecorder()
	ui.render(w, r, http.StatusOK, "notices", page{Title: "消息", Data: noticesData{List: list}})
	tags := regexp.MustCompile(`<span class="tag">([^<]*)</span>`).FindAllStringSubmatch(w.Body.String(), -1)
	if w.Code != http.StatusOK || len(tags) != len(list) {
		t.Fatalf("status %d, %d tags for %d notices", w.Code, len(tags), len(list))
	}
	for _, m := range tags {
		if regexp.MustCompile(`[A-Za-z]`).MatchString(m[1]) || m[1] == "" {
			t.Errorf("notice tag %q is not Chinese", m[1])
		}
	}
}

// TestNoDeadline_SaysWhatTheOrderIs: an order without a deadline says why: closed at
// intake or as a duplicate it is not "not dispatched yet".
func TestNoDeadline_SaysWhatTheOrderIs(t *testing.T) {
	cases := []struct {
		o    workorder.Order
		want string
	}{
		{workorder.Order{Status: workorder.Closed, CloseReason: workorder.CloseIntake}, "受理时直接办结"},
		{workorder.Order{Status: workorder.Closed, CloseReason: workorder.CloseDuplicate}, "重复件"},
		{workorder.Order{Status: workorder.Closed, CloseReason: workorder.CloseImport}, "已办结（历史导入）"},
		{workorder.Order{Status: workorder.Received, Returns: 1}, "已退单，待重新派单"},
		{workorder.Order{Status: workorder.Received}, "尚未派单"},
	}
	for _, c := range cases {
		if got := noDeadline(c.o); !strings.Contains(got, c.want) || (c.o.Status == workorder.Closed && strings.Contains(got, "派单") && !strings.Contains(got, "无需派单")) {
			t.Errorf("%s/%s: %q, want %q", c.o.Status, c.o.CloseReason, got, c.want)
		}
	}
	ui := newUI(t)
	o := workorder.Order{ID: 8, No: "20220930000002", Title: "咨询公积金", Type: "咨询", Status: workorder.Closed,
		CloseReason: workorder.CloseIntake, ReceivedAt: time.Now(), ClosedAt: time.Now(), Version: 2}
	d := orderData{Detail: workorder.Detail{Listed: workorder.Listed{Order: o}}, Can: map[string]bool{}}
	r := httptest.NewRequest("GET", "/orders/8", nil)
	r = r.WithContext(app.WithActor(r.Context(), app.Actor{Name: "话务员", Role: app.RoleOperator}))
	w := httptest.NewRecorder()
	ui.render(w, r, http.StatusOK, "order", page{Title: "工单", Data: d})
	body := w.Body.String()
	if w.Code != http.StatusOK || strings.Contains(body, "尚未派单") || !strings.Contains(body, "受理时直接办结") {
		t.Fatalf("a closed-at-intake order's page: %d, says 尚未派单 or not 受理时直接办结", w.Code)
	}
}
