package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/cayley/graph/path"
	"github.com/cayleygraph/quad"

	"kg/dedup"
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
// through the object index (g.V("b07:…").In("<lsh>")), one lookup per band
// and no scan, and then compared by their signatures.

var (
	iriSignature = prop(schema.PropSignature)
	iriLSH       = prop(schema.PropLSH)
	iriTitle     = prop(schema.PropTitle)
	iriDate      = prop(schema.PropDate)
)

// nearDuplicates returns the ids of the stored documents that share an LSH
// band with d and are near-duplicates of it (dedup.IsDuplicate: similar
// signatures, key tokens in agreement, dates close), the most similar
// first. A stored signature that
// does not parse is passed over.
func (s *Store) nearDuplicates(ctx context.Context, d schema.Document) ([]string, error) {
	seen := map[quad.Value]bool{DocumentIRI(d.ID): true}
	var found []dedup.Match
	for _, key := range dedup.Bands(d.Signature) {
		docs, err := path.StartPath(s.qs, quad.String(key)).In(iriLSH).Iterate(ctx).AllValues(s.qs)
		if err != nil {
			return nil, fmt.Errorf("look up band %s: %w", key, err)
		}
		for _, doc := range docs {
			if seen[doc] {
				continue
			}
			seen[doc] = true
			text, err := s.docString(ctx, doc, iriSignature)
			if err != nil {
				return nil, err
			}
			if text == "" {
				continue
			}
			sig, err := schema.ParseSignature(text)
			if err != nil {
				continue
			}
			sim := dedup.Similarity(d.Signature, sig)
			if sim < dedup.DuplicateThreshold || !dedup.KeysAgree(d.Signature, sig) {
				continue
			}
			date, err := s.docString(ctx, doc, iriDate)
			if err != nil {
				return nil, err
			}
			if dedup.DatesClose(d.Date, date) {
				found = append(found, dedup.Match{ID: strings.TrimPrefix(literal(doc), docPrefix), Date: date, Similarity: sim})
			}
		}
	}
	slices.SortFunc(found, func(a, b dedup.Match) int {
		return cmp.Or(cmp.Compare(b.Similarity, a.Similarity), cmp.Compare(a.ID, b.ID))
	})
	ids := make([]string, len(found))
	for i, m := range found {
		ids[i] = m.ID
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return ids, nil
}

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
