package graph

import (
	"context"
	"errors"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/path"
	"github.com/cayleygraph/quad"

	"kg/schema"
)

// Stats counts what a store holds.
type Stats struct {
	Documents     int64 // nodes of type <Document>
	Entities      int64 // Persons + Organizations + Places
	Persons       int64 // nodes of type <Person>
	Organizations int64 // nodes of type <Organization>
	Places        int64 // nodes of type <Place>
	Statements    int64 // statement nodes (one per fact occurrence)
	Facts         int64 // direct edges (one quad per direction and supporting document)
	Quotes        int64 // quote nodes
	Quads         int64 // all quads
	Nodes         int64 // all nodes; an estimate (quads/3) on KV backends such as bolt
}

// Stats returns the store's counts without scanning it: class sizes come
// from the object index, direct edges from each document's precomputed
// <edge_count>, totals from Cayley's own statistics.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	cs, err := s.cayleyStats(ctx)
	if err != nil {
		return st, fmt.Errorf("graph: stats: %w", err)
	}
	st.Quads, st.Nodes = cs.Quads.Size, cs.Nodes.Size
	for _, c := range []struct {
		n    *int64
		name string
	}{
		{&st.Documents, schema.TypeDocument}, {&st.Statements, schema.TypeStatement}, {&st.Quotes, schema.TypeQuote},
		{&st.Persons, string(schema.Person)}, {&st.Organizations, string(schema.Organization)}, {&st.Places, string(schema.Place)},
	} {
		if *c.n, err = s.indexSize(ctx, quad.Object, quad.IRI(c.name)); err != nil {
			return st, err
		}
	}
	st.Entities = st.Persons + st.Organizations + st.Places
	docs, err := path.StartPath(s.qs).Has(iriType, iriDocument).Iterate(ctx).AllValues(s.qs)
	if err != nil {
		return st, fmt.Errorf("graph: stats: %w", err)
	}
	for _, d := range docs {
		counts, err := path.StartPath(s.qs, d).Out(iriEdgeCount).Iterate(ctx).AllValues(s.qs)
		if err != nil {
			return st, fmt.Errorf("graph: stats: %w", err)
		}
		for _, v := range counts {
			if n, ok := v.(quad.Int); ok {
				st.Facts += int64(n)
			}
		}
	}
	return st, nil
}

// indexSize returns the number of quads with v in direction d.
func (s *Store) indexSize(ctx context.Context, d quad.Direction, v quad.Value) (int64, error) {
	ref := s.qs.ValueOf(v)
	if ref == nil {
		return 0, nil
	}
	sz, err := s.qs.QuadIteratorSize(ctx, d, ref)
	if err != nil {
		return 0, fmt.Errorf("graph: stats: count %s %s: %w", d, v, err)
	}
	if sz.Exact {
		return sz.Size, nil
	}
	n, err := cgraph.Iterate(ctx, s.qs.QuadIterator(d, ref)).Count()
	if err != nil {
		return 0, fmt.Errorf("graph: stats: count %s %s: %w", d, v, err)
	}
	return n, nil
}

// cayleyStats returns Cayley's own (cheap) statistics. A KV store that has
// never been written reports a missing bucket instead of zero.
func (s *Store) cayleyStats(ctx context.Context) (cgraph.Stats, error) {
	cs, err := s.qs.Stats(ctx, false)
	if errors.Is(err, kv.ErrNoBucket) {
		return cgraph.Stats{}, nil
	}
	if err == nil && !cs.Quads.Exact {
		// The SQL backends estimate from table statistics unless asked
		// for an exact count (COUNT(*)), which is what Stats promises.
		cs, err = s.qs.Stats(ctx, true)
	}
	return cs, err
}
