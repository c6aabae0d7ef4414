package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/asset"
	"govdesk/internal/evaluation"
	"govdesk/internal/stats"
	"govdesk/internal/workorder"
)

// dashTile is one number on a dashboard; every number links to what it counts.
type dashTile struct {
	Label, Value, Href string
	Tone               string // "", "warning", "overdue": the colour of a number that asks for action
	Note               string
}

// dashSection is a block of a role's dashboard.
type dashSection struct {
	ID, Title, Hint string
	Tiles           []dashTile
	Table           *orderTable
	MoreURL         string
	Figures         []dashFigure
	Months          []dashMonth
	Units           []dashUnit
	Search          bool // the knowledge-base search box
	Years           []dashYear
	NoData          *noData // the year shown has no orders: say so, and link the latest year that has
}

// dashFigure is a key figure with last year's value and the growth.
type dashFigure struct {
	Name, Value, Href, Previous, PrevHref, Growth, Unit string
}

// dashMonth is one month of the received-orders trend, with its bars' geometry
// in the chart's 1200×170 box (bars up to 120 high, their base at y = 145).
type dashMonth struct {
	Label, Href        string
	Count, Prev        int
	Height, PrevHeight int
	X, X2, Mid         int
	Y, PrevY, NumY     int
}

type dashUnit struct {
	Rank                    int
	Name, Href              string
	Received                int
	OnTime, Satisfaction    string
	OnTimeHref, OverdueHref string
	SatisfactionHref        string
	Overdue                 int
}

type dashYear struct {
	Label, Href string
	Current     bool
}

// dashToday is the date in Shanghai as the list filters take it.
func dashToday(now time.Time) string { return now.In(app.Shanghai).Format(app.DateLayout) }

// countOrders counts the orders of f as the actor may see them.
func (ui *UI) countOrders(ctx context.Context, f workorder.Filter) (int, error) {
	f.Page = app.Page{PerPage: 1}
	_, n, err := ui.Orders.List(ctx, f)
	return n, err
}

// orderTiles counts each tile's filter.
func (ui *UI) orderTiles(ctx context.Context, specs []tileSpec) ([]dashTile, error) {
	out := make([]dashTile, 0, len(specs))
	for _, s := range specs {
		var n int
		var err error
		if s.ext {
			_, n, err = ui.Orders.PendingExtensions(ctx, workorder.Filter{Page: app.Page{PerPage: 1}})
		} else {
			n, err = ui.countOrders(ctx, s.f)
		}
		if err != nil {
			return nil, err
		}
		t := countTile(s.label, n, s.href, s.tone)
		t.Note = s.note
		out = append(out, t)
	}
	return out, nil
}

// countTile is a tile counting n orders, coloured by tone when there are any.
func countTile(label string, n int, href, tone string) dashTile {
	t := dashTile{Label: label, Value: strconv.Itoa(n), Href: href}
	if n > 0 {
		t.Tone = tone
	}
	return t
}

type tileSpec struct {
	label, href, tone, note string
	f                       workorder.Filter
	ext                     bool // pending extension requests
}

var (
	dashTrue       = true
	dashOpenStates = workorder.Statuses[:len(workorder.Statuses)-1]
)

// dashboard builds the sections of the actor's role (SPEC §1, issue 9).
func (ui *UI) dashboard(r *http.Request) ([]dashSection, error) {
	a, _ := actor(r)
	ctx := r.Context()
	var out []dashSection
	add := func(s dashSection, err error) error {
		if err == nil {
			out = append(out, s)
		}
		return err
	}
	var err error
	switch a.Role {
	case app.RoleOperator:
		err = add(ui.operatorDash(ctx))
	case app.RoleDispatcher:
		err = add(ui.dispatcherDash(ctx))
	case app.RoleAdmin:
		err = add(ui.adminDash(ctx))
	case app.RoleHandler, app.RoleUnitAdmin:
		if err = add(ui.unitDash(ctx)); err == nil {
			err = add(ui.figuresDash(r, "本单位指标", false))
		}
	case app.RoleStaff:
		err = add(ui.staffDash(r))
	case app.RoleLeader:
		if err = add(ui.leaderLive(ctx)); err == nil {
			err = add(ui.figuresDash(r, "年度关键指标", true))
		}
	}
	return out, err
}

