package graph

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"kg/dedup"
	"kg/internal/pgtest"
)

// TestPostgresWritesCayleysRows writes the same batches into two
// databases, one through Cayley's ApplyDeltas and one through kg's own
// batched statements, and compares the tables row by row (but the
// horizon and time stamp of each quad): kg's writer must leave what
// Cayley would, so that Cayley reads it as its own.
func TestPostgresWritesCayleysRows(t *testing.T) {
	ctx := context.Background()
	urlA, urlB := pgtest.Database(t), pgtest.Database(t)
	cayley := mustOpen(t, Options{Backend: BackendPostgres, Path: urlA})
	kg := mustOpen(t, Options{Backend: BackendPostgres, Path: urlB})
	when := time.Date(2023, 9, 14, 12, 0, 0, 0, time.UTC)
	batches := [][]quad.Quad{
		{
			{Subject: quad.IRI("person/a"), Predicate: quad.IRI("name"), Object: quad.String("A \x00 nul")},
			{Subject: quad.IRI("person/a"), Predicate: quad.IRI("type"), Object: quad.IRI("Person")},
			{Subject: quad.IRI("person/a"), Predicate: quad.IRI("meet"), Object: quad.IRI("person/b"), Label: quad.IRI("doc/1")},
			{Subject: quad.IRI("person/a"), Predicate: quad.IRI("meet"), Object: quad.IRI("person/b"), Label: quad.IRI("doc/1")}, // twice in a batch
			{Subject: quad.IRI("doc/1"), Predicate: quad.IRI("edge_count"), Object: quad.Int(2), Label: quad.IRI("doc/1")},
			{Subject: quad.IRI("stmt/1"), Predicate: quad.IRI("confidence"), Object: quad.Float(0.82), Label: quad.IRI("doc/1")},
			{Subject: quad.IRI("quote/1"), Predicate: quad.IRI("indirect"), Object: quad.Bool(true), Label: quad.IRI("doc/1")},
			{Subject: quad.IRI("doc/1"), Predicate: quad.IRI("date"), Object: quad.TypedString{Value: "2023-09-14", Type: "http://www.w3.org/2001/XMLSchema#date"}},
			{Subject: quad.IRI("doc/1"), Predicate: quad.IRI("title"), Object: quad.LangString{Value: "Titel", Lang: "de"}},
			{Subject: quad.IRI("doc/1"), Predicate: quad.IRI("seen"), Object: quad.Time(when)},
			{Subject: quad.IRI("doc/1"), Predicate: quad.IRI("by"), Object: quad.BNode("b1")},
		},
		{
			{Subject: quad.IRI("person/a"), Predicate: quad.IRI("type"), Object: quad.IRI("Person")}, // stored already
			{Subject: quad.IRI("person/b"), Predicate: quad.IRI("meet"), Object: quad.IRI("person/a"), Label: quad.IRI("doc/2")},
			{Subject: quad.IRI("person/a"), Predicate: quad.IRI("meet"), Object: quad.IRI("person/b"), Label: quad.IRI("doc/2")},
		},
	}
	// Enough quads for several statements of each kind.
	kg.totals.(*pgStore).maxParams = 100
	var many []quad.Quad
	for i := range 500 {
		many = append(many, quad.Quad{Subject: quad.IRI(fmt.Sprint("n/", i%70)), Predicate: quad.IRI("p"), Object: quad.Int(i % 300), Label: quad.IRI("doc/many")})
	}
	batches = append(batches, many)
	for i, b := range batches {
		if err := cayley.apply(b); err != nil {
			t.Fatalf("batch %d through Cayley: %v", i, err)
		}
		if err := kg.totals.add(ctx, kg, b); err != nil {
			t.Fatalf("batch %d through kg: %v", i, err)
		}
	}
	for _, table := range []string{
		`SELECT encode(hash, 'hex'), refs, value, value_string, datatype, language, iri, bnode, value_int, value_bool, value_float, value_time FROM nodes ORDER BY hash`,
		`SELECT encode(subject_hash, 'hex'), encode(predicate_hash, 'hex'), encode(object_hash, 'hex'), encode(label_hash, 'hex') FROM quads ORDER BY 1, 2, 3, 4`,
	} {
		a, b := dumpTable(t, urlA, table), dumpTable(t, urlB, table)
		if a != b {
			t.Errorf("%s\nthrough Cayley:\n%.2000s\nthrough kg:\n%.2000s", table, a, b)
		}
	}
	if a, b := exportString(t, cayley, "nquads"), exportString(t, kg, "nquads"); a != b {
		t.Errorf("Cayley reads back other quads from kg's rows")
	}
	st := mustStats(t, kg)
	cs, err := kg.qs.Stats(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if st.Quads != cs.Quads.Size || st.Nodes != cs.Nodes.Size || st.Persons != 1 || st.Facts != 2 {
		t.Errorf("Stats = %+v; want Cayley's %d quads and %d nodes, 1 person, 2 facts", st, cs.Quads.Size, cs.Nodes.Size)
	}
}

// dumpTable returns the rows of query on the database at url as text.
func dumpTable(t *testing.T, url, query string) string {
	t.Helper()
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			if bs, ok := v.([]byte); ok {
				v = string(bs)
			}
			fmt.Fprintf(&b, "%v\t", v)
		}
		b.WriteString("\n")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestPostgresConcurrentWriters: two stores on one database write batches
// at once; the totals are what a count of the tables gives.
func TestPostgresConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	url := pgtest.Database(t)
	stores := []*Store{mustOpen(t, Options{Backend: BackendPostgres, Path: url}), mustOpen(t, Options{Backend: BackendPostgres, Path: url})}
	errs := make(chan error, len(stores))
	for w, s := range stores {
		go func() {
			for i := range 20 {
				doc := quad.IRI(fmt.Sprintf("doc/%d-%d", w, i))
				errs <- s.totals.add(ctx, s, []quad.Quad{
					{Subject: doc, Predicate: iriType, Object: iriDocument, Label: doc},
					{Subject: quad.IRI(fmt.Sprint("person/", i)), Predicate: iriType, Object: quad.IRI("Person")}, // both writers write it
					{Subject: doc, Predicate: iriEdgeCount, Object: quad.Int(1), Label: doc},
				})
			}
		}()
	}
	for range 2 * 20 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	got, ok, _, err := stores[0].totals.read(ctx)
	if err != nil || !ok {
		t.Fatalf("totals: %v, %v", ok, err)
	}
	tx, err := stores[0].totals.(*pgStore).db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	want, err := stores[0].totals.(*pgStore).scan(ctx, tx)
	if err != nil {
		t.Fatal(err)
	}
	if got != want || got.Documents != 40 || got.Persons != 20 || got.Facts != 40 {
		t.Errorf("totals after two writers: %+v; the tables count %+v (want 40 documents, 20 persons, 40 facts)", got, want)
	}
}

