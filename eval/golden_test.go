package eval

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kg/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite testdata/want.* with the output of ../shared/eval/score.py")

// The hand-made gold file and dump, which between them make every mistake
// score.py counts.
var (
	evalGold = filepath.Join("testdata", "gold.json")
	evalDump = filepath.Join("testdata", "dump.jsonl")
)

// scoreFiles scores the dump file against the gold file as kg eval does,
// with score.py's flags (--verbose, --json), and returns what it prints.
func scoreFiles(t *testing.T, gold, dump string, flags []string) string {
	t.Helper()
	gdata, err := os.ReadFile(gold)
	if err != nil {
		t.Fatal(err)
	}
	g, err := ParseGold(gdata)
	if err != nil {
		t.Fatal(err)
	}
	ddata, err := os.ReadFile(dump)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := ParseRecords(ddata)
	if err != nil {
		t.Fatal(err)
	}
	figs, problems := Score(g, recs, slices.Contains(flags, "--verbose"))
	var out bytes.Buffer
	if err := Write(&out, figs, problems, slices.Contains(flags, "--json")); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// TestEvalGolden scores the hand-made dump against the hand-made gold file
// (testdata/), which between them make every mistake score.py counts,
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
		wantFile := filepath.Join("testdata", tt.want)
		if *update {
			if err := os.WriteFile(wantFile, []byte(testkit.ScorePy(t, evalGold, evalDump, tt.flags...)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(wantFile)
		if err != nil {
			t.Fatal(err)
		}
		got := scoreFiles(t, evalGold, evalDump, tt.flags)
		if got != string(want) {
			t.Errorf("eval %s differs from %s (score.py's output; go test ./eval -run TestEvalGolden -update rewrites it)\n got:\n%s\nwant:\n%s",
				strings.Join(tt.flags, " "), wantFile, got, want)
		}
	}

	// Every figure must be exercised: no count is 0 and no ratio is 0 or 1.
	want, err := os.ReadFile(filepath.Join("testdata", "want.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(want)), "\n")
	for _, kv := range strings.Fields(lines[len(lines)-1]) {
		k, v, _ := strings.Cut(kv, "=")
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 || (strings.Contains(v, ".") && f >= 1) {
			t.Errorf("testdata does not exercise %s (%s)", k, v)
		}
	}
	for _, kind := range []string{"ENTITY duplicate", "ENTITY conflated", "ENTITY junk", "ENTITY unmatched", "ENTITY wrong class",
		"ENTITY missing", "RELATION missing", "RELATION duplicate", "RELATION forbidden", "[negated]", "RELATION unmatched",
		"QUOTE misattributed", "QUOTE missing", "DOCUMENT metadata"} {
		if !strings.Contains(string(want), kind) {
			t.Errorf("testdata makes no %q line", kind)
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
		want, err := os.ReadFile(filepath.Join("testdata", tt.want))
		if err != nil {
			t.Fatal(err)
		}
		testkit.SameScore(t, "score.py "+strings.Join(tt.flags, " "), testkit.ScorePy(t, evalGold, evalDump, tt.flags...), string(want))
	}
}
