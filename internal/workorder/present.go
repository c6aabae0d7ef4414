package workorder

import (
	"govdesk/internal/app"
	"govdesk/internal/privacy"
)

// IdentityRoles may know who filed an anonymous order (匿名): the roles that take the
// call and call the citizen back (operator, dispatcher) and the administrator. The
// handling unit, the centre's staff and leaders see the matter, never the person.
var IdentityRoles = []string{app.RoleOperator, app.RoleDispatcher, app.RoleAdmin}

// Reading says how an order is read: one order (its page, an export — reads of a full
// phone that the caller writes to the access log) or a row of a list, where every
// role reads the phone masked.
type Reading bool

const (
	ReadList Reading = false
	ReadOne  Reading = true
)

// sight is what an actor may see of one order.
type sight struct {
	hidden bool // an anonymous order read by someone who may not know the person
	full   bool // the full phone, and free text as written
	public bool // the public: free text scrubbed, no person at all
}

func sightOf(a app.Actor, o *Order, r Reading) sight {
	s := sight{public: a.Role == app.RolePublic}
	s.hidden = o.Anonymous && !a.Is(IdentityRoles...)
	s.full = bool(r) && a.Is(FullPhoneRoles...) && !s.hidden && !s.public
	return s
}

// text hides the personal data of a free text (title, content, reply, notes) the
// sight may not read: masked (139****0002) for staff, scrubbed for the public; the
// citizen's name too where the person is hidden.
func (s sight) text(o *Order) func(string) string {
	switch {
	case s.public:
		return func(t string) string { return privacy.MaskName(privacy.Scrub(t), o.CitizenName) }
	case s.hidden:
		return func(t string) string { return privacy.MaskName(privacy.Mask(t), o.CitizenName) }
	case !s.full:
		return privacy.Mask
	}
	return func(t string) string { return t }
}

// Present returns the order as the actor may see it — the one place every door (web
// and API lists and pages, exports, briefs, drill-downs, search results, Open311) takes
// an order through before showing it:
//   - an anonymous order's citizen is shown as 匿名 with no phone, except to IdentityRoles;
//   - the full phone only to FullPhoneRoles reading one order (ReadOne), masked otherwise;
//   - phones, identity numbers and e-mail addresses inside the free text are masked
//     exactly when the phone is (privacy.Mask), scrubbed entirely for the public.
func Present(a app.Actor, o Order, r Reading) Order {
	s := sightOf(a, &o, r)
	text := s.text(&o)
	o.Title, o.Content, o.ReplyText = text(o.Title), text(o.Content), text(o.ReplyText)
	o.ExtPendingReason, o.CallbackNote = text(o.ExtPendingReason), text(o.CallbackNote)
	switch {
	case s.hidden || s.public:
		o.CitizenName, o.CitizenPhone = AnonymousName, ""
		if s.public {
			o.CitizenName = ""
		}
	case !s.full:
		o.CitizenPhone = MaskPhone(o.CitizenPhone)
	}
	return o
}

// presentAll presents the rows of a list.
func presentAll(a app.Actor, list []Order) []Order {
	for i := range list {
		list[i] = Present(a, list[i], ReadList)
	}
	return list
}

// AnonymousName stands for the citizen of an anonymous order.
const AnonymousName = "匿名"

// PresentEvents returns an order's timeline as the actor may see it: the notes and
// details hidden like the order's free text. o is the order as stored.
func PresentEvents(a app.Actor, o *Order, evs []Event, r Reading) []Event {
	text := sightOf(a, o, r).text(o)
	out := make([]Event, len(evs))
	for i, e := range evs {
		e.Note = text(e.Note)
		if len(e.Data) > 0 {
			d := make(map[string]string, len(e.Data))
			for k, v := range e.Data {
				d[k] = text(v)
			}
			e.Data = d
		}
		out[i] = e
	}
	return out
}

// PresentNotice hides the personal data of a notice's text for every reader: a
// notice points at its order, whose page shows what the reader may see.
func PresentNotice(n Notice) Notice {
	n.Title, n.Body = privacy.Mask(n.Title), privacy.Mask(n.Body)
	return n
}
