package main

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/eval/want.* with the output of ../shared/eval/score.py")

// sharedDir is ../shared beside the repository: the seeds, the gold file
// and score.py.
var sharedDir = filepath.Join("..", "..", "..", "shared")

var (
	evalGold = filepath.Join("testdata", "eval", "gold.json")
	evalDump = filepath.Join("testdata", "eval", "dump.jsonl")
)

// scorePy runs ../shared/eval/score.py on gold and dump and returns its
// output; the test is skipped when python3 or score.py is absent.
func scorePy(t *testing.T, gold, dump string, flags ...string) string {
	t.Helper()
	script := filepath.Join(sharedDir, "eval", "score.py")
	if _, err := os.Stat(script); err != nil {
		t.Skipf("%s is absent (../shared beside the repository): %v", script, err)
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not on PATH; kg eval is compared with score.py")
	}
	cmd := exec.Command(py, append([]string{script, gold, dump}, flags...)...)
	// score.py takes one of several gold entities in set order when an
	// entity's aliases name them but its name does not; fix the order.
	cmd.Env = append(os.Environ(), "PYTHONHASHSEED=0")
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("score.py %s %s: %v\n%s", gold, dump, err, stderr)
	}
	return string(out)
}

// sameScore fails unless two scorers' outputs have the same last line (the
// figures) and the same problem lines, in any order.
func sameScore(t *testing.T, what, got, want string) {
	t.Helper()
	g := strings.Split(strings.TrimSpace(got), "\n")
	w := strings.Split(strings.TrimSpace(want), "\n")
	if g[len(g)-1] != w[len(w)-1] {
		t.Errorf("%s: figures differ\n got: %s\nwant: %s", what, g[len(g)-1], w[len(w)-1])
	}
	g, w = g[:len(g)-1], w[:len(w)-1]
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		t.Errorf("%s: problem lines differ\n got:\n%s\nwant:\n%s", what, strings.Join(g, "\n"), strings.Join(w, "\n"))
	}
}

// TestEvalGolden scores the hand-made dump against the hand-made gold file
// (testdata/eval), which between them make every mistake score.py counts,
// and compares with score.py's output recorded in want.txt and want.json;
// with python3 and ../shared, with score.py's output now too. -update
// rewrites the recorded output.
func TestEvalGolden(t *testing.T) {
	for _, tt := range []struct {
		want  string
		flags []string
	}{
		{"want.txt", []string{"--verbose"}},
		{"want.json", []string{"--json"}},
	} {
		wantFile := filepath.Join("testdata", "eval", tt.want)
		if *update {
			if err := os.WriteFile(wantFile, []byte(scorePy(t, evalGold, evalDump, tt.flags...)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(wantFile)
		if err != nil {
			t.Fatal(err)
		}
		got := mustKG(t, append([]string{"eval", "--gold", evalGold, "--jsonl", evalDump}, tt.flags...)...).stdout
		if got != string(want) {
			t.Errorf("kg eval %s differs from %s (score.py's output; go test -run TestEvalGolden -update rewrites it)\n got:\n%s\nwant:\n%s",
				strings.Join(tt.flags, " "), wantFile, got, want)
		}
	}

	// Every figure must be exercised: no count is 0 and no ratio is 0 or 1.
	want, err := os.ReadFile(filepath.Join("testdata", "eval", "want.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(want)), "\n")
	for _, kv := range strings.Fields(lines[len(lines)-1]) {
		k, v, _ := strings.Cut(kv, "=")
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 || (strings.Contains(v, ".") && f >= 1) {
			t.Errorf("testdata/eval does not exercise %s (%s)", k, v)
		}
	}
	for _, kind := range []string{"ENTITY duplicate", "ENTITY conflated", "ENTITY junk", "ENTITY unmatched", "ENTITY wrong class",
		"ENTITY missing", "RELATION missing", "RELATION duplicate", "RELATION forbidden", "[negated]", "RELATION unmatched",
		"QUOTE misattributed", "QUOTE missing", "DOCUMENT metadata"} {
		if !strings.Contains(string(want), kind) {
			t.Errorf("testdata/eval makes no %q line", kind)
		}
	}
}

// TestEvalGoldenScorePy checks the recorded output against score.py itself,
// so want.txt and want.json cannot go stale.
func TestEvalGoldenScorePy(t *testing.T) {
	for _, tt := range []struct {
		want  string
		flags []string
	}{
		{"want.txt", []string{"--verbose"}},
		{"want.json", []string{"--json"}},
	} {
		want, err := os.ReadFile(filepath.Join("testdata", "eval", tt.want))
		if err != nil {
			t.Fatal(err)
		}
		sameScore(t, "score.py "+strings.Join(tt.flags, " "), scorePy(t, evalGold, evalDump, tt.flags...), string(want))
	}
}

// TestEvalSeeds builds the two seed files, exports the store as jsonl and
// checks that kg eval (on the dump, on the store, and on the files
// extracted in memory) prints what score.py prints on the same dump. The
// hand-made gold file and kg's own testdata articles are scored across too,
// for problem lines of every kind.
func TestEvalSeeds(t *testing.T) {
	seeds := []string{
		filepath.Join(sharedDir, "seeds", "000_f8b20b585b8eaca7.txt"),
		filepath.Join(sharedDir, "seeds", "001_3ebc4e8f6ec20546.txt"),
	}
	seedGold := filepath.Join(sharedDir, "eval", "gold", "seed-summit.json")
	for _, f := range append(seeds, seedGold) {
		if _, err := os.Stat(f); err != nil {
			t.Skipf("%s is absent (../shared beside the repository): %v", f, err)
		}
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 not on PATH; kg eval is compared with score.py")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "seeds.db")
	dump := filepath.Join(dir, "seeds.jsonl")
	mustKG(t, append([]string{"build", "--db", db}, seeds...)...)
	mustKG(t, "export", "--db", db, "--format", "jsonl", "-o", dump)

	for _, flags := range [][]string{{}, {"--verbose"}, {"--json"}} {
		want := scorePy(t, seedGold, dump, flags...)
		sources := [][]string{{"--jsonl", dump}}
		if len(flags) == 1 && flags[0] == "--verbose" { // every line; extract once
			sources = append(sources, []string{"--db", db}, seeds)
		}
		for _, source := range sources {
			args := slices.Concat([]string{"eval", "--gold", seedGold}, flags, source)
			sameScore(t, "kg "+strings.Join(args, " "), mustKG(t, args...).stdout, want)
		}
	}

	other := filepath.Join(dir, "testdata.jsonl")
	odb := filepath.Join(dir, "testdata.db")
	mustKG(t, "build", "--db", odb, filepath.Join("..", "..", "testdata"))
	mustKG(t, "export", "--db", odb, "--format", "jsonl", "-o", other)
	for _, pair := range [][2]string{{seedGold, other}, {evalGold, dump}, {evalGold, other}} {
		want := scorePy(t, pair[0], pair[1], "--verbose")
		got := mustKG(t, "eval", "--gold", pair[0], "--jsonl", pair[1], "--verbose").stdout
		sameScore(t, "kg eval --gold "+pair[0]+" --jsonl "+pair[1], got, want)
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
