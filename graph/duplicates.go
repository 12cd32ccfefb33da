package graph

import (
	"context"
	"fmt"

	"github.com/cayleygraph/cayley/graph/path"
	"github.com/cayleygraph/quad"

	"kg/schema"
)

// Near-duplicates. Every document with a signature stores it and its LSH
// band keys, labelled with the document:
//
//	<doc/ID> <signature> "mh2:…" <doc/ID> .  ("mh1:…" without key tokens)
//	<doc/ID> <lsh> "b00:…" <doc/ID> .        (one per band: 32)
//
// The signature literal carries the key tokens (numbers and names) of the
// body with the MinHash values, so that reports from one template stay
// apart (dedup.KeysAgree) at no extra quad; a signature stored as "mh1:"
// has none and agrees with any.
//
// A band key is a literal shared by every document with that band, so the
// documents that share a band with a new one are found from the literal
// through the object index (g.V("b07:…").In("<lsh>")), by index look-ups
// and no scan (lookups.go), and then compared by their signatures
// (stored.nearDuplicates).

var (
	iriSignature = prop(schema.PropSignature)
	iriLSH       = prop(schema.PropLSH)
	iriTitle     = prop(schema.PropTitle)
	iriDate      = prop(schema.PropDate)
)

// DocumentTitle returns the stored title of the document with id ("" when
// it has none or is not stored).
func (s *Store) DocumentTitle(ctx context.Context, id string) (string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	title, err := s.docString(ctx, DocumentIRI(id), iriTitle)
	if err != nil {
		return "", fmt.Errorf("graph: %w", err)
	}
	return title, nil
}

// docString returns the first value of property p of node n as text ("" when
// it has none).
func (s *Store) docString(ctx context.Context, n quad.Value, p quad.IRI) (string, error) {
	vals, err := path.StartPath(s.qs, n).Out(p).Iterate(ctx).Limit(1).AllValues(s.qs)
	if err != nil {
		return "", fmt.Errorf("look up %s of %s: %w", p, n, err)
	}
	if len(vals) == 0 {
		return "", nil
	}
	return literal(vals[0]), nil
}
