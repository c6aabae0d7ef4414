package knowledge

import (
	"context"
	"math"
	"sort"
	"strings"
	"sync"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/zhtext"
)

// Example is one closed order the classifier learns from: its text, category and unit.
type Example struct {
	Title, Content, Category string
	Town                     string // the town (镇/街) the order is about; "" unknown
	UnitCode, UnitName       string
	ReceivedAt               time.Time
}

// DefaultUnit is a category's default unit.
type DefaultUnit struct {
	Category, UnitCode, UnitName string
}

// SuggestSource gives the training data: closed orders with a unit, oldest first, and the categories' default units.
type SuggestSource interface {
	TrainingExamples(ctx context.Context, limit int) ([]Example, error)
	CategoryDefaults(ctx context.Context) ([]DefaultUnit, error)
}

// Query is the order a suggestion is asked for.
type Query struct {
	Title, Content, Category string
	Town                     string   // the order's town (镇/街); "" unknown
	Exclude                  []string // codes of units never to suggest: those that returned the order (SPEC §4.3)
}

// OrderSource reads an order already received as a Query, with the units that
// returned it in Exclude. It returns not_found for an order the actor may not see.
type OrderSource interface {
	SuggestQuery(ctx context.Context, orderID int64) (Query, error)
}

// Suggestion is a unit likely to own an order.
type Suggestion struct {
	UnitCode   string  `json:"unit_code"`
	UnitName   string  `json:"unit_name"`
	Confidence float64 `json:"confidence"`
}

// Model is a multinomial naive Bayes classifier over the order's words (zhtext
// tokens) and its category, mixed with the category's default unit.
type Model struct {
	units    []string
	names    map[string]string
	docs     map[string]int
	words    map[string]map[string]int
	total    map[string]int
	vocab    map[string]bool
	n        int
	defaults map[string]DefaultUnit
	towns    map[string]map[string]int // unit → town → orders
	townSet  map[string]bool
}

// townWeight is the weight (an exponent) of P(town | unit), estimated apart from
// the words with add-one smoothing: town governments own many of their own
// town's orders, whatever the words.
var townWeight = 8.0

// defaultWeight is the share of confidence given to the category's default unit.
const defaultWeight = 0.25

func features(title, content, category string) []string {
	f := zhtext.Tokens(title + " " + title + " " + content)
	if category != "" {
		for i := 0; i < 3; i++ {
			f = append(f, "cat:"+category)
		}
	}
	return f
}

// Train builds a model from examples and default units.
func Train(examples []Example, defaults []DefaultUnit) *Model {
	m := &Model{names: map[string]string{}, docs: map[string]int{}, words: map[string]map[string]int{},
		total: map[string]int{}, vocab: map[string]bool{}, defaults: map[string]DefaultUnit{},
		towns: map[string]map[string]int{}, townSet: map[string]bool{}}
	for _, ex := range examples {
		u := ex.UnitCode
		if m.words[u] == nil {
			m.words[u] = map[string]int{}
			m.units = append(m.units, u)
		}
		m.names[u] = ex.UnitName
		m.docs[u]++
		m.n++
		if ex.Town != "" {
			if m.towns[u] == nil {
				m.towns[u] = map[string]int{}
			}
			m.towns[u][ex.Town]++
			m.townSet[ex.Town] = true
		}
		for _, w := range features(ex.Title, ex.Content, ex.Category) {
			m.words[u][w]++
			m.total[u]++
			m.vocab[w] = true
		}
	}
	sort.Strings(m.units)
	for _, d := range defaults {
		m.defaults[d.Category] = d
		if _, ok := m.names[d.UnitCode]; !ok {
			m.names[d.UnitCode] = d.UnitName
		}
	}
	return m
}

// Suggest returns at most k units, most likely first, with confidences summing to at most 1.
func (m *Model) Suggest(title, content, category string, k int) []Suggestion {
	return m.SuggestTown(title, content, category, "", k)
}

// SuggestTown is Suggest for an order of a known town.
func (m *Model) SuggestTown(title, content, category, town string, k int) []Suggestion {
	return m.SuggestQuery(Query{Title: title, Content: content, Category: category, Town: town}, k)
}

// maxConfidence caps a suggestion's confidence: a guess is never shown as
// certain, not even the category's default unit alone (SPEC §4.3).
const maxConfidence = 0.99

