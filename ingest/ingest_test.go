package ingest_test

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
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

// TestRunOrder holds that a corpus gives the same store whatever the order
// of its documents, read in one run or in one run each, into bolt: the
// nquads and jsonl exports are byte for byte the same, a short name
// written before its full name joins it, and building the same input again
// adds nothing.
func TestRunOrder(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.txt": "Visit\n\nPutin visited Minsk on Monday. Putin said the talks were good.\n",
		"b.txt": "Talks\n\nRussian President Vladimir Putin met Alexander Lukashenko in Minsk on Tuesday.\n",
		"c.txt": "Filing\n\nThe SEC approved the merger on Friday, the SEC said.\n",
		"d.txt": "Rules\n\nThe Securities and Exchange Commission (SEC) adopted new rules. The SEC said they take effect in May.\n",
		"e.txt": "Deal\n\nTexaco Inc sold its stake to Pennzoil Co on Monday.\n",
		"f.txt": "Deal\n\nTexaco said on Tuesday it would appeal, and Pennzoil declined comment.\n",
	}
	var paths []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	reversed := slices.Clone(paths)
	slices.Reverse(reversed)
	ctx := context.Background()
	var want string
	for i, runs := range [][][]string{{paths}, {reversed}, {paths[3:], paths[:3]}, {{paths[0]}, {paths[1]}, {paths[2]}, {paths[3]}, {paths[4]}, {paths[5]}}} {
		s, err := graph.Open(ctx, graph.Options{Path: filepath.Join(t.TempDir(), "kg.db")})
		if err != nil {
			t.Fatal(err)
		}
		for _, run := range runs {
			if _, err := ingest.Run(ctx, s, extractor(t), run, ingest.Options{Workers: 2}); err != nil {
				t.Fatal(err)
			}
		}
		got := dumps(t, s)
		if i == 0 {
			want = got
			for _, id := range []string{`"id":"person/vladimir_putin"`, `"id":"organization/securities_and_exchange_commission"`} {
				if !strings.Contains(got, id) {
					t.Errorf("no entity %s in\n%s", id, got)
				}
			}
			for _, id := range []string{`"id":"person/putin"`, `"id":"organization/sec"`} {
				if strings.Contains(got, id) {
					t.Errorf("entity %s is a node of its own", id)
				}
			}
		} else if got != want {
			t.Errorf("runs %d: the store differs from one run in input order:\n%s", i, testkit.LineDiff(want, got))
		}
		before, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n, err := ingest.Run(ctx, s, extractor(t), paths, ingest.Options{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		after, _ := s.Stats(ctx)
		if n.Stored != 0 || n.Merged != 0 || after != before {
			t.Errorf("runs %d: building again stored %d, merged %d; stats %+v, were %+v", i, n.Stored, n.Merged, after, before)
		}
		s.Close()
	}
}

// dumps are a store's nquads and jsonl exports.
func dumps(t *testing.T, s *graph.Store) string {
	t.Helper()
	var buf bytes.Buffer
	for _, f := range []string{"nquads", "jsonl"} {
		if err := s.Export(context.Background(), &buf, f); err != nil {
			t.Fatal(err)
		}
	}
	return buf.String()
}
