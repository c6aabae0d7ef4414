// Package demo generates the demo service centre of SPEC §14: its units, its county's
// towns and villages, and two years of 12345 work orders shaped on the seed report.
// It is plain Go; the cli package writes what it generates through the stores.
package demo

import (
	"fmt"

	"govdesk/internal/account"
)

// Towns are the county's 19 towns and streets (镇/街).
var Towns = []string{"乐城街道", "北门街道", "西河镇", "长来镇", "坪石镇", "黄圃镇", "五山镇", "两江镇", "北乡镇", "九峰镇",
	"廊田镇", "大源镇", "庆云镇", "白石镇", "沙坪镇", "云岩镇", "三溪镇", "秀水镇", "梅花镇"}

// villageCount is how many villages (村/居) each town has: 215 in all.
func villageCount(i int) int {
	switch {
	case i < 2: // the two streets: 12 communities each
		return 12
	case i < 6:
		return 12
	default:
		return 11
	}
}

var (
	villageHead = []rune("上下东西南北大小新老石桥黄白沙高龙马长平")
	villageTail = []rune("坑岭塘湾坪头洞背源口围屋冲坝")
)

// Villages returns the villages of each town, keyed by town: 215 distinct,
// deterministic names, 社区 in the streets and 村 elsewhere.
func Villages() map[string][]string {
	out := make(map[string][]string, len(Towns))
	k := 0
	for i, t := range Towns {
		n := villageCount(i)
		for j := 0; j < n; j++ {
			h, tl := villageHead[k%len(villageHead)], villageTail[(k/len(villageHead))%len(villageTail)]
			k++
			name := string([]rune{h, tl}) + "村"
			if i < 2 {
				name = string([]rune{h, tl}) + "社区"
			}
			out[t] = append(out[t], name)
		}
	}
	return out
}

// Centre and hotline office codes; the demo users of the centre belong to them.
const (
	CentreCode  = "C001"
	HotlineCode = "H001"
)

// memberDepartments are the 市直部门 among the 84 member units. Their codes are kept
// from earlier demo versions where a page or test refers to them (U001, S101–S105).
var memberDepartments = [][2]string{
	{"U001", "市住房和城乡建设局"}, {"S101", "市公安局"}, {"S102", "市人力资源和社会保障局"}, {"S103", "市市场监督管理局"},
	{"S104", "市自然资源局"}, {"S105", "市医疗保障局"}, {"U002", "市发展和改革局"}, {"U003", "市教育局"},
	{"U004", "市科技工业和信息化局"}, {"U005", "市民政局"}, {"U006", "市司法局"}, {"U007", "市财政局"},
	{"U008", "韶关市生态环境局乐昌分局"}, {"U009", "市交通运输局"}, {"U010", "市水务局"}, {"U011", "市农业农村局"},
	{"U012", "市商务局"}, {"U013", "市文化广电旅游体育局"}, {"U014", "市卫生健康局"}, {"U015", "市退役军人事务局"},
	{"U016", "市应急管理局"}, {"U017", "市审计局"}, {"U018", "市统计局"}, {"U019", "市林业局"},
	{"U020", "市城市管理和综合执法局"}, {"U021", "市信访局"}, {"U022", "市政务服务数据管理局"}, {"U023", "国家税务总局乐昌市税务局"},
	{"U024", "市消防救援大队"}, {"U025", "市公安局交通管理大队"}, {"U026", "市残疾人联合会"}, {"U027", "市总工会"},
	{"U028", "共青团乐昌市委员会"}, {"U029", "市妇女联合会"}, {"U030", "韶关市住房公积金管理中心乐昌管理部"}, {"U031", "市社会保险基金管理局"},
	{"U032", "市不动产登记中心"}, {"U033", "市公共资源交易中心"}, {"U034", "市供销合作联社"}, {"U035", "市气象局"},
	{"U036", "市人民医院"}, {"U037", "市中医院"}, {"U038", "市疾病预防控制中心"}, {"U039", "市退休干部管理服务中心"},
	{"U040", "市城乡规划管理中心"},
}

// publicEnterprises are the 公共企事业单位 among the member units.
var publicEnterprises = [][2]string{
	{"E001", "乐昌供电局"}, {"E002", "市自来水有限公司"}, {"E003", "市燃气有限公司"}, {"E004", "中国电信乐昌分公司"},
	{"E005", "中国移动乐昌分公司"}, {"E006", "中国联通乐昌分公司"}, {"E007", "市公共汽车有限公司"}, {"E008", "市城市建设投资集团有限公司"},
	{"E009", "广东广电网络乐昌分公司"}, {"E010", "市污水处理有限公司"}, {"E011", "市环境卫生服务中心"}, {"E012", "中国邮政集团乐昌分公司"},
	{"E013", "市农村商业银行"}, {"E014", "市公路事务中心"}, {"E015", "市园林绿化管理所"}, {"E016", "市汽车客运站"},
	{"E017", "市殡葬服务中心"}, {"E018", "市市政设施管理所"}, {"E019", "市水库管理中心"}, {"E020", "市国有林场"},
}

// TownUnitCode is the code of a town's government among the member units.
func TownUnitCode(i int) string { return fmt.Sprintf("T%03d", i+1) }

// townUnitName is the member unit of a town: its street office or town government.
func townUnitName(t string) string {
	if len([]rune(t)) > 2 && string([]rune(t)[len([]rune(t))-2:]) == "街道" {
		return t + "办事处"
	}
	return t + "人民政府"
}

// Units returns the centre, the hotline office and the 84 member units: 45 city
// departments, the 19 towns' governments and 20 public enterprises.
func Units() []account.Unit {
	us := []account.Unit{
		{Code: CentreCode, Name: "市行政服务中心", Kind: "中心", Active: true},
		{Code: HotlineCode, Name: "12345热线办", Kind: "热线办", ParentCode: CentreCode, Active: true},
	}
	for _, d := range memberDepartments {
		us = append(us, account.Unit{Code: d[0], Name: d[1], Kind: "市直部门", Active: true})
	}
	for i, t := range Towns {
		us = append(us, account.Unit{Code: TownUnitCode(i), Name: townUnitName(t), Kind: "镇街", Active: true})
	}
	for _, e := range publicEnterprises {
		us = append(us, account.Unit{Code: e[0], Name: e[1], Kind: "公共企事业单位", Active: true})
	}
	return us
}

// DemoHandlerUnit is the member unit of the demo users handler and unit_admin.
const DemoHandlerUnit = "U001"

// MemberUnits is the number of member units Units returns (all but the centre and the hotline office).
const MemberUnits = 84
