package web

import (
	"net/http"
	"net/url"

	"govdesk/internal/app"
	"govdesk/internal/httpx"
)

// A form the service refuses comes back to its page, filled in as it was sent, with a
// message a person understands; it never ends on a bare error page. Each form's handler
// knows how to show its page again (the again function given to refused); the message
// and the log line are decided here, once for every form.

// typed is what was typed in a refused form, for its page to fill the form in again.
// The zero value is "nothing refused". Templates ask it by form name, so only the form
// that was sent is filled in on a page with several.
type typed struct {
	Form   string // the refused form's name: an order command ("reply", "callback", …)
	Values url.Values
}

// Value returns the field's value as sent in the named form, "" for any other form.
func (t typed) Value(form, field string) string {
	if t.Form != form || t.Values == nil {
		return ""
	}
	return t.Values.Get(field)
}

// Checked reports whether the named form was sent with the field set to value (a radio
// button, a checkbox or an option).
func (t typed) Checked(form, field, value string) bool {
	if t.Form != form || t.Values == nil {
		return false
	}
	for _, v := range t.Values[field] {
		if v == value {
			return true
		}
	}
	return false
}

// refused answers a form the service refused. A visitor whose session ended goes to
// the login page; otherwise the error is logged and again shows the form's page with
// the status and formMessage(err), the form filled in as it was sent.
func (ui *UI) refused(w http.ResponseWriter, r *http.Request, err error, again func(status int, msg string)) {
	httpx.LogError(r, err)
	if app.ErrorCode(err) == app.EUnauthorized {
		redirectToLogin(w, r)
		return
	}
	again(httpx.Status(err), formMessage(err))
}

// keptMessage ends a message about a failure that was not the person's input.
const keptMessage = "您填写的内容已保留，请核对后重新提交"

// formMessage is what a person reads of a refused form: the service's Chinese message
// for a refusal of what was typed or done; for a failure of the system (internal) a
// plain sentence, the English detail going to the log only.
func formMessage(err error) string {
	switch app.ErrorCode(err) {
	case app.EInternal:
		return "系统暂时无法完成操作，请稍后重试。" + keptMessage
	case app.EConflict:
		return app.ErrorMessage(err) + "。" + keptMessage
	}
	return app.ErrorMessage(err)
}
