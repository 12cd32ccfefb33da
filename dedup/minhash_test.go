package dedup

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"kg/schema"
)

// shingles returns n distinct shingle hashes starting at from.
func shingles(from, n int) []uint64 {
	out := make([]uint64, n)
	for i := range out {
		out[i] = uint64(from+i) * 0x9e3779b97f4a7c15
	}
	return out
}

func TestSignatureDeterministic(t *testing.T) {
	sig := NewSignature([]uint64{1, 2, 3})
	// The hash family is part of the stored format ("mh1:"): these values
	// must never change.
	want := schema.Signature{sig[0], sig[1]}
	if got := NewSignature([]uint64{3, 2, 1, 1}); got[0] != want[0] || got[1] != want[1] {
		t.Errorf("signature depends on order or repeats: %v vs %v", got[:2], want)
	}
	if got := fmt.Sprintf("%08x %08x", sig[0], sig[127]); got != signatureGolden {
		t.Errorf("NewSignature({1,2,3}) values 0 and 127 = %s, want %s (the hash family changed?)", got, signatureGolden)
	}
	if NewSignature(nil) != nil {
		t.Error("signature of no shingles is not nil")
	}
}

const signatureGolden = "2f722ae5 88273ca3"

func TestSimilarity(t *testing.T) {
	a := NewSignature(shingles(0, 400))
	tests := []struct {
		name    string
		b       schema.Signature
		lo, hi  float64
		jaccard float64
	}{
		{"same", NewSignature(shingles(0, 400)), 1, 1, 1},
		{"disjoint", NewSignature(shingles(1000, 400)), 0, 0.05, 0},
		{"three quarters shared", NewSignature(shingles(100, 400)), 0.6 - 0.15, 0.6 + 0.15, 0.6},
		{"nil", nil, 0, 0, 0},
	}
	for _, tt := range tests {
		if got := Similarity(a, tt.b); got < tt.lo || got > tt.hi {
			t.Errorf("%s: Similarity = %.3f, want %.2f (%.2f–%.2f)", tt.name, got, tt.jaccard, tt.lo, tt.hi)
		}
	}
}

func TestSignatureString(t *testing.T) {
	sig := NewSignature(shingles(0, 50))
	text := sig.String()
	if !strings.HasPrefix(text, "mh1:") || len(text) != 4+683 {
		t.Errorf("String() = %.20q… (%d characters), want mh1: and 683 base64 characters", text, len(text))
	}
	back, err := schema.ParseSignature(text)
	if err != nil || Similarity(sig, back) != 1 {
		t.Fatalf("schema.ParseSignature(String()) = %v, %v", back[:2], err)
	}
	for _, bad := range []string{"", "mh1:", "mh2:" + text[4:], text[:100], text + "AAAA", "mh1:!!!!"} {
		if _, err := schema.ParseSignature(bad); !errors.Is(err, schema.ErrSignature) {
			t.Errorf("schema.ParseSignature(%.20q) error = %v, want schema.ErrSignature", bad, err)
		}
	}
	if schema.Signature(nil).String() != "" {
		t.Error("nil signature does not encode as \"\"")
	}
}

func TestBands(t *testing.T) {
	a := NewSignature(shingles(0, 300))
	keys := Bands(a)
	if len(keys) != schema.SignatureBands {
		t.Fatalf("%d bands, want %d", len(keys), schema.SignatureBands)
	}
	for i, k := range keys {
		if want := fmt.Sprintf("b%02d:", i); !strings.HasPrefix(k, want) || len(k) != 4+16 {
			t.Errorf("band %d key %q, want prefix %q and 16 hex digits", i, k, want)
		}
	}
	b := append(schema.Signature(nil), a...)
	b[0]++ // band 0 differs, the others are equal
	kb := Bands(b)
	if kb[0] == keys[0] || kb[1] != keys[1] {
		t.Errorf("band keys do not follow the band values")
	}
	if Bands(schema.Signature(nil)) != nil {
		t.Error("nil signature has bands")
	}
}

func TestDatesClose(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"2023-09-14", "2023-09-14", true},
		{"2023-09-14", "2023-09-15", true},
		{"2023-09-14", "2023-09-16", false},
		{"1987-03-02", "1987-03-20", false},
		{"", "1987-03-20", true},
		{"1987", "1987-03-20", true},
		{"2023-09-14T10:00:00Z", "2023-09-13", true},
	}
	for _, tt := range tests {
		if got := DatesClose(tt.a, tt.b); got != tt.want {
			t.Errorf("DatesClose(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSignatureIndex(t *testing.T) {
	var idx Index
	base := NewSignature(shingles(0, 200))
	idx.Add("a", "1987-03-02", base)
	idx.Add("b", "1987-03-02", NewSignature(shingles(5, 200)))    // near-duplicate
	idx.Add("c", "1987-03-30", NewSignature(shingles(5, 200)))    // same text, a month later
	idx.Add("d", "1987-03-02", NewSignature(shingles(5000, 200))) // another story
	idx.Add("e", "", nil)                                         // no signature: not added
	got := idx.Duplicates("a", "1987-03-02", base)
	if strings.Join(got, ",") != "b" {
		t.Errorf("Duplicates = %v, want [b]", got)
	}
	for _, m := range idx.Candidates("a", base) {
		if m.ID == "a" || m.ID == "d" {
			t.Errorf("Candidates holds %s", m.ID)
		}
	}
}

func ExampleSimilarity() {
	story := NewSignature([]uint64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
	copyEdited := NewSignature([]uint64{1, 2, 3, 4, 5, 6, 7, 8, 9, 11})
	other := NewSignature([]uint64{21, 22, 23, 24, 25, 26, 27, 28, 29, 30})
	fmt.Println(IsDuplicate(story, copyEdited, "2023-09-14", ""), IsDuplicate(story, other, "", ""))
	// Output: true false
}
