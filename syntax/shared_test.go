package syntax

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedDir returns the directory of the shared UD English EWT files,
// $KG_SHARED/corpus/ud or ../../shared/corpus/ud, and skips the test when
// the training file is not there.
func sharedDir(t testing.TB) string {
	t.Helper()
	root := os.Getenv("KG_SHARED")
	if root == "" {
		root = filepath.Join("..", "..", "shared")
	}
	dir := filepath.Join(root, "corpus", "ud")
	if _, err := os.Stat(filepath.Join(dir, "en_ewt-ud-dev.conllu")); err != nil {
		t.Skipf("shared UD data not found: %v", err)
	}
	return dir
}

func readShared(t testing.TB, name string) []Sentence {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedDir(t), name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := ReadCoNLLU(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
