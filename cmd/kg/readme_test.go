package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeQueries runs every Gizmo query the README shows on the sample
// store (kg build testdata) and checks that each answers something, so the
// documentation cannot rot.
func TestReadmeQueries(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var queries []string
	for _, line := range strings.Split(string(readme), "\n") {
		line = strings.TrimPrefix(line, "go run ./cmd/kg build testdata && ")
		for _, prefix := range []string{"kg query '", "go run ./cmd/kg query '"} {
			if strings.HasPrefix(line, prefix) && strings.HasSuffix(line, "'") {
				queries = append(queries, line[len(prefix):len(line)-1])
			}
		}
	}
	if len(queries) < 5 {
		t.Fatalf("found %d queries in README.md, want the quick start and the Gizmo examples", len(queries))
	}
	db := tempDB(t)
	mustKG(t, "build", "--db", db, filepath.Join("..", "..", "testdata"))
	for _, q := range queries {
		r := kg(t, "", "query", "--db", db, q)
		var got struct {
			Result []any `json:"result"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &got); r.code != 0 || err != nil || len(got.Result) == 0 {
			t.Errorf("README query %s: status %d, no results\nstdout: %s\nstderr: %s", q, r.code, r.stdout, r.stderr)
		}
	}
}
