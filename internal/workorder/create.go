package workorder

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"govdesk/internal/app"
	"govdesk/internal/privacy"
)

var (
	mobileRE   = regexp.MustCompile(`^1[3-9]\d{9}$`)
	landlineRE = regexp.MustCompile(`^0\d{2,3}-?\d{7,8}(-\d{1,6})?$`)
	serviceRE  = regexp.MustCompile(`^\d{5,8}$`) // 95598, 12345…
)

// NormalizePhone strips spaces, dashes between digit groups of a mobile, and a +86 prefix.
func NormalizePhone(p string) string {
	p = strings.TrimSpace(p)
	p = strings.TrimPrefix(strings.TrimPrefix(p, "+86"), "86-")
	p = strings.ReplaceAll(p, " ", "")
	if d := strings.ReplaceAll(p, "-", ""); mobileRE.MatchString(d) {
		return d
	}
	return p
}

// ValidPhone reports whether p is a mainland mobile, a landline with area code, or a service number.
func ValidPhone(p string) bool {
	return mobileRE.MatchString(p) || landlineRE.MatchString(p) || serviceRE.MatchString(p)
}

// Validate checks a new order's fields (SPEC §4.2 create) and normalises them.
// Every problem is listed in one invalid error.
func (o *Order) Validate() error {
	var probs []string
	o.Type, o.Title, o.Content = strings.TrimSpace(o.Type), strings.TrimSpace(o.Title), strings.TrimSpace(o.Content)
	if !ValidType(o.Type) {
		probs = append(probs, "诉求类型应为："+strings.Join(Types, "、"))
	}
	if o.Content == "" {
		probs = append(probs, "诉求内容不能为空")
	} else if utf8.RuneCountInString(o.Content) > 20000 {
		probs = append(probs, "诉求内容过长（上限 20000 字）")
	}
	if utf8.RuneCountInString(o.Title) > 200 {
		probs = append(probs, "诉求标题过长（上限 200 字）")
	}
	if o.Source == "" {
		o.Source = Sources[0]
	} else if !contains(Sources, o.Source) {
		probs = append(probs, "来源应为："+strings.Join(Sources, "、"))
	}
	o.CitizenPhone = NormalizePhone(o.CitizenPhone)
	if o.CitizenPhone != "" && !ValidPhone(o.CitizenPhone) {
		probs = append(probs, "联系电话格式不正确（应为 11 位手机号或带区号的固定电话）")
	}
	for _, s := range o.Sensitive {
		if !contains(SensitiveTags, s) {
			probs = append(probs, "敏感标记应为："+strings.Join(SensitiveTags, "、"))
			break
		}
	}
	if o.Title == "" && o.Content != "" {
		o.Title = firstRunes(o.Content, 30)
	}
	if len(probs) > 0 {
		return app.Invalid("%s", strings.Join(probs, "；"))
	}
	return nil
}

// firstRunes shortens s to its first n characters and "…", never cutting a phone or
// identity number in two: a cut half would no longer be recognised, and masked, as one.
func firstRunes(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	for _, sp := range privacy.Find(s) {
		if sp.Start < n && n < sp.End {
			n = sp.Start
		}
	}
	return strings.TrimSpace(string([]rune(s)[:n])) + "…"
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
