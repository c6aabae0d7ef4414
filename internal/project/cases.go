package project

import (
	"slices"

	"govdesk/internal/catalog"
)

// StageCases returns the cases of the catalogue items a stage needs that the
// project's enterprise applied for (the case's 申请人 is the enterprise),
// accepted since the project was registered.
func StageCases(p Project, s Stage, cases []catalog.Case) []catalog.Case {
	var out []catalog.Case
	for _, c := range cases {
		if slices.Contains(s.Items, c.ItemCode) && c.Applicant == p.Enterprise && !c.AcceptedAt.Before(p.CreatedAt) {
			out = append(out, c)
		}
	}
	return out
}
