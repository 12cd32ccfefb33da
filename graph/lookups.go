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

// What WriteBatch reads from the store.
//
// Before it writes a batch, WriteBatch needs to know which of its
// documents are stored already, the stored <name> of its entities, and
// the stored documents that share an LSH band with its documents (with
// their signatures and dates). None of it depends on the batch's own
// documents (those WriteBatch tracks in memory), so it is read up front,
// for the whole batch: on PostgreSQL four queries per batch (pgStore)
// instead of some forty per document through Cayley's SQL, which each
// cost a round trip; elsewhere through Cayley, one look-up per item.

// batchReader reads what WriteBatch needs to know about a batch.
type batchReader interface {
	// storedDocuments returns which of the document ids are stored.
	storedDocuments(ctx context.Context, ids []string) (map[string]bool, error)
	// lookUp returns the stored names of the entities and the stored
	// documents that have one of the band keys.
	lookUp(ctx context.Context, entities, bands []string) (*stored, error)
}

// stored is what the store holds about a batch's entities and bands.
type stored struct {
	names map[string]string   // entity id → its stored <name>
	bands map[string][]string // LSH band key → the stored documents that have it
	docs  map[string]docMeta  // id of a document of bands → its signature and date
}

// docMeta is what near-duplicate detection compares of a stored document.
type docMeta struct {
	signature string // the <signature> literal; "" when it has none
	date      string
}

// reader returns the batchReader of the store's backend.
func (s *Store) reader() batchReader {
	if r, ok := s.totals.(batchReader); ok {
		return r
	}
	return cayleyReader{s}
}

// cayleyReader reads through Cayley's API.
type cayleyReader struct{ s *Store }

func (r cayleyReader) storedDocuments(ctx context.Context, ids []string) (map[string]bool, error) {
	out := make(map[string]bool)
	for _, id := range ids {
		has, err := r.s.hasDocument(ctx, id) // the caller (WriteBatch) holds s.mu
		if err != nil {
			return nil, err
		}
		if has {
			out[id] = true
		}
	}
	return out, nil
}

func (r cayleyReader) lookUp(ctx context.Context, entities, bands []string) (*stored, error) {
	s := r.s
	st := &stored{names: make(map[string]string), bands: make(map[string][]string), docs: make(map[string]docMeta)}
	if len(entities) > 0 { // (a path from no node starts from every node)
		iris := make([]quad.Value, len(entities))
		for i, e := range entities {
			iris[i] = EntityIRI(e)
		}
		err := path.StartPath(s.qs, iris...).Tag("e").Out(iriName).Tag("n").Iterate(ctx).TagValues(s.qs, func(m map[string]quad.Value) {
			if id := literal(m["e"]); st.names[id] == "" {
				st.names[id] = literal(m["n"])
			}
		})
		if err != nil {
			return nil, fmt.Errorf("look up the names of %d entities: %w", len(entities), err)
		}
	}
	if len(bands) == 0 {
		return st, nil
	}
	keys := make([]quad.Value, len(bands))
	for i, b := range bands {
		keys[i] = quad.String(b)
	}
	var docs []quad.Value
	err := path.StartPath(s.qs, keys...).Tag("k").In(iriLSH).Tag("d").Iterate(ctx).TagValues(s.qs, func(m map[string]quad.Value) {
		k, d := literal(m["k"]), strings.TrimPrefix(literal(m["d"]), docPrefix)
		if _, ok := st.docs[d]; !ok {
			st.docs[d] = docMeta{}
			docs = append(docs, m["d"])
		}
		st.bands[k] = append(st.bands[k], d)
	})
	if err != nil {
		return nil, fmt.Errorf("look up %d bands: %w", len(bands), err)
	}
	if len(docs) == 0 {
		return st, nil
	}
	err = path.StartPath(s.qs, docs...).Tag("d").OutWithTags([]string{"p"}, iriSignature, iriDate).Tag("v").Iterate(ctx).TagValues(s.qs, func(m map[string]quad.Value) {
		d := strings.TrimPrefix(literal(m["d"]), docPrefix)
		meta := st.docs[d]
		switch m["p"] {
		case iriSignature:
			meta.signature = literal(m["v"])
		case iriDate:
			meta.date = literal(m["v"])
		}
		st.docs[d] = meta
	})
	if err != nil {
		return nil, fmt.Errorf("look up %d documents: %w", len(docs), err)
	}
	return st, nil
}

// nearDuplicates returns the ids of the stored documents that share an LSH
// band with d and are near-duplicates of it (dedup.IsDuplicate: similar
// signatures, key tokens in agreement, dates close), the most similar
// first. A stored signature that does not parse is passed over.
func (st *stored) nearDuplicates(d schema.Document) []string {
	seen := map[string]bool{d.ID: true}
	var found []dedup.Match
	for _, key := range dedup.Bands(d.Signature) {
		for _, id := range st.bands[key] {
			if seen[id] {
				continue
			}
			seen[id] = true
			meta := st.docs[id]
			if meta.signature == "" {
				continue
			}
			sig, err := schema.ParseSignature(meta.signature)
			if err != nil {
				continue
			}
			sim := dedup.Similarity(d.Signature, sig)
			if sim < dedup.DuplicateThreshold || !dedup.KeysAgree(d.Signature, sig) || !dedup.DatesClose(d.Date, meta.date) {
				continue
			}
			found = append(found, dedup.Match{ID: id, Date: meta.date, Similarity: sim})
		}
	}
	slices.SortFunc(found, func(a, b dedup.Match) int {
		return cmp.Or(cmp.Compare(b.Similarity, a.Similarity), cmp.Compare(a.ID, b.ID))
	})
	if len(found) == 0 {
		return nil
	}
	ids := make([]string, len(found))
	for i, m := range found {
		ids[i] = m.ID
	}
	return ids
}
