package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/path"
	"github.com/cayleygraph/quad"

	"kg/schema"
)

// CountsNode is the node that holds the store's running totals, one
// property each, rewritten in the transaction of every write:
//
//	<kg:counts> <count:documents> 18696 .
//	<kg:counts> <count:persons> 9391 .          (and organizations, places)
//	<kg:counts> <count:statements> 28674 .
//	<kg:counts> <count:facts> 11904 .
//	<kg:counts> <count:quotes> 29654 .
//	<kg:counts> <count:batch> "3f1c…" .         (the last write: a hash of its document ids)
//
// so that Stats reads a few quads instead of scanning the store. They are
// kg's bookkeeping, not data: exports leave them out, and Import
// recomputes them.
const CountsNode = quad.IRI("kg:counts")

// countProps are the totals of the counts node: the property and the
// class node whose quads it counts (quads with that object), or "" for
// the direct edges (the documents' <edge_count>).
var countProps = []struct {
	prop  quad.IRI
	class quad.IRI
	field func(*counts) *int64
}{
	{"count:documents", quad.IRI(schema.TypeDocument), func(c *counts) *int64 { return &c.Documents }},
	{"count:persons", quad.IRI(schema.Person), func(c *counts) *int64 { return &c.Persons }},
	{"count:organizations", quad.IRI(schema.Organization), func(c *counts) *int64 { return &c.Organizations }},
	{"count:places", quad.IRI(schema.Place), func(c *counts) *int64 { return &c.Places }},
	{"count:statements", quad.IRI(schema.TypeStatement), func(c *counts) *int64 { return &c.Statements }},
	{"count:quotes", quad.IRI(schema.TypeQuote), func(c *counts) *int64 { return &c.Quotes }},
	{"count:facts", "", func(c *counts) *int64 { return &c.Facts }},
}

// propCountBatch names the last write that set the totals. Two writers
// that both updated the totals from the same values (PostgreSQL, several
// machines) leave two batch names, and the totals are then recomputed
// rather than trusted.
const propCountBatch = quad.IRI("count:batch")

// counts are the totals Stats reports besides Cayley's own.
type counts struct {
	Documents, Persons, Organizations, Places, Statements, Facts, Quotes int64
}

func (c *counts) add(d counts) {
	for _, p := range countProps {
		*p.field(c) += *p.field(&d)
	}
}

// storedCounts is the counts node as read: its quads by property.
type storedCounts map[quad.IRI][]quad.Value

// readCounts reads the counts node. ok is false when its totals cannot be
// trusted: missing (a store written before kg kept them, or after an
// import was cut short), or with two values for one property.
func (s *Store) readCounts(ctx context.Context) (c counts, stored storedCounts, ok bool, err error) {
	stored = make(storedCounts)
	err = path.StartPath(s.qs, CountsNode).OutWithTags([]string{"p"}).Tag("v").Iterate(ctx).TagValues(s.qs, func(m map[string]quad.Value) {
		if p, isIRI := m["p"].(quad.IRI); isIRI {
			stored[p] = append(stored[p], m["v"])
		}
	})
	if err != nil {
		return c, nil, false, fmt.Errorf("read the counts: %w", err)
	}
	if len(stored[propCountBatch]) != 1 {
		return c, stored, false, nil
	}
	for _, p := range countProps {
		vals := stored[p.prop]
		if len(vals) != 1 {
			return c, stored, false, nil
		}
		n, isInt := vals[0].(quad.Int)
		if !isInt {
			return c, stored, false, nil
		}
		*p.field(&c) = int64(n)
	}
	return c, stored, true, nil
}

// quads returns how many quads the counts node has.
func (sc storedCounts) quads() int64 {
	var n int64
	for _, vals := range sc {
		n += int64(len(vals))
	}
	return n
}

// currentCounts returns the totals of the store: the counts node's when
// they can be trusted, else counted by scanning the store.
func (s *Store) currentCounts(ctx context.Context) (counts, storedCounts, error) {
	c, stored, ok, err := s.readCounts(ctx)
	if err != nil || ok {
		return c, stored, err
	}
	c, err = s.scanCounts(ctx)
	return c, stored, err
}

