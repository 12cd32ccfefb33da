package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildResolvesAcrossDocuments: a document that calls a person only by
// the surname joins the entity an earlier document named in full (earlier
// in the same run or already stored).
func TestBuildResolvesAcrossDocuments(t *testing.T) {
	dir := t.TempDir()
	full := filepath.Join(dir, "a.txt")
	short := filepath.Join(dir, "b.txt")
	os.WriteFile(full, []byte("Putin and Xi meet\n\nRussian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Tuesday.\n"), 0o644)
	os.WriteFile(short, []byte("Trade deal signed\n\nOn Wednesday, Putin signed a trade deal with Xi Jinping in Moscow.\n"), 0o644)
	db := filepath.Join(dir, "kg.db")
	mustKG(t, "build", "--db", db, full, short)
	out := mustKG(t, "export", "--db", db, "--format", "jsonl").stdout
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
				t.Errorf("%s is named in %d documents, want 2", rec.ID, len(rec.Documents))
			}
		}
	}
	if len(putins) != 1 || putins[0] != "person/vladimir_putin" {
		t.Errorf("Putin entities %q, want one: person/vladimir_putin", putins)
	}
}
