package workorder

// Notice kinds: what a notice is about. Every kind has its Chinese label in
// NoticeKindNames, which the pages show.
const (
	NoticeDispatch  = "dispatch"  // an order dispatched to the unit (as main or co-handling unit)
	NoticeReturn    = "return"    // an order returned to the dispatchers
	NoticeExtension = "extension" // an extension requested, or decided
	NoticeReview    = "review"    // a reply sent back by the review
	NoticeReopen    = "reopen"    // an order reopened after an unsatisfied callback
	NoticeRemind    = "remind"    // 催办
	NoticeSupervise = "supervise" // 督办
	NoticeSensitive = "sensitive" // an order flagged 群体诉求 / 涉稳 / 舆情
	NoticeOverdue   = "overdue"   // past its deadline
	NoticeWarning   = "warning"   // 80% of its limit used
	NoticeSignLate  = "signlate"  // not signed for within the sign-for limit
)

// NoticeKindNames gives each notice kind its Chinese label.
var NoticeKindNames = map[string]string{
	NoticeDispatch: "派单", NoticeReturn: "退单", NoticeExtension: "延期", NoticeReview: "审核", NoticeReopen: "重办",
	NoticeRemind: "催办", NoticeSupervise: "督办", NoticeSensitive: "敏感", NoticeOverdue: "超期", NoticeWarning: "预警",
	NoticeSignLate: "超时未签收",
}

// NoticeKindName is the Chinese label of a notice kind; a kind without one (from
// a newer version, say) is labelled 通知, never shown raw.
func NoticeKindName(kind string) string {
	if n := NoticeKindNames[kind]; n != "" {
		return n
	}
	return "通知"
}
