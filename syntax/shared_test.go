package syntax

import (
	"os"
	"testing"

	"kg/internal/testkit"
)

// readShared reads a file of the shared UD English EWT data
// (../shared/corpus/ud), or skips the test when it is absent.
func readShared(t testing.TB, name string) []Sentence {
	t.Helper()
	f, err := os.Open(testkit.Shared(t, "corpus/ud/"+name))
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
