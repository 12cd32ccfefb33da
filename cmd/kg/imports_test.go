package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// importTable is the package table of ../shared/STYLE.md: for each package
// of the pipeline, the project packages and the third-party modules it may
// import directly (the standard library always). Data flows one way: a
// package never imports one below it in the pipeline.
var importTable = map[string][]string{
	"kg/schema":  {},
	"kg/dedup":   {"kg/schema"},
	"kg/article": {"kg/schema", "kg/dedup", "golang.org/x/net/html"},
	"kg/ner":     {},
	"kg/when":    {}, // temporal expressions normalized against a date
	"kg/syntax":  {},
	"kg/extract": {"kg/schema", "kg/article", "kg/ner", "kg/syntax", "kg/when", "github.com/jdkato/prose"},
	// Cayley and what its backends are built on: bolt, hidalgo's KV layer,
	// lib/pq (the driver of Cayley's PostgreSQL backend, which kg's batched
	// writes and reads use directly)
	"kg/graph":  {"kg/schema", "kg/dedup", "github.com/cayleygraph/", "github.com/boltdb/bolt", "github.com/hidal-go/hidalgo/", "github.com/lib/pq"},
	"kg/ingest": {"kg/schema", "kg/article", "kg/extract", "kg/graph"},
	"kg/eval":   {"golang.org/x/text/"}, // Python's Unicode normalization, as score.py uses it
	"kg/serve":  {"kg/schema", "kg/graph", "github.com/cayleygraph/", "github.com/julienschmidt/httprouter"},
	"kg/cmd/kg": {"kg/"},
}

// TestImportTable holds the package table: every package's direct imports
// (tests apart) are in its row, so that, for instance, extract and graph
// never import each other, serve never reaches extract or ingest, and
// nothing imports cmd; every package of the module has a row (a new one
// needs its place in STYLE.md); and only extract/nlp.go imports prose, tests
// included.
func TestImportTable(t *testing.T) {
	root := moduleRoot(t)
	cmd := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list ./...: %v\n%s", err, out)
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg, imports := fields[0], fields[1:]
		if strings.HasPrefix(pkg, "kg/internal/") || strings.HasPrefix(pkg, "kg/scripts/") {
			continue // test helpers and developer tools, outside the pipeline
		}
		allowed, ok := importTable[pkg]
		if !ok {
			t.Errorf("%s has no row in the import table (STYLE.md): give it one", pkg)
			continue
		}
		seen[pkg] = true
		for _, imp := range imports {
			if standard(imp) || slices.ContainsFunc(allowed, func(a string) bool { return allows(a, imp) }) {
				continue
			}
			t.Errorf("%s imports %s; its row of the import table (STYLE.md) allows %v", pkg, imp, allowed)
		}
	}
	for pkg := range importTable {
		if !seen[pkg] {
			t.Errorf("the import table names %s, which go list does not know", pkg)
		}
	}
	checkProseImports(t, root)
}

// allows reports whether a row's entry allows an import: the package
// itself or one below it ("golang.org/x/net/html" allows .../html/atom); an
// entry ending in "/" allows everything under it.
func allows(entry, imp string) bool {
	if strings.HasSuffix(entry, "/") {
		return strings.HasPrefix(imp, entry)
	}
	return imp == entry || strings.HasPrefix(imp, entry+"/")
}

// standard reports whether an import path is the standard library's: its
// first element has no dot.
func standard(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".") && first != "kg"
}

// checkProseImports holds that only extract/nlp.go imports prose (tests
// included: no prose type leaks out of the wrapper).
func checkProseImports(t *testing.T, root string) {
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
