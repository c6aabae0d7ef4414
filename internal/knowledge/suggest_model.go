package knowledge

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/gob"
	"fmt"
	"time"
)

// ModelStore keeps the trained model where every govdesk process finds it, so
// that one process (the scheduler's daily job, or an on-demand retrain) trains
// and the others load the counts instead of training again.
type ModelStore interface {
	// ModelTrainedAt returns when the stored model was trained (zero: none stored).
	ModelTrainedAt(ctx context.Context) (time.Time, error)
	// LoadModel returns the stored model's encoding and training time (nil: none).
	LoadModel(ctx context.Context) ([]byte, time.Time, error)
	// SaveModel replaces the stored model.
	SaveModel(ctx context.Context, data []byte, orders int, trainedAt time.Time) error
}

// modelData is the encoded form of a Model: its counts.
type modelData struct {
	Units    []string
	Names    map[string]string
	Docs     map[string]int
	Words    map[string]map[string]int
	Total    map[string]int
	N        int
	Defaults map[string]DefaultUnit
	Towns    map[string]map[string]int
}

// Encode returns the model's counts, gob-encoded and gzipped.
func (m *Model) Encode() ([]byte, error) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if err := gob.NewEncoder(zw).Encode(modelData{Units: m.units, Names: m.names, Docs: m.docs, Words: m.words,
		Total: m.total, N: m.n, Defaults: m.defaults, Towns: m.towns}); err != nil {
		return nil, fmt.Errorf("encode suggestion model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// DecodeModel rebuilds a model from Encode's output.
func DecodeModel(data []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decode suggestion model: %w", err)
	}
	var d modelData
	if err := gob.NewDecoder(zr).Decode(&d); err != nil {
		return nil, fmt.Errorf("decode suggestion model: %w", err)
	}
	m := &Model{units: d.Units, names: d.Names, docs: d.Docs, words: d.Words, total: d.Total, n: d.N, defaults: d.Defaults,
		vocab: map[string]bool{}, towns: d.Towns, townSet: map[string]bool{}}
	if m.towns == nil {
		m.towns = map[string]map[string]int{}
	}
	for _, ts := range m.towns {
		for t := range ts {
			m.townSet[t] = true
		}
	}
	for _, ws := range m.words {
		for w := range ws {
			m.vocab[w] = true
		}
	}
	for _, mp := range []*map[string]int{&m.docs, &m.total} {
		if *mp == nil {
			*mp = map[string]int{}
		}
	}
	if m.names == nil {
		m.names = map[string]string{}
	}
	if m.words == nil {
		m.words = map[string]map[string]int{}
	}
	if m.defaults == nil {
		m.defaults = map[string]DefaultUnit{}
	}
	return m, nil
}

// Orders is the number of closed orders the model learned from.
func (m *Model) Orders() int { return m.n }
