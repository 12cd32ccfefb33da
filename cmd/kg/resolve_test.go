package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kg/internal/testkit"
)

// TestBuildResolvesAcrossDocuments: a document that calls a person only by
// the surname joins the entity another document names in full, whether
// that document comes before or after it, in the same run or another.
func TestBuildResolvesAcrossDocuments(t *testing.T) {
	dir := t.TempDir()
	full := filepath.Join(dir, "a.txt")
	short := filepath.Join(dir, "b.txt")
	os.WriteFile(full, []byte("Putin and Xi meet\n\nRussian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Tuesday.\n"), 0o644)
	os.WriteFile(short, []byte("Trade deal signed\n\nOn Wednesday, Putin signed a trade deal with Xi Jinping in Moscow.\n"), 0o644)
	var dumps []string
	for i, runs := range [][][]string{{{full, short}}, {{short, full}}, {{short}, {full}}} {
		db := filepath.Join(dir, fmt.Sprintf("kg%d.db", i))
		for _, run := range runs {
			mustKG(t, append([]string{"build", "--db", db}, run...)...)
		}
		out := mustKG(t, "export", "--db", db, "--format", "jsonl").stdout
		dumps = append(dumps, out)
		var putins []string
		for _, line := range strings.Split(out, "\n") {
			var rec struct {
				Type, ID  string
				Documents []string
			}
			if json.Unmarshal([]byte(line), &rec) != nil || rec.Type != "entity" {
				continue
			}
			if strings.Contains(rec.ID, "putin") {
				putins = append(putins, rec.ID)
				if len(rec.Documents) != 2 {
					t.Errorf("builds %v: %s is named in %d documents, want 2", runs, rec.ID, len(rec.Documents))
				}
			}
		}
		if len(putins) != 1 || putins[0] != "person/vladimir_putin" {
			t.Errorf("builds %v: Putin entities %q, want one: person/vladimir_putin", runs, putins)
		}
	}
	if dumps[1] != dumps[0] || dumps[2] != dumps[0] {
		t.Errorf("the store depends on the order of the documents:\n%s\n%s", testkit.LineDiff(dumps[0], dumps[1]), testkit.LineDiff(dumps[0], dumps[2]))
	}
}

// entityIDs returns the ids of the entity records of a jsonl dump.
func entityIDs(t *testing.T, dump string) []string {
	t.Helper()
	var ids []string
	for _, line := range strings.Split(dump, "\n") {
		var rec struct{ Type, ID string }
		if json.Unmarshal([]byte(line), &rec) == nil && rec.Type == "entity" {
			ids = append(ids, rec.ID)
		}
	}
	return ids
}

// TestExtractResolvesAcrossDocuments: kg extract runs kg build's loop, so a
// later file's "Putin" joins the earlier file's Vladimir Putin there too.
func TestExtractResolvesAcrossDocuments(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	os.WriteFile(a, []byte("Vladimir Putin visited Minsk on Monday. Putin met the Belarusian leader there.\n"), 0o644)
	os.WriteFile(b, []byte("Talks ended in Minsk on Tuesday, and Putin returned to Moscow.\n"), 0o644)
	ids := entityIDs(t, mustKG(t, "extract", a, b).stdout)
	if !slices.Contains(ids, "person/vladimir_putin") || slices.Contains(ids, "person/putin") {
		t.Errorf("kg extract a.txt b.txt: entities %q, want person/vladimir_putin and no person/putin", ids)
	}
}

// recordLines returns the entity and relation lines of a jsonl dump, in order.
func recordLines(dump string) []string {
	var out []string
	for _, line := range strings.Split(dump, "\n") {
		if strings.HasPrefix(line, `{"type":"entity"`) || strings.HasPrefix(line, `{"type":"relation"`) {
			out = append(out, line)
		}
	}
	return out
}

// TestExtractMatchesBuild: kg extract of the sample articles and kg build
// followed by kg export --format jsonl give the same entity and relation
// records (and so does each command on the project's own articles).
func TestExtractMatchesBuild(t *testing.T) {
	inputs := map[string][]string{"testdata": {filepath.Join("..", "..", "testdata")}}
	if testkit.HasShared("seeds") {
		inputs["seeds"] = seedFiles(t)
	}
	for name, paths := range inputs {
		t.Run(name, func(t *testing.T) {
			db := tempDB(t)
			mustKG(t, append([]string{"build", "--db", db}, paths...)...)
			built := recordLines(mustKG(t, "export", "--db", db, "--format", "jsonl").stdout)
			extracted := recordLines(mustKG(t, append([]string{"extract"}, paths...)...).stdout)
			if len(built) == 0 {
				t.Fatal("kg build + export gave no entity or relation records")
			}
			if !slices.Equal(built, extracted) {
				t.Errorf("kg extract and kg build + export differ:\n%s", testkit.LineDiff(strings.Join(built, "\n"), strings.Join(extracted, "\n")))
			}
		})
	}
}
