package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/httpx"
	"govdesk/internal/workorder"
)

// orderCommand parses one command's form and runs it; done is the success message.
type orderCommand struct {
	run  func(ctx context.Context, s *workorder.Service, id int64, version int, f url.Values) (workorder.Order, error)
	done string
}

// orderCommands are the forms of the order page, by the last part of their path.
var orderCommands = map[string]orderCommand{
	workorder.CmdAccept: {done: "已签收，请及时办理", run: func(ctx context.Context, s *workorder.Service, id int64, v int, f url.Values) (workorder.Order, error) {
		return s.Accept(ctx, id, v)
	}},
	workorder.CmdReply: {done: "答复已提交，等待审核", run: func(ctx context.Context, s *workorder.Service, id int64, v int, f url.Values) (workorder.Order, error) {
		return s.Reply(ctx, id, v, f.Get("text"))
	}},
	workorder.CmdExtension: {done: "延期申请已提交，等待派单员审批", run: func(ctx context.Context, s *workorder.Service, id int64, v int, f url.Values) (workorder.Order, error) {
		days, err := strconv.ParseFloat(strings.TrimSpace(f.Get("days")), 64)
		if err != nil {
			return workorder.Order{}, app.Invalid("延期天数应为数字，如 2 或 1.5")
		}
		return s.RequestExtension(ctx, id, v, days, f.Get("reason"))
	}},
	workorder.CmdReturn: {done: "已退单，工单回到派单池", run: func(ctx context.Context, s *workorder.Service, id int64, v int, f url.Values) (workorder.Order, error) {
		return s.Return(ctx, id, v, f.Get("reason"))
	}},
	workorder.CmdDispatch: {done: "派单成功", run: func(ctx context.Context, s *workorder.Service, id int64, v int, f url.Values) (workorder.Order, error) {
		return s.Dispatch(ctx, id, v, workorder.DispatchInput{UnitCode: f.Get("unit_code"), CoUnits: f["co_units"], Final: f.Get("final") == "1"})
	}},
	workorder.CmdDecide: {done: "延期审批已完成", run: func(ctx context.Context, s *workorder.Service, id int64, v int, f url.Values) (workorder.Order, error) {
		approve, err := choice(f, "approve", "请选择同意或不同意")
		if err != nil {
			return workorder.Order{}, err
		}
		return s.DecideExtension(ctx, id, v, approve, f.Get("note"))
	}},
	workorder.CmdReview: {done: "审核已完成", run: func(ctx context.Context, s *workorder.Service, id int64, v int, f url.Values) (workorder.Order, error) {
		approve, err := choice(f, "approve", "请选择审核通过或退回重办")
		if err != nil {
			return workorder.Order{}, err
		}
		return s.Review(ctx, id, v, approve, f.Get("reason"))
	}},
	workorder.CmdCallback: {done: "回访已记录", run: func(ctx context.Context, s *workorder.Service, id int64, v int, f url.Values) (workorder.Order, error) {
		var resolved *bool // not asked when the citizen could not be reached
		if b, err := choice(f, "resolved", ""); err == nil {
			resolved = &b
		}
		return s.Callback(ctx, id, v, f.Get("result"), resolved, f.Get("note"))
	}},
	workorder.CmdRemind: {done: "已催办，承办单位将收到提醒", run: func(ctx context.Context, s *workorder.Service, id int64, v int, f url.Values) (workorder.Order, error) {
		return s.Remind(ctx, id, v, f.Get("note"))
	}},
	workorder.CmdSupervise: {done: "已列入督办", run: func(ctx context.Context, s *workorder.Service, id int64, v int, f url.Values) (workorder.Order, error) {
		return s.Supervise(ctx, id, v, f.Get("note"))
	}},
	workorder.CmdDuplicate: {done: "已标记为重复件并办结", run: func(ctx context.Context, s *workorder.Service, id int64, v int, f url.Values) (workorder.Order, error) {
		if f.Get("confirm") != "1" {
			return workorder.Order{}, app.Invalid("请勾选确认后再标记重复件（此操作不可撤销）")
		}
		return s.MarkDuplicate(ctx, id, v, f.Get("of"))
	}},
	workorder.CmdResolve: {done: "已直接办结", run: func(ctx context.Context, s *workorder.Service, id int64, v int, f url.Values) (workorder.Order, error) {
		if f.Get("confirm") != "1" {
			return workorder.Order{}, app.Invalid("请勾选确认后再直接办结（此操作不可撤销）")
		}
		var kb int64
		if s := strings.TrimSpace(f.Get("kb_article_id")); s != "" {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n <= 0 {
				return workorder.Order{}, app.Invalid("知识库条目编号应为正整数")
			}
			kb = n
		}
		return s.Resolve(ctx, id, v, f.Get("answer"), kb)
	}},
}

// choice reads a yes/no radio ("1" or "0") that must be answered.
func choice(f url.Values, name, missing string) (bool, error) {
	switch f.Get(name) {
	case "1":
		return true, nil
	case "0":
		return false, nil
	}
	return false, app.Invalid("%s", missing)
}

// orderCommand runs a command form (POST /orders/{id}/{command}) and goes back to the
// order page with the outcome as a flash message. A refused command shows the order
// page again, as it is now, with the form filled in as it was sent.
func (ui *UI) orderCommand(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id", "工单")
	name := r.PathValue("cmd")
	cmd, ok := orderCommands[name]
	if err != nil || !ok {
		ui.fail(w, r, app.NotFound("页面不存在"))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 256<<10)
	if err := r.ParseForm(); err != nil {
		ui.fail(w, r, app.Invalid("表单内容无法读取或过大"))
		return
	}
	version, err := strconv.Atoi(r.PostForm.Get("version"))
	if err != nil || version <= 0 {
		err = app.Invalid("表单缺少工单版本号，请刷新页面后重试")
	} else {
		var o workorder.Order
		if o, err = cmd.run(r.Context(), ui.Orders, id, version, r.PostForm); err == nil {
			back := "/orders/" + strconv.FormatInt(id, 10)
			ui.redirectWith(w, r, afterCommand(r, &o, back), "ok", doneMessage(cmd, name, o))
			return
		}
	}
	ui.refused(w, r, err, func(status int, msg string) {
		if app.ErrorCode(err) == app.EConflict {
			msg = "工单已被他人修改，下面是最新内容。" + keptMessage
		}
		ui.showOrder(w, r, status, id, typed{Form: name, Values: r.PostForm}, msg)
	})
}

// doneMessage says what a command did.
func doneMessage(cmd orderCommand, name string, o workorder.Order) string {
	msg := cmd.done
	if o.Status == workorder.Closed && name != workorder.CmdDuplicate && name != workorder.CmdResolve {
		msg += "，工单已办结"
	} else if name == workorder.CmdCallback && o.Status == workorder.Accepted {
		msg += "，群众不满意，工单已重新交办"
	}
	return msg
}

// afterCommand is where a successful command leads: back to the order, or — when the
// actor no longer sees it (a unit that returned it) — to the unit's inbox.
func afterCommand(r *http.Request, o *workorder.Order, back string) string {
	a, _ := actor(r)
	switch {
	case workorder.Visible(a, o):
		return back
	case may(a, "/orders/inbox"):
		return "/orders/inbox"
	}
	return "/orders"
}
