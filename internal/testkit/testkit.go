// Package testkit holds what the tests of several packages share: where
// ../shared is (the third-party data every developer and CI run has beside
// the repository, never copied into it), the project's own test articles,
// and golden-file comparison.
package testkit

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// repo is the repository's root, found from this file's location, so that
// no answer depends on the test's working directory.
func repo() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "."
	}
	return filepath.Dir(filepath.Dir(filepath.Dir(file))) // internal/testkit/testkit.go
}

// SharedRoot returns the shared folder: $KG_SHARED when set, else the
// folder named shared beside the repository.
func SharedRoot() string {
	if dir := os.Getenv("KG_SHARED"); dir != "" {
		return dir
	}
	return filepath.Join(filepath.Dir(repo()), "shared")
}

// Shared returns the path of rel (slash-separated, e.g. "corpus/bbc")
// inside the shared folder, or skips the test when it does not exist.
func Shared(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join(SharedRoot(), filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("%s not found (../shared beside the repository, or $KG_SHARED): %v", rel, err)
	}
	return p
}

// HasShared reports whether rel exists inside the shared folder.
func HasShared(rel string) bool {
	_, err := os.Stat(filepath.Join(SharedRoot(), filepath.FromSlash(rel)))
	return err == nil
}

// Articles returns the paths of the project's own test articles,
// testdata/*.txt at the repository's root.
func Articles(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(repo(), "testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no articles in the repository's testdata/: %v", err)
	}
	return files
}

// Golden compares got with the golden file at path, or writes got there
// when update is set (review the diff like code). hint says how to update.
func Golden(tb testing.TB, path string, got []byte, update bool, hint string) {
	tb.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (%s)", err, hint)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("output differs from %s (review, then %s):\n%s", path, hint, LineDiff(string(want), string(got)))
	}
}

// LineDiff lists the lines only want has ("- ") and only got has ("+ "),
// sorted.
func LineDiff(want, got string) string {
	w, g := map[string]bool{}, map[string]bool{}
	for _, l := range strings.Split(want, "\n") {
		w[l] = true
	}
	for _, l := range strings.Split(got, "\n") {
		g[l] = true
	}
	var out []string
	for l := range w {
		if !g[l] {
			out = append(out, "- "+l)
		}
	}
	for l := range g {
		if !w[l] {
			out = append(out, "+ "+l)
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}
