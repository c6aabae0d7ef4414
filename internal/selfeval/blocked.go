package selfeval

import "govdesk/internal/app"

// blocked is the refusal to write a report while findings are open.
func blocked(open []Finding) error {
	return app.Invalid("%s", BlockedMessage(open)).WithDetail("%d open finding(s): fix the data or accept each with a reason (selfeval accept), or write a --draft", len(open))
}
