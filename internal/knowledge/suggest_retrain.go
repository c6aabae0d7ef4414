package knowledge

import (
	"context"

	"govdesk/internal/app"
)

// RetrainNow retrains the model on demand (hotline office only) and returns the number of orders learned from.
func (s *Suggester) RetrainNow(ctx context.Context) (int, error) {
	if _, err := app.RequireRole(ctx, office...); err != nil {
		return 0, err
	}
	m, err := s.Retrain(ctx)
	if err != nil {
		return 0, err
	}
	return m.n, nil
}
