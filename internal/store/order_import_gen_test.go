package store_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/workorder"
)

// genUnits are the member units a generated file dispatches to (84, as the seed's centre).
func genUnits() []account.Unit {
	var us []account.Unit
	kinds := []string{"市直部门", "镇街", "公共企事业单位"}
	for i := 1; i <= 84; i++ {
		us = append(us, account.Unit{Code: fmt.Sprintf("U%03d", i), Name: fmt.Sprintf("成员单位%02d号", i), Kind: kinds[i%3], Active: true})
	}
	return us
}

var (
	genTowns   = strings.Fields("城关镇 东城街道 西城街道 南湖街道 北山镇 青石镇 白沙镇 黄土镇 红旗镇 新华镇 柳河镇 杨村镇 龙泉镇 凤凰镇 太平镇 长安镇 永安镇 平安镇 和平镇")
	genCats    = strings.Fields("城乡建设/市政设施/路灯 城乡建设/市政设施/道路 城乡建设/物业管理 城乡建设/房屋质量 环境保护/噪声污染 环境保护/大气污染 环境保护/水污染 交通运输/公交 交通运输/出租车 交通运输/道路货运 劳动保障/工资拖欠 劳动保障/社会保险 教育/招生入学 教育/校外培训 卫生健康/医疗服务 卫生健康/疫情防控 市场监管/食品安全 市场监管/消费维权 公共事业/供水 公共事业/供电 公共事业/燃气 农业农村/农村建设 民政/低保救助 公安/户籍 自然资源/土地 政务服务/办事咨询")
	genPhrases = strings.Fields("小区门口路灯已经坏了好几天 晚上出行很不方便 希望有关部门尽快处理 附近工地夜间施工噪音很大 影响居民休息 自来水水压不足 已经持续一周 反映单位拖欠工资三个月 多次协商未果 咨询孩子入学需要准备哪些材料 医保报销比例是多少 公交车班次太少 等车时间过长 楼道内堆放杂物存在消防隐患 垃圾清运不及时 气味难闻 咨询办理营业执照的流程 路面破损严重 雨天积水 商家销售过期食品 要求退款被拒绝 村里道路没有硬化 希望纳入改造计划 燃气费收费标准是否合理 低保申请需要哪些条件")
	genReplies = strings.Fields("经核实，已安排人员现场处理，问题已解决。 已联系施工单位，要求其夜间停止施工。 已转交供水公司维修，现水压恢复正常。 已督促用人单位支付拖欠工资。 已电话告知来电人所需材料及办理地点。 已将线路调整建议转交公交公司研究。 已责令物业清理楼道杂物。 已协调环卫部门增加清运频次。")
	genTypes   = []string{"咨询", "咨询", "咨询", "投诉", "投诉", "求助", "求助", "举报", "建议", "表扬", "其他"}
	genResults = []string{"满意", "满意", "满意", "满意", "满意", "满意", "满意", "基本满意", "基本满意", "不满意", "无法回访"}
	genHeader  = []string{"工单编号", "受理时间", "诉求类型", "紧急程度", "诉求标题", "诉求内容", "来电人", "联系电话", "所属镇街", "所属村居",
		"详细地址", "诉求分类", "承办单位", "派单时间", "答复时间", "答复内容", "办结时间", "回访结果", "是否解决", "一次性解答"}
)

// writeHistoricCSV writes n realistic historic orders received over 2019–2023 to path,
// in the order of receipt give or take an hour, as platform exports come: about a quarter
// resolved at intake, most dispatched, replied and called back, a few still open; 5% of
// the times in the 2019/2/28 11:25:05 form.
func writeHistoricCSV(path string, n int, now time.Time) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(strings.Join(genHeader, ",") + "\r\n")
	rnd := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2019, 1, 1, 0, 0, 0, 0, app.Shanghai)
	span := int64(5 * 365 * 24 * 3600)
	units := genUnits()
	cell := make([]string, len(genHeader))
	for i := 0; i < n; i++ {
		clear(cell)
		rec := start.Add(time.Duration(span*int64(i)/int64(n)+rnd.Int64N(3600)) * time.Second)
		if rec.After(now) {
			rec = now.Add(-time.Hour)
		}
		typ := genTypes[rnd.IntN(len(genTypes))]
		ts := func(t time.Time) string {
			if rnd.IntN(20) == 0 {
				return fmt.Sprintf("%d/%d/%d %d:%02d:%02d", t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second())
			}
			return workorder.FormatImportTime(t)
		}
		cell[0] = rec.Format("20060102") + fmt.Sprintf("%07d", i)
		cell[1], cell[2] = ts(rec), typ
		if rnd.IntN(70) == 0 {
			cell[3] = "紧急"
		} else {
			cell[3] = "一般"
		}
		var content []string
		for k := 2 + rnd.IntN(4); k > 0; k-- {
			content = append(content, genPhrases[rnd.IntN(len(genPhrases))])
		}
		cell[4], cell[5] = content[0], strings.Join(content, "，")+"。"
		cell[6] = string([]rune("王李张刘陈杨赵黄周吴")[rnd.IntN(10)]) + []string{"先生", "女士"}[rnd.IntN(2)]
		cell[7] = fmt.Sprintf("1%d%09d", 3+rnd.IntN(7), rnd.IntN(1e9))
		town := rnd.IntN(len(genTowns))
		cell[8], cell[9] = genTowns[town], fmt.Sprintf("%s第%d社区", strings.TrimSuffix(strings.TrimSuffix(genTowns[town], "镇"), "街道"), 1+rnd.IntN(11))
		cell[10] = fmt.Sprintf("%s%d号", cell[9], 1+rnd.IntN(300))
		cell[11] = genCats[rnd.IntN(len(genCats))]
		fill(cell, rnd, rec, typ, units, ts, now)
		for j, v := range cell {
			if j > 0 {
				w.WriteByte(',')
			}
			w.WriteString(v)
		}
		w.WriteString("\r\n")
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// fill writes the lifecycle columns of one generated row.
func fill(cell []string, rnd *rand.Rand, rec time.Time, typ string, units []account.Unit, ts func(time.Time) string, now time.Time) {
	k := rnd.IntN(100)
	if (typ == "咨询" || typ == "表扬") && k < 70 {
		cell[14], cell[15], cell[16], cell[19] = ts(rec.Add(5*time.Minute)), genReplies[4], ts(rec.Add(5*time.Minute)), "是"
		return
	}
	cell[19] = "否"
	u := units[rnd.IntN(len(units))]
	cell[12] = u.Code
	if rnd.IntN(2) == 0 {
		cell[12] = u.Name
	}
	if k >= 97 { // still waiting for dispatch
		cell[12] = ""
		return
	}
	disp := rec.Add(time.Duration(10+rnd.IntN(110)) * time.Minute)
	cell[13] = ts(disp)
	if k >= 94 || disp.After(now) {
		return
	}
	reply := disp.Add(time.Duration(rnd.Int64N(10*24*3600)) * time.Second)
	if reply.After(now) {
		return
	}
	cell[14], cell[15] = ts(reply), genReplies[rnd.IntN(len(genReplies))]
	if k >= 90 {
		return
	}
	res := genResults[rnd.IntN(len(genResults))]
	cell[17], cell[18] = res, "是"
	if res == "不满意" && rnd.IntN(2) == 0 {
		cell[18] = "否"
	}
	closed := reply.Add(time.Duration(rnd.Int64N(2*24*3600)) * time.Second)
	if !closed.After(now) {
		cell[16] = ts(closed)
	}
}
