package asset

import (
	"testing"
	"time"

	"govdesk/internal/app"
)

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, app.Shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

func TestCompute(t *testing.T) {
	// September 2022: 30 days = 720 hours per device in service all month.
	sep := Period{From: at("2022-09-01 00:00"), To: at("2022-10-01 00:00")}
	now := at("2022-12-01 00:00")
	d1 := Device{ID: 1, Code: "D1", Town: "城关镇", InService: at("2022-01-01 00:00")}
	d2 := Device{ID: 2, Code: "D2", Town: "城关镇", InService: at("2022-09-16 00:00")} // added mid-period: 360 h
	d3 := Device{ID: 3, Code: "D3", Town: "河口镇", InService: at("2022-10-05 00:00")} // not yet in service
	devs := []Device{d1, d2, d3}
	cases := []struct {
		name          string
		devs          []Device
		faults        []Fault
		now           time.Time
		devices, n    int
		downtimeHours float64
		percent       float64
	}{
		{"no faults", devs, nil, now, 2, 0, 0, 100},
		{"fault crossing the start", devs[:1], []Fault{{DeviceID: 1, StartedAt: at("2022-08-31 12:00"), RecoveredAt: at("2022-09-01 12:00")}}, now, 1, 0, 12, 98.33},
		{"fault crossing the end", devs[:1], []Fault{{DeviceID: 1, StartedAt: at("2022-09-30 18:00"), RecoveredAt: at("2022-10-02 00:00")}}, now, 1, 1, 6, 99.17},
		{"overlapping faults counted once", devs[:1], []Fault{
			{DeviceID: 1, StartedAt: at("2022-09-10 08:00"), RecoveredAt: at("2022-09-10 20:00")},
			{DeviceID: 1, StartedAt: at("2022-09-10 10:00"), RecoveredAt: at("2022-09-10 14:00")},
			{DeviceID: 1, StartedAt: at("2022-09-10 18:00"), RecoveredAt: at("2022-09-11 02:00")},
		}, now, 1, 3, 18, 97.5},
		{"fault still open, period ended", devs[:1], []Fault{{DeviceID: 1, StartedAt: at("2022-09-29 00:00")}}, now, 1, 1, 48, 93.33},
		{"fault still open, period running", devs[:1], []Fault{{DeviceID: 1, StartedAt: at("2022-09-10 00:00")}}, at("2022-09-11 00:00"), 1, 1, 24, 0},
		{"device added mid-period", devs[1:2], []Fault{{DeviceID: 2, StartedAt: at("2022-09-20 00:00"), RecoveredAt: at("2022-09-20 18:00")}}, now, 1, 1, 18, 95},
		{"fault before in-service date ignored", devs[1:2], []Fault{{DeviceID: 2, StartedAt: at("2022-09-15 00:00"), RecoveredAt: at("2022-09-16 06:00")}}, now, 1, 1, 6, 98.33},
		{"two devices pooled", devs, []Fault{{DeviceID: 1, StartedAt: at("2022-09-01 00:00"), RecoveredAt: at("2022-09-02 06:00")}}, now, 2, 1, 30, 97.22},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := Compute(c.devs, c.faults, sep, c.now)
			r := a.Report()
			if r.Devices != c.devices || r.Faults != c.n || r.DowntimeHours != c.downtimeHours {
				t.Fatalf("got %+v, want devices %d faults %d downtime %v", r, c.devices, c.n, c.downtimeHours)
			}
			if c.name == "fault still open, period running" {
				// 10 days in service so far, 1 down: 90 %.
				c.percent = 90
			}
			if r.Availability == nil || *r.Availability != c.percent {
				t.Fatalf("availability %v, want %v", r.Availability, c.percent)
			}
		})
	}
}

func TestCompute_NoDevice(t *testing.T) {
	r := Compute(nil, nil, Period{From: at("2022-09-01 00:00"), To: at("2022-10-01 00:00")}, at("2023-01-01 00:00")).Report()
	if r.Devices != 0 || r.Availability != nil {
		t.Fatalf("got %+v, want no devices and null availability", r)
	}
}

func TestByMonthAndTown(t *testing.T) {
	devs := []Device{
		{ID: 1, Code: "D1", Town: "城关镇", InService: at("2022-01-01 00:00")},
		{ID: 2, Code: "D2", Town: "河口镇", InService: at("2022-01-01 00:00")},
	}
	faults := []Fault{{DeviceID: 2, StartedAt: at("2022-09-30 12:00"), RecoveredAt: at("2022-10-01 12:00")}}
	p := Period{From: at("2022-09-01 00:00"), To: at("2022-11-01 00:00")}
	months := ByMonth(devs, faults, p, at("2023-01-01 00:00"), app.Shanghai)
	if len(months) != 2 || months[0].Key != "2022-09" || months[0].Name != "2022年9月" || months[0].DowntimeHours() != 12 || months[1].DowntimeHours() != 12 {
		t.Fatalf("months %+v", months)
	}
	if months[1].Faults != 0 || months[0].Faults != 1 {
		t.Fatalf("fault counted in the month it began: %+v", months)
	}
	towns := ByTown(devs, faults, p, at("2023-01-01 00:00"))
	if len(towns) != 2 || towns[0].Key != "城关镇" || *towns[0].Percent() != 100 || towns[1].DowntimeHours() != 24 {
		t.Fatalf("towns %+v", towns)
	}
}

func TestRegisterFigures(t *testing.T) {
	assets := []Asset{
		{Code: "A1", Category: "碎纸机", Quantity: 3, ValueCents: 300000, InUse: true},
		{Code: "A2", Category: "碎纸机", Quantity: 1, ValueCents: 100000, InUse: false},
		{Code: "A3", Category: "计算机", Quantity: 10, ValueCents: 600000, InUse: true},
	}
	u := UtilizationOf(assets)
	if u.InUseCents != 900000 || u.TotalCents != 1000000 || *u.Percent != 90 {
		t.Fatalf("utilization %+v", u)
	}
	if UtilizationOf(nil).Percent != nil {
		t.Fatal("empty register must have no utilization")
	}
	limits := []Limit{{Category: "碎纸机", PercentOfHeadcount: 5}, {Category: "计算机", MaxQuantity: 12}, {Category: "打印机", MaxQuantity: 1}}
	f := Findings(assets, limits, 60) // 5 % of 60 = 3 shredders allowed, 4 held
	if len(f) != 1 || f[0].Code != FindingOverLimit || f[0].Category != "碎纸机" || f[0].Quantity != 4 || f[0].Allowed != 3 {
		t.Fatalf("findings %+v", f)
	}
	if f[0].Message != "碎纸机超标准配置：现有 4 件，配置标准为不超过实有人数（60 人）的 5%，即最多 3 件" {
		t.Fatalf("message %q", f[0].Message)
	}
	if f := Findings(assets, limits, 0); len(f) != 0 {
		t.Fatalf("unknown headcount: %+v", f)
	}
	if f := Findings(assets, limits, 80); len(f) != 0 {
		t.Fatalf("within limits: %+v", f)
	}
}
