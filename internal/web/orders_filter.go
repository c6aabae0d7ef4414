package web

import (
	"net/url"
	"strconv"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/workorder"
)

// orderQuery is the order list's filter form as the person filled it in.
type orderQuery struct {
	Status, Type, Unit, Town, Category, From, To, Q, Sort      string
	Overdue, Warning, Supervised, Urgent, Returned, ExtPending bool
	Sensitive                                                  bool
	Page                                                       int
}

// perPage is the length of a page of orders.
const perPage = 20

// parseOrderQuery reads the list's query string into the form values and the
// service filter; a malformed date is reported in Chinese and ignored.
func parseOrderQuery(v url.Values) (orderQuery, workorder.Filter, []string) {
	q := orderQuery{
		Status: v.Get("status"), Type: v.Get("type"), Unit: strings.TrimSpace(v.Get("unit")),
		Town: strings.TrimSpace(v.Get("town")), Category: strings.TrimSpace(v.Get("category")),
		From: strings.TrimSpace(v.Get("from")), To: strings.TrimSpace(v.Get("to")), Q: strings.TrimSpace(v.Get("q")),
		Sort: v.Get("sort"), Overdue: v.Get("overdue") == "1", Warning: v.Get("warning") == "1",
		Supervised: v.Get("supervised") == "1", Urgent: v.Get("urgent") == "1", Returned: v.Get("returned") == "1",
		ExtPending: v.Get("ext") == "1", Sensitive: v.Get("sensitive") == "1",
	}
	pg, _ := app.ParsePage(v.Get("page"), "", perPage) // a bad page shows the first
	q.Page = pg.Page
	f := workorder.Filter{UnitCode: q.Unit, Town: q.Town, Category: q.Category, Q: q.Q,
		Warning: q.Warning, Sensitive: q.Sensitive, Page: app.Page{Page: q.Page, PerPage: perPage}}
	var probs []string
	if _, ok := workorder.StatusNames[workorder.Status(q.Status)]; ok {
		f.Statuses = []workorder.Status{workorder.Status(q.Status)}
	} else if q.Status == "open" {
		f.Statuses = workorder.Statuses[:len(workorder.Statuses)-1]
	} else if q.Status == "inhand" {
		f.Statuses = workorder.InHand
	} else {
		q.Status = ""
	}
	if workorder.ValidType(q.Type) {
		f.Type = q.Type
	} else {
		q.Type = ""
	}
	if q.From != "" {
		if t, err := app.ParseDate(q.From); err == nil {
			f.From = t
		} else {
			probs = append(probs, "起始日期格式应为 YYYY-MM-DD")
		}
	}
	if q.To != "" {
		if t, err := app.ParseDate(q.To); err == nil {
			f.To = t.AddDate(0, 0, 1) // the end date is included
		} else {
			probs = append(probs, "截止日期格式应为 YYYY-MM-DD")
		}
	}
	yes := true
	if fc := v.Get("fc"); fc == "1" || fc == "0" { // resolved at intake or not (first-call dashboard links)
		resolved := fc == "1"
		f.FirstCall = &resolved
	}
	if q.Overdue {
		f.Overdue = &yes
	}
	if q.Supervised {
		f.Supervised = &yes
	}
	if q.Urgent {
		f.Urgent = &yes
	}
	if q.Returned {
		f.MinReturns = 1
	}
	if q.Sort != "deadline" && q.Sort != workorder.OrderOldest {
		q.Sort = "received"
	}
	f.Order = q.Sort
	return q, f, probs
}

// pager is the navigation between pages of a list.
type pager struct {
	Page, Pages, Total int
	PrevURL, NextURL   string
}

// newPager links the neighbouring pages, keeping the rest of the query.
func newPager(path string, v url.Values, page, total, per int) pager {
	p := pager{Page: page, Total: total, Pages: (total + per - 1) / per}
	link := func(n int) string {
		c := url.Values{}
		for k, vs := range v {
			c[k] = vs
		}
		c.Set("page", strconv.Itoa(n))
		return path + "?" + c.Encode()
	}
	if page > 1 {
		p.PrevURL = link(page - 1)
	}
	if page < p.Pages {
		p.NextURL = link(page + 1)
	}
	return p
}
