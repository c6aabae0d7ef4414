package knowledge

import (
	"context"
	"strings"
	"unicode/utf8"

	"govdesk/internal/app"
)

func (s *Service) synonyms(ctx context.Context) ([][]string, error) {
	if s.Synonyms != nil {
		return s.Synonyms, nil
	}
	g, err := s.Store.Synonyms(ctx)
	if err != nil || len(g) > 0 {
		return g, err
	}
	return DefaultSynonyms, nil
}

// SynonymGroups returns the synonym groups in use.
func (s *Service) SynonymGroups(ctx context.Context) ([][]string, error) {
	if _, err := app.RequireActor(ctx); err != nil {
		return nil, err
	}
	return s.synonyms(ctx)
}

// SetSynonyms replaces the synonym groups (hotline office only); an empty list
// restores the built-in groups. Each group has 2–20 words of at most 20 characters.
func (s *Service) SetSynonyms(ctx context.Context, groups [][]string) error {
	if _, err := app.RequireRole(ctx, office...); err != nil {
		return err
	}
	var clean [][]string
	for i, g := range groups {
		var words []string
		for _, w := range g {
			if w = strings.TrimSpace(w); w != "" {
				if utf8.RuneCountInString(w) > 20 {
					return app.Invalid("第 %d 组同义词中的“%s”过长（最多 20 字）", i+1, w).WithDetail("synonym group %d: %q is longer than 20 characters", i+1, w)
				}
				words = append(words, w)
			}
		}
		if len(words) == 0 {
			continue
		}
		if len(words) < 2 || len(words) > 20 {
			return app.Invalid("第 %d 组同义词应有 2 到 20 个词", i+1).WithDetail("synonym group %d must have 2 to 20 words", i+1)
		}
		clean = append(clean, words)
	}
	return s.Store.ReplaceSynonyms(ctx, clean)
}
