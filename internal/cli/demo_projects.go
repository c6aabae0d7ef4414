package cli

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/project"
	"govdesk/internal/store"
)

// demoBuildProjects are the demo's construction projects under assistance (帮办代办,
// SPEC §6.1): name, enterprise, town.
var demoBuildProjects = [][3]string{
	{"乐昌产业转移工业园标准厂房（三期）", "乐昌市建强混凝土有限公司", "乐城街道"},
	{"韶关欧亚特电子制品扩产项目", "韶关欧亚特电子制品有限公司", "北门街道"},
	{"坪石镇农产品冷链物流中心", "乐昌市坪石农业发展有限公司", "坪石镇"},
	{"九峰镇黄金柰李深加工厂", "乐昌市九峰果业有限公司", "九峰镇"},
	{"长来镇光伏发电项目", "乐昌市绿能新能源有限公司", "长来镇"},
	{"北乡镇乡村旅游配套设施", "乐昌市北乡文旅发展有限公司", "北乡镇"},
	{"城区老旧小区改造（第二批）", "乐昌市城市建设投资集团有限公司", "乐城街道"},
	{"廊田镇竹木加工厂技改", "乐昌市廊田竹业有限公司", "廊田镇"},
	{"两江镇生态养殖基地", "乐昌市两江生态农业有限公司", "两江镇"},
	{"五山镇茶叶加工中心", "乐昌市五山茶业有限公司", "五山镇"},
	{"西河镇污水处理设施", "乐昌市污水处理有限公司", "西河镇"},
	{"梅花镇农贸市场升级改造", "乐昌市梅花镇集体经济联合社", "梅花镇"},
}

// demoSupportPolicies are the demo's support policies (政策兑现).
var demoSupportPolicies = []project.Policy{
	{Code: "ZC2022001", Name: "工业企业技术改造奖补", Department: "市科技工业和信息化局", Conditions: "上年度完成技术改造投资 500 万元以上的规模以上工业企业",
		Amount: "按设备投资额的 5% 奖补，最高 100 万元", Materials: []string{"申请表", "营业执照", "技改投资发票"}, Channels: []string{"线上", "线下"}},
	{Code: "ZC2022002", Name: "新增规模以上工业企业奖励", Department: "市科技工业和信息化局", Conditions: "当年首次纳入规模以上工业统计的企业",
		Amount: "一次性奖励 10 万元", Materials: []string{"申请表", "营业执照", "统计部门证明"}, Channels: []string{"线上"}},
	{Code: "ZC2022003", Name: "农业龙头企业贷款贴息", Department: "市农业农村局", Conditions: "市级以上农业产业化重点龙头企业",
		Amount: "按实际贷款利息的 50% 贴息，最高 30 万元", Materials: []string{"申请表", "贷款合同", "付息凭证"}, Channels: []string{"线下"}},
	{Code: "ZC2022004", Name: "高校毕业生就业补贴", Department: "市人力资源和社会保障局", Conditions: "吸纳毕业 2 年内高校毕业生就业并缴纳社保满 6 个月的中小微企业",
		Amount: "每人 3000 元", Materials: []string{"申请表", "劳动合同", "社保缴费记录"}, Channels: []string{"线上", "线下"}},
}

// settable is the clock the demo moves through a project's history.
type settable struct{ t time.Time }

func (c *settable) Now() time.Time { return c.t }

// loadDemoProjects adds construction projects at every stage of their approvals and
// support-policy applications in every state, through the project service, each step
// at its own time. It runs once: a database with projects is left alone.
func loadDemoProjects(ctx context.Context, db *store.DB, c config.Config) error {
	ctx = app.WithActor(ctx, app.Actor{Username: "staff", Name: "中心工作人员小陈", Role: app.RoleStaff})
	clock := &settable{}
	s := wire(db, c)
	svc := &project.Service{Store: store.NewProjectStore(db), Clock: clock, Schedule: s.schedule}
	if have, err := svc.Projects(ctx); err != nil || len(have) > 0 {
		return err
	}
	sched, err := s.schedule(ctx)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(2022, 61))
	now := time.Now()
	for i, d := range demoBuildProjects {
		clock.t = now.AddDate(0, 0, -30-rng.IntN(300)).Truncate(time.Hour)
		p := &project.Project{Code: fmt.Sprintf("2022-440281-%02d-01-%06d", 30+i%9, 100000+i*7919%900000), Name: d[0], Enterprise: d[1],
			Contact: "项目负责人", Phone: fmt.Sprintf("0751-55%05d", rng.IntN(100000)), Agent: "staff", Form: d[2] + "；企业委托中心全程帮办代办"}
		if err := svc.Create(ctx, p); err != nil {
			return err
		}
		for st := 0; st < len(project.DefaultStages); st++ {
			// most stages finish within their 20 working days; some take longer
			took := 5 + rng.Float64()*14
			if rng.IntN(6) == 0 {
				took = 21 + rng.Float64()*8
			}
			done := sched.Deadline(clock.t, took)
			if done.After(now) {
				break
			}
			clock.t = done
			if _, _, err := svc.Pass(ctx, p.Code, 0); err != nil {
				return err
			}
		}
	}
	if _, _, err := (&store.SupportPolicies{DB: db}).UpsertPolicies(ctx, demoSupportPolicies); err != nil {
		return err
	}
	for i := 0; i < 24; i++ {
		pol := demoSupportPolicies[i%len(demoSupportPolicies)]
		clock.t = now.AddDate(0, 0, -5-rng.IntN(200)).Truncate(time.Minute)
		a := &project.Application{No: fmt.Sprintf("SQ2022%04d", i+1), PolicyCode: pol.Code, Applicant: demoBuildProjects[i%len(demoBuildProjects)][1],
			Channel: pol.Channels[rng.IntN(len(pol.Channels))], Materials: pol.Materials, AmountFen: demoAmount(pol, rng)}
		if err := svc.Submit(ctx, a); err != nil {
			return err
		}
		if i%6 == 5 { // still waiting for review
			continue
		}
		clock.t = sched.Deadline(clock.t, 2+rng.Float64()*10)
		approve := i%7 != 3
		reason := "材料齐全，符合申报条件"
		if !approve {
			reason = "上年度技改投资额未达到申报条件"
		}
		if clock.t.After(now) {
			continue
		}
		if _, err := svc.Decide(ctx, a.No, 0, project.Decision{Approve: approve, Reason: reason}); err != nil {
			return err
		}
		if approve && i%4 != 1 {
			if clock.t = sched.Deadline(clock.t, 5+rng.Float64()*10); clock.t.After(now) {
				continue
			}
			if _, err := svc.Pay(ctx, a.No, 0, a.AmountFen); err != nil {
				return err
			}
		}
	}
	return nil
}

// demoAmount is what a demo applicant asks for under pol: within the policy's
// limit (a fixed award asks for the award), or a number of people at a per-person rate.
func demoAmount(pol project.Policy, rng *rand.Rand) int64 {
	switch lim := pol.Limit(); {
	case lim > 0 && strings.Contains(pol.Amount, "最高"):
		return (lim/10 + rng.Int64N(lim*9/10)) / 100 * 100 // whole yuan
	case lim > 0:
		return lim
	}
	return int64(1+rng.IntN(12)) * 3000 * 100 // 每人 3000 元
}
