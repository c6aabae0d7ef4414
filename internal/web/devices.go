package web

import (
	"fmt"
	"net/http"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/asset"
)

// pctText shows a percent to two decimals, "—" when there is none.
func pctText(p *float64) string {
	if p == nil {
		return "—"
	}
	return fmt.Sprintf("%.2f%%", *p)
}

type deviceRow struct {
	asset.Device
	Status, Tone, Since, Beat string
}

type townDevices struct {
	Town              string
	Devices           []deviceRow
	Total, Down, Idle int
}

func deviceRows(devs []asset.Device, now time.Time) ([]townDevices, int, int) {
	var towns []townDevices
	idx := map[string]int{}
	down := 0
	for _, d := range devs {
		st := d.Status(now)
		row := deviceRow{Device: d, Status: st, Tone: map[string]string{"故障": "overdue", "未启用": "warning"}[st],
			Since: fmtDate(d.InService), Beat: "未接入心跳"}
		if d.HasToken {
			row.Beat = "未收到"
			if !d.LastHeartbeat.IsZero() {
				row.Beat = fmtDateTime(d.LastHeartbeat)
			}
		}
		i, ok := idx[d.Town]
		if !ok {
			i = len(towns)
			idx[d.Town] = i
			towns = append(towns, townDevices{Town: d.Town})
		}
		t := &towns[i]
		t.Devices = append(t.Devices, row)
		t.Total++
		switch st {
		case "故障":
			t.Down++
			down++
		case "未启用":
			t.Idle++
		}
	}
	return towns, len(devs), down
}

func (ui *UI) devices(w http.ResponseWriter, r *http.Request) {
	devs, err := ui.Assets.Devices(r.Context())
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	towns, total, down := deviceRows(devs, ui.now())
	ui.render(w, r, http.StatusOK, "devices", page{Title: "终端设备", Breadcrumbs: []crumb{{"工作台", "/"}, {"终端设备", ""}},
		Data: struct {
			Towns       []townDevices
			Total, Down int
		}{towns, total, down}})
}

type faultRow struct {
	asset.Fault
	Source, Start, End, Hours string
}

func faultRows(list []asset.Fault, now time.Time) []faultRow {
	out := make([]faultRow, 0, len(list))
	for _, f := range list {
		end := "未恢复"
		if !f.Open() {
			end = fmtDateTime(f.RecoveredAt)
		}
		out = append(out, faultRow{Fault: f, Source: asset.SourceNames[f.Source], Start: fmtDateTime(f.StartedAt), End: end,
			Hours: fmt.Sprintf("%.2f", f.Hours(now))})
	}
	return out
}

func (ui *UI) faults(w http.ResponseWriter, r *http.Request) {
	open := r.URL.Query().Get("open") == "1"
	list, err := ui.Assets.Faults(r.Context(), asset.FaultFilter{OpenOnly: open, Limit: 500})
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	ui.render(w, r, http.StatusOK, "faults", page{Title: "设备故障", Breadcrumbs: []crumb{{"工作台", "/"}, {"终端设备", "/devices"}, {"故障记录", ""}},
		Data: struct {
			Open   bool
			Faults []faultRow
		}{open, faultRows(list, ui.now())}})
}

func (ui *UI) device(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("code")
	devs, err := ui.Assets.Devices(r.Context())
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	for _, d := range devs {
		if d.Code != code {
			continue
		}
		list, err := ui.Assets.Faults(r.Context(), asset.FaultFilter{DeviceCode: code, Limit: 500})
		if err != nil {
			ui.fail(w, r, err)
			return
		}
		now := ui.now()
		towns, _, _ := deviceRows([]asset.Device{d}, now)
		ui.render(w, r, http.StatusOK, "device", page{Title: "设备 " + d.Code, Breadcrumbs: []crumb{{"工作台", "/"}, {"终端设备", "/devices"}, {d.Code, ""}},
			Data: struct {
				Device  deviceRow
				Faults  []faultRow
				CanEdit bool
				Now     string
			}{towns[0].Devices[0], faultRows(list, now), canEditAssets(r), now.In(app.Shanghai).Format("2006-01-02T15:04")}})
		return
	}
	ui.fail(w, r, app.NotFound("设备 %s 不存在", code))
}

type availRow struct {
	Name                         string
	Devices, Faults              int
	Downtime, ServiceHours, Rate string
}

type availSection struct {
	ID, Head, Title string
	Rows            []availRow
}

func availRows(gs []asset.Group) []availRow {
	out := make([]availRow, 0, len(gs))
	for _, g := range gs {
		out = append(out, availRow{Name: g.Name, Devices: g.Devices, Faults: g.Faults, Downtime: fmt.Sprintf("%.2f", g.DowntimeHours()),
			ServiceHours: fmt.Sprintf("%.2f", g.Service.Hours()), Rate: pctText(g.Percent())})
	}
	return out
}

func (ui *UI) availability(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	now := ui.now().In(app.Shanghai)
	from, to := q.Get("from"), q.Get("to")
	if from == "" || to == "" {
		from, to = time.Date(now.Year(), 1, 1, 0, 0, 0, 0, app.Shanghai).Format(app.DateLayout), now.Format(app.DateLayout)
	}
	data := struct {
		From, To, Error string
		Sections        []availSection
	}{From: from, To: to}
	a, errA := app.ParseDate(from)
	b, errB := app.ParseDate(to)
	switch {
	case errA != nil || errB != nil || b.Before(a):
		data.Error = "统计区间无效：请填写开始和结束日期，结束日期不早于开始日期"
	default:
		f, err := ui.Assets.Availability(r.Context(), asset.Period{From: a, To: b.AddDate(0, 0, 1)})
		if err != nil {
			ui.fail(w, r, err)
			return
		}
		byDevice := availRows(f.ByDevice)
		for i, g := range f.ByDevice {
			byDevice[i].Name = g.Key + " " + g.Name
		}
		data.Sections = []availSection{
			{ID: "avail-total", Head: "范围", Rows: availRows([]asset.Group{{Name: data.From + " 至 " + data.To, Availability: f.Total}})},
			{ID: "avail-town", Head: "镇街", Title: "按镇街", Rows: availRows(f.ByTown)},
			{ID: "avail-month", Head: "月份", Title: "按月", Rows: availRows(f.ByMonth)},
			{ID: "avail-device", Head: "设备", Title: "按设备", Rows: byDevice},
		}
	}
	ui.render(w, r, http.StatusOK, "availability", page{Title: "设备可用率", Breadcrumbs: []crumb{{"工作台", "/"}, {"终端设备", "/devices"}, {"可用率报表", ""}},
		Data: data})
}
