package graph

import (
	"context"
	"fmt"
	"testing"

	"kg/schema"
)

// BenchmarkWrite writes news-shaped documents (the fixture, renamed) one
// transaction each.
func BenchmarkWrite(b *testing.B) {
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			s := be.open(b)
			base := fixture()
			ctx := context.Background()
			quads := 0
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				x := *base[i%2]
				x.Document.ID = fmt.Sprintf("bench%d", i)
				x.Relations = renamed(x.Relations, x.Document.ID)
				res, err := s.Write(ctx, &x)
				if err != nil || res.Skipped {
					b.Fatalf("Write: %+v, %v", res, err)
				}
				quads += res.Quads
			}
			b.ReportMetric(float64(quads)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}

// renamed returns rels with their evidence moved to document doc.
func renamed(rels []schema.Relation, doc string) []schema.Relation {
	out := make([]schema.Relation, len(rels))
	for i, r := range rels {
		r.Evidence = append([]schema.Evidence(nil), r.Evidence...)
		for j := range r.Evidence {
			r.Evidence[j].Document = doc
		}
		out[i] = r
	}
	return out
}
