package graph

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kg/internal/pgtest"
	"kg/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// opener opens a fresh, empty store for a test.
type opener func(t testing.TB) *Store

// backends are the stores every conformance test runs against.
var backends = []struct {
	name string
	open opener
}{
	{"memstore", func(t testing.TB) *Store { return mustOpen(t, Options{Path: MemoryPath}) }},
	{"bolt", func(t testing.TB) *Store {
		return mustOpen(t, Options{Path: filepath.Join(t.TempDir(), "kg.db")})
	}},
	// A fresh database per store on the server of $KG_TEST_POSTGRES;
	// skipped when it is unset.
	{"postgres", func(t testing.TB) *Store {
		return mustOpen(t, Options{Backend: BackendPostgres, Path: pgtest.Database(t)})
	}},
}

func mustOpen(t testing.TB, opts Options) *Store {
	t.Helper()
	s, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatalf("Open(%+v): %v", opts, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// writeAll writes the extractions and fails the test on any error or skip.
func writeAll(t testing.TB, s *Store, xs []*schema.Extraction) {
	t.Helper()
	for _, x := range xs {
		res, err := s.Write(context.Background(), x)
		if err != nil {
			t.Fatalf("Write(%s): %v", x.Document.ID, err)
		}
		if res.Skipped || res.Quads == 0 || res.Document != x.Document.ID {
			t.Fatalf("Write(%s) = %+v, want a written document", x.Document.ID, res)
		}
	}
}

func TestStore(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { testStore(t, b.open) })
	}
}

// testStore is the conformance suite every backend must pass.
func testStore(t *testing.T, open opener) {
	ctx := context.Background()
	t.Run("empty", func(t *testing.T) {
		e := open(t)
		if st := mustStats(t, e); st != (Stats{}) {
			t.Errorf("Stats of an empty store = %+v, want zero", st)
		}
		for _, f := range []string{"jsonl", "nquads"} { // graph formats write an empty graph
			if got := exportString(t, e, f); got != "" {
				t.Errorf("Export(%s) of an empty store = %q", f, got)
			}
		}
	})
	s := open(t)
	xs := fixture()
	writeAll(t, s, xs)

	t.Run("rewrite is skipped", func(t *testing.T) {
		before := mustStats(t, s)
		for _, x := range fixture() {
			res, err := s.Write(ctx, x)
			if err != nil || !res.Skipped || res.Quads != 0 {
				t.Errorf("second Write(%s) = %+v, %v; want skipped", x.Document.ID, res, err)
			}
		}
		if after := mustStats(t, s); after != before {
			t.Errorf("stats changed by a re-write:\n before %+v\n after  %+v", before, after)
		}
	})

	t.Run("HasDocument", func(t *testing.T) {
		for id, want := range map[string]bool{doc1: true, doc2: true, "d3": false, "": false} {
			if got, err := s.HasDocument(ctx, id); err != nil || got != want {
				t.Errorf("HasDocument(%q) = %v, %v; want %v", id, got, err, want)
			}
		}
	})

	t.Run("Stats", func(t *testing.T) {
		got := mustStats(t, s)
		dump := exportString(t, s, "nquads")
		want := Stats{Documents: 2, Entities: 6, Persons: 3, Organizations: 1, Places: 2,
			Statements: 4, Facts: 5, Quotes: 1, Quads: int64(strings.Count(dump, "\n")), Nodes: got.Nodes}
		if got != want {
			t.Errorf("Stats:\n got %+v\nwant %+v", got, want)
		}
		if got.Nodes <= 0 {
			t.Errorf("Stats.Nodes = %d, want > 0", got.Nodes)
		}
	})

	t.Run("one name per entity", func(t *testing.T) {
		res, err := s.Query(ctx, "gizmo", `g.V("<place/us>").Out("<name>").All()`, 0)
		if err != nil || len(res) != 1 {
			t.Errorf("names of place/us = %v, %v; want exactly one", res, err)
		}
	})

	t.Run("jsonl", func(t *testing.T) {
		got := exportString(t, s, "jsonl")
		golden(t, "export.jsonl", got)
		// The meet fact is supported by both documents: one record, two evidence entries.
		var meets []string
		for _, line := range strings.Split(got, "\n") {
			if strings.Contains(line, `"predicate":"meet"`) {
				meets = append(meets, line)
			}
		}
		if len(meets) != 1 || strings.Count(meets[0], `"document":`) != 2 {
			t.Errorf("meet relations = %q; want one record with two evidence entries", meets)
		}
	})

	t.Run("nquads round trip", func(t *testing.T) {
		dump := exportString(t, s, "nquads")
		if !strings.Contains(dump, `"8.2E-01"^^<http://www.w3.org/2001/XMLSchema#double>`) ||
			!strings.Contains(dump, `"64"^^<http://www.w3.org/2001/XMLSchema#integer>`) {
			t.Errorf("dump lacks typed literals:\n%s", dump)
		}
		fresh := open(t)
		n, err := fresh.Import(ctx, strings.NewReader(dump))
		if err != nil {
			t.Fatalf("Import: %v", err)
		}
		if want := strings.Count(dump, "\n"); n != want {
			t.Errorf("Import added %d quads, want %d", n, want)
		}
		if again := exportString(t, fresh, "nquads"); again != dump {
			t.Errorf("dump after import differs:\n got %s\nwant %s", again, dump)
		}
		if got, want := exportString(t, fresh, "jsonl"), exportString(t, s, "jsonl"); got != want {
			t.Errorf("jsonl after import differs:\n got %s\nwant %s", got, want)
		}
		if n, err := fresh.Import(ctx, strings.NewReader(dump)); err != nil || n != 0 {
			t.Errorf("second Import = %d, %v; want 0 quads added", n, err)
		}
	})

	t.Run("typed literals round trip", func(t *testing.T) {
		// kg writes booleans (<indirect>), integers and floats; SQL keeps
		// each kind in its own column.
		in := `<a> <b> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .
<a> <c> "-7"^^<http://www.w3.org/2001/XMLSchema#integer> .
<a> <d> "2.5E-01"^^<http://www.w3.org/2001/XMLSchema#double> .
<a> <e> "x\ty"@en .
`
		fresh := open(t)
		if _, err := fresh.Import(ctx, strings.NewReader(in)); err != nil {
			t.Fatalf("Import: %v", err)
		}
		ref := mustOpen(t, Options{Path: MemoryPath})
		if _, err := ref.Import(ctx, strings.NewReader(in)); err != nil {
			t.Fatalf("Import into memstore: %v", err)
		}
		want := exportString(t, ref, "nquads")
		if got := exportString(t, fresh, "nquads"); got != want || strings.Count(got, "\n") != 4 {
			t.Errorf("typed literals after a round trip:\n got %s\nwant (as memstore) %s", got, want)
		}
	})

	t.Run("unknown export format", func(t *testing.T) {
		err := s.Export(ctx, &bytes.Buffer{}, "xml")
		if err == nil || !strings.Contains(err.Error(), "jsonl, jsonld, nquads") {
			t.Errorf("Export(xml) error = %v; want one listing the known formats", err)
		}
	})
}