// SuggestQuery returns at most k units for q, most likely first, none of q.Exclude
// (the category's default unit included). The confidences are those of the units
// that remain possible: the probability of each given that the order is not an
// excluded unit's (a unit that returned it said so), so that after a return of the
// model's first choice the others are not shown as 0%.
func (m *Model) SuggestQuery(q Query, k int) []Suggestion {
	excluded := map[string]bool{}
	for _, u := range q.Exclude {
		excluded[u] = true
	}
	probs := map[string]float64{}
	if m.n > 0 {
		f := features(q.Title, q.Content, q.Category)
		v := float64(len(m.vocab) + 1)
		logp := make([]float64, len(m.units))
		best := math.Inf(-1)
		for i, u := range m.units {
			if excluded[u] {
				logp[i] = math.Inf(-1)
				continue
			}
			lp := math.Log(float64(m.docs[u]) / float64(m.n))
			for _, w := range f {
				lp += math.Log((float64(m.words[u][w]) + 1) / (float64(m.total[u]) + v))
			}
			if q.Town != "" && len(m.townSet) > 0 {
				lp += townWeight * math.Log((float64(m.towns[u][q.Town])+1)/(float64(m.docs[u])+float64(len(m.townSet))))
			}
			logp[i] = lp
			best = math.Max(best, lp)
		}
		var sum float64
		for i := range logp {
			logp[i] = math.Exp(logp[i] - best)
			sum += logp[i]
		}
		for i, u := range m.units {
			if !excluded[u] && sum > 0 {
				probs[u] = logp[i] / sum
			}
		}
	}
	if d, ok := m.defaults[q.Category]; ok && !excluded[d.UnitCode] {
		w := defaultWeight
		if m.n == 0 {
			w = 1
		}
		for u := range probs {
			probs[u] *= 1 - w
		}
		probs[d.UnitCode] += w
	}
	out := make([]Suggestion, 0, len(probs))
	for u, p := range probs {
		if !excluded[u] {
			out = append(out, Suggestion{UnitCode: u, UnitName: m.names[u], Confidence: p})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Confidence != out[j].Confidence {
			return out[i].Confidence > out[j].Confidence
		}
		return out[i].UnitCode < out[j].UnitCode
	})
	if len(out) > k {
		out = out[:k]
	}
	for i := range out {
		out[i].Confidence = math.Min(math.Round(out[i].Confidence*1000)/1000, maxConfidence)
	}
	return out
}

// Accuracy is the result of an evaluation on held-out history.
type Accuracy struct {
	Train int     `json:"train"`
	Test  int     `json:"test"`
	Top1  float64 `json:"top1"`
	Top3  float64 `json:"top3"`
}

// Evaluate trains on the oldest (1-holdout) share of examples and measures top-1
// and top-3 accuracy on the newest holdout share.
func Evaluate(examples []Example, defaults []DefaultUnit, holdout float64) Accuracy {
	sorted := append([]Example(nil), examples...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].ReceivedAt.Before(sorted[j].ReceivedAt) })
	cut := int(float64(len(sorted)) * (1 - holdout))
	m := Train(sorted[:cut], defaults)
	acc := Accuracy{Train: cut, Test: len(sorted) - cut}
	var top1, top3 int
	for _, ex := range sorted[cut:] {
		for i, s := range m.SuggestTown(ex.Title, ex.Content, ex.Category, ex.Town, 3) {
			if s.UnitCode == ex.UnitCode {
				top3++
				if i == 0 {
					top1++
				}
			}
		}
	}
	if acc.Test > 0 {
		acc.Top1 = math.Round(float64(top1)*1000/float64(acc.Test)) / 10
		acc.Top3 = math.Round(float64(top3)*1000/float64(acc.Test)) / 10
	}
	return acc
}

// Suggester keeps a trained model and retrains it when older than MaxAge or on
// demand. With Models set the model is shared through the database: a retrain
// stores it, and every Suggester loads a newer stored model (checked at most
// once a CheckEvery) instead of training its own.
type Suggester struct {
	Source     SuggestSource
	Models     ModelStore // nil: each process trains and keeps its own model
	Clock      app.Clock
	MaxAge     time.Duration // 0: one day
	CheckEvery time.Duration // 0: one minute
	Examples   int           // most recent closed orders trained on; 0: 50 000
	Orders     OrderSource   // orders already received, for SuggestOrder; nil: SuggestOrder is not available

	mu      sync.Mutex
	model   *Model
	trained time.Time // when the model in memory was trained
	checked time.Time // when the store was last asked for a newer model
}

