package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/cayleygraph/cayley/graph/path"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"

	"kg/schema"
)

// Running totals.
//
// Stats would otherwise count by scanning: every type quad (object index)
// and one <edge_count> per document, 0.5–1 s on Reuters-21578. So a
// backend that can keeps the totals beside the quads and rewrites them in
// the transaction of every write batch (a killed write leaves them as
// consistent as the quads; a re-written document is skipped and changes
// nothing). They are not quads: Cayley's KV stores never drop a deleted
// quad from their indexes, so a node rewritten with each batch would
// grow a quad per batch to read past. On bolt they are one key, "kg" /
// "counts", a JSON object, put in the bolt transaction of Cayley's
// ApplyDeltas (see txHook). Other backends have none: Stats scans.
//
// A store without totals (written before kg kept them, after kg serve
// --write wrote through Cayley's API, or after an import was cut short)
// is scanned by Stats, and its next write counts once and keeps them.

// counts are the totals Stats reports besides Cayley's own.
type counts struct {
	Documents     int64 `json:"documents"`
	Persons       int64 `json:"persons"`
	Organizations int64 `json:"organizations"`
	Places        int64 `json:"places"`
	Statements    int64 `json:"statements"`
	Facts         int64 `json:"facts"`
	Quotes        int64 `json:"quotes"`
}

// classCounts are the totals that count quads with a class node as
// object (its <type> quads).
var classCounts = []struct {
	class quad.IRI
	field func(*counts) *int64
}{
	{quad.IRI(schema.TypeDocument), func(c *counts) *int64 { return &c.Documents }},
	{quad.IRI(schema.Person), func(c *counts) *int64 { return &c.Persons }},
	{quad.IRI(schema.Organization), func(c *counts) *int64 { return &c.Organizations }},
	{quad.IRI(schema.Place), func(c *counts) *int64 { return &c.Places }},
	{quad.IRI(schema.TypeStatement), func(c *counts) *int64 { return &c.Statements }},
	{quad.IRI(schema.TypeQuote), func(c *counts) *int64 { return &c.Quotes }},
}

func (c *counts) add(d counts) {
	for _, cc := range classCounts {
		*cc.field(c) += *cc.field(&d)
	}
	c.Facts += d.Facts
}

// totals keeps a store's running totals.
type totals interface {
	// read returns the totals; ok is false when there are none.
	read(ctx context.Context) (c counts, ok bool, err error)
	// within runs write, the one transaction of a batch, writing c (nil:
	// deleting the totals) in that transaction.
	within(c *counts, write func() error) error
}

// currentCounts returns the store's totals: the kept ones, else counted by
// scanning the store.
func (s *Store) currentCounts(ctx context.Context) (counts, error) {
	if s.totals != nil {
		c, ok, err := s.totals.read(ctx)
		if err != nil || ok {
			return c, err
		}
	}
	return s.scanCounts(ctx)
}

// nextCounts returns the totals after quads (a batch of new documents) are
// added, or nil when the store keeps none. Quads labelled with a document
// are new with it; an unlabelled one (an entity's <type>) counts when it
// is not stored yet.
func (s *Store) nextCounts(ctx context.Context, quads []quad.Quad) (*counts, error) {
	if s.totals == nil {
		return nil, nil
	}
	c, err := s.currentCounts(ctx)
	if err != nil {
		return nil, err
	}
	d, err := s.batchCounts(ctx, quads)
	if err != nil {
		return nil, err
	}
	c.add(d)
	return &c, nil
}

// batchCounts counts what quads add to the totals.
func (s *Store) batchCounts(ctx context.Context, quads []quad.Quad) (counts, error) {
	var d counts
	field := make(map[quad.IRI]*int64, len(classCounts))
	for _, cc := range classCounts {
		field[cc.class] = cc.field(&d)
	}
	seen := make(map[quad.Quad]bool)
	for _, q := range quads {
		if q.Predicate == iriEdgeCount {
			if n, ok := q.Object.(quad.Int); ok {
				d.Facts += int64(n)
			}
			continue
		}
		class, ok := q.Object.(quad.IRI)
		if !ok || field[class] == nil || seen[q] {
			continue
		}
		seen[q] = true
		if q.Label == nil {
			has, err := s.hasEdge(ctx, q.Subject, q.Predicate, q.Object)
			if err != nil {
				return d, err
			}
			if has {
				continue
			}
		}
		*field[class]++
	}
	return d, nil
}

