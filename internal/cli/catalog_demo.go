package cli

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/catalog"
	"govdesk/internal/config"
	"govdesk/internal/evaluation"
	"govdesk/internal/store"
	"govdesk/internal/workday"
)

// demoCatalogUnits are the member units the demo catalogue's items belong to.
var demoCatalogUnits = []account.Unit{
	{Code: "S101", Name: "市公安局", Kind: "市直部门", Active: true},
	{Code: "S102", Name: "市人力资源和社会保障局", Kind: "市直部门", Active: true},
	{Code: "S103", Name: "市市场监督管理局", Kind: "市直部门", Active: true},
	{Code: "S104", Name: "市自然资源局", Kind: "市直部门", Active: true},
	{Code: "S105", Name: "市医疗保障局", Kind: "市直部门", Active: true},
}

var demoCaseTowns = []string{"乐城街道", "北门街道", "长来镇", "坪石镇", "梅花镇", "廊田镇", "北乡镇", "九峰镇", "两江镇", "五山镇"}

// loadDemoCatalog adds the seed-shaped catalogue (SPEC §14): 1 816 published items with
// the seed's counts, a year of cases and ~49 000 evaluations with their rectifications.
// It runs once: a database that already has items is left alone.
func loadDemoCatalog(ctx context.Context, db *store.DB, c config.Config) error {
	ctx = app.WithActor(ctx, app.System)
	cat := &store.Catalog{DB: db}
	if have, err := cat.FindItems(ctx); err != nil || len(have) > 0 {
		return err
	}
	if _, _, err := (&store.Accounts{DB: db}).UpsertUnits(ctx, demoCatalogUnits); err != nil {
		return err
	}
	units, err := cat.UnitKeys(ctx)
	if err != nil {
		return err
	}
	sched, err := wire(db, c).schedule(ctx)
	if err != nil {
		return err
	}
	items := demoItems(units)
	if _, _, err := cat.UpsertItems(ctx, items, "demo", time.Now()); err != nil {
		return err
	}
	if items, err = cat.FindItems(ctx); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(2022, 5))
	year := time.Date(2022, 1, 1, 9, 0, 0, 0, app.Shanghai)
	var cases []catalog.Case
	for i := 0; i < 3000; i++ {
		it := items[rng.IntN(len(items))]
		acc := year.AddDate(0, 0, rng.IntN(330)).Add(time.Duration(rng.IntN(7*60)) * time.Minute)
		cs := catalog.Case{No: fmt.Sprintf("BJ2022%06d", i+1), ItemID: it.ID, Applicant: "申请人" + fmt.Sprint(i%97),
			Channel: catalog.Channels[rng.IntN(len(catalog.Channels))], Town: demoCaseTowns[rng.IntN(len(demoCaseTowns))],
			AcceptedAt: acc, PromisedDays: it.PromisedDays}
		cs.Deadline = catalog.CaseDeadline(sched, acc, it.PromisedDays, it.Immediate)
		if rng.IntN(20) > 0 {
			took := time.Duration(rng.IntN(24*8)) * time.Hour
			if !cs.Deadline.IsZero() && rng.IntN(25) > 0 { // most cases finish within their limit
				took = time.Duration(rng.Float64() * float64(cs.Deadline.Sub(acc)))
			}
			cs.FinishedAt, cs.Result = acc.Add(took), catalog.Results[rng.IntN(10)/8]
		}
		cases = append(cases, cs)
	}
	if _, _, _, err := cat.UpsertCases(ctx, cases); err != nil {
		return err
	}
	_, _, err = (&store.Evaluations{DB: db}).UpsertEvaluations(ctx, demoEvaluations(rng, sched, units, year))
	return err
}

// demoItems has the seed report's counts: 1 816 items, 1 580 in the hall, 1 515 by
// application of which 1 304 in the hall, 1 478 one-window, 1 661 online, 1 490 by
// application online; 450 全市通办, 45 跨省通办.
func demoItems(units map[string]int64) []catalog.Item {
	items := make([]catalog.Item, 1816)
	for i := range items {
		u := demoCatalogUnits[i%len(demoCatalogUnits)]
		legal := []float64{20, 15, 10, 30}[i%4]
		items[i] = catalog.Item{Code: fmt.Sprintf("11440281MB%06d", i+1), Name: fmt.Sprintf("%s政务服务事项%d", u.Name, i+1),
			UnitID: units[u.Code], Category: catalog.Categories[i%len(catalog.Categories)], ByApplication: i < 1515,
			Level: "县", LegalDays: legal, PromisedDays: legal / []float64{2, 4, 5}[i%3],
			InHall: i < 1304 || (i >= 1515 && i < 1515+276), OneWindow: i < 1478,
			Online: i < 1490 || (i >= 1515 && i < 1515+171), MaxTrips: []int{0, 1, 1, 2}[i%4],
			Citywide: i%4 == 0 && i < 1800, CrossProvince: i%40 == 1 && i < 1800, CertFree: i%9 == 0, Immediate: i%10 == 3,
			Status: catalog.StatusPublished, Materials: []catalog.Material{{Name: "申请表"}, {Name: "身份证", Exempt: true, ECertOK: true}}}
		if items[i].Online {
			items[i].OnlineDepth = 1 + i%4
		}
		if items[i].Immediate {
			items[i].PromisedDays = 0
		}
	}
	return items
}

// demoEvaluations is ~49 000 evaluations over January–November 2022 with a 好评率 of
// about 99.9 %; every 差评 has its rectification, all but the last few closed in time.
func demoEvaluations(rng *rand.Rand, sched workday.Schedule, units map[string]int64, year time.Time) []evaluation.Evaluation {
	windows := []string{"1号综合窗口", "2号综合窗口", "3号综合窗口", "不动产登记窗口", "社保医保窗口", "企业开办窗口"}
	evs := make([]evaluation.Evaluation, 0, 49166)
	for i := 0; i < 49166; i++ {
		u := demoCatalogUnits[rng.IntN(len(demoCatalogUnits))]
		at := year.AddDate(0, 0, rng.IntN(334)).Add(time.Duration(rng.IntN(8*60)) * time.Minute)
		score := 5
		switch r := rng.IntN(1000); {
		case r == 0:
			score = 1 + rng.IntN(2)
		case r < 2:
			score = 3
		case r < 100:
			score = 4
		}
		ev := evaluation.Evaluation{No: fmt.Sprintf("PJ2022%06d", i+1), At: at, Channel: evaluation.Channels[rng.IntN(5)],
			TargetKind: "窗口", Target: windows[rng.IntN(len(windows))], UnitID: units[u.Code], UnitCode: u.Code, Score: score}
		if evaluation.IsBad(score) {
			ev.Content = "等候时间较长"
			ev.Rect = evaluation.Open(sched, evaluation.DefaultPolicy, at, units[u.Code])
			if at.Before(time.Date(2022, 11, 15, 0, 0, 0, 0, app.Shanghai)) {
				done := sched.Deadline(at, 3)
				r := ev.Rect
				r.VerifiedAt, r.Verification, r.VerifyNote = sched.Deadline(at, 0.5), evaluation.Confirmed, "已电话联系评价人，等候时间过长属实"
				r.Action, r.Feedback = "约谈窗口人员，优化取号分流", "已电话回访，评价人表示认可"
				r.VerifiedBy, r.RectifiedBy = u.Name+"承办人", u.Name+"承办人"
				r.RectifiedAt, r.ClosedAt, r.ClosedBy = done, done, "中心工作人员小陈"
			}
		}
		evs = append(evs, ev)
	}
	return evs
}
