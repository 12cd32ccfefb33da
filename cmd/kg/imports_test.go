package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImportTable holds the package table of STYLE.md: schema imports only
// the standard library; extract never imports graph or cayley; graph never
// imports extract or prose; and only extract/nlp.go imports prose.
func TestImportTable(t *testing.T) {
	root := moduleRoot(t)
	deps := func(pkg string, nonStandard bool) []string {
		t.Helper()
		format := "{{.ImportPath}}"
		if nonStandard {
			format = "{{if not .Standard}}{{.ImportPath}}{{end}}"
		}
		cmd := exec.Command("go", "list", "-deps", "-f", format, pkg)
		cmd.Dir = root
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		return strings.Fields(string(out))
	}

	for _, dep := range deps("kg/schema", true) {
		if dep != "kg/schema" {
			t.Errorf("kg/schema depends on %s; it may import only the standard library", dep)
		}
	}
	never := map[string][]string{
		"kg/extract": {"kg/graph", "github.com/cayleygraph/"},
		"kg/graph":   {"kg/extract", "github.com/jdkato/prose"},
	}
	for pkg, banned := range never {
		for _, dep := range deps(pkg, true) {
			for _, b := range banned {
				if dep == b || strings.HasPrefix(dep, b) {
					t.Errorf("%s depends on %s; STYLE.md forbids it", pkg, dep)
				}
			}
		}
	}

	// Only extract/nlp.go imports prose (tests included: no prose type
	// leaks out of the wrapper).
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(p, "github.com/jdkato/prose") && filepath.ToSlash(rel) != "extract/nlp.go" {
				t.Errorf("%s imports %s; only extract/nlp.go may import prose", rel, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// moduleRoot returns the directory of go.mod, asking the go command; the
// test is skipped when go is not installed.
func moduleRoot(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not on PATH; the import table is checked with go list")
	}
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == "/dev/null" {
		t.Fatal("not inside the kg module")
	}
	return filepath.Dir(gomod)
}
