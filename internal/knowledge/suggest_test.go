package knowledge

import (
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"
	"time"
)

// genUnits are 20 units with the words citizens use for their matters and their category.
var genUnits = []struct{ code, name, cat, words string }{
	{"U01", "市住建局", "城乡建设/住房", "物业 小区 电梯 维修基金 房屋 漏水 楼道 业主委员会"},
	{"U02", "市水务局", "城乡建设/供水", "停水 水压 自来水 水管 爆管 水费 水质 浑浊"},
	{"U03", "市生态环境局", "环境保护/污染", "油烟 噪声 废气 排污 异味 粉尘 污水 直排"},
	{"U04", "市人社局", "劳动保障/社保", "社保 工资 拖欠 养老保险 失业金 劳动合同 工伤 退休"},
	{"U05", "市医保局", "卫生健康/医保", "医保 报销 异地就医 医保卡 门诊 住院 慢性病 参保"},
	{"U06", "市公安局", "公共安全/治安", "户口 身份证 诈骗 打架 治安 落户 迁移 派出所"},
	{"U07", "市交通运输局", "交通出行/公交", "公交 站台 线路 出租车 拒载 班次 网约车 绕路"},
	{"U08", "市市场监管局", "市场监管/消费", "营业执照 食品安全 过期 价格 缺斤少两 假货 退款 商家"},
	{"U09", "市教育局", "教育/入学", "学校 入学 学位 校车 补课 学费 教师 幼儿园"},
	{"U10", "市城管局", "城市管理/市容", "占道 摊贩 违建 垃圾 广告牌 渣土 乱搭 市容"},
	{"U11", "供电公司", "公共事业/供电", "停电 电压 电表 电费 线路老化 跳闸 供电 变压器"},
	{"U12", "燃气公司", "公共事业/燃气", "燃气 天然气 漏气 燃气费 点火 开户 燃气表 报装"},
	{"U13", "市卫健委", "卫生健康/医疗", "医院 医生 挂号 疫苗 态度 诊所 看病 护士"},
	{"U14", "市农业农村局", "农业农村/补贴", "种粮补贴 农机 化肥 农药 养殖 耕地 合作社 土地流转"},
	{"U15", "市自然资源局", "城乡建设/规划", "不动产 房产证 宅基地 规划 土地证 过户 测绘 登记"},
	{"U16", "市民政局", "民政/救助", "低保 养老院 残疾 救助 高龄补贴 婚姻登记 殡葬 困难"},
	{"U17", "市税务局", "财税/税务", "发票 纳税 个税 退税 税务登记 社保费 税款 申报"},
	{"U18", "市公积金中心", "住房/公积金", "公积金 提取 贷款 缴存 异地转移 账户 冲还贷 销户"},
	{"U19", "市文旅局", "文化旅游/景区", "景区 门票 导游 旅行社 图书馆 演出 文物 酒店"},
	{"U20", "市应急管理局", "公共安全/应急", "消防 安全隐患 危化品 灭火器 通道堵塞 应急 防汛 烟花"},
}

var genFiller = []string{"您好", "我想问一下", "请尽快处理", "已经很久了", "附近居民", "希望相关部门", "麻烦核实", "反映"}

// genHistory builds n closed orders: each mostly in its unit's words, sometimes
// with another unit's words mixed in and a tenth filed under a wrong category.
func genHistory(n int, seed int64) []Example {
	r := rand.New(rand.NewSource(seed))
	words := make([][]string, len(genUnits))
	for i, u := range genUnits {
		words[i] = strings.Fields(u.words)
	}
	start := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	var out []Example
	for i := 0; i < n; i++ {
		k := r.Intn(len(genUnits))
		u := genUnits[k]
		pick := func(j int) string { return words[j][r.Intn(len(words[j]))] }
		title := pick(k) + "问题"
		content := fmt.Sprintf("%s，%s%s，%s", genFiller[r.Intn(len(genFiller))], pick(k), pick(k), genFiller[r.Intn(len(genFiller))])
		if r.Intn(4) == 0 {
			content += "，" + pick(r.Intn(len(genUnits)))
		}
		cat := u.cat
		if r.Intn(10) == 0 {
			cat = genUnits[r.Intn(len(genUnits))].cat
		}
		out = append(out, Example{Title: title, Content: content, Category: cat, UnitCode: u.code, UnitName: u.name,
			ReceivedAt: start.Add(time.Duration(i) * time.Hour)})
	}
	return out
}

