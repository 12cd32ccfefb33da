package dedup

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"kg/schema"
)

// tokens returns n distinct key tokens prefix0, prefix1, ….
func tokens(prefix string, from, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprint(prefix, from+i)
	}
	return out
}

func TestWithKeys(t *testing.T) {
	sig := NewSignature(shingles(0, 50))
	keyed := WithKeys(sig, []string{"fed", "reserve", "fed"}, []string{"1500000000", "6-3/16"})
	if len(keyed) != schema.SignatureSize+4 || len(sig) != schema.SignatureSize {
		t.Fatalf("WithKeys: %d values (the signature %d), want %d (%d)", len(keyed), len(sig), schema.SignatureSize+4, schema.SignatureSize)
	}
	names, numbers := keyed.Keys()
	if len(names) != 2 || len(numbers) != 2 || names[1] >= schema.KeyNumberBit || numbers[0] < schema.KeyNumberBit {
		t.Errorf("Keys() = %x, %x; want 2 names and 2 numbers", names, numbers)
	}
	if Similarity(sig, keyed) != 1 || strings.Join(Bands(keyed), "") != strings.Join(Bands(sig), "") {
		t.Error("key tokens change the similarity or the bands")
	}
	// Pinned: the key hashes are part of the stored format ("mh2:").
	if got := fmt.Sprintf("%08x %08x", names[0], numbers[0]); got != keyGolden {
		t.Errorf("key hashes %s, want %s (the key hash changed?)", got, keyGolden)
	}
	if again := WithKeys(keyed, nil, []string{"2"}); len(again) != schema.SignatureSize+1 {
		t.Errorf("WithKeys on a keyed signature: %d values, want %d", len(again), schema.SignatureSize+1)
	}
	big := WithKeys(sig, tokens("n", 0, 100), tokens("", 0, 100))
	if names, numbers := big.Keys(); len(names) != schema.KeySketchSize || len(numbers) != schema.KeySketchSize {
		t.Errorf("sketch of 100 names and numbers: %d and %d, want %d each", len(names), len(numbers), schema.KeySketchSize)
	}
	if WithKeys(schema.Signature(nil), []string{"fed"}, nil) != nil {
		t.Error("nil signature got keys")
	}
}

const keyGolden = "2e7271f9 b91503a1"

func TestKeyOverlap(t *testing.T) {
	sig := NewSignature(shingles(0, 50))
	numbers := func(from, n int) []uint32 { _, k := WithKeys(sig, nil, tokens("", from, n)).Keys(); return k }
	tests := []struct {
		name         string
		a, b         []uint32
		lo, hi       int // shared
		fewer        int
		exactSharing bool
	}{
		{"same", numbers(0, 5), numbers(0, 5), 5, 5, 5, true},
		{"one differs", numbers(0, 2), numbers(1, 2), 1, 1, 2, true},
		{"subset", numbers(0, 3), numbers(0, 10), 3, 3, 3, true},
		{"disjoint", numbers(0, 4), numbers(10, 4), 0, 0, 4, true},
		{"none", nil, numbers(0, 4), 0, 0, 0, true},
		// 200 numbers, 150 shared: compared on the hash range both
		// sketches of 32 cover, three quarters of it shared.
		{"sampled", numbers(0, 200), numbers(50, 200), 14, 32, 0, false},
	}
	for _, tt := range tests {
		shared, fewer := KeyOverlap(tt.a, tt.b)
		if shared < tt.lo || shared > tt.hi || tt.exactSharing && fewer != tt.fewer {
			t.Errorf("%s: KeyOverlap = %d, %d; want %d–%d shared of %d", tt.name, shared, fewer, tt.lo, tt.hi, tt.fewer)
		}
		if !tt.exactSharing && (fewer < 16 || float64(shared)/float64(fewer) < 0.5) {
			t.Errorf("%s: KeyOverlap = %d of %d, want about 0.6 (of 16 or more)", tt.name, shared, fewer)
		}
	}
}

