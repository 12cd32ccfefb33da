package graph

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"kg/schema"
)

func TestCounts(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { testCounts(t, b.open) })
	}
}

// wantCounts checks that Stats reports what a scan of the store counts,
// and that a store that keeps running totals has them (kept true) or
// not.
func wantCounts(t *testing.T, s *Store, kept bool, when string) counts {
	t.Helper()
	ctx := context.Background()
	want, err := s.scanCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st := mustStats(t, s)
	got := counts{Documents: st.Documents, Persons: st.Persons, Organizations: st.Organizations, Places: st.Places,
		Statements: st.Statements, Facts: st.Facts, Quotes: st.Quotes}
	if got != want {
		t.Errorf("%s: Stats %+v, a scan counts %+v", when, got, want)
	}
	if st.Quads != int64(strings.Count(exportString(t, s, "nquads"), "\n")) {
		t.Errorf("%s: Stats.Quads = %d, not the quads of the dump", when, st.Quads)
	}
	if s.totals != nil {
		c, ok, sized, err := s.totals.read(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if ok != kept {
			t.Errorf("%s: the store keeps totals: %v, want %v", when, ok, kept)
		}
		if ok && sized {
			cs, err := s.qs.Stats(ctx, true)
			if err != nil {
				t.Fatal(err)
			}
			if c.Quads != cs.Quads.Size || c.Nodes != cs.Nodes.Size {
				t.Errorf("%s: kept %d quads and %d nodes, Cayley counts %d and %d", when, c.Quads, c.Nodes, cs.Quads.Size, cs.Nodes.Size)
			}
		}
		c.Quads, c.Nodes = 0, 0
		if ok && c != want {
			t.Errorf("%s: kept totals %+v, a scan counts %+v", when, c, want)
		}
	}
	return want
}

// testCounts checks Stats against a scan of the store through writes,
// re-writes, a resumed batch, a store without totals and an import.
func testCounts(t *testing.T, open opener) {
	ctx := context.Background()
	xs := fixture()
	s := open(t)

	if _, err := s.Write(ctx, xs[0]); err != nil {
		t.Fatal(err)
	}
	one := wantCounts(t, s, true, "after one document")
	if one.Documents != 1 || one.Persons != 3 || one.Facts != 3 {
		t.Errorf("after one document: %+v, want 1 document, 3 persons, 3 facts", one)
	}

	// A resumed run writes the whole batch again: the stored document is
	// skipped, the other counted once.
	if _, err := s.WriteBatch(ctx, xs); err != nil {
		t.Fatal(err)
	}
	two := wantCounts(t, s, true, "after resuming")
	if two.Documents != 2 || two.Persons != 3 || two.Organizations != 1 {
		t.Errorf("after resuming: %+v, want 2 documents, 3 persons (the second document's are known), 1 organization", two)
	}
	if _, err := s.WriteBatch(ctx, xs); err != nil {
		t.Fatal(err)
	}
	if again := wantCounts(t, s, true, "after writing both again"); again != two {
		t.Errorf("re-writing changed the counts: %+v, then %+v", two, again)
	}

	// A store without totals (written before kg kept them, or through
	// Cayley's API): Stats scans, and the next write counts once and keeps
	// them again.
	if err := s.ForgetCounts(ctx); err != nil {
		t.Fatal(err)
	}
	wantCounts(t, s, false, "without totals")
	third := &schema.Extraction{Document: schema.Document{ID: "d3", Title: "Lankov again"},
		Entities: []schema.Entity{{ID: lankov, Name: "Andrei Lankov", Class: schema.Person, Mentions: 1},
			{ID: "place/seoul", Name: "Seoul", Class: schema.Place, Mentions: 1}}}
	if _, err := s.Write(ctx, third); err != nil {
		t.Fatal(err)
	}
	three := wantCounts(t, s, true, "after a write to a store without totals")
	if three.Documents != 3 || three.Places != two.Places+1 || three.Persons != two.Persons {
		t.Errorf("after the third document: %+v", three)
	}

	// An import counts what the store then holds.
	dump := exportString(t, s, "nquads")
	fresh := open(t)
	if _, err := fresh.Import(ctx, strings.NewReader(dump)); err != nil {
		t.Fatal(err)
	}
	if got := wantCounts(t, fresh, true, "after an import"); got != three {
		t.Errorf("after an import: %+v, want %+v as in the exported store", got, three)
	}
}

// TestCountsInTheBatchTransaction: on bolt the totals are written in the
// transaction of Cayley's ApplyDeltas, so a write that fails (here: the
// deletion of a quad that is not there) leaves them as they were, and one
// that succeeds brings them along.
func TestCountsInTheBatchTransaction(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t, Options{Path: filepath.Join(t.TempDir(), "kg.db")})
	writeAll(t, s, fixture()[:1])
	kvt := s.totals.(*kvTotals)
	before, ok, _, err := kvt.read(ctx)
	if err != nil || !ok {
		t.Fatalf("totals after a write: %v, %v", ok, err)
	}
	next := before
	next.Documents += 100
	missing := cgraph.Delta{Action: cgraph.Delete, Quad: quad.MakeIRI("no", "such", "quad", "")}
	err = kvt.within(&next, func() error {
		return s.qs.ApplyDeltas([]cgraph.Delta{{Action: cgraph.Add, Quad: quad.MakeIRI("a", "b", "c", "")}, missing}, cgraph.IgnoreOpts{})
	})
	if de, ok := errors.AsType[*cgraph.DeltaError](err); !ok || de.Err != cgraph.ErrQuadNotExist {
		t.Fatalf("ApplyDeltas with a missing deletion: %v, want ErrQuadNotExist", err)
	}
	if got, _, _, _ := kvt.read(ctx); got != before {
		t.Errorf("after a failed write the totals are %+v, want %+v", got, before)
	}
	if err := kvt.within(&next, func() error { return s.apply(nil) }); err != nil {
		t.Fatal(err)
	}
	if got, _, _, _ := kvt.read(ctx); got != next {
		t.Errorf("after a write the totals are %+v, want %+v", got, next)
	}
}