func genDefaults() []DefaultUnit {
	var d []DefaultUnit
	for _, u := range genUnits {
		d = append(d, DefaultUnit{Category: u.cat, UnitCode: u.code, UnitName: u.name})
	}
	return d
}

func TestSuggestEvaluate(t *testing.T) {
	acc := Evaluate(genHistory(5000, 1), genDefaults(), 0.2)
	t.Logf("suggest accuracy on 5 000 generated orders (20 units, 20%% held out): top-1 %.1f%%, top-3 %.1f%%", acc.Top1, acc.Top3)
	if acc.Test != 1000 || acc.Top1 < 80 || acc.Top3 < acc.Top1 {
		t.Fatalf("%+v", acc)
	}
}

func TestSuggestModel(t *testing.T) {
	m := Train(genHistory(2000, 2), genDefaults())
	s := m.Suggest("小区电梯坏了", "物业不管电梯维修", "", 3)
	if len(s) != 3 || s[0].UnitCode != "U01" || s[0].Confidence <= s[1].Confidence || s[0].UnitName != "市住建局" {
		t.Fatalf("%+v", s)
	}
	// no history: the category's default unit alone, still a guess and never shown as certain
	s = Train(nil, genDefaults()).Suggest("", "", "住房/公积金", 3)
	if len(s) != 1 || s[0].UnitCode != "U18" || s[0].Confidence != maxConfidence {
		t.Fatalf("defaults only: %+v", s)
	}
	if s := Train(nil, nil).Suggest("随便", "", "", 3); len(s) != 0 {
		t.Fatalf("empty model: %+v", s)
	}
}

// A unit that returned an order is never suggested for it again, the category's
// default unit included; the others are ranked as before, with their confidence
// given that the returning unit is out, and none is certain.
func TestSuggestQuery_Exclude(t *testing.T) {
	m := Train(genHistory(2000, 2), genDefaults())
	q := Query{Title: "小区电梯坏了", Content: "物业不管电梯维修", Category: "城乡建设/住房"}
	before := m.SuggestQuery(q, 3)
	if len(before) != 3 || before[0].UnitCode != "U01" {
		t.Fatalf("before the return: %+v", before)
	}
	for _, s := range before {
		if s.Confidence >= 1 {
			t.Errorf("a guess shown as certain: %+v", s)
		}
	}
	q.Exclude = []string{"U01"}
	after := m.SuggestQuery(q, 3)
	if len(after) != 3 {
		t.Fatalf("after the return: %+v", after)
	}
	for i, s := range after {
		if s.UnitCode == "U01" {
			t.Fatalf("the returning unit (the category's default) is suggested again: %+v", after)
		}
		if i < 2 && s.UnitCode != before[i+1].UnitCode {
			t.Errorf("the other units changed their order: before %+v, after %+v", before, after)
		}
	}
	// The confidences are those of the units still possible: they sum to one, so the
	// next best is not shown as 0% when the returning unit had been nearly certain.
	if after[0].Confidence < 0.1 {
		t.Errorf("the best remaining unit shown at %.3f", after[0].Confidence)
	}
	var sum float64
	for _, s := range m.SuggestQuery(q, 1000) {
		sum += s.Confidence
	}
	if math.Abs(sum-1) > 0.01 {
		t.Errorf("the remaining units' confidences sum to %.3f, want 1", sum)
	}
	// Only the default unit: excluded, nothing is left to suggest.
	if s := Train(nil, genDefaults()).SuggestQuery(Query{Category: "住房/公积金", Exclude: []string{"U18"}}, 3); len(s) != 0 {
		t.Fatalf("the returning default unit alone: %+v", s)
	}
}
