package serve_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImports holds serve's place in the package table of STYLE.md: it
// serves the store (schema, graph, cayley) and never extracts (no extract,
// no prose). Its tests may build a store with extract.
func TestImports(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not on PATH; the imports are checked with go list")
	}
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "kg/serve").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps kg/serve: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if dep == "kg/extract" || strings.HasPrefix(dep, "github.com/jdkato/prose") || dep == "kg/cmd/kg" {
			t.Errorf("kg/serve depends on %s; it may import schema, graph and cayley, never extract", dep)
		}
	}
}
