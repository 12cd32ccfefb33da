package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/boltdb/bolt"
	"github.com/cayleygraph/cayley/graph/path"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"

	"kg/schema"
)

// Running totals.
//
// Stats would otherwise count by scanning: every type quad (object index)
// and one <edge_count> per document, 0.5–1 s on Reuters-21578. So a
// backend that can keeps the totals beside the quads and updates them in
// the transaction of every write batch (a killed write leaves them as
// consistent as the quads; a re-written document is skipped and changes
// nothing). They are not quads: Cayley's KV stores never drop a deleted
// quad from their indexes, so a node rewritten with each batch would grow
// a quad per batch to read past. On bolt they are one key, "kg" /
// "counts", a JSON object, put in the bolt transaction of Cayley's
// ApplyDeltas (see txHook); on PostgreSQL one row of a table kg_counts,
// updated in the transaction kg writes the batch in (postgres_write.go).
// memstore has none: Stats counts, in memory.
//
// A store without totals (written before kg kept them, after kg serve
// --write wrote through Cayley's API, or after an import was cut short)
// is scanned by Stats, and its next write counts once and keeps them.

// counts are the totals Stats reports.
type counts struct {
	Documents     int64 `json:"documents"`
	Persons       int64 `json:"persons"`
	Organizations int64 `json:"organizations"`
	Places        int64 `json:"places"`
	Statements    int64 `json:"statements"`
	Facts         int64 `json:"facts"`
	Quotes        int64 `json:"quotes"`
	Quads         int64 `json:"-"` // kept by PostgreSQL's totals; else Cayley's count
	Nodes         int64 `json:"-"`
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
	c.Quads += d.Quads
	c.Nodes += d.Nodes
}

// totals keeps a store's running totals beside its quads.
type totals interface {
	// read returns the totals; ok is false when there are none. sized
	// reports whether they hold the quad and node counts too.
	read(ctx context.Context) (c counts, ok, sized bool, err error)
	// add adds quads, ignoring stored ones, in one transaction that
	// updates the totals too: those of a store without any are counted
	// first. exact says whether add counts any quads exactly; if not, it
	// takes quads to be new documents' (WriteBatch's), and a caller with
	// other quads (Import) sets the totals itself.
	add(ctx context.Context, s *Store, quads []quad.Quad) error
	exact() bool
	// set writes c as the totals; nil drops them.
	set(ctx context.Context, s *Store, c *counts) error
	// change runs write, which opens one read-write transaction of the
	// store (ApplyDeltas), with c written as the totals in that
	// transaction: Consolidate's rewrite, whose effect on the totals it
	// computes itself.
	change(ctx context.Context, s *Store, c *counts, write func() error) error
}

// currentCounts returns the store's totals: the kept ones, else counted by
// scanning the store; Quads and Nodes from Cayley when the totals do not
// keep them.
func (s *Store) currentCounts(ctx context.Context) (counts, error) {
	var (
		c         counts
		ok, sized bool
		err       error
	)
	if s.totals != nil {
		if c, ok, sized, err = s.totals.read(ctx); err != nil {
			return c, err
		}
	}
	if !ok {
		if c, err = s.scanCounts(ctx); err != nil {
			return c, err
		}
	}
	if !ok || !sized {
		cs, err := s.cayleyStats(ctx)
		if err != nil {
			return c, err
		}
		c.Quads, c.Nodes = cs.Quads.Size, cs.Nodes.Size
	}
	return c, nil
}

// writeQuads adds the quads of a batch of new documents in one
// transaction, with the running totals.
func (s *Store) writeQuads(ctx context.Context, quads []quad.Quad) error {
	if s.totals == nil {
		return s.apply(quads)
	}
	return s.totals.add(ctx, s, quads)
}

// nextCounts returns the totals after quads (a batch of new documents) are
// added. Quads labelled with a document are new with it; an unlabelled
// one (an entity's <type>) counts when it is not stored yet.
func (s *Store) nextCounts(ctx context.Context, quads []quad.Quad) (counts, error) {
	c, err := s.currentCounts(ctx)
	if err != nil {
		return c, err
	}
	d, err := s.batchCounts(ctx, quads)
	if err != nil {
		return c, err
	}
	c.add(d)
	return c, nil
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
	cs, err := s.cayleyStats(ctx)
	if err != nil {
		return err
	}
	c.Quads, c.Nodes = cs.Quads.Size, cs.Nodes.Size
	return s.totals.set(ctx, s, &c)
}

// ForgetCounts drops the running totals, for code that wrote to the store
// around Write (Cayley's API through QuadStore, as kg serve --write does):
// Stats then counts by scanning, and the next Write counts once and keeps
// the totals again.
func (s *Store) ForgetCounts(ctx context.Context) error {
	if s.readOnly {
		return ErrReadOnly
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reg, s.regChecked = nil, false // nor does the entity registry follow such writes
	if s.totals == nil {
		return nil
	}
	if err := s.totals.set(ctx, s, nil); err != nil {
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

func (t *kvTotals) read(ctx context.Context) (counts, bool, bool, error) {
	var c counts
	var data []byte
	err := hkv.View(t.db, func(tx hkv.Tx) error {
		v, err := tx.Get(ctx, countsKey)
		data = v
		return err
	})
	if errors.Is(err, hkv.ErrNotFound) {
		return c, false, false, nil
	} else if err != nil {
		return c, false, false, fmt.Errorf("read the counts: %w", err)
	}
	if err := json.Unmarshal(data, &c); err != nil {
		return c, false, false, fmt.Errorf("read the counts: %w", err)
	}
	return c, true, false, nil
}

// exact is false: add counts what new documents add.
func (t *kvTotals) exact() bool { return false }

// add counts what the quads add (nextCounts, before the transaction:
// bolt has one writer) and puts the totals in the transaction of
// Cayley's ApplyDeltas.
func (t *kvTotals) add(ctx context.Context, s *Store, quads []quad.Quad) error {
	next, err := s.nextCounts(ctx, quads)
	if err != nil {
		return err
	}
	return t.within(&next, func() error { return s.apply(quads) })
}

func (t *kvTotals) set(ctx context.Context, s *Store, c *counts) error {
	return t.within(c, func() error { return s.apply(nil) })
}

func (t *kvTotals) change(_ context.Context, _ *Store, c *counts, write func() error) error {
	return t.within(c, write)
}

// within runs write, which opens one read-write transaction, with c (nil:
// no totals) written in that transaction.
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
//
// When bolt is set, a read-write transaction releases the pages of bolt's
// memory map as it goes (releasingTx, see mmap.go).
type txHook struct {
	hkv.KV
	bolt *bolt.DB
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
	if h.bolt != nil {
		tx = &releasingTx{Tx: tx, db: h.bolt}
	}
	return tx, nil
}