// countDeltas returns the deltas that bring the counts node from what it
// holds to the totals after quads (the new documents' quads, ids their
// ids) are added, to be applied in the same transaction as quads. Quads
// labelled with a document are new with it; an unlabelled one (an
// entity's <type>) counts when it is not stored yet.
func (s *Store) countDeltas(ctx context.Context, quads []quad.Quad, ids []string) ([]cgraph.Delta, error) {
	c, stored, err := s.currentCounts(ctx)
	if err != nil {
		return nil, err
	}
	d, err := s.batchCounts(ctx, quads)
	if err != nil {
		return nil, err
	}
	c.add(d)
	return stored.deltas(c, batchName(ids)), nil
}

// batchCounts counts what quads add to the totals.
func (s *Store) batchCounts(ctx context.Context, quads []quad.Quad) (counts, error) {
	var d counts
	field := make(map[quad.IRI]*int64, len(countProps))
	for _, p := range countProps {
		if p.class != "" {
			field[p.class] = p.field(&d)
		}
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

// hasEdge reports whether some quad s p o is stored, with any label.
func (s *Store) hasEdge(ctx context.Context, subj, pred, obj quad.Value) (bool, error) {
	n, err := path.StartPath(s.qs, subj).Out(pred).Is(obj).Iterate(ctx).Limit(1).Count()
	if err != nil {
		return false, fmt.Errorf("look up %s %s %s: %w", subj, pred, obj, err)
	}
	return n > 0, nil
}

// batchName names a write by the ids of its documents.
func batchName(ids []string) string {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	sum := sha256.Sum256([]byte(strings.Join(ids, "\n")))
	return hex.EncodeToString(sum[:8])
}

// deltas returns the deltas that make the counts node hold c and batch:
// each stored value that differs is deleted, each missing one added.
func (sc storedCounts) deltas(c counts, batch string) []cgraph.Delta {
	want := map[quad.IRI]quad.Value{propCountBatch: quad.String(batch)}
	for _, p := range countProps {
		want[p.prop] = quad.Int(*p.field(&c))
	}
	var out []cgraph.Delta
	for prop, vals := range sc {
		for _, v := range vals {
			if w, ok := want[prop]; !ok || v != w {
				out = append(out, cgraph.Delta{Action: cgraph.Delete, Quad: quad.Quad{Subject: CountsNode, Predicate: prop, Object: v}})
			}
		}
	}
	for prop, w := range want {
		if !slices.Contains(sc[prop], w) {
			out = append(out, cgraph.Delta{Action: cgraph.Add, Quad: quad.Quad{Subject: CountsNode, Predicate: prop, Object: w}})
		}
	}
	return out
}

// clearDeltas returns the deltas that delete the counts node.
func (sc storedCounts) clearDeltas() []cgraph.Delta {
	var out []cgraph.Delta
	for prop, vals := range sc {
		for _, v := range vals {
			out = append(out, cgraph.Delta{Action: cgraph.Delete, Quad: quad.Quad{Subject: CountsNode, Predicate: prop, Object: v}})
		}
	}
	return out
}

// isCounts reports whether q is a quad of the counts node.
func isCounts(q quad.Quad) bool {
	return q.Subject == CountsNode
}

// ForgetCounts deletes the running totals, for code that wrote to the
// store around Write (Cayley's API through QuadStore, as kg serve --write
// does): Stats then counts by scanning, and the next Write counts once and
// keeps the totals again.
func (s *Store) ForgetCounts(ctx context.Context) error {
	if s.readOnly {
		return ErrReadOnly
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, stored, _, err := s.readCounts(ctx)
	if err == nil {
		err = s.apply(nil, stored.clearDeltas()...)
	}
	if err != nil {
		return fmt.Errorf("graph: forget the counts: %w", err)
	}
	return nil
}
