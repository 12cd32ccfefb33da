package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/cayleygraph/cayley/graph/path"
	"github.com/cayleygraph/quad"

	"kg/dedup"
	"kg/schema"
)

// WriteBatch stores the extractions of several documents in a single
// transaction: all of them or none, with the store's running totals
// (see counts.go) updated in the same transaction. It gives the result of each, in the
// order of xs, as if Write had been called on each in turn — but with one
// commit (on bolt, one fsync) instead of one per document, which is what
// makes a large ingest fast.
//
// A document already stored, or earlier in xs under the same id, is
// skipped. Near-duplicates are found among the stored documents and among
// the documents before it in xs; an entity named first in xs gets that
// name, as Write would give it. On error nothing of the batch is written,
// so the caller may write the same documents again.
func (s *Store) WriteBatch(ctx context.Context, xs []*schema.Extraction) ([]WriteResult, error) {
	res := make([]WriteResult, len(xs))
	if s.readOnly {
		return res, ErrReadOnly
	}
	for i, x := range xs {
		res[i].Document = x.Document.ID
		if x.Document.ID == "" && len(xs) == 1 {
			return res, fmt.Errorf("graph: write: document has no id")
		} else if x.Document.ID == "" {
			return res, fmt.Errorf("graph: write: document %d of the batch has no id", i+1)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.followRegistry(ctx); err != nil {
		return res, fmt.Errorf("graph: write: %w", err)
	}
	var (
		stored []*schema.Extraction // the documents written
		quads  []quad.Quad
		seen   = make(map[string]bool, len(xs)) // documents of this batch
		names  = make(map[string]string)        // entity id → its <name>, stored or given in this batch
		known  = make(map[string]bool)          // entity ids whose stored name was looked up
		index  dedup.Index                      // signatures of this batch's documents
		sigs   = make(map[string]schema.Signature)
	)
	for i, x := range xs {
		d := x.Document
		if seen[d.ID] {
			res[i].Skipped = true
			continue
		}
		has, err := s.hasDocument(ctx, d.ID)
		if err != nil {
			return res, err
		}
		if has {
			res[i].Skipped = true
			continue
		}
		seen[d.ID] = true
		if err := s.lookUpNames(ctx, x.Entities, names, known); err != nil {
			return res, fmt.Errorf("graph: write document %s: %w", d.ID, err)
		}
		dups, err := s.nearDuplicates(ctx, d)
		if err != nil {
			return res, fmt.Errorf("graph: write document %s: %w", d.ID, err)
		}
		if more := index.Duplicates(d.ID, d.Date, d.Signature); len(more) > 0 {
			if dups, err = s.mergeDuplicates(ctx, d.Signature, dups, more, sigs); err != nil {
				return res, fmt.Errorf("graph: write document %s: %w", d.ID, err)
			}
		}
		index.Add(d.ID, d.Date, d.Signature)
		sigs[d.ID] = d.Signature
		q := extractionQuads(x, names, dups)
		res[i].Quads, res[i].Duplicates = len(q), dups
		quads = append(quads, q...)
		stored = append(stored, x)
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if len(quads) == 0 {
		return res, nil
	}
	if err := s.writeQuads(ctx, quads); err != nil {
		if len(xs) == 1 {
			return res, fmt.Errorf("graph: write document %s: %w", xs[0].Document.ID, err)
		}
		return res, fmt.Errorf("graph: write a batch of %d documents (from %s): %w", len(xs), xs[0].Document.ID, err)
	}
	if s.reg != nil {
		for _, x := range stored {
			s.reg.observe(x, names)
		}
	}
	return res, nil
}

// followRegistry starts the entity registry of an empty store, which
// WriteBatch then keeps: the first write of a Store that is the only
// writer of its store looks whether the store holds any entity. A store
// that does has its registry read by Consolidate.
func (s *Store) followRegistry(ctx context.Context) error {
	if s.regChecked || !s.exclusive {
		return nil
	}
	s.regChecked = true
	for _, c := range schema.Classes {
		n, err := path.StartPath(s.qs, quad.IRI(c)).In(iriType).Iterate(ctx).Limit(1).Count()
		if err != nil {
			return fmt.Errorf("look up entities: %w", err)
		}
		if n > 0 {
			return nil
		}
	}
	s.reg = newRegistry()
	return nil
}

// mergeDuplicates merges the near-duplicates of a document found in the
// store (stored, the most similar first) and among the earlier documents of
// its batch (more, with their signatures in sigs) into one list, the most
// similar first, as nearDuplicates would have listed them had the batch been
// stored document by document.
func (s *Store) mergeDuplicates(ctx context.Context, sig schema.Signature, stored, more []string, sigs map[string]schema.Signature) ([]string, error) {
	sim := make(map[string]float64, len(stored)+len(more))
	for _, id := range more {
		sim[id] = dedup.Similarity(sig, sigs[id])
	}
	for _, id := range stored {
		text, err := s.docString(ctx, DocumentIRI(id), iriSignature)
		if err != nil {
			return nil, err
		}
		other, _ := schema.ParseSignature(text) // it parsed in nearDuplicates
		sim[id] = dedup.Similarity(sig, other)
	}
	ids := append(slices.Clone(stored), more...)
	slices.SortFunc(ids, func(a, b string) int {
		return cmp.Or(cmp.Compare(sim[b], sim[a]), cmp.Compare(a, b))
	})
	return slices.Compact(ids), nil
}

// lookUpNames adds to names the stored <name> of each entity of ents not
// looked up before (known), so that the names of a batch are read from the
// store once and the names the batch itself gives (extractionQuads adds
// them to names) are seen by its later documents.
func (s *Store) lookUpNames(ctx context.Context, ents []schema.Entity, names map[string]string, known map[string]bool) error {
	var todo []schema.Entity
	for _, e := range ents {
		if _, ok := names[e.ID]; !ok && !known[e.ID] {
			known[e.ID] = true
			todo = append(todo, e)
		}
	}
	stored, err := s.storedNames(ctx, todo)
	if err != nil {
		return err
	}
	for id, name := range stored {
		names[id] = name
	}
	return nil
}

// EstimateQuads is about how many quads the extraction x makes, without
// building them: for bounding a batch by size before writing it.
func EstimateQuads(x *schema.Extraction) int {
	n := 13 + len(x.Document.Editors) // document properties, edge count
	if x.Document.Signature != nil {
		n += 1 + schema.SignatureBands
	}
	for _, e := range x.Entities {
		n += 4 + len(e.Aliases)
	}
	for _, r := range x.Relations {
		n += len(r.Evidence)*(14+len(r.Qualifiers)) + 2
	}
	return n + 6*len(x.Quotes)
}