func (ui *UI) operatorDash(ctx context.Context) (dashSection, error) {
	now := ui.now()
	d := dashToday(now)
	from, _ := app.ParseDate(d)
	to := from.AddDate(0, 0, 1)
	tiles, err := ui.orderTiles(ctx, []tileSpec{
		{label: "今日受理", href: "/orders?from=" + d + "&to=" + d, f: workorder.Filter{From: from, To: to}},
		{label: "今日一次性解答", href: "/orders?figure=first_call_resolution_rate.numerator&from=" + d + "&to=" + d,
			f: workorder.Filter{From: from, To: to, Type: stats.Consult, FirstCall: &dashTrue}},
		{label: "待回访", href: "/orders?status=callback&sort=oldest", tone: "warning", f: workorder.Filter{Statuses: []workorder.Status{workorder.Callback}}},
		{label: "待派发", href: "/orders?status=received&sort=oldest", f: workorder.Filter{Statuses: []workorder.Status{workorder.Received}}},
	})
	if err != nil {
		return dashSection{}, err
	}
	rows, _, err := ui.Orders.ListFlagged(ctx, workorder.Filter{Statuses: []workorder.Status{workorder.Callback}, Order: workorder.OrderOldest, Page: app.Page{PerPage: 8}})
	if err != nil {
		return dashSection{}, err
	}
	return dashSection{ID: "dash-operator", Title: "今日话务", Hint: "来电先查知识库，能当场解答的直接办结；回访按答复先后进行。",
		Tiles: tiles, Search: true, MoreURL: "/orders?status=callback&sort=oldest",
		Table: &orderTable{ID: "dash-callbacks", Rows: rows, Empty: "没有待回访的工单。"}}, nil
}

func (ui *UI) dispatcherDash(ctx context.Context) (dashSection, error) {
	received := []workorder.Status{workorder.Received}
	tiles, err := ui.orderTiles(ctx, []tileSpec{
		{label: "待派发", href: "/orders?status=received&sort=oldest", tone: "warning", f: workorder.Filter{Statuses: received}},
		{label: "退单待重派", href: "/orders?status=received&returned=1&sort=oldest", tone: "warning", f: workorder.Filter{Statuses: received, MinReturns: 1}},
		{label: "延期待审批", href: "/orders?ext=1", tone: "warning", ext: true},
		{label: "答复待审核", href: "/orders?status=replied&sort=deadline", tone: "warning", f: workorder.Filter{Statuses: []workorder.Status{workorder.Replied}}},
		{label: "超期未办结", href: "/orders?status=open&overdue=1", tone: "overdue", f: workorder.Filter{Statuses: dashOpenStates, Overdue: &dashTrue}},
		{label: "督办中", href: "/orders?status=open&supervised=1", f: workorder.Filter{Statuses: dashOpenStates, Supervised: &dashTrue}},
	})
	if err != nil {
		return dashSection{}, err
	}
	rows, _, err := ui.Orders.ListFlagged(ctx, workorder.Filter{Statuses: received, Order: workorder.OrderOldest, Page: app.Page{PerPage: 8}})
	if err != nil {
		return dashSection{}, err
	}
	return dashSection{ID: "dash-dispatcher", Title: "派单与审核", Hint: "先派最早受理的工单；退单、延期申请和待审核答复都在派单池。",
		Tiles: tiles, MoreURL: "/orders/pool", Table: &orderTable{ID: "dash-pool", Rows: rows, Empty: "派单池是空的。"}}, nil
}