func TestKeysAgree(t *testing.T) {
	base := NewSignature(shingles(0, 200))
	with := func(names, numbers []string) schema.Signature { return WithKeys(base, names, numbers) }
	fed := tokens("name", 0, 4)
	tests := []struct {
		name string
		a, b schema.Signature
		want bool
	}{
		{"same figures", with(fed, []string{"1500000000", "6-3/16"}), with(fed, []string{"1500000000", "6-3/16"}), true},
		{"another day's figures", with(fed, []string{"1500000000", "6-3/16"}), with(fed, []string{"1500000000", "6-1/4"}), false},
		{"an edition adds figures", with(fed, []string{"1500000000", "6-3/16"}), with(fed, []string{"1500000000", "6-3/16", "7", "8"}), true},
		{"one figure of three corrected", with(fed, []string{"14", "1986", "258125"}), with(fed, []string{"1.4", "1986", "258125"}), true},
		{"too few figures to tell", with(fed, []string{"1500000000"}), with(fed, []string{"2000000000"}), true},
		{"another company", with(tokens("a", 0, 8), nil), with(tokens("a", 5, 8), nil), false},
		{"the names of an edition", with(tokens("a", 0, 8), nil), with(tokens("a", 3, 8), nil), true},
		{"too few names to tell", with(tokens("a", 0, 4), nil), with(tokens("b", 0, 4), nil), true},
		{"no key tokens (mh1)", base, with(fed, []string{"1", "2"}), true},
	}
	for _, tt := range tests {
		if got := KeysAgree(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: KeysAgree = %v, want %v", tt.name, got, tt.want)
		}
		if got := IsDuplicate(tt.a, tt.b, "1987-03-02", "1987-03-03"); got != tt.want {
			t.Errorf("%s: IsDuplicate = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSignatureStringKeys(t *testing.T) {
	plain := NewSignature(shingles(0, 50))
	sig := WithKeys(plain, []string{"fed", "reserve"}, []string{"1500000000"})
	text := sig.String()
	if !strings.HasPrefix(text, "mh2:") || len(text) != 4+(4*(schema.SignatureSize+3)*8+5)/6 {
		t.Errorf("String() = %.20q… (%d characters), want mh2: and the base64 of %d values", text, len(text), schema.SignatureSize+3)
	}
	back, err := schema.ParseSignature(text)
	if err != nil || fmt.Sprint(back) != fmt.Sprint(sig) {
		t.Fatalf("schema.ParseSignature(String()) = %v…, %v; want the signature back", back[schema.SignatureSize:], err)
	}
	// A signature stored before key tokens still reads, with none.
	old, err := schema.ParseSignature(plain.String())
	if names, numbers := old.Keys(); err != nil || names != nil || numbers != nil || !strings.HasPrefix(plain.String(), "mh1:") {
		t.Errorf("schema.ParseSignature(mh1) = %v, %v, %v", err, names, numbers)
	}
	unsorted := append(append(schema.Signature(nil), plain...), 7, 5)
	tooMany := WithKeys(plain, nil, tokens("", 0, 40))
	tooMany = append(tooMany, tooMany[len(tooMany)-1]+1)
	for _, bad := range []string{
		"mh1:" + text[4:], // keys under the old prefix
		"mh2:" + plain.String()[4:],
		"mh2:" + text[4:len(text)-2],
		strings.Replace(unsorted.String(), "mh1:", "mh2:", 1),
		tooMany.String(),
	} {
		if _, err := schema.ParseSignature(bad); !errors.Is(err, schema.ErrSignature) {
			t.Errorf("schema.ParseSignature(%.20q…) error = %v, want schema.ErrSignature", bad, err)
		}
	}
}

func TestSignatureIndexKeys(t *testing.T) {
	var idx Index
	base := NewSignature(shingles(0, 200))
	idx.Add("monday", "1987-03-02", WithKeys(base, nil, []string{"1500000000", "6-3/16"}))
	idx.Add("tuesday", "1987-03-03", WithKeys(NewSignature(shingles(5, 200)), nil, []string{"1500000000", "6-1/4"}))
	idx.Add("resent", "1987-03-02", WithKeys(NewSignature(shingles(3, 200)), nil, []string{"1500000000", "6-3/16"}))
	got := idx.Duplicates("monday", "1987-03-02", WithKeys(base, nil, []string{"1500000000", "6-3/16"}))
	if strings.Join(got, ",") != "resent" {
		t.Errorf("Duplicates = %v, want [resent]", got)
	}
	if n := len(idx.Candidates("monday", base)); n != 2 {
		t.Errorf("%d candidates, want 2 (key tokens do not decide candidates)", n)
	}
}
