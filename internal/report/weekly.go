package report

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"govdesk/internal/workorder"
)

// weekly builds the 周报: the week's figures in a paragraph and its typical
// orders — the stored selection, or the ten best ranked — each with why it
// was chosen.
func (s *Service) weekly(ctx context.Context, d *Doc) error {
	p := d.Period
	d.Title = s.centre() + "每周典型工单"
	d.Subtitle = "（" + d.Label + "）"
	h, err := s.Stats.Hotline(ctx, p)
	if err != nil {
		return err
	}
	ranked, err := s.week(ctx, p)
	if err != nil {
		return err
	}
	chosen, stored, err := s.selection(ctx, d.Arg, ranked)
	if err != nil {
		return err
	}
	b := builder{d}
	d.Byline = s.subtitle(p)
	b.h(1, "一、本周概况")
	b.para(summary(&h, "本周")...)

	b.h(1, "二、典型工单")
	how := "由系统按问题类别热度、紧急程度、重复诉求、督办催办等情况排序选出"
	if stored {
		how = "由热线办从本周工单中选定"
	}
	b.para(plain(fmt.Sprintf("本周典型工单共 %d 件，%s，具体如下。", len(chosen), how)))
	t := Table{Name: "典型工单", Header: []string{"序号", "工单编号", "诉求标题", "问题类别", "承办单位", "状态", "入选理由"},
		Widths: []int{600, 1650, 1650, 1300, 1300, 850, 1500}}
	for i, c := range chosen {
		o := c.Order
		t.Rows = append(t.Rows, []Cell{text(strconv.Itoa(i + 1)), {Text: o.No, Order: o.ID}, text(o.Title), text(orDash(o.Category)),
			text(orDash(o.UnitName)), text(workorder.StatusNames[o.Status]), text(orDash(strings.Join(c.Reasons, "；")))})
	}
	b.table(t)
	for i, c := range chosen {
		o := c.Order
		b.h(2, fmt.Sprintf("（%s）%s", chineseNumber(i+1), strings.TrimRight(o.Title, "。.；; ")))
		where := o.Address
		if o.Town != "" && !strings.Contains(o.Address, o.Town) {
			where = strings.TrimSpace(o.Town + o.Village + " " + o.Address)
		}
		b.text(fmt.Sprintf("工单编号%s，%s受理，%s，%s类，问题类别：%s。", o.No, o.ReceivedAt.In(shanghai()).Format("1月2日15:04"),
			orDash(where), o.Type, orDash(o.Category)))
		b.text("诉求内容：" + strings.TrimSpace(o.Content))
		b.text("办理情况：" + progress(&o))
		if len(c.Reasons) > 0 {
			b.text("入选理由：" + strings.Join(c.Reasons, "；") + "。")
		}
	}
	return nil
}

// progress describes where an order stands.
func progress(o *workorder.Order) string {
	var parts []string
	if o.UnitName != "" {
		parts = append(parts, "承办单位"+o.UnitName)
	}
	parts = append(parts, "当前状态"+workorder.StatusNames[o.Status])
	if o.ReplyText != "" {
		parts = append(parts, "答复："+strings.TrimRight(strings.TrimSpace(o.ReplyText), "。.；;，, "))
	}
	if o.CallbackResult != "" {
		parts = append(parts, "回访结果"+o.CallbackResult)
	}
	return strings.Join(parts, "，") + "。"
}

// chineseNumber writes 1..99 in Chinese numerals (一, 十二, 二十).
func chineseNumber(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + strings.TrimPrefix(digits[n%10], "零")
	}
	s := digits[n/10] + "十"
	if n%10 != 0 {
		s += digits[n%10]
	}
	return s
}