// adminDash is the configuration an administrator keeps: units, users, the SLA
// policy in force and the calendar.
func (ui *UI) adminDash(ctx context.Context) (dashSection, error) {
	s := dashSection{ID: "dash-admin", Title: "系统配置", Hint: "单位、用户、办理时限策略和工作日历。"}
	units, err := ui.Accounts.Units(ctx)
	if err != nil {
		return s, err
	}
	members := 0
	for _, u := range units {
		if u.Active && u.ParentCode == "" && u.Kind != "中心" {
			members++
		}
	}
	users, err := ui.Accounts.Users(ctx)
	if err != nil {
		return s, err
	}
	s.Tiles = append(s.Tiles, dashTile{Label: "单位", Value: strconv.Itoa(len(units)), Href: "/admin/units", Note: fmt.Sprintf("其中成员单位 %d 个", members)},
		dashTile{Label: "用户", Value: strconv.Itoa(len(users)), Href: "/admin/users"})
	if p, err := ui.Policies.At(ctx, ui.now()); err == nil {
		s.Tiles = append(s.Tiles, dashTile{Label: "现行办理时限", Value: fmtWorkdays(p.Limits["咨询"]) + " / " + fmtWorkdays(p.Limits["投诉"]),
			Href: "/admin/sla", Note: "咨询 / 其他类型（工作日），自 " + p.EffectiveFrom + " 起生效"})
	} else if app.ErrorCode(err) != app.ENotFound {
		return s, err
	}
	s.Tiles = append(s.Tiles, dashTile{Label: "工作日历", Value: strconv.Itoa(ui.now().In(app.Shanghai).Year()) + " 年", Href: "/admin/calendar",
		Note: "法定节假日与调休"})
	return s, nil
}

func (ui *UI) unitDash(ctx context.Context) (dashSection, error) {
	tiles, err := ui.orderTiles(ctx, []tileSpec{
		{label: "待签收", href: "/orders?status=dispatched&sort=deadline", tone: "warning", f: workorder.Filter{Statuses: []workorder.Status{workorder.Dispatched}}},
		{label: "办理中", href: "/orders?status=accepted&sort=deadline", f: workorder.Filter{Statuses: []workorder.Status{workorder.Accepted}}},
	})
	if err != nil {
		return dashSection{}, err
	}
	overdue, warning, err := ui.todoCounts(ctx)
	if err != nil {
		return dashSection{}, err
	}
	tiles = append(tiles, countTile("即将超期（预警）", warning, todoWarningURL, "warning"), countTile("已超期", overdue, todoOverdueURL, "overdue"))
	todo := todoFilter()
	todo.Page = app.Page{PerPage: 10}
	rows, _, err := ui.Orders.ListFlagged(ctx, todo)
	if err != nil {
		return dashSection{}, err
	}
	return dashSection{ID: "dash-unit", Title: "本单位待办", Hint: "按办理期限排列：红色已超期，橙色即将超期。",
		Tiles: tiles, MoreURL: "/orders/inbox", Table: &orderTable{ID: "dash-inbox", Rows: rows, Empty: "本单位没有待办工单。"}}, nil
}

