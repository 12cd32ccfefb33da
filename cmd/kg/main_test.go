package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kg/graph"

	"kg/internal/testkit"
)

// result is what one in-process run of kg produced.
type result struct {
	stdout, stderr string
	code           int
}

// kg runs the command line args in-process with stdin as standard input.
func kg(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	return kgContext(t, context.Background(), stdin, args...)
}

func kgContext(t *testing.T, ctx context.Context, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(ctx, args, strings.NewReader(stdin), &out, &errOut)
	return result{out.String(), errOut.String(), code}
}

// mustKG runs args and fails the test unless kg exits with status 0.
func mustKG(t *testing.T, args ...string) result {
	t.Helper()
	r := kg(t, "", args...)
	if r.code != 0 {
		t.Fatalf("kg %s: exit status %d\nstderr:\n%s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r
}

// tempDB returns the path of a bolt store that does not exist yet.
func tempDB(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "kg.db")
}

// queryNames runs a Gizmo query and returns the "id" of every result.
func queryNames(t *testing.T, db, query string) []string {
	t.Helper()
	r := mustKG(t, "query", "--db", db, query)
	var got struct {
		Result []map[string]any `json:"result"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("query output is not {\"result\": [...]}: %v\n%s", err, r.stdout)
	}
	var ids []string
	for _, m := range got.Result {
		ids = append(ids, fmt.Sprint(m["id"]))
	}
	return ids
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

const marquezMet = `g.V().Has("<name>","Elena Marquez").Out("<meet>").Out("<name>").All()`

func TestHelp(t *testing.T) {
	names := []string{"build", "extract", "query", "export", "import", "stats", "serve", "eval"}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			for _, flag := range []string{"--help", "-h"} {
				r := kg(t, "", name, flag)
				if r.code != 0 {
					t.Fatalf("kg %s %s: exit status %d, stderr %q", name, flag, r.code, r.stderr)
				}
				for _, want := range []string{"kg " + name + ": ", "Usage:\n  kg " + name, "Examples:\n  kg " + name} {
					if !strings.Contains(r.stdout, want) {
						t.Errorf("kg %s %s: output lacks %q:\n%s", name, flag, want, r.stdout)
					}
				}
			}
			if r := kg(t, "", "help", name); r.code != 0 || !strings.Contains(r.stdout, "Usage:\n  kg "+name) {
				t.Errorf("kg help %s: status %d, output:\n%s", name, r.code, r.stdout)
			}
		})
	}
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}, {}} {
		r := kg(t, "", args...)
		text := r.stdout
		wantCode := 0
		if len(args) == 0 {
			text, wantCode = r.stderr, 2
		}
		if r.code != wantCode {
			t.Errorf("kg %v: exit status %d, want %d", args, r.code, wantCode)
		}
		for _, name := range names {
			if !strings.Contains(text, "\n  "+name+" ") {
				t.Errorf("kg %v: command list lacks %s:\n%s", args, name, text)
			}
		}
	}
}

func TestUsageErrors(t *testing.T) {
	db := tempDB(t)
	tests := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"unknown flag", []string{"build", "--nope", "testdata"}, "kg build --help"},
		{"build without input", []string{"build", "--db", db}, "no input"},
		{"extract without input", []string{"extract"}, "no input"},
		{"export format", []string{"export", "--db", db, "--format", "xml"}, `unknown format "xml"`},
		{"query language", []string{"query", "--db", db, "--lang", "sparql", "g.V().All()"}, `unknown language "sparql"`},
		{"import arguments", []string{"import", "--db", db}, "one N-Quads file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := kg(t, "", tt.args...)
			if r.code != 2 {
				t.Errorf("exit status %d, want 2", r.code)
			}
			if !strings.Contains(r.stderr, tt.want) || !strings.HasPrefix(r.stderr, "kg: ") {
				t.Errorf("stderr %q, want a \"kg: \" line containing %q", r.stderr, tt.want)
			}
		})
	}
}

func TestExitCode(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"ok", nil, 0},
		{"usage", usagef("bad flag"), 2},
		{"store", fmt.Errorf("graph: %w kg.db: locked", graph.ErrOpen), 2},
		{"inputs failed", inputsFailed{3}, 1},
		{"query", errors.New("query: syntax error"), 1},
		{"interrupted", fmt.Errorf("read: %w", context.Canceled), 130},
	}
	for _, tt := range tests {
		if got := exitCode(tt.err); got != tt.want {
			t.Errorf("%s: exitCode(%v) = %d, want %d", tt.name, tt.err, got, tt.want)
		}
	}
}

func TestBuildAndQuery(t *testing.T) {
	db := tempDB(t)
	r := mustKG(t, "build", "--db", db, filepath.Join("..", "..", "testdata"))
	if !strings.Contains(r.stderr, "5 documents read: 5 stored, 0 already present, 0 failed;") {
		t.Errorf("build summary missing or wrong:\n%s", r.stderr)
	}
	for _, q := range []string{marquezMet, `g.V("<person/elena_marquez>").Out("<meet>").Out("<name>").All()`} {
		if got := queryNames(t, db, q); !contains(got, "Tomas Berger") {
			t.Errorf("%s = %q, want it to contain Tomas Berger", q, got)
		}
	}

	// The same query from -f FILE and from standard input.
	file := filepath.Join(t.TempDir(), "q.js")
	if err := os.WriteFile(file, []byte(marquezMet+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, r := range []result{
		kg(t, "", "query", "--db", db, "-f", file),
		kg(t, marquezMet, "query", "--db", db),
	} {
		if r.code != 0 || !strings.Contains(r.stdout, `"Tomas Berger"`) {
			t.Errorf("query: status %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
		}
	}

	// A broken query is an error (status 1), not a crash.
	if r := kg(t, "", "query", "--db", db, "g.V(.All("); r.code != 1 || !strings.HasPrefix(r.stderr, "kg: query: ") {
		t.Errorf("bad query: status %d, stderr %q; want 1 and a kg: query: error", r.code, r.stderr)
	}

	// stats agrees with the build.
	r = mustKG(t, "stats", "--db", db, "--json")
	var st statsRecord
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil {
		t.Fatalf("stats --json: %v\n%s", err, r.stdout)
	}
	if st.Documents != 5 || st.Entities == 0 || st.Quads == 0 {
		t.Errorf("stats = %+v, want 5 documents and some entities and quads", st)
	}
	if r := mustKG(t, "stats", "--db", db); !strings.Contains(r.stdout, "documents") {
		t.Errorf("stats table:\n%s", r.stdout)
	}
}

func TestREPL(t *testing.T) {
	db := tempDB(t)
	mustKG(t, "build", "--db", db, filepath.Join("..", "..", "testdata", "04_name_forms.txt"))
	store, err := graph.Open(context.Background(), graph.Options{Path: db, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	in := "g.V(.All(\n\n" + marquezMet + "\n:quit\ng.V().All()\n"
	var out, errOut bytes.Buffer
	opts := queryOptions{lang: "gizmo", limit: 100}
	if err := repl(context.Background(), store, opts, stdio{strings.NewReader(in), &out, &errOut}); err != nil {
		t.Fatalf("repl: %v", err)
	}
	if n := strings.Count(out.String(), "kg> "); n != 4 {
		t.Errorf("%d prompts, want 4 (error, blank line, query, :quit):\n%s", n, out.String())
	}
	if !strings.Contains(out.String(), `"Tomas Berger"`) {
		t.Errorf("repl output lacks the answer:\n%s", out.String())
	}
	if !strings.HasPrefix(errOut.String(), "kg: query: ") || strings.Count(errOut.String(), "\n") != 1 {
		t.Errorf("repl stderr %q, want one kg: query: error line", errOut.String())
	}
}

func TestBuildTwiceChangesNothing(t *testing.T) {
	db := tempDB(t)
	data := filepath.Join("..", "..", "testdata")
	mustKG(t, "build", "--db", db, data)
	before := mustKG(t, "export", "--db", db, "--format", "nquads").stdout
	r := mustKG(t, "build", "--db", db, data)
	if n := strings.Count(r.stderr, "already present (document "); n != 5 {
		t.Errorf("second build reported %d documents already present, want 5:\n%s", n, r.stderr)
	}
	if !strings.Contains(r.stderr, "5 documents read: 0 stored, 5 already present, 0 failed; store: ") || !strings.Contains(r.stderr, "(0 new)") {
		t.Errorf("second build summary:\n%s", r.stderr)
	}
	after := mustKG(t, "export", "--db", db, "--format", "nquads").stdout
	if before == "" || before != after {
		t.Errorf("N-Quads export changed by building the same files again (%d → %d bytes)", len(before), len(after))
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	db := tempDB(t)
	mustKG(t, "build", "--db", db, filepath.Join("..", "..", "testdata"))
	dump := filepath.Join(t.TempDir(), "kg.nq")
	mustKG(t, "export", "--db", db, "--format", "nquads", "-o", dump)
	want, err := os.ReadFile(dump)
	if err != nil {
		t.Fatal(err)
	}
	quads := strings.Count(string(want), "\n")
	if quads == 0 {
		t.Fatal("empty N-Quads export")
	}

	fresh := tempDB(t)
	r := mustKG(t, "import", "--db", fresh, dump)
	if !strings.HasPrefix(r.stdout, fmt.Sprintf("%d quads added", quads)) {
		t.Errorf("import said %q, want %d quads added", r.stdout, quads)
	}
	if got := mustKG(t, "export", "--db", fresh, "--format", "nquads").stdout; got != string(want) {
		t.Errorf("export after import differs from the original dump (%d vs %d bytes)", len(got), len(want))
	}
	// Importing from stdin again adds nothing.
	if r := kg(t, string(want), "import", "--db", fresh, "-"); r.code != 0 || !strings.HasPrefix(r.stdout, "0 quads added") {
		t.Errorf("second import: status %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}

	jsonl := mustKG(t, "export", "--db", db, "--format", "jsonl").stdout
	checkRecords(t, jsonl)
}

// checkRecords checks that every line of a JSON Lines export is an object
// with a known type and the DESIGN.md §3 fields, and that every type occurs.
func checkRecords(t *testing.T, jsonl string) {
	t.Helper()
	fields := map[string][]string{
		"document": {"id", "title", "author", "date", "source", "duplicates"},
		"entity":   {"id", "name", "class", "aliases", "mentions", "documents"},
		"relation": {"id", "subject", "predicate", "predicate_text", "object", "object_kind", "qualifiers", "polarity", "modality", "attributed_to", "confidence", "evidence"},
		"quote":    {"id", "speaker", "text", "document", "start", "end"},
	}
	seen := map[string]int{}
	for i, line := range strings.Split(strings.TrimSuffix(jsonl, "\n"), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("line %d is not a JSON object: %v\n%s", i+1, err, line)
		}
		typ, _ := rec["type"].(string)
		want, ok := fields[typ]
		if !ok {
			t.Fatalf("line %d: unknown record type %q", i+1, typ)
		}
		for _, f := range want {
			if _, ok := rec[f]; !ok {
				t.Errorf("line %d: %s record lacks field %q", i+1, typ, f)
			}
		}
		seen[typ]++
	}
	for typ := range fields {
		if seen[typ] == 0 {
			t.Errorf("no %s records", typ)
		}
	}
}

func TestExtract(t *testing.T) {
	r := mustKG(t, "extract", filepath.Join("..", "..", "testdata"))
	checkRecords(t, r.stdout)
	if !strings.HasPrefix(r.stdout, `{"type":"document"`) {
		t.Errorf("extract output does not start with a document record:\n%.200s", r.stdout)
	}
	if n := strings.Count(r.stdout, `{"type":"document"`); n != 5 {
		t.Errorf("%d document records, want 5", n)
	}
	if r.stderr != "" {
		t.Errorf("extract wrote to stderr:\n%s", r.stderr)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(filepath.Join("..", "..", "testdata", "03_drone_denial.txt"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"good.txt":   good,
		"empty.txt":  nil,
		"binary.txt": append([]byte("\x7fELF\x02\x01\x01\x00\x00\x00"), bytes.Repeat([]byte{0, 1, 2, 0xff, 0xfe, 0}, 200)...),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path := func(name string) string { return filepath.Join(dir, name) }
	bad := []string{path("missing.txt"), path("binary.txt"), path("empty.txt")}
	db := tempDB(t)
	r := kg(t, "", "build", "--db", db, bad[0], path("good.txt"), bad[1], bad[2])
	if r.code != 1 {
		t.Errorf("exit status %d, want 1", r.code)
	}
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	for _, p := range bad {
		var n int
		for _, l := range lines {
			if strings.HasPrefix(l, "kg: "+p+": ") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d error lines for %s, want 1:\n%s", n, p, r.stderr)
		}
	}
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "1 document read: 1 stored, 0 already present, 3 failed;") {
		t.Errorf("summary line %q", last)
	}
	var st statsRecord
	if err := json.Unmarshal([]byte(mustKG(t, "stats", "--db", db, "--json").stdout), &st); err != nil {
		t.Fatal(err)
	}
	if st.Documents != 1 {
		t.Errorf("store holds %d documents, want the one good file", st.Documents)
	}
}

func TestStoreCannotBeOpened(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, bytes.Repeat([]byte("not a bolt file\n"), 500), 0o644); err != nil {
		t.Fatal(err)
	}
	article := filepath.Join("..", "..", "testdata", "05_truck_sale.txt")
	tests := []struct {
		name string
		args []string
		path string
	}{
		{"directory", []string{"build", "--db", dir, article}, dir},
		{"garbage file", []string{"build", "--db", garbage, article}, garbage},
		{"query without store", []string{"query", "--db", filepath.Join(dir, "none.db"), "g.V().All()"}, filepath.Join(dir, "none.db")},
		{"stats garbage", []string{"stats", "--db", garbage}, garbage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := kg(t, "", tt.args...)
			if r.code != 2 {
				t.Errorf("exit status %d, want 2; stderr %q", r.code, r.stderr)
			}
			if !strings.HasPrefix(r.stderr, "kg: ") || !strings.Contains(r.stderr, tt.path) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("stderr %q, want one kg: line naming %s", r.stderr, tt.path)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("query created a store: %v", err)
	}
}

func TestDefaultDBFromEnvironment(t *testing.T) {
	db := tempDB(t)
	t.Setenv("KG_DB", db)
	mustKG(t, "build", filepath.Join("..", "..", "testdata", "04_name_forms.txt"))
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("build without --db did not use $KG_DB: %v", err)
	}
}

func TestInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	db := tempDB(t)
	r := kgContext(t, ctx, "", "build", "--db", db, filepath.Join("..", "..", "testdata"))
	if r.code != 130 {
		t.Errorf("exit status %d after cancel, want 130; stderr %q", r.code, r.stderr)
	}
}

func TestBuildFromStdin(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "04_name_forms.txt"))
	if err != nil {
		t.Fatal(err)
	}
	db := tempDB(t)
	if r := kg(t, string(b), "build", "--db", db, "-"); r.code != 0 || !strings.Contains(r.stderr, "1 document read: 1 stored") {
		t.Fatalf("build -: status %d, stderr %q", r.code, r.stderr)
	}
	if got := queryNames(t, db, marquezMet); !contains(got, "Tomas Berger") {
		t.Errorf("after build from stdin: %s = %q", marquezMet, got)
	}
}

// seedFiles returns the two sample articles (the scraped page, then the
// clean wire copy), or skips the test.
func seedFiles(t *testing.T) []string {
	t.Helper()
	return []string{
		testkit.Shared(t, "seeds/000_f8b20b585b8eaca7.txt"),
		testkit.Shared(t, "seeds/001_3ebc4e8f6ec20546.txt"),
	}
}

// seedStore builds the two sample articles into a new bolt store and
// returns its path, or skips the test.
func seedStore(t *testing.T) string {
	t.Helper()
	files := seedFiles(t)
	db := tempDB(t)
	mustKG(t, append([]string{"build", "--db", db}, files...)...)
	return db
}

func TestSeedsPutinMetKim(t *testing.T) {
	db := seedStore(t)
	q := `g.V().Has("<name>","Vladimir Putin").Out("<meet>").Out("<name>").All()`
	r := mustKG(t, "query", "--db", db, q)
	if !strings.Contains(r.stdout, `"Kim Jong Un"`) {
		t.Errorf("%s:\n%s\nwant it to contain \"Kim Jong Un\"", q, r.stdout)
	}
	checkRecords(t, mustKG(t, "export", "--db", db, "--format", "jsonl").stdout)
}
