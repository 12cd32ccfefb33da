package article

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"kg/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// wordTokens returns the lower-case words of s: runs of letters and digits.
func wordTokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// agreement is the share of word tokens two texts have in common: the size
// of their multiset intersection over the size of the larger one.
func agreement(a, b []string) float64 {
	count := map[string]int{}
	for _, w := range a {
		count[w]++
	}
	common := 0
	for _, w := range b {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	return float64(common) / float64(max(len(a), len(b)))
}

// TestSeedBodiesAgree holds that cleaning the scraped page leaves the same
// article body as the clean wire copy: at least 95% of the word tokens
// agree (the rest is spelling, US against UK, and the scraped copy's
// subheading).
func TestSeedBodiesAgree(t *testing.T) {
	scraped := readSeed(t, "000_f8b20b585b8eaca7.txt")
	clean := readSeed(t, "001_3ebc4e8f6ec20546.txt")
	a, b := wordTokens(scraped.Body()), wordTokens(clean.Body())
	got := agreement(a, b)
	t.Logf("body word tokens: scraped %d, clean %d, agreement %.3f", len(a), len(b), got)
	if got < 0.95 {
		t.Errorf("scraped and clean bodies agree on %.3f of their word tokens, want ≥ 0.95", got)
	}
}

func TestAgreement(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"the cat sat", "The cat, sat.", 1},
		{"a b c d", "a b c e", 0.75},
		{"a a b", "a b", 2.0 / 3},
		{"x", "y", 0},
	}
	for _, tt := range tests {
		if got := agreement(wordTokens(tt.a), wordTokens(tt.b)); got != tt.want {
			t.Errorf("agreement(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// blockSummary describes a cleaned document block by block. For the
// project's own articles it holds the text itself; for the third-party
// sample articles only the kind, the word count, the first three words and
// a hash of the text, so the repository holds no copy of them.
func blockSummary(d *Document, withText bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\nauthor: %s\ndate: %s\ndateline: %s\npublisher: %s\neditors: %s\nid: %s\n",
		d.Meta.Title, d.Meta.Author, d.Meta.Date, d.Meta.Dateline, d.Meta.Publisher, strings.Join(d.Meta.Editors, "; "), d.Meta.ID)
	for _, bl := range d.Blocks {
		text := d.BlockText(bl)
		if withText {
			fmt.Fprintf(&b, "\n[%s]\n%s\n", bl.Kind, text)
			continue
		}
		words := strings.Fields(text)
		sum := sha256.Sum256([]byte(text))
		fmt.Fprintf(&b, "[%s] %d words, %q…, sha256 %s\n", bl.Kind, len(words), strings.Join(words[:min(3, len(words))], " "), hex.EncodeToString(sum[:6]))
	}
	return b.String()
}

// TestCleanGolden compares the cleaned form of the project's articles and
// the sample articles with testdata/golden/clean/*.txt; -update rewrites them.
func TestCleanGolden(t *testing.T) {
	type input struct {
		name, path string
		withText   bool
	}
	var inputs []input
	for _, p := range testkit.Articles(t) {
		inputs = append(inputs, input{strings.TrimSuffix(filepath.Base(p), ".txt"), p, true})
	}
	seeds := filepath.Join(testkit.SharedRoot(), "seeds")
	if testkit.HasShared("seeds") {
		inputs = append(inputs,
			input{"seed-scraped", filepath.Join(seeds, "000_f8b20b585b8eaca7.txt"), false},
			input{"seed-clean", filepath.Join(seeds, "001_3ebc4e8f6ec20546.txt"), false})
	} else {
		t.Logf("no sample articles in %s: only the project's articles are compared", seeds)
	}
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			raw, err := os.ReadFile(in.path)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Clean(filepath.Base(in.path), string(raw))
			if err != nil {
				t.Fatal(err)
			}
			got := []byte(blockSummary(d, in.withText))
			golden := filepath.Join("testdata", "golden", "clean", in.name+".txt")
			testkit.Golden(t, golden, got, *update, "go test ./article -run TestCleanGolden -update")
		})
	}
}
