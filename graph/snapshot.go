package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"

	"kg/schema"
)

// Snapshot is every record of a store, read in one pass: the documents,
// entities, facts (each merged over its statements, with every evidence
// sentence; negated, hedged and reported ones too) and quotes, sorted as
// "jsonl" writes them. A server reads it once and answers many requests
// from memory; it does not follow later writes to the store. Its fields
// are read-only.
type Snapshot struct {
	Documents []schema.Document
	Entities  []schema.Entity
	Relations []schema.Relation
	Quotes    []schema.Quote
}

// Snapshot reads every record of the store. It costs one scan of the
// store, as an export does.
func (s *Store) Snapshot(ctx context.Context) (*Snapshot, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	quads, err := s.allQuads(ctx)
	if err != nil {
		return nil, fmt.Errorf("graph: snapshot: %w", err)
	}
	g := newMemGraph(quads)
	return &Snapshot{Documents: g.documents(), Entities: g.entities(), Relations: g.relations(), Quotes: g.quotes()}, nil
}

// Graph builds the Model that f selects from the snapshot, as Store.Graph
// does from the store, without reading the store again.
func (sn *Snapshot) Graph(f Filter) (*Model, error) {
	m, err := buildModel(sn.Entities, sn.Relations, sn.Documents, f)
	if err != nil {
		return nil, fmt.Errorf("graph: %w", err)
	}
	return m, nil
}

// QuadStore returns the Cayley quad store under s, for code that serves
// Cayley's own APIs over it (kg serve mounts Cayley's HTTP v2 API). Reads
// through it see the vocabulary documented in the package doc. Writes
// through it bypass Write: no idempotence check, no serialisation with
// Write, no <edge_count> bookkeeping for Stats.
func (s *Store) QuadStore() cgraph.QuadStore {
	return s.qs
}

// ReadOnly reports whether the store was opened with Options.ReadOnly.
func (s *Store) ReadOnly() bool {
	return s.readOnly
}
