package web

import (
	"net/http"
	"sort"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/httpx"
	"govdesk/internal/workorder"
)

// closeReasons names how an order was closed.
var closeReasons = map[string]string{
	workorder.CloseIntake: "直接办结", workorder.CloseDuplicate: "重复件", workorder.CloseCallback: "回访后办结",
	workorder.CloseNoContact: "无法回访", workorder.CloseReview: "审核通过即办结", workorder.CloseImport: "历史导入",
}

// eventView is one line of the timeline in Chinese.
type eventView struct {
	At       time.Time
	Actor    string
	Action   string
	From, To string
	Note     string
	Details  []string
}

type orderData struct {
	workorder.Detail
	Timeline        []eventView
	Can             map[string]bool
	HasActions      bool
	Units           []account.Unit // dispatch targets
	UnitName        string
	CoUnits         []string
	CloseReason     string
	CallbackResults []string
	CoHandling      bool // the actor's unit helps (协办) but does not lead
	Files           attachmentsView
	Suggest         orderSuggestions // dispatch suggestion (kb_suggest.go), preselected in the dispatch form
	ReturnHistory   []returnView     // the order's returns (退单), shown beside the dispatch form
	ReturnedBy      map[string]bool  // codes of the units that returned the order
	Typed           typed            // a refused command form, filled in again
	names           map[string]string
}

// Who is the name of the person behind a user name, as pages show who acted; the
// user name itself when no user has it (an import, an integration).
func (d orderData) Who(username string) string {
	if n := d.names[username]; n != "" {
		return n
	}
	return username
}

// returnView is one return (退单) of the order as the dispatch form shows it.
type returnView struct {
	Unit, Reason, Actor string
	At                  time.Time
}

// order is the order page (/orders/{id}): every field, the deadline and flags, the
// timeline, and the forms of the commands the actor may run now.
func (ui *UI) order(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id", "工单")
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	ui.showOrder(w, r, http.StatusOK, id, typed{}, "")
}

// showOrder renders the order page; after a refused command its form comes back as
// typed, with msg above the page.
func (ui *UI) showOrder(w http.ResponseWriter, r *http.Request, status int, id int64, t typed, msg string) {
	det, err := ui.Orders.Detail(r.Context(), id)
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	units, err := ui.Accounts.Units(r.Context())
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	names := map[string]string{}
	for _, u := range units {
		names[u.Code] = u.Name
	}
	d := orderData{Detail: det, Can: map[string]bool{}, CloseReason: closeReasons[det.CloseReason],
		CallbackResults: workorder.CallbackResults, UnitName: det.UnitName, Typed: t}
	a, _ := actor(r)
	d.CoHandling = a.Is(unitRoles...) && a.UnitID != det.UnitID
	for _, c := range det.Allowed {
		d.Can[c], d.HasActions = true, true
	}
	if d.Files, err = ui.orderAttachments(r, det); err != nil {
		ui.fail(w, r, err)
		return
	}
	if d.names, err = ui.Accounts.DisplayNames(r.Context(), orderActors(det, d.Files.List)); err != nil {
		ui.fail(w, r, err)
		return
	}
	d.ReturnedBy = map[string]bool{}
	for _, rt := range det.Returned {
		d.ReturnHistory = append(d.ReturnHistory, returnView{Unit: unitLabel(names, rt.UnitCode), Reason: rt.Reason, Actor: d.Who(rt.Actor), At: rt.At})
		d.ReturnedBy[rt.UnitCode] = true
	}
	if d.Can[workorder.CmdDispatch] {
		d.Suggest = ui.dispatchSuggestions(r, det)
		for _, u := range units {
			if u.Active {
				d.Units = append(d.Units, u)
			}
		}
	}
	for _, c := range det.CoUnits {
		d.CoUnits = append(d.CoUnits, unitLabel(names, c))
	}
	for _, ev := range det.Events {
		d.Timeline = append(d.Timeline, describeEvent(ev, names))
	}
	p := page{Title: "工单 " + det.No, Breadcrumbs: []crumb{{"工作台", "/"}, {"工单", "/orders"}, {det.No, ""}}, Data: d}
	if msg != "" {
		p.Flash = flash{Kind: "error", Message: msg}
	}
	ui.render(w, r, status, "order", p)
}

// orderActors lists the user names of everyone who acted on the order or added a file to it.
func orderActors(det workorder.Detail, files []workorder.Attachment) []string {
	var out []string
	for _, ev := range det.Events {
		out = append(out, ev.Actor)
	}
	for _, f := range files {
		out = append(out, f.UploadedBy)
	}
	return out
}

func unitLabel(names map[string]string, code string) string {
	if n := names[code]; n != "" {
		return n + "（" + code + "）"
	}
	return code
}

// describeEvent turns an event's data into Chinese phrases.
func describeEvent(ev workorder.Event, names map[string]string) eventView {
	v := eventView{At: ev.At, Actor: ev.Actor, Action: workorder.CommandNames[ev.Action], Note: ev.Note,
		From: workorder.StatusNames[ev.From], To: workorder.StatusNames[ev.To]}
	if v.Action == "" {
		v.Action = ev.Action
	}
	keys := make([]string, 0, len(ev.Data))
	for k := range ev.Data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		val := ev.Data[k]
		var s string
		switch k {
		case "unit":
			s = "承办单位：" + unitLabel(names, val)
			if ev.Action == workorder.CmdReturn {
				s = "退回单位：" + unitLabel(names, val)
			}
		case "co_units":
			s = "协办单位：" + val
		case "limit_days":
			s = "办理时限 " + val + " 个工作日"
		case "days":
			s = "延期 " + val + " 个工作日"
		case "final":
			s = "指定主办（不可退单）"
		case "late":
			s = "超时签收"
		case "approve":
			s = map[bool]string{true: "同意", false: "不同意"}[val == "true"]
			if ev.Action == workorder.CmdReview {
				s = map[bool]string{true: "审核通过", false: "退回重办"}[val == "true"]
			}
		case "result":
			s = "回访结果：" + val
		case "resolved":
			s = map[bool]string{true: "问题已解决", false: "问题未解决"}[val == "true"]
		case "of":
			s = "原工单：" + val
		case "kb_article_id":
			s = "引用知识库条目 #" + val
		case "source":
			s = "来源：" + val
		default:
			s = k + "：" + val
		}
		if s != "" && !(k == "late" && ev.Note == "超时签收") && !(k == "final" && ev.Note == "指定主办") {
			v.Details = append(v.Details, s)
		}
	}
	return v
}
