package selfeval

import "govdesk/internal/app"

// blocked is the refusal to write a report while findings are open.
func blocked(open []Finding) error {
	return app.Invalid("%s", BlockedMessage(open))
}
