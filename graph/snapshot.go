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

	dates map[string][]schema.When // fact id → the date of each of its statements (EvidenceDates)
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
	facts := g.facts()
	sn := &Snapshot{Documents: g.documents(), Entities: g.entities(), Quotes: g.quotes(),
		Relations: make([]schema.Relation, len(facts)), dates: make(map[string][]schema.When, len(facts))}
	for i, f := range facts {
		sn.Relations[i] = f.Relation
		sn.dates[f.ID] = f.dates
	}
	return sn, nil
}

// EvidenceDates returns the date of each Evidence entry of r, one of the
// snapshot's Relations, in order (as Edge.EvidenceDates): the time its
// sentence names, else its document's date as Reported; a zero When when
// it has neither. For a relation the snapshot did not read, every entry
// gets r.When.
func (sn *Snapshot) EvidenceDates(r schema.Relation) []schema.When {
	if d, ok := sn.dates[r.ID]; ok && len(d) == len(r.Evidence) {
		return d
	}
	var w schema.When
	if r.When != nil {
		w = *r.When
	}
	out := make([]schema.When, len(r.Evidence))
	for i := range out {
		out[i] = w
	}
	return out
}

// Graph builds the Model that f selects from the snapshot, as Store.Graph
// does from the store, without reading the store again.
func (sn *Snapshot) Graph(f Filter) (*Model, error) {
	facts := make([]fact, len(sn.Relations))
	for i, r := range sn.Relations {
		facts[i] = fact{Relation: r, dates: sn.EvidenceDates(r)}
	}
	m, err := buildModel(sn.Entities, facts, sn.Documents, f)
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
