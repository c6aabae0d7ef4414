package web

import (
	"net/http"
	"strconv"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/workday"
	"govdesk/internal/workorder"
)

func (ui *UI) units(w http.ResponseWriter, r *http.Request) {
	list, err := ui.Accounts.Units(r.Context())
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	ui.render(w, r, http.StatusOK, "units", page{Title: "单位管理", Breadcrumbs: []crumb{{"工作台", "/"}, {"单位管理", ""}}, Data: list})
}

func (ui *UI) users(w http.ResponseWriter, r *http.Request) {
	list, err := ui.Accounts.Users(r.Context())
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	ui.render(w, r, http.StatusOK, "users", page{Title: "用户管理", Breadcrumbs: []crumb{{"工作台", "/"}, {"用户管理", ""}},
		Data: struct{ Users []account.User }{list}})
}

type calendarData struct {
	Year      int
	Prev      int
	Next      int
	Warning   string
	Days      []workday.Day // holidays and makeup days of the year
	Overrides []workday.Override
	Working   int
}

func (ui *UI) calendar(w http.ResponseWriter, r *http.Request) {
	year := ui.now().In(app.Shanghai).Year()
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 2000 && y <= 2099 {
		year = y
	}
	cal, err := ui.Calendar.Load(r.Context())
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	ov, err := ui.Calendar.FindOverrides(r.Context())
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	d := calendarData{Year: year, Prev: year - 1, Next: year + 1, Warning: cal.Warning(year)}
	for t := time.Date(year, 1, 1, 0, 0, 0, 0, app.Shanghai); t.Year() == year; t = t.AddDate(0, 0, 1) {
		day := cal.Day(t)
		if day.Working {
			d.Working++
		}
		if day.Kind == workday.KindHoliday || day.Kind == workday.KindMakeup {
			d.Days = append(d.Days, day)
		}
	}
	for _, o := range ov {
		if o.Date[:4] == strconv.Itoa(year) {
			d.Overrides = append(d.Overrides, o)
		}
	}
	ui.render(w, r, http.StatusOK, "calendar", page{Title: "工作日历", Breadcrumbs: []crumb{{"工作台", "/"}, {"工作日历", ""}}, Data: d})
}

type slaRow struct {
	workorder.Policy
	Types []typeLimit
}

type typeLimit struct {
	Type string
	Days float64
}

func (ui *UI) sla(w http.ResponseWriter, r *http.Request) {
	ps, err := ui.Policies.List(r.Context())
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	var rows []slaRow
	for i := len(ps) - 1; i >= 0; i-- {
		row := slaRow{Policy: ps[i]}
		for _, t := range workorder.Types {
			row.Types = append(row.Types, typeLimit{t, ps[i].Limits[t]})
		}
		rows = append(rows, row)
	}
	ui.render(w, r, http.StatusOK, "sla", page{Title: "办理时限", Breadcrumbs: []crumb{{"工作台", "/"}, {"办理时限", ""}},
		Data: struct {
			Rows  []slaRow
			Types []string
		}{rows, workorder.Types}})
}
