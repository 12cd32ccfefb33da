package graph

import (
	"context"
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

// wantTrustedCounts checks that the counts node of s can be trusted and
// holds what a scan of the store counts.
func wantTrustedCounts(t *testing.T, s *Store, when string) counts {
	t.Helper()
	ctx := context.Background()
	got, _, ok, err := s.readCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.scanCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Fatalf("%s: the counts node is missing or ambiguous", when)
	}
	if got != want {
		t.Errorf("%s: running totals %+v, a scan counts %+v", when, got, want)
	}
	return got
}

// testCounts checks the running totals against a scan of the store through
// writes, re-writes, a resumed batch, a store without totals, two
// writers' totals, and an import.
func testCounts(t *testing.T, open opener) {
	ctx := context.Background()
	xs := fixture()
	s := open(t)

	if _, err := s.Write(ctx, xs[0]); err != nil {
		t.Fatal(err)
	}
	one := wantTrustedCounts(t, s, "after one document")
	if one.Documents != 1 || one.Persons != 3 || one.Facts != 3 {
		t.Errorf("after one document: %+v, want 1 document, 3 persons, 3 facts", one)
	}

	// A resumed run writes the whole batch again: the stored document is
	// skipped, the other counted once.
	if _, err := s.WriteBatch(ctx, xs); err != nil {
		t.Fatal(err)
	}
	two := wantTrustedCounts(t, s, "after resuming")
	if two.Documents != 2 || two.Persons != 3 || two.Organizations != 1 {
		t.Errorf("after resuming: %+v, want 2 documents, 3 persons (the second document's are known), 1 organization", two)
	}
	if _, err := s.WriteBatch(ctx, xs); err != nil {
		t.Fatal(err)
	}
	if again := wantTrustedCounts(t, s, "after writing both again"); again != two {
		t.Errorf("re-writing changed the totals: %+v, then %+v", two, again)
	}
	st := mustStats(t, s)
	if st.Quads != int64(strings.Count(exportString(t, s, "nquads"), "\n")) {
		t.Errorf("Stats.Quads = %d, not the quads of the dump (the counts node is bookkeeping)", st.Quads)
	}

	// Two writers that updated the totals from the same values leave two
	// batch names: Stats counts by scanning instead.
	extra := quad.Quad{Subject: CountsNode, Predicate: propCountBatch, Object: quad.String("other writer")}
	if err := s.apply(nil, cgraph.Delta{Action: cgraph.Add, Quad: extra},
		cgraph.Delta{Action: cgraph.Delete, Quad: quad.Quad{Subject: CountsNode, Predicate: quad.IRI("count:places"), Object: quad.Int(two.Places)}},
		cgraph.Delta{Action: cgraph.Add, Quad: quad.Quad{Subject: CountsNode, Predicate: quad.IRI("count:places"), Object: quad.Int(99)}}); err != nil {
		t.Fatal(err)
	}
	if _, _, ok, _ := s.readCounts(ctx); ok {
		t.Error("two batch names: the totals are trusted")
	}
	if st := mustStats(t, s); st.Places != two.Places {
		t.Errorf("Stats.Places = %d with untrusted totals, want %d (scanned)", st.Places, two.Places)
	}

	// A store without totals (written before kg kept them): Stats scans,
	// and the next write counts once and keeps them again.
	_, stored, _, err := s.readCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.apply(nil, stored.clearDeltas()...); err != nil {
		t.Fatal(err)
	}
	if st := mustStats(t, s); st.Documents != 2 || st.Facts != two.Facts {
		t.Errorf("Stats without totals = %+v, want %d documents and %d facts (scanned)", st, 2, two.Facts)
	}
	third := &schema.Extraction{Document: schema.Document{ID: "d3", Title: "Lankov again"},
		Entities: []schema.Entity{{ID: lankov, Name: "Andrei Lankov", Class: schema.Person, Mentions: 1},
			{ID: "place/seoul", Name: "Seoul", Class: schema.Place, Mentions: 1}}}
	if _, err := s.Write(ctx, third); err != nil {
		t.Fatal(err)
	}
	three := wantTrustedCounts(t, s, "after a write to a store without totals")
	if three.Documents != 3 || three.Places != two.Places+1 || three.Persons != two.Persons {
		t.Errorf("after the third document: %+v", three)
	}

	// An import: the dump holds no counts; the store counts what it got.
	dump := exportString(t, s, "nquads")
	if strings.Contains(dump, string(CountsNode)) {
		t.Errorf("the dump holds the counts node:\n%s", dump)
	}
	fresh := open(t)
	if _, err := fresh.Import(ctx, strings.NewReader(dump)); err != nil {
		t.Fatal(err)
	}
	if got := wantTrustedCounts(t, fresh, "after an import"); got != three {
		t.Errorf("after an import: %+v, want %+v as in the exported store", got, three)
	}
}
