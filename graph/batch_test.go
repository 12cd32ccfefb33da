package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"kg/schema"
)

// batchDocs are documents that exercise what a batch must get right: the
// fixture (one entity under two spellings across documents), a document
// twice, and near-duplicates of each other and of a stored document.
func batchDocs() []*schema.Extraction {
	xs := fixture()
	return append(xs,
		sigDoc("a", "1987-03-02", shingleSig(0, 300)),
		sigDoc("other", "1987-03-02", shingleSig(10000, 300)),
		xs[0], // again, in the same batch
		sigDoc("b", "1987-03-03", shingleSig(20, 300)), // a near-duplicate of a
		sigDoc("c", "1987-03-03", shingleSig(10, 300)), // of a and b
	)
}

func TestWriteBatchEqualsWrite(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			docs := batchDocs()
			one := b.open(t)
			var want []WriteResult
			for _, x := range docs {
				res, err := one.Write(ctx, x)
				if err != nil {
					t.Fatal(err)
				}
				want = append(want, res)
			}
			for _, split := range []int{1, 3, len(docs)} {
				t.Run(fmt.Sprintf("batches of %d", split), func(t *testing.T) {
					s := b.open(t)
					// The first document is stored before the batches, which
					// then meet a stored document and stored near-duplicates.
					first, err := s.Write(ctx, docs[0])
					if err != nil {
						t.Fatal(err)
					}
					got := []WriteResult{first}
					for i := 1; i < len(docs); i += split {
						res, err := s.WriteBatch(ctx, docs[i:min(i+split, len(docs))])
						if err != nil {
							t.Fatal(err)
						}
						got = append(got, res...)
					}
					for i := range want {
						if want[i].Document != got[i].Document || want[i].Skipped != got[i].Skipped || !slices.Equal(want[i].Duplicates, got[i].Duplicates) {
							t.Errorf("document %d: WriteBatch gave %+v, Write %+v", i, got[i], want[i])
						}
					}
					for _, format := range []string{"nquads", "jsonl"} {
						if a, b := exportString(t, one, format), exportString(t, s, format); a != b {
							t.Errorf("%s export after WriteBatch differs from Write's:\n%s\nwant\n%s", format, b, a)
						}
					}
				})
			}
		})
	}
}

func TestWriteBatchAllOrNothing(t *testing.T) {
	s := mustOpen(t, Options{Path: MemoryPath})
	docs := fixture()
	bad := *docs[1]
	bad.Document.ID = ""
	if _, err := s.WriteBatch(context.Background(), []*schema.Extraction{docs[0], &bad}); err == nil || !strings.Contains(err.Error(), "no id") {
		t.Fatalf("WriteBatch with a document without id: %v, want an error", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.WriteBatch(ctx, docs); err == nil {
		t.Fatal("WriteBatch with a cancelled context: no error")
	}
	if st := mustStats(t, s); st.Quads != 0 {
		t.Errorf("a failed batch left %d quads", st.Quads)
	}
}

func TestEstimateQuads(t *testing.T) {
	for _, x := range fixture() {
		est, got := EstimateQuads(x), len(extractionQuads(x, map[string]string{}, nil))
		if est < got/2 || est > got*2 {
			t.Errorf("EstimateQuads(%s) = %d, built %d", x.Document.ID, est, got)
		}
	}
}

// BenchmarkWriteBatch writes news-shaped documents (the fixture, renamed)
// 100 per transaction.
func BenchmarkWriteBatch(b *testing.B) {
	const size = 100
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			s := be.open(b)
			base := fixture()
			ctx := context.Background()
			quads, n := 0, 0
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				xs := make([]*schema.Extraction, size)
				for j := range xs {
					x := *base[n%2]
					x.Document.ID = fmt.Sprintf("bench%d", n)
					x.Relations = renamed(x.Relations, x.Document.ID)
					xs[j] = &x
					n++
				}
				res, err := s.WriteBatch(ctx, xs)
				if err != nil {
					b.Fatal(err)
				}
				for _, r := range res {
					quads += r.Quads
				}
			}
			b.ReportMetric(float64(quads)/b.Elapsed().Seconds(), "quads/s")
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