func (ui *UI) staffDash(r *http.Request) (dashSection, error) {
	ctx := r.Context()
	s := dashSection{ID: "dash-staff", Title: "政务服务与资产", Hint: "事项目录指标、差评整改和基层终端运行情况。"}
	if ui.Catalog != nil {
		items, err := ui.Catalog.Items(ctx)
		if err != nil {
			return s, err
		}
		c := stats.CatalogFigures(items)
		for _, rt := range c.Rates {
			switch rt.Key {
			case "hall_entry", "one_window", "online", "application_online":
				v := "—"
				if rt.Percent != nil {
					v = strconv.FormatFloat(*rt.Percent, 'f', 2, 64) + "%"
				}
				s.Tiles = append(s.Tiles, dashTile{Label: rt.Name, Value: v, Href: "/catalog?rate=" + rt.Key + "&part=numerator",
					Note: fmt.Sprintf("%d / %d", rt.Numerator, rt.Denominator)})
			}
		}
	}
	if ui.Catalog != nil {
		year, err := ui.yearOf(r, ui.Catalog.LatestCase)
		if err != nil {
			return s, err
		}
		from := time.Date(year, 1, 1, 0, 0, 0, 0, app.Shanghai)
		cases, err := ui.Catalog.Cases(ctx, from, from.AddDate(1, 0, 0))
		if err != nil {
			return s, err
		}
		cf := stats.CaseFigures(cases)
		s.Tiles = append(s.Tiles, dashTile{Label: fmt.Sprintf("%d 年办件按时办结率", year), Value: dashPct(cf.OnTimeRate), Href: "/cases?" + yearRange(from),
			Note: fmt.Sprintf("办件 %d 件，办结 %d 件", cf.Total, cf.Finished)})
	}
	if ui.Evaluations != nil {
		year, err := ui.yearOf(r, ui.Evaluations.Latest)
		if err != nil {
			return s, err
		}
		from := time.Date(year, 1, 1, 0, 0, 0, 0, app.Shanghai)
		evs, err := ui.Evaluations.Evaluations(ctx, evaluation.Filter{From: from, To: from.AddDate(1, 0, 0)})
		if err != nil {
			return s, err
		}
		ef := stats.EvaluationFigures(evs)
		s.Tiles = append(s.Tiles, dashTile{Label: fmt.Sprintf("%d 年好评率", year), Value: dashPct(ef.GoodRate), Href: "/evaluations?" + yearRange(from),
			Note: fmt.Sprintf("评价 %d 条，差评 %d 条", ef.Total, ef.Bad)})
		open, err := ui.Evaluations.Evaluations(ctx, evaluation.Filter{BadOnly: true, OpenOnly: true})
		if err != nil {
			return s, err
		}
		t := dashTile{Label: "差评待整改", Value: strconv.Itoa(len(open)), Href: "/rectifications"}
		if len(open) > 0 {
			t.Tone = "warning"
		}
		s.Tiles = append(s.Tiles, t)
	}
	if ui.Assets != nil {
		down, err := ui.Assets.Faults(ctx, asset.FaultFilter{OpenOnly: true})
		if err != nil {
			return s, err
		}
		t := dashTile{Label: "故障中的终端", Value: strconv.Itoa(len(down)), Href: "/devices/faults"}
		if len(down) > 0 {
			t.Tone = "overdue"
		}
		s.Tiles = append(s.Tiles, t)
	}
	if ui.SelfEval != nil {
		year, err := ui.yearOf(r, ui.latestSelfeval)
		if err != nil {
			return s, err
		}
		e, _, err := ui.SelfEval.Evaluation(ctx, year)
		if err != nil {
			return s, err
		}
		t := dashTile{Label: fmt.Sprintf("%d 年自评待处理问题", year), Value: strconv.Itoa(len(e.Open())),
			Href: fmt.Sprintf("/selfeval?year=%d", year), Note: fmt.Sprintf("共发现 %d 处数据不一致", len(e.Findings))}
		if len(e.Open()) > 0 {
			t.Tone = "warning"
		}
		s.Tiles = append(s.Tiles, t)
	}
	return s, nil
}

func (ui *UI) leaderLive(ctx context.Context) (dashSection, error) {
	tiles, err := ui.orderTiles(ctx, []tileSpec{
		{label: "在办工单", href: "/orders?status=open", f: workorder.Filter{Statuses: dashOpenStates}},
		{label: "超期未办结", href: "/orders?status=open&overdue=1", tone: "overdue", f: workorder.Filter{Statuses: dashOpenStates, Overdue: &dashTrue}},
		{label: "督办中", href: "/orders?status=open&supervised=1", tone: "warning", f: workorder.Filter{Statuses: dashOpenStates, Supervised: &dashTrue}},
		{label: "敏感工单", href: "/orders?status=open&sensitive=1", tone: "warning", f: workorder.Filter{Statuses: dashOpenStates, Sensitive: true}},
	})
	if err != nil {
		return dashSection{}, err
	}
	rows, _, err := ui.Orders.ListFlagged(ctx, workorder.Filter{Statuses: dashOpenStates, Supervised: &dashTrue, Order: "deadline", Page: app.Page{PerPage: 6}})
	if err != nil {
		return dashSection{}, err
	}
	return dashSection{ID: "dash-leader", Title: "当前在办", Tiles: tiles, MoreURL: "/orders?status=open&supervised=1",
		Table: &orderTable{ID: "dash-supervised", Rows: rows, Empty: "没有督办中的工单。"}}, nil
}

// dashFigureHref lists the orders a figure counts over p.
func dashFigureHref(key string, p stats.Period) string {
	return "/orders?" + url.Values{"figure": {key}, "from": {p.First()}, "to": {p.Last()}}.Encode()
}

// yearOf is the year a dashboard's figures show: ?year=, else the year the page opens
// on (openPeriod) for the records latest finds.
func (ui *UI) yearOf(r *http.Request, latest latestFunc) (int, error) {
	now := ui.now().In(app.Shanghai)
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 2000 && y <= now.Year() {
		return y, nil
	}
	from, err := openPeriod(r.Context(), spanYear, ui.thisYear(), latest)
	return from.Year(), err
}
