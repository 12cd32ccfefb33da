package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kg/internal/testkit"
)

// The hand-made gold file and dump of package eval's tests.
var (
	evalGold = filepath.Join("..", "..", "eval", "testdata", "gold.json")
	evalDump = filepath.Join("..", "..", "eval", "testdata", "dump.jsonl")
)

// TestEvalSeeds builds the two seed files, exports the store as jsonl and
// checks that kg eval (on the dump, on the store, and on the files
// extracted in memory) prints what score.py prints on the same dump. The
// hand-made gold file and kg's own testdata articles are scored across too,
// for problem lines of every kind.
func TestEvalSeeds(t *testing.T) {
	seeds := seedFiles(t)
	seedGold := testkit.Shared(t, "eval/gold/seed-summit.json")
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 not on PATH; kg eval is compared with score.py")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "seeds.db")
	dump := filepath.Join(dir, "seeds.jsonl")
	mustKG(t, append([]string{"build", "--db", db}, seeds...)...)
	mustKG(t, "export", "--db", db, "--format", "jsonl", "-o", dump)

	for _, flags := range [][]string{{}, {"--verbose"}, {"--json"}} {
		want := testkit.ScorePy(t, seedGold, dump, flags...)
		sources := [][]string{{"--jsonl", dump}}
		if len(flags) == 1 && flags[0] == "--verbose" { // every line; extract once
			sources = append(sources, []string{"--db", db}, seeds)
		}
		for _, source := range sources {
			args := slices.Concat([]string{"eval", "--gold", seedGold}, flags, source)
			testkit.SameScore(t, "kg "+strings.Join(args, " "), mustKG(t, args...).stdout, want)
		}
	}

	other := filepath.Join(dir, "testdata.jsonl")
	odb := filepath.Join(dir, "testdata.db")
	mustKG(t, "build", "--db", odb, filepath.Join("..", "..", "testdata"))
	mustKG(t, "export", "--db", odb, "--format", "jsonl", "-o", other)
	for _, pair := range [][2]string{{seedGold, other}, {evalGold, dump}, {evalGold, other}} {
		want := testkit.ScorePy(t, pair[0], pair[1], "--verbose")
		got := mustKG(t, "eval", "--gold", pair[0], "--jsonl", pair[1], "--verbose").stdout
		testkit.SameScore(t, "kg eval --gold "+pair[0]+" --jsonl "+pair[1], got, want)
	}
}

func TestEvalSources(t *testing.T) {
	dump, err := os.ReadFile(evalDump)
	if err != nil {
		t.Fatal(err)
	}
	want := mustKG(t, "eval", "--gold", evalGold, "--jsonl", evalDump, "--json").stdout

	// A dump on standard input, with Windows line ends and blank lines.
	crlf := strings.ReplaceAll(string(dump), "\n", "\r\n\r\n")
	if r := kg(t, crlf, "eval", "--gold", evalGold, "--jsonl", "-", "--json"); r.code != 0 || r.stdout != want {
		t.Errorf("kg eval --jsonl - : status %d\n got: %s\nwant: %s\nstderr: %s", r.code, r.stdout, want, r.stderr)
	}

	// The store named by --db, and the default store ($KG_DB).
	db := tempDB(t)
	mustKG(t, "build", "--db", db, filepath.Join("..", "..", "testdata", "01_lisbon_summit.txt"))
	byDB := mustKG(t, "eval", "--gold", evalGold, "--db", db).stdout
	t.Setenv("KG_DB", db)
	if byDefault := mustKG(t, "eval", "--gold", evalGold).stdout; byDefault != byDB {
		t.Errorf("kg eval with $KG_DB=%s printed\n%s\nwith --db:\n%s", db, byDefault, byDB)
	}

	// Files, one of them missing: it is reported, the others are scored,
	// and the status is 1.
	article := filepath.Join("..", "..", "testdata", "01_lisbon_summit.txt")
	r := kg(t, "", "eval", "--gold", evalGold, article, filepath.Join(t.TempDir(), "missing.txt"))
	if r.code != 1 || !strings.Contains(r.stderr, "missing.txt") || r.stdout != byDB {
		t.Errorf("kg eval with a missing file: status %d, want 1 and the figures of the other\nstdout:\n%s\nwant:\n%s\nstderr: %s", r.code, r.stdout, byDB, r.stderr)
	}
}

func TestEvalErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	badJSON := write("bad.json", `{"entities": [`)
	badGold := write("badgold.json", `{"relations": [{"id": "x", "s": "Norway", "p": ["meet"], "o": ["Estonia"]}]}`)
	noClass := write("noclass.json", `{"entities": [{"name": "Norway"}]}`)
	badDump := write("bad.jsonl", "{\"type\":\"entity\",\"name\":\"Norway\"}\n\n{\"type\":\n")
	listDump := write("list.jsonl", "[1, 2]\n")
	for _, tt := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no gold", []string{"eval", "--jsonl", evalDump}, 2, "no gold file"},
		{"two sources", []string{"eval", "--gold", evalGold, "--jsonl", evalDump, "--db", "x.db"}, 2, "score one thing"},
		{"dump and files", []string{"eval", "--gold", evalGold, "--jsonl", evalDump, "a.txt"}, 2, "score one thing"},
		{"format without files", []string{"eval", "--gold", evalGold, "--format", "txt"}, 2, "--format"},
		{"missing gold", []string{"eval", "--gold", filepath.Join(dir, "nope.json"), "--jsonl", evalDump}, 2, "nope.json: no such file"},
		{"gold not JSON", []string{"eval", "--gold", badJSON, "--jsonl", evalDump}, 2, "not JSON"},
		{"gold options not a list", []string{"eval", "--gold", badGold, "--jsonl", evalDump}, 2, `relations[0]: "s" must be a non-empty list of strings`},
		{"gold entity without class", []string{"eval", "--gold", noClass, "--jsonl", evalDump}, 2, `"Norway" has no class`},
		{"missing dump", []string{"eval", "--gold", evalGold, "--jsonl", filepath.Join(dir, "nope.jsonl")}, 2, "nope.jsonl: no such file"},
		{"dump not JSON", []string{"eval", "--gold", evalGold, "--jsonl", badDump}, 2, "line 3: not JSON"},
		{"dump record not an object", []string{"eval", "--gold", evalGold, "--jsonl", listDump}, 2, "line 1: not a JSON object"},
		{"missing store", []string{"eval", "--gold", evalGold, "--db", filepath.Join(dir, "none.db")}, 2, "no store there"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := kg(t, "", tt.args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.msg) || r.stdout != "" {
				t.Errorf("kg %s: status %d, stderr %q, stdout %q; want status %d and %q on stderr",
					strings.Join(tt.args, " "), r.code, r.stderr, r.stdout, tt.code, tt.msg)
			}
		})
	}
}
