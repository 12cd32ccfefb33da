package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// seedPair returns the two versions of the sample article, skipping the
// test when they are absent.
func seedPair(t *testing.T) (scraped, clean string) {
	t.Helper()
	files := seedFiles(t)
	return files[0], files[1]
}

// documentRecords returns the "document" records of JSON Lines output by id.
func documentRecords(t *testing.T, jsonl string) map[string][]string {
	t.Helper()
	docs := make(map[string][]string)
	for _, line := range strings.Split(strings.TrimSpace(jsonl), "\n") {
		var rec struct {
			Type       string   `json:"type"`
			ID         string   `json:"id"`
			Duplicates []string `json:"duplicates"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("bad record %q: %v", line, err)
		}
		if rec.Type == "document" {
			docs[rec.ID] = rec.Duplicates
		}
	}
	return docs
}

// checkLinked fails unless the export has exactly two documents, each
// listing the other as its only duplicate.
func checkLinked(t *testing.T, docs map[string][]string) {
	t.Helper()
	if len(docs) != 2 {
		t.Fatalf("documents = %v, want 2", docs)
	}
	for id, dups := range docs {
		for other := range docs {
			if other != id && !slices.Equal(dups, []string{other}) {
				t.Errorf("document %s: duplicates = %q, want [%s]", id, dups, other)
			}
		}
	}
}

func TestBuildSeedsNearDuplicates(t *testing.T) {
	scraped, clean := seedPair(t)
	for _, tt := range []struct {
		name string
		runs [][]string
	}{
		{"one run", [][]string{{scraped, clean}}},
		{"two runs, clean copy first", [][]string{{clean}, {scraped}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := tempDB(t)
			var stderr string
			for _, files := range tt.runs {
				stderr += mustKG(t, append([]string{"build", "--db", db}, files...)...).stderr
			}
			if n := strings.Count(stderr, "near-duplicate of document"); n != 1 {
				t.Errorf("stderr reports %d near-duplicates, want 1:\n%s", n, stderr)
			}
			if !strings.Contains(stderr, "(With defiant summit, Putin and North Korea's Kim send rivals a warning)") {
				t.Errorf("stderr does not name the duplicate's title:\n%s", stderr)
			}
			export := mustKG(t, "export", "--db", db, "--format", "jsonl").stdout
			checkLinked(t, documentRecords(t, export))

			// Building again changes nothing.
			before := mustKG(t, "export", "--db", db, "--format", "nquads").stdout
			for _, files := range tt.runs {
				r := mustKG(t, append([]string{"build", "--db", db}, files...)...)
				if strings.Contains(r.stderr, "near-duplicate of") {
					t.Errorf("second build reports a near-duplicate:\n%s", r.stderr)
				}
			}
			if after := mustKG(t, "export", "--db", db, "--format", "nquads").stdout; after != before {
				t.Error("building the seeds again changed the store")
			}
		})
	}
}

func TestExtractSeedsNearDuplicates(t *testing.T) {
	scraped, clean := seedPair(t)
	docs := documentRecords(t, mustKG(t, "extract", scraped, clean).stdout)
	if len(docs) != 2 {
		t.Fatalf("documents = %v, want 2", docs)
	}
	linked := 0
	for id, dups := range docs {
		for _, d := range dups {
			if _, ok := docs[d]; ok && d != id {
				linked++
			}
		}
	}
	// kg extract runs kg build's loop: the two copies list each other.
	if linked != 2 {
		t.Errorf("duplicates = %v, want each document to list the other", docs)
	}
}
