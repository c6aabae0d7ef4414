package web

import (
	"context"

	"govdesk/internal/app"
	"govdesk/internal/workorder"
)

// queueLen is how many orders a work-queue section shows before its "all" link.
const queueLen = 20

// queueSection is one filtered list of a work queue (派单池, 我的待办).
type queueSection struct {
	Title   string
	Hint    string
	AllURL  string
	Total   int
	More    bool
	Table   orderTable
	extPend bool
	filter  workorder.Filter
}

// fill runs the section's query: the first queueLen orders and the total.
func (q *queueSection) fill(ctx context.Context, s *workorder.Service) error {
	q.filter.Page = app.Page{Page: 1, PerPage: queueLen}
	var err error
	if q.extPend {
		q.Table.Rows, q.Total, err = s.PendingExtensions(ctx, q.filter)
	} else {
		q.Table.Rows, q.Total, err = s.ListFlagged(ctx, q.filter)
	}
	q.More = q.Total > len(q.Table.Rows)
	return err
}

// queueData is a work-queue page. Its summary counts the overdue and warned
// orders of Scope; with the URLs set each count links to its list.
type queueData struct {
	Sections   []*queueSection
	Scope      string
	Overdue    int
	Warning    int
	OverdueURL string
	WarningURL string
}

// fillQueue runs every section.
func fillQueue(ctx context.Context, s *workorder.Service, sections []*queueSection) (queueData, error) {
	d := queueData{Sections: sections}
	for _, q := range sections {
		if err := q.fill(ctx, s); err != nil {
			return d, err
		}
	}
	return d, nil
}

// countShown sets the summary to the overdue and warned orders the sections show.
func (d *queueData) countShown() {
	d.Scope = "当前列表中"
	for _, q := range d.Sections {
		for _, l := range q.Table.Rows {
			if l.Flags.Overdue {
				d.Overdue++
			} else if l.Flags.Warning {
				d.Warning++
			}
		}
	}
}
