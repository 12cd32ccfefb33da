package dedup_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kg/article"
	"kg/dedup"
	"kg/internal/testkit"
	"kg/schema"
)

// The fingerprints of real articles, read and cleaned as kg reads them.

func cleanSignature(t *testing.T, name, raw string) schema.Signature {
	t.Helper()
	doc, err := article.Clean(name, raw)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Meta.Signature == nil {
		t.Fatalf("%s: Clean set no signature", name)
	}
	return doc.Meta.Signature
}

func TestFingerprintEditedCopy(t *testing.T) {
	story := cleanSignature(t, "story.txt", dedup.DupStory)
	edited := cleanSignature(t, "edited.txt", dedup.DupEdited)
	other := cleanSignature(t, "other.txt", dedup.DupOther)
	if sim := dedup.Similarity(story, edited); sim < dedup.DuplicateThreshold+0.2 {
		t.Errorf("story and its edited copy: similarity %.2f, want ≥ %.2f", sim, dedup.DuplicateThreshold+0.2)
	}
	if sim := dedup.Similarity(story, other); sim >= dedup.DuplicateThreshold/2 {
		t.Errorf("two stories on one topic: similarity %.2f, want < %.2f", sim, dedup.DuplicateThreshold/2)
	}
}

// readSeed reads and cleans one of the sample articles in ../shared/seeds.
func readSeed(t *testing.T, name string) *article.Document {
	t.Helper()
	data, err := os.ReadFile(testkit.Shared(t, "seeds/"+name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := article.Clean(name, string(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestSeedsNearDuplicates(t *testing.T) {
	scraped := readSeed(t, "000_f8b20b585b8eaca7.txt")
	clean := readSeed(t, "001_3ebc4e8f6ec20546.txt")
	if scraped.Meta.ID == clean.Meta.ID {
		t.Fatal("the two seeds have one id; they are not the same bytes")
	}
	// Measured: 0.977 (k=5).
	sim := dedup.Similarity(scraped.Meta.Signature, clean.Meta.Signature)
	t.Logf("seed similarity %.3f (threshold %.2f)", sim, dedup.DuplicateThreshold)
	if sim < dedup.DuplicateThreshold+0.2 {
		t.Errorf("seed similarity %.2f, want ≥ %.2f (threshold with a margin)", sim, dedup.DuplicateThreshold+0.2)
	}
	// Measured: numbers 1 of 1 (a "2"), names 32 of 32 (both sketches
	// full: 46 and 47 names, one "factor" in a caption more).
	for _, kind := range []struct {
		name string
		of   func(schema.Signature) []uint32
	}{{"numbers", numbersOf}, {"names", namesOf}} {
		shared, fewer := dedup.KeyOverlap(kind.of(scraped.Meta.Signature), kind.of(clean.Meta.Signature))
		t.Logf("seed %s: %d of %d shared", kind.name, shared, fewer)
		if fewer == 0 || float64(shared) < 0.8*float64(fewer) {
			t.Errorf("seed %s: %d of %d shared, want 80%% or more", kind.name, shared, fewer)
		}
	}
	if !dedup.IsDuplicate(scraped.Meta.Signature, clean.Meta.Signature, scraped.Meta.Date, clean.Meta.Date) {
		t.Error("the seeds are not near-duplicates")
	}
}

func namesOf(s schema.Signature) []uint32   { n, _ := s.Keys(); return n }
func numbersOf(s schema.Signature) []uint32 { _, n := s.Keys(); return n }

// keyShare formats the agreement of one kind of key tokens of two
// documents: shared/fewer, or "-" when either has none.
func keyShare(da, db *article.Document, kind func(schema.Signature) []uint32) string {
	a, b := kind(da.Meta.Signature), kind(db.Meta.Signature)
	if len(a) == 0 || len(b) == 0 {
		return "  -  "
	}
	shared, fewer := dedup.KeyOverlap(a, b)
	return fmt.Sprintf("%2d/%-2d", shared, fewer)
}

// corpusPairs are pairs of corpus articles on one topic that are NOT one
// story twice, with their measured similarity (k=5): the closest calls that
// scripts/neardups lists.
var corpusPairs = []struct {
	a, b string // BBC file or Reuters-21578 newid
	sim  float64
	why  string
}{
	{"politics/069.txt", "politics/312.txt", 0.57, "pension strike talks announced, then their outcome"},
	{"politics/327.txt", "politics/328.txt", 0.45, "Goldsmith's war advice: the denial, then the interview"},
	{"business/138.txt", "business/152.txt", 0.33, "oil above $50, two days' reports"},
	{"entertainment/152.txt", "entertainment/163.txt", 0.31, "two auctions of rock memorabilia"},
	{"reuters/13694", "reuters/15831", 0.54, "Magma's copper price, two changes a week apart (dates differ too)"},
	{"reuters/13909", "reuters/15579", 0.48, "Freddie Mac discount rates, two weeks"},
	{"reuters/522", "reuters/6046", 0.70, "the Fed's repurchases, one template, 15 days apart: kept apart by the dates"},
}

func TestCorpusNotDuplicates(t *testing.T) {
	var names []string
	for _, p := range corpusPairs {
		names = append(names, p.a, p.b)
	}
	docs := readCorpusNamed(t, names)
	for _, p := range corpusPairs {
		a, b := docs[p.a], docs[p.b]
		if a == nil || b == nil {
			t.Errorf("%s or %s not read", p.a, p.b)
			continue
		}
		sim := dedup.Similarity(a.Meta.Signature, b.Meta.Signature)
		if dedup.IsDuplicate(a.Meta.Signature, b.Meta.Signature, a.Meta.Date, b.Meta.Date) {
			t.Errorf("%s ~ %s (%s): near-duplicates at %.3f", p.a, p.b, p.why, sim)
		}
		if sim < p.sim-0.1 || sim > p.sim+0.1 {
			t.Errorf("%s ~ %s: similarity %.3f, measured %.2f", p.a, p.b, sim, p.sim)
		}
	}
}

// corpusKeyPairs are pairs of corpus articles as similar as near-duplicates
// and published a day apart at most, which their key tokens (numbers and
// names: dedup.KeysAgree) tell apart (dup false), or not (dup true), with
// the measured similarity.
var corpusKeyPairs = []struct {
	a, b string // BBC file or Reuters-21578 newid
	sim  float64
	dup  bool
	why  string
}{
	{"reuters/10864", "reuters/11425", 0.82, false, "the Fed's repurchases on two days: two billion and 1.5 billion dlrs"},
	{"reuters/7207", "reuters/7769", 0.77, false, "the Fed's repurchases on two days: Fed funds at six and at 6-1/16 pct"},
	{"reuters/522", "reuters/1125", 0.71, false, "the Fed's repurchases on two days: Fed funds at 6-3/16 and at 6-1/4 pct"},
	{"reuters/6302", "reuters/6828", 0.62, false, "Chevron's and Texaco's jet fuel contracts, 50.3 and 84.1 mln dlrs"},
	{"bbc/business/209.txt", "bbc/business/229.txt", 0.72, true, "one offer for Man Utd, at noon and at the close: one share price differs"},
	{"reuters/9330", "reuters/9390", 0.96, true, "a story and its correction: one figure differs"},
	{"reuters/13800", "reuters/13830", 0.80, true, "Wall Street early trading, sent again ten minutes later, copy-edited"},
	{"reuters/13692", "reuters/13725", 0.65, true, "two editions of the world news digest, a quarter of an hour apart"},
}

func TestCorpusKeyPairs(t *testing.T) {
	var names []string
	for _, p := range corpusKeyPairs {
		names = append(names, p.a, p.b)
	}
	docs := readCorpusNamed(t, names)
	for _, p := range corpusKeyPairs {
		a, b := docs[p.a], docs[p.b]
		if a == nil || b == nil {
			t.Errorf("%s or %s not read", p.a, p.b)
			continue
		}
		sa, sb := a.Meta.Signature, b.Meta.Signature
		sim := dedup.Similarity(sa, sb)
		if sim < dedup.DuplicateThreshold || sim < p.sim-0.05 || sim > p.sim+0.05 {
			t.Errorf("%s ~ %s: similarity %.3f, measured %.2f", p.a, p.b, sim, p.sim)
		}
		if !dedup.DatesClose(a.Meta.Date, b.Meta.Date) {
			t.Errorf("%s ~ %s: dates %s and %s not close", p.a, p.b, a.Meta.Date, b.Meta.Date)
		}
		if got := dedup.IsDuplicate(sa, sb, a.Meta.Date, b.Meta.Date); got != p.dup {
			t.Errorf("%s ~ %s (%s): near-duplicates %v, want %v (numbers %s, names %s)", p.a, p.b, p.why, got, p.dup,
				keyShare(a, b, numbersOf),
				keyShare(a, b, namesOf))
		}
	}
}

// readCorpusNamed reads the corpus articles named "reuters/NEWID" or by
// their BBC file ("business/209.txt", "bbc/business/209.txt"), skipping
// the test when the corpora are absent.
func readCorpusNamed(t *testing.T, names []string) map[string]*article.Document {
	bbc := testkit.Shared(t, "corpus/bbc")
	reuters := testkit.Shared(t, "corpus/reuters21578.jsonl.gz")
	var files []string
	ids := make(map[string]bool)
	for _, name := range names {
		if id, ok := strings.CutPrefix(name, "reuters/"); ok {
			ids[id] = true
		} else {
			files = append(files, filepath.Join(bbc, strings.TrimPrefix(name, "bbc/")))
		}
	}
	files = append(files, reutersSubset(t, reuters, ids))
	r := article.NewReader(files, nil, article.ReadOptions{})
	defer r.Close()
	docs := make(map[string]*article.Document)
	for {
		d, err := r.Next(context.Background())
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.ToSlash(d.Meta.Source)
		if _, id, ok := strings.Cut(name, ".jsonl#"); ok {
			docs["reuters/"+id] = d
		} else {
			name = strings.TrimPrefix(name, filepath.ToSlash(bbc)+"/")
			docs[name], docs["bbc/"+name] = d, d
		}
	}
	return docs
}

// reutersSubset writes the Reuters-21578 records with the given newids to
// a JSON Lines file and returns its path.
func reutersSubset(t *testing.T, path string, ids map[string]bool) string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var rec struct {
			NewID json.Number `json:"newid"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		if ids[rec.NewID.String()] {
			out.Write(sc.Bytes())
			out.WriteByte('\n')
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(t.TempDir(), "reuters.jsonl")
	if err := os.WriteFile(sub, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return sub
}
