package store

import "govdesk/internal/project"

// ProjectStore is projects and policies together, as project.Service takes them.
type ProjectStore struct {
	*ProjectRecords
	*SupportPolicies
}

var _ project.Store = ProjectStore{}

// NewProjectStore returns the project store over db.
func NewProjectStore(db *DB) ProjectStore {
	return ProjectStore{&ProjectRecords{DB: db}, &SupportPolicies{DB: db}}
}