func TestImportErrorNamesLine(t *testing.T) {
	s := mustOpen(t, Options{Path: MemoryPath})
	in := "<a> <b> <c> .\n\n# comment\n<a> <b> \"unterminated .\n"
	_, err := s.Import(context.Background(), strings.NewReader(in))
	if ie, ok := err.(*ImportError); !ok || ie.Line != 4 || !strings.Contains(err.Error(), "line 4") {
		t.Errorf("Import error = %v; want an *ImportError for line 4", err)
	}
}

func TestBoltPersists(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kg.db")
	s, err := Open(ctx, Options{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	writeAll(t, s, fixture()[:1])
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
		t.Fatalf("%s is not a file: %v", path, err)
	}
	ro := mustOpen(t, Options{Path: path, ReadOnly: true})
	if ok, err := ro.HasDocument(ctx, doc1); !ok || err != nil {
		t.Errorf("HasDocument after reopen = %v, %v", ok, err)
	}
	if _, err := ro.Write(ctx, fixture()[1]); err != ErrReadOnly {
		t.Errorf("Write on a read-only store: %v, want ErrReadOnly", err)
	}
}

func mustStats(t testing.TB, s *Store) Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

func exportString(t testing.TB, s *Store, format string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := s.Export(context.Background(), &buf, format); err != nil {
		t.Fatalf("Export(%s): %v", format, err)
	}
	return buf.String()
}

// relative returns an N-Quads dump with the store's relative IRIs (the
// dump's IRIs without DefaultBase), for tests that look for quads in it.
func relative(dump string) string {
	return strings.ReplaceAll(dump, "<"+DefaultBase, "<")
}

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n got:\n%s\nwant:\n%s", t.Name(), path, got, want)
	}
}