// Retrain trains a new model from the database now and, with Models set, stores it for every process.
func (s *Suggester) Retrain(ctx context.Context) (*Model, error) {
	limit := s.Examples
	if limit <= 0 {
		limit = 50000
	}
	ex, err := s.Source.TrainingExamples(ctx, limit)
	if err != nil {
		return nil, err
	}
	defs, err := s.Source.CategoryDefaults(ctx)
	if err != nil {
		return nil, err
	}
	m := Train(ex, defs)
	now := s.Clock.Now()
	if s.Models != nil {
		data, err := m.Encode()
		if err != nil {
			return nil, err
		}
		if err := s.Models.SaveModel(ctx, data, m.n, now); err != nil {
			return nil, err
		}
	}
	s.mu.Lock()
	s.model, s.trained, s.checked = m, now, now
	s.mu.Unlock()
	return m, nil
}

// current returns the model to answer with: the one in memory while fresh, a
// newer stored one, or a new one trained now when there is none or it is stale.
func (s *Suggester) current(ctx context.Context) (*Model, error) {
	age, every := s.MaxAge, s.CheckEvery
	if age <= 0 {
		age = 24 * time.Hour
	}
	if every <= 0 {
		every = time.Minute
	}
	now := s.Clock.Now()
	s.mu.Lock()
	m, trained, checked := s.model, s.trained, s.checked
	s.mu.Unlock()
	if s.Models != nil && (m == nil || now.Sub(checked) >= every) {
		at, err := s.Models.ModelTrainedAt(ctx)
		if err != nil {
			return nil, err
		}
		if !at.IsZero() && (m == nil || at.After(trained)) {
			data, at, err := s.Models.LoadModel(ctx)
			if err != nil {
				return nil, err
			}
			if data != nil {
				if m, err = DecodeModel(data); err != nil {
					return nil, err
				}
				trained = at
			}
		}
		s.mu.Lock()
		s.model, s.trained, s.checked = m, trained, now
		s.mu.Unlock()
	}
	if m == nil || now.Sub(trained) > age {
		return s.Retrain(ctx)
	}
	return m, nil
}

// Suggest returns the three units most likely to own an order (SPEC §4.3).
func (s *Suggester) Suggest(ctx context.Context, title, content, category string) ([]Suggestion, error) {
	return s.SuggestTown(ctx, title, content, category, "")
}

// SuggestTown is Suggest for an order of a known town (镇/街), which weighs
// the town's own government among the candidates.
func (s *Suggester) SuggestTown(ctx context.Context, title, content, category, town string) ([]Suggestion, error) {
	return s.SuggestFor(ctx, Query{Title: title, Content: content, Category: category, Town: town})
}

// SuggestFor returns the three units most likely to own the order of q, never one of q.Exclude.
func (s *Suggester) SuggestFor(ctx context.Context, q Query) ([]Suggestion, error) {
	if _, err := app.RequireActor(ctx); err != nil {
		return nil, err
	}
	q.Title, q.Content, q.Town = strings.TrimSpace(q.Title), strings.TrimSpace(q.Content), strings.TrimSpace(q.Town)
	q.Category = strings.Trim(strings.TrimSpace(q.Category), "/")
	if q.Title == "" && q.Content == "" && q.Category == "" {
		return nil, app.Invalid("请至少提供诉求标题、诉求内容或分类之一")
	}
	m, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	return m.SuggestQuery(q, 3), nil
}

// SuggestOrder returns the three units most likely to own an order already
// received, from its own title, content, category and town, never a unit that
// returned it (SPEC §4.3). An order the actor may not see is not_found.
func (s *Suggester) SuggestOrder(ctx context.Context, orderID int64) ([]Suggestion, error) {
	if _, err := app.RequireActor(ctx); err != nil {
		return nil, err
	}
	if s.Orders == nil {
		return nil, app.Internal(nil, "suggester has no order source")
	}
	q, err := s.Orders.SuggestQuery(ctx, orderID)
	if err != nil {
		return nil, err
	}
	return s.SuggestFor(ctx, q)
}
