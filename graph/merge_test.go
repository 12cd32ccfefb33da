package graph

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"kg/schema"
)

// TestConsolidateSumsMentions: merging two nodes mentioned in one document
// into one sums their mentions there; on bolt, where Cayley nets the
// reference counts of a transaction's values, every quad added keeps its
// values (refPadding).
func TestConsolidateSumsMentions(t *testing.T) {
	for _, backend := range []string{BackendMemstore, BackendBolt} {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			path := MemoryPath
			if backend == BackendBolt {
				path = filepath.Join(t.TempDir(), "kg.db")
			}
			s, err := Open(ctx, Options{Backend: backend, Path: path})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			var xs []*schema.Extraction
			for i := range 3 {
				d := schema.Document{ID: string(rune('a'+i)) + "doc"}
				xs = append(xs, &schema.Extraction{Document: d, Entities: []schema.Entity{
					{ID: "person/reagan", Name: "Reagan", Class: schema.Person, Mentions: 2},
					{ID: "organization/reagan", Name: "Reagan", Class: schema.Organization, Mentions: 1},
					{ID: "person/ronald_reagan", Name: "Ronald Reagan", Class: schema.Person, Mentions: 1, Aliases: []string{"Reagan"}},
				}})
			}
			if _, err := s.WriteBatch(ctx, xs); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Consolidate(ctx); err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := s.Export(ctx, &buf, "jsonl"); err != nil {
				t.Fatal(err)
			}
			var ents []string
			for _, l := range strings.Split(buf.String(), "\n") {
				if strings.HasPrefix(l, `{"type":"entity"`) {
					ents = append(ents, l)
				}
			}
			want := `{"type":"entity","id":"person/ronald_reagan","name":"Ronald Reagan","class":"Person","aliases":["Reagan"],"mentions":12,"documents":["adoc","bdoc","cdoc"]}`
			if len(ents) != 1 || ents[0] != want {
				t.Errorf("entities:\n%s\nwant\n%s", strings.Join(ents, "\n"), want)
			}
			st, err := s.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if st.Persons != 1 || st.Organizations != 0 {
				t.Errorf("stats %+v, want 1 person, 0 organizations", st)
			}
		})
	}
}