// hasEdge reports whether some quad subj pred obj is stored, with any
// label (kg writes entity quads without one).
func (s *Store) hasEdge(ctx context.Context, subj, pred, obj quad.Value) (bool, error) {
	n, err := path.StartPath(s.qs, subj).Out(pred).Is(obj).Iterate(ctx).Limit(1).Count()
	if err != nil {
		return false, fmt.Errorf("look up %s %s %s: %w", subj, pred, obj, err)
	}
	return n > 0, nil
}

// recount counts the totals by scanning the store and keeps them.
func (s *Store) recount(ctx context.Context) error {
	if s.totals == nil {
		return nil
	}
	c, err := s.scanCounts(ctx)
	if err != nil {
		return err
	}
	return s.totals.within(&c, func() error { return s.apply(nil) })
}

// ForgetCounts drops the running totals, for code that wrote to the store
// around Write (Cayley's API through QuadStore, as kg serve --write does):
// Stats then counts by scanning, and the next Write counts once and keeps
// the totals again.
func (s *Store) ForgetCounts(ctx context.Context) error {
	if s.readOnly {
		return ErrReadOnly
	}
	if s.totals == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.totals.within(nil, func() error { return s.apply(nil) }); err != nil {
		return fmt.Errorf("graph: forget the counts: %w", err)
	}
	return nil
}

// countsKey is where a KV store keeps the totals: bucket "kg", key
// "counts". Cayley's own buckets are "meta", "log", the indexes' and the
// values' (graph/kv/indexing.go in Cayley v0.7.7).
var countsKey = hkv.Key{[]byte("kg"), []byte("counts")}

// kvTotals keeps the totals of a KV store (bolt) under countsKey.
type kvTotals struct {
	db   hkv.KV
	hook *txHook
}

func (t *kvTotals) read(ctx context.Context) (counts, bool, error) {
	var c counts
	var data []byte
	err := hkv.View(t.db, func(tx hkv.Tx) error {
		v, err := tx.Get(ctx, countsKey)
		data = v
		return err
	})
	if errors.Is(err, hkv.ErrNotFound) {
		return c, false, nil
	} else if err != nil {
		return c, false, fmt.Errorf("read the counts: %w", err)
	}
	if err := json.Unmarshal(data, &c); err != nil {
		return c, false, fmt.Errorf("read the counts: %w", err)
	}
	return c, true, nil
}

func (t *kvTotals) within(c *counts, write func() error) error {
	var data []byte
	if c != nil {
		var err error
		if data, err = json.Marshal(c); err != nil {
			return err
		}
	}
	t.hook.set(func(tx hkv.Tx) error {
		if c == nil {
			return tx.Del(countsKey)
		}
		return tx.Put(countsKey, data)
	})
	defer t.hook.set(nil)
	return write()
}

// txHook is the KV under Cayley's KV quad store, with one addition: the
// next read-write transaction opened on it first runs a function set
// beforehand. Cayley's ApplyDeltas opens one read-write transaction,
// applies every delta in it and commits once (graph/kv/indexing.go), so
// kvTotals puts the totals through it, in the batch's transaction: both
// commit or neither. Only Store's writes, serialised by Store.mu, set it;
// writes through Cayley's own API (kg serve --write) find it unset.
type txHook struct {
	hkv.KV
	mu   sync.Mutex
	next func(hkv.Tx) error
}

func (h *txHook) set(f func(hkv.Tx) error) {
	h.mu.Lock()
	h.next = f
	h.mu.Unlock()
}

// Tx opens a transaction; a read-write one runs the function set, once.
func (h *txHook) Tx(rw bool) (hkv.Tx, error) {
	tx, err := h.KV.Tx(rw)
	if err != nil || !rw {
		return tx, err
	}
	h.mu.Lock()
	f := h.next
	h.next = nil
	h.mu.Unlock()
	if f != nil {
		if err := f(tx); err != nil {
			tx.Close()
			return nil, err
		}
	}
	return tx, nil
}
