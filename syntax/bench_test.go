package syntax

import (
	"os"
	"runtime"
	"testing"
)

// benchModel returns the model to benchmark: $KG_MODEL if set, else the
// embedded one.
func benchModel(b testing.TB) *Model {
	b.Helper()
	if p := os.Getenv("KG_MODEL"); p != "" {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		m, err := Load(f)
		if err != nil {
			b.Fatal(err)
		}
		return m
	}
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// BenchmarkParse tags, lemmatizes and parses the EWT dev sentences on one
// goroutine and reports words per second.
func BenchmarkParse(b *testing.B) {
	m := benchModel(b)
	dev := readShared(b, "en_ewt-ud-dev.conllu")
	sents := make([][]string, len(dev))
	words := 0
	for i, s := range dev {
		for _, t := range s.Tokens {
			sents[i] = append(sents[i], t.Form)
		}
		words += len(s.Tokens)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			m.Parse(s)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkLoad decodes the embedded model and reports the heap it holds.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	var heap float64
	for i := 0; i < b.N; i++ {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		m, err := loadBytes(embeddedModel)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap = float64(after.HeapAlloc) - float64(before.HeapAlloc)
		runtime.KeepAlive(m)
	}
	b.ReportMetric(heap/(1<<20), "MB-heap")
}
