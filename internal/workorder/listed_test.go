package workorder_test

import (
	"slices"
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

func TestService_ListFlagged(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		must := musts(t)
		start := at("2022-09-01T09:00:00+08:00")
		var nos []string // oldest first
		for i := range 5 {
			nos = append(nos, f.create(t, "投诉", start.AddDate(0, 0, i)).No)
		}
		// created out of receipt order: ids and receipt times disagree.
		early := f.create(t, "投诉", start.Add(-time.Hour))
		nos = append([]string{early.No}, nos...)

		t.Run("OldestFirst", func(t *testing.T) {
			var got []string
			for p := 1; p <= 3; p++ {
				list, total, err := f.Orders.ListFlagged(f.Dispatcher, workorder.Filter{Order: workorder.OrderOldest, Page: app.Page{Page: p, PerPage: 4}})
				if err != nil || total != 6 {
					t.Fatalf("page %d: total %d, err %v", p, total, err)
				}
				for _, l := range list {
					got = append(got, l.No)
				}
			}
			if !slices.Equal(got, nos) {
				t.Fatalf("oldest first %v, want %v", got, nos)
			}
		})

		t.Run("Flags", func(t *testing.T) {
			f.Clock.T = at("2022-09-30T09:00:00+08:00")
			o, _ := f.Orders.Get(f.Dispatcher, early.ID)
			o = must(f.Orders.Dispatch(f.Dispatcher, o.ID, o.Version, workorder.DispatchInput{UnitCode: "U001"}))
			f.Clock.T = at("2022-10-17T09:00:00+08:00") // 8 of the 9 working days used (National Day holiday in between)
			list, _, err := f.Orders.ListFlagged(f.Dispatcher, workorder.Filter{Statuses: []workorder.Status{workorder.Dispatched}})
			if err != nil || len(list) != 1 {
				t.Fatalf("list %v, err %v", list, err)
			}
			if l := list[0]; l.Tone() != "warning" || l.RemainingDays != 1 {
				t.Fatalf("warned order: flags %+v remaining %v tone %q", l.Flags, l.RemainingDays, l.Tone())
			}
			f.Clock.T = at("2022-10-19T09:00:00+08:00")
			list, _, _ = f.Orders.ListFlagged(f.Dispatcher, workorder.Filter{Statuses: []workorder.Status{workorder.Dispatched}})
			if l := list[0]; !l.Flags.Overdue || !l.Counting || l.RemainingDays >= 0 || l.Tone() != "overdue" {
				t.Fatalf("overdue order: %+v flags %+v remaining %v tone %q", l.No, l.Flags, l.RemainingDays, l.Tone())
			}
			f.Clock.T = at("2022-09-30T10:00:00+08:00")
			list, _, _ = f.Orders.ListFlagged(f.Dispatcher, workorder.Filter{Statuses: []workorder.Status{workorder.Dispatched}})
			if l := list[0]; l.Tone() != "normal" || l.RemainingDays <= 8 {
				t.Fatalf("fresh order: tone %q remaining %v", l.Tone(), l.RemainingDays)
			}
			// Not signed for past the sign-for limit, far from the deadline: late, not green.
			f.Clock.T = at("2022-10-10T09:00:00+08:00")
			list, _, _ = f.Orders.ListFlagged(f.Dispatcher, workorder.Filter{Statuses: []workorder.Status{workorder.Dispatched}})
			if l := list[0]; !l.Flags.SignLate || l.Flags.Warning || l.Flags.Overdue || l.Tone() != "warning" {
				t.Fatalf("unsigned past the sign-for limit: flags %+v tone %q", l.Flags, l.Tone())
			}
		})

		t.Run("PendingExtensions", func(t *testing.T) {
			f.Clock.T = at("2022-09-30T11:00:00+08:00")
			o, _ := f.Orders.Get(f.Handler1, early.ID)
			o = must(f.Orders.Accept(f.Handler1, o.ID, o.Version))
			list, total, err := f.Orders.PendingExtensions(f.Dispatcher, workorder.Filter{})
			if err != nil || total != 0 || len(list) != 0 {
				t.Fatalf("before a request: %v %d %v", list, total, err)
			}
			must(f.Orders.RequestExtension(f.Handler1, o.ID, o.Version, 2, "需要现场勘查"))
			list, total, err = f.Orders.PendingExtensions(f.Dispatcher, workorder.Filter{})
			if err != nil || total != 1 || list[0].ID != o.ID {
				t.Fatalf("after a request: %v %d %v", list, total, err)
			}
		})

		t.Run("Detail", func(t *testing.T) {
			d, err := f.Orders.Detail(f.Dispatcher, early.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(d.Allowed, []string{workorder.CmdDecide, workorder.CmdRemind}) || len(d.Events) != 4 || d.MustFinal {
				t.Fatalf("dispatcher's detail: allowed %v, %d events, must final %v", d.Allowed, len(d.Events), d.MustFinal)
			}
			d, err = f.Orders.Detail(f.Dispatcher, nosOrder(t, f, nos[1]))
			if err != nil || len(d.Hints) == 0 {
				t.Fatalf("received order's duplicate hints: %v (%v)", d.Hints, err)
			}
			if _, err := f.Orders.Detail(f.Handler2, early.ID); app.ErrorCode(err) != app.ENotFound {
				t.Fatalf("another unit's detail: %v", err)
			}
		})
	})
}

func nosOrder(t *testing.T, f *fixture, no string) int64 {
	t.Helper()
	list, _, err := f.Orders.List(f.Dispatcher, workorder.Filter{Q: no})
	if err != nil || len(list) != 1 {
		t.Fatalf("find %s: %v %v", no, list, err)
	}
	return list[0].ID
}
