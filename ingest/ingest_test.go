package ingest_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"kg/article"
	"kg/extract"
	"kg/graph"
	"kg/ingest"
	"kg/internal/testkit"
)

var (
	xOnce sync.Once
	x     *extract.Extractor
	xErr  error
)

// extractor is one Extractor for all tests: the models load once.
func extractor(t *testing.T) *extract.Extractor {
	t.Helper()
	xOnce.Do(func() { x, xErr = extract.New() })
	if xErr != nil {
		t.Fatal(xErr)
	}
	return x
}

// memStore opens a store in memory, closed with the test.
func memStore(t *testing.T) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), graph.Options{Backend: graph.BackendMemstore, Path: graph.MemoryPath})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// export is the store's jsonl export.
func export(t *testing.T, s *graph.Store) string {
	t.Helper()
	var buf bytes.Buffer
	if err := s.Export(context.Background(), &buf, "jsonl"); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestRunWorkers holds that the store does not depend on the number of
// workers or the batch size: documents are written in input order.
func TestRunWorkers(t *testing.T) {
	paths := testkit.Articles(t)
	var want string
	for _, opts := range []ingest.Options{
		{Workers: 1},
		{Workers: 4, Limits: ingest.Limits{Documents: 1}},
		{Workers: 3, Limits: ingest.Limits{Documents: 2}},
	} {
		s := memStore(t)
		n, err := ingest.Run(context.Background(), s, extractor(t), paths, opts)
		if err != nil {
			t.Fatal(err)
		}
		if n.Read != len(paths) || n.Stored != len(paths) || n.Failed != 0 {
			t.Errorf("workers %d: counts %+v, want %d read and stored", opts.Workers, n, len(paths))
		}
		got := export(t, s)
		if want == "" {
			want = got
		} else if got != want {
			t.Errorf("workers %d, batches of %d: the store differs from one worker's:\n%s", opts.Workers, opts.Limits.Documents, testkit.LineDiff(want, got))
		}
	}
}

// TestRunReports holds that every input is reported once, in input order,
// with what happened to it, and that a bad input does not stop the run.
func TestRunReports(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(testkit.Articles(t)[0])
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.txt", good)
	b := write("b.txt", []byte{0, 1, 2, 3, 0, 0})
	c := write("c.txt", good) // the same body again: already present
	missing := filepath.Join(dir, "missing.txt")
	paths := []string{a, b, missing, c}

	var reports []ingest.Result
	var mu sync.Mutex
	n, err := ingest.Run(context.Background(), memStore(t), extractor(t), paths, ingest.Options{
		Workers: 2,
		Report: func(r ingest.Result) {
			mu.Lock()
			defer mu.Unlock()
			reports = append(reports, r)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	var sources []string
	for _, r := range reports {
		sources = append(sources, r.Source)
	}
	if !slices.Equal(sources, paths) {
		t.Fatalf("reported %q, want %q in input order", sources, paths)
	}
	if r := reports[0]; r.Err != nil || r.Skipped || r.Document == "" {
		t.Errorf("a.txt: %+v, want stored", r)
	}
	if r := reports[1]; !errors.Is(r.Err, article.ErrBinary) {
		t.Errorf("b.txt: %+v, want ErrBinary", r)
	}
	if r := reports[2]; !errors.Is(r.Err, os.ErrNotExist) {
		t.Errorf("missing.txt: %+v, want not found", r)
	}
	if r := reports[3]; !r.Skipped || r.Document != reports[0].Document {
		t.Errorf("c.txt: %+v, want skipped as document %s", r, reports[0].Document)
	}
	if n.Read != 2 || n.Stored != 1 || n.Present != 1 || n.Failed != 2 {
		t.Errorf("counts %+v, want 2 read, 1 stored, 1 present, 2 failed", n)
	}
}

// TestRunCancel holds that a cancelled run returns the context's error and
// leaves a store that holds whole documents only.
func TestRunCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := memStore(t)
	_, err := ingest.Run(ctx, s, extractor(t), testkit.Articles(t), ingest.Options{Workers: 2})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run after cancel = %v, want context.Canceled", err)
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 0 && st.Entities == 0 {
		t.Errorf("a cancelled run stored documents without entities: %+v", st)
	}
}
