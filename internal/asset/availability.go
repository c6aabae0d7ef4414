package asset

import (
	"sort"
	"time"
)

// Period is a span of time [From, To).
type Period struct{ From, To time.Time }

// Availability is the availability of a set of devices over a period (SPEC §8).
type Availability struct {
	// Devices is the number of devices in service during the period (启用日期
	// before its end).
	Devices int
	// Faults is the number of faults that began in the period.
	Faults int
	// Downtime is the time devices were down inside the period, the overlapping
	// faults of one device counted once.
	Downtime time.Duration
	// Service is the device-time in service inside the period, each device from
	// its 启用日期 and up to now when the period has not ended yet.
	Service time.Duration
}

// DowntimeHours returns the downtime in hours, rounded to two decimals.
func (a Availability) DowntimeHours() float64 { return round2(a.Downtime.Hours()) }

// Percent returns 1 − downtime / service time as a percent rounded to two
// decimals; nil when no device was in service.
func (a Availability) Percent() *float64 {
	if a.Service <= 0 {
		return nil
	}
	p := round2(100 * (1 - a.Downtime.Seconds()/a.Service.Seconds()))
	return &p
}

// Report is the JSON form of SPEC §13: {devices, faults, downtime_hours, availability}.
type Report struct {
	Devices       int      `json:"devices"`
	Faults        int      `json:"faults"`
	DowntimeHours float64  `json:"downtime_hours"`
	Availability  *float64 `json:"availability"`
}

// Report returns the figures with the keys of SPEC §13.
func (a Availability) Report() Report {
	return Report{Devices: a.Devices, Faults: a.Faults, DowntimeHours: a.DowntimeHours(), Availability: a.Percent()}
}

// Compute returns the availability of devs over p given their faults. Times
// after now do not count: an open fault runs to now, and so does service time.
func Compute(devs []Device, faults []Fault, p Period, now time.Time) Availability {
	byDev := map[int64][]Fault{}
	for _, f := range faults {
		byDev[f.DeviceID] = append(byDev[f.DeviceID], f)
	}
	var a Availability
	end := p.To
	if now.Before(end) {
		end = now
	}
	for _, d := range devs {
		if !d.InService.Before(p.To) {
			continue
		}
		a.Devices++
		for _, f := range byDev[d.ID] {
			if !f.StartedAt.Before(p.From) && f.StartedAt.Before(p.To) {
				a.Faults++
			}
		}
		start := p.From
		if d.InService.After(start) {
			start = d.InService
		}
		if !start.Before(end) {
			continue
		}
		a.Service += end.Sub(start)
		a.Downtime += downtime(byDev[d.ID], start, end, now)
	}
	return a
}

// downtime is the length of the union of the faults' intervals clipped to [from, to).
func downtime(faults []Fault, from, to, now time.Time) time.Duration {
	type span struct{ a, b time.Time }
	var spans []span
	for _, f := range faults {
		b := f.RecoveredAt
		if b.IsZero() {
			b = now
		}
		a := f.StartedAt
		if a.Before(from) {
			a = from
		}
		if b.After(to) {
			b = to
		}
		if a.Before(b) {
			spans = append(spans, span{a, b})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].a.Before(spans[j].a) })
	var total time.Duration
	var cur span
	for i, s := range spans {
		switch {
		case i == 0:
			cur = s
		case !s.a.After(cur.b):
			if s.b.After(cur.b) {
				cur.b = s.b
			}
		default:
			total += cur.b.Sub(cur.a)
			cur = s
		}
	}
	if len(spans) > 0 {
		total += cur.b.Sub(cur.a)
	}
	return total
}

// Group is the availability of one device, town or month.
type Group struct {
	Key  string // device code, town name or YYYY-MM
	Name string // device name, town name or 2022年9月
	Availability
}

// ByDevice returns the availability of each device in service during p, by code.
func ByDevice(devs []Device, faults []Fault, p Period, now time.Time) []Group {
	var out []Group
	for _, d := range devs {
		a := Compute([]Device{d}, faults, p, now)
		if a.Devices > 0 {
			out = append(out, Group{Key: d.Code, Name: d.Name, Availability: a})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// ByTown returns the availability of the devices of each town, by town name.
func ByTown(devs []Device, faults []Fault, p Period, now time.Time) []Group {
	towns := map[string][]Device{}
	for _, d := range devs {
		towns[d.Town] = append(towns[d.Town], d)
	}
	var out []Group
	for t, ds := range towns {
		if a := Compute(ds, faults, p, now); a.Devices > 0 {
			out = append(out, Group{Key: t, Name: t, Availability: a})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// ByMonth returns the availability of every calendar month (Asia/Shanghai)
// that p touches, each clipped to p.
func ByMonth(devs []Device, faults []Fault, p Period, now time.Time, loc *time.Location) []Group {
	var out []Group
	f := p.From.In(loc)
	m := time.Date(f.Year(), f.Month(), 1, 0, 0, 0, 0, loc)
	for m.Before(p.To) {
		next := m.AddDate(0, 1, 0)
		q := Period{From: m, To: next}
		if q.From.Before(p.From) {
			q.From = p.From
		}
		if q.To.After(p.To) {
			q.To = p.To
		}
		out = append(out, Group{Key: m.Format("2006-01"), Name: m.Format("2006年1月"), Availability: Compute(devs, faults, q, now)})
		m = next
	}
	return out
}
