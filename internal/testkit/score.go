package testkit

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// ScorePy runs ../shared/eval/score.py on gold and dump and returns its
// output; the test is skipped when python3 or score.py is absent.
func ScorePy(t testing.TB, gold, dump string, flags ...string) string {
	t.Helper()
	script := Shared(t, "eval/score.py")
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

// SameScore fails unless two scorers' outputs have the same last line (the
// figures) and the same problem lines, in any order.
func SameScore(t testing.TB, what, got, want string) {
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
