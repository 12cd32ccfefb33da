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
	st, err := s.lookUp(ctx, xs)
	if err != nil {
		return res, err
	}
	var (
		stored []*schema.Extraction // the documents written
		quads  []quad.Quad
		seen   = make(map[string]bool, len(xs)) // documents of this batch
		names  = st.names                       // entity id → its <name>, stored or given in this batch
		index  dedup.Index                      // signatures of this batch's documents
		sigs   = make(map[string]schema.Signature)
	)
	for i, x := range xs {
		d := x.Document
		if seen[d.ID] || st.documents[d.ID] {
			res[i].Skipped = true
			continue
		}
		seen[d.ID] = true
		dups := st.nearDuplicates(d)
		if more := index.Duplicates(d.ID, d.Date, d.Signature); len(more) > 0 {
			dups = st.mergeDuplicates(d.Signature, dups, more, sigs)
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

// lookUp reads what the store holds about the batch xs: which documents
// are stored, and, for the others, their entities' names and the stored
// documents that share an LSH band with them (see lookups.go).
func (s *Store) lookUp(ctx context.Context, xs []*schema.Extraction) (*batchFacts, error) {
	r := s.reader()
	ids := make([]string, 0, len(xs))
	for _, x := range xs {
		ids = append(ids, x.Document.ID)
	}
	slices.Sort(ids)
	documents, err := r.storedDocuments(ctx, slices.Compact(ids))
	if err != nil {
		return nil, fmt.Errorf("graph: write: look up %d documents: %w", len(ids), err)
	}
	var entities, bands []string
	for _, x := range xs {
		if documents[x.Document.ID] {
			continue
		}
		for _, e := range x.Entities {
			entities = append(entities, e.ID)
		}
		bands = append(bands, dedup.Bands(x.Document.Signature)...)
	}
	slices.Sort(entities)
	slices.Sort(bands)
	st, err := r.lookUp(ctx, slices.Compact(entities), slices.Compact(bands))
	if err != nil {
		return nil, fmt.Errorf("graph: write: %w", err)
	}
	return &batchFacts{stored: st, documents: documents}, nil
}

// batchFacts is what the store holds about a batch.
type batchFacts struct {
	*stored
	documents map[string]bool // the batch's documents that are stored
}

// mergeDuplicates merges the near-duplicates of a document found in the
// store (stored, the most similar first) and among the earlier documents of
// its batch (more, with their signatures in sigs) into one list, the most
// similar first, as nearDuplicates would have listed them had the batch been
// stored document by document.
func (st *stored) mergeDuplicates(sig schema.Signature, found, more []string, sigs map[string]schema.Signature) []string {
	sim := make(map[string]float64, len(found)+len(more))
	for _, id := range more {
		sim[id] = dedup.Similarity(sig, sigs[id])
	}
	for _, id := range found {
		other, _ := schema.ParseSignature(st.docs[id].signature) // it parsed in nearDuplicates
		sim[id] = dedup.Similarity(sig, other)
	}
	ids := append(slices.Clone(found), more...)
	slices.SortFunc(ids, func(a, b string) int {
		return cmp.Or(cmp.Compare(sim[b], sim[a]), cmp.Compare(a, b))
	})
	return slices.Compact(ids)
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
