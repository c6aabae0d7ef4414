package web

import (
	"fmt"
	"net/http"
	"strconv"

	"govdesk/internal/app"
	"govdesk/internal/asset"
)

type assetRow struct {
	asset.Asset
	Value string
}

type takeRow struct {
	asset.StockTake
	Diff, Tone string
}

func (ui *UI) assets(w http.ResponseWriter, r *http.Request) {
	reg, err := ui.Assets.Register(r.Context())
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	year, _ := strconv.Atoi(r.URL.Query().Get("year"))
	if year == 0 {
		year = ui.now().In(app.Shanghai).Year()
	}
	takes, err := ui.Assets.StockTakes(r.Context(), year)
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	rows := make([]assetRow, 0, len(reg.Assets))
	for _, a := range reg.Assets {
		rows = append(rows, assetRow{Asset: a, Value: fmt.Sprintf("%.2f", a.Value())})
	}
	counted := map[int64]bool{}
	var trs []takeRow
	for _, t := range takes {
		counted[t.AssetID] = true
		tr := takeRow{StockTake: t, Diff: "相符"}
		switch d := t.Difference(); {
		case d > 0:
			tr.Diff, tr.Tone = fmt.Sprintf("盘盈 %d", d), "warning"
		case d < 0:
			tr.Diff, tr.Tone = fmt.Sprintf("盘亏 %d", -d), "overdue"
		}
		trs = append(trs, tr)
	}
	var missing []asset.Asset
	for _, a := range reg.Assets {
		if !counted[a.ID] {
			missing = append(missing, a)
		}
	}
	u := reg.Utilization
	ui.render(w, r, http.StatusOK, "assets", page{Title: "资产台账", Breadcrumbs: []crumb{{"工作台", "/"}, {"资产台账", ""}},
		Data: struct {
			Assets                    []assetRow
			Total, InUse, Utilization string
			Headcount                 int
			Limits                    []asset.Limit
			Findings                  []asset.Finding
			Year                      int
			Takes                     []takeRow
			NotCounted                []asset.Asset
		}{rows, fmt.Sprintf("%.2f", float64(u.TotalCents)/100), fmt.Sprintf("%.2f", float64(u.InUseCents)/100), pctText(u.Percent),
			reg.Headcount, reg.Limits, reg.Findings, year, trs, missing}})
}