// TestPostgresLookUp: what pgStore reads in SQL about a batch is what
// Cayley's API reads (cayleyReader) from the same database.
func TestPostgresLookUp(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t, Options{Backend: BackendPostgres, Path: pgtest.Database(t)})
	writeAll(t, s, fixture())
	sig := shingleSig(10, 300)
	for _, id := range []string{"a", "b"} {
		if _, err := s.Write(ctx, sigDoc(id, "", sig)); err != nil {
			t.Fatal(err)
		}
	}
	pg := s.totals.(*pgStore)
	ids := []string{doc1, "a", "nope"}
	entities := []string{putin, kim, us, "person/nobody"}
	bands := append(dedup.Bands(sig), "b99:none")
	want, err := cayleyReader{s}.storedDocuments(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	got, err := pg.storedDocuments(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(got, want) || len(got) != 2 {
		t.Errorf("stored documents: SQL %v, Cayley %v", got, want)
	}
	wst, err := cayleyReader{s}.lookUp(ctx, entities, bands)
	if err != nil {
		t.Fatal(err)
	}
	gst, err := pg.lookUp(ctx, entities, bands)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []*stored{wst, gst} {
		for _, ids := range st.bands {
			slices.Sort(ids)
		}
	}
	if !maps.Equal(gst.names, wst.names) || len(gst.names) != 3 {
		t.Errorf("names: SQL %v, Cayley %v", gst.names, wst.names)
	}
	if !maps.EqualFunc(gst.bands, wst.bands, slices.Equal) || len(gst.bands) != len(dedup.Bands(sig)) {
		t.Errorf("bands: SQL %v, Cayley %v", gst.bands, wst.bands)
	}
	if !maps.Equal(gst.docs, wst.docs) || len(gst.docs) != 2 || gst.docs["a"].signature == "" {
		t.Errorf("documents: SQL %+v, Cayley %+v", gst.docs, wst.docs)
	}
}
