package extract

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kg/schema"
)

func TestFingerprintWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"U.S.-led sanctions", "us led sanctions"},
		{"Don’t say “never”—again", "dont say never again"},
		{"1,000 people, 3.5 pct.", "1000 people 35 pct"},
		{"North Korea's leader", "north koreas leader"},
		{"their defence ministers", "their defense ministers"},
		{"signalling and signaling", "signaling and signaling"},
		{"neighbouring Poland", "neighboring poland"},
		{"paralysed, penalise, organisation, analysing", "paralyzed penalize organization analyzing"},
		{"licence, offences, travelled, cancelled, traveller", "license offenses traveled canceled traveler"},
		{"the centre of the theatres, a programme, the catalogue", "the center of the theaters a program the catalog"},
		{"colour, favourite, honourable, labour, four hours, your tour", "color favorite honorable labor four hours your tour"},
		{"whilst grey tyres, aluminium", "while gray tires aluminum"},
		{"Café São Paulo Zürich", "cafe sao paulo zurich"},
		{"ﬁnance Encyclopædia straße", "finance encyclopaedia strasse"},
		{"ＦＵＬＬ width", "full width"},
		{"", ""},
		{"... --- |", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(fingerprintWords(tt.in), " "); got != tt.want {
			t.Errorf("fingerprintWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLatinFold(t *testing.T) {
	if len(latinFold) != 0x100-0xc0 {
		t.Fatalf("latinFold has %d entries, want %d", len(latinFold), 0x100-0xc0)
	}
}

func TestFingerprintEmpty(t *testing.T) {
	if sig := Fingerprint(" ... "); sig != nil {
		t.Errorf("Fingerprint of no words = %v, want nil", sig)
	}
	words := strings.Repeat("word ", fingerprintMinWords-1)
	if sig := Fingerprint(words); sig != nil {
		t.Errorf("Fingerprint of %d words = %v, want nil (too short to tell)", fingerprintMinWords-1, sig[:2])
	}
	if sig := Fingerprint(words + "more"); len(sig) != schema.SignatureSize {
		t.Errorf("Fingerprint of %d words has %d values, want %d", fingerprintMinWords, len(sig), schema.SignatureSize)
	}
}

// A story written for this test, a lightly edited copy of it (another
// spelling, hard-wrapped, with page furniture and a caption), and a
// different story on the same topic.
const (
	dupStory = `Harbour council approves flood defence plan

By Mara Quinn

PORTVALE (Reuters) - The Portvale harbour council on Tuesday approved a 40 million pound flood defence plan after two winters in which the sea wall failed, the council's chairman said.

The plan, which must still be authorised by the regional government, would raise the wall by a metre along the centre of the town and build pumping stations in three low-lying neighbourhoods.

"We have been signalling for years that the old wall would not hold," chairman Tomas Reyes told reporters. "Now we finally have a programme that matches the risk."

Residents who were travelling during the last storm returned to find their ground floors flooded, and insurers have since cancelled dozens of policies in the harbour district.

Work is due to begin in the spring and to take three years, the council said. Critics say the licence given to the builder was rushed and that the costs have not been analysed independently.

(Reporting by Mara Quinn; Editing by Paul Hart)`

	dupEdited = `Harbor council approves flood defense plan
Send a link to a friend
By Mara Quinn
PORTVALE (Reuters) - The Portvale harbor council on Tuesday approved a
40 million pound flood defense plan after two winters in which the sea
wall failed, the council’s chairman said.
The plan, which must still be authorized by the regional government,
would raise the wall by a meter along the center of the town and build
pumping stations in three low-lying neighborhoods.
[to top of second column]
|
“We have been signaling for years that the old wall would not hold,”
chairman Tomas Reyes told reporters. “Now we finally have a program
that matches the risk.”
Residents who were traveling during the last storm returned to find
their ground floors flooded, and insurers have since canceled dozens of
policies in the harbor district.
Work is due to begin in the spring and to take three years, the council
said. Critics say the license given to the builder was rushed and that
the costs have not been analyzed independently.
(Reporting by Mara Quinn; Editing by Paul Hart)
[© 2024 Thomson Reuters. All rights reserved.]`

	dupOther = `Portvale residents sue council over flood damage

By Lena Ortiz

PORTVALE (Reuters) - Forty residents of Portvale's harbour district sued the town council on Friday, saying it ignored years of warnings that the sea wall would fail and left their homes exposed to the winter floods.

The lawsuit, filed in the regional court, seeks damages for ground floors flooded in the last storm and for insurance policies that were cancelled afterwards.

"The council knew the wall would not hold and did nothing," said Ana Blum, a lawyer for the residents. The council's chairman, Tomas Reyes, declined to comment on the case but said a flood defence plan approved this week would protect the district.

The court is expected to hear the case next year.

(Reporting by Lena Ortiz; Editing by Paul Hart)`
)

func cleanSignature(t *testing.T, name, raw string) schema.Signature {
	t.Helper()
	doc, err := Clean(name, raw)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Meta.Signature == nil {
		t.Fatalf("%s: Clean set no signature", name)
	}
	return doc.Meta.Signature
}

func TestFingerprintEditedCopy(t *testing.T) {
	story := cleanSignature(t, "story.txt", dupStory)
	edited := cleanSignature(t, "edited.txt", dupEdited)
	other := cleanSignature(t, "other.txt", dupOther)
	if sim := schema.Similarity(story, edited); sim < schema.DuplicateThreshold+0.2 {
		t.Errorf("story and its edited copy: similarity %.2f, want ≥ %.2f", sim, schema.DuplicateThreshold+0.2)
	}
	if sim := schema.Similarity(story, other); sim >= schema.DuplicateThreshold/2 {
		t.Errorf("two stories on one topic: similarity %.2f, want < %.2f", sim, schema.DuplicateThreshold/2)
	}
}

func TestSeedsNearDuplicates(t *testing.T) {
	scraped := readSeed(t, "000_f8b20b585b8eaca7.txt")
	clean := readSeed(t, "001_3ebc4e8f6ec20546.txt")
	if scraped.Meta.ID == clean.Meta.ID {
		t.Fatal("the two seeds have one id; they are not the same bytes")
	}
	// Measured: 0.977 (k=5).
	sim := schema.Similarity(scraped.Meta.Signature, clean.Meta.Signature)
	t.Logf("seed similarity %.3f (threshold %.2f)", sim, schema.DuplicateThreshold)
	if sim < schema.DuplicateThreshold+0.2 {
		t.Errorf("seed similarity %.2f, want ≥ %.2f (threshold with a margin)", sim, schema.DuplicateThreshold+0.2)
	}
	// Measured: numbers 1 of 1 (a "2"), names 32 of 32 (both sketches
	// full: 46 and 47 names, one "factor" in a caption more).
	for _, kind := range []struct {
		name string
		of   func(schema.Signature) []uint32
	}{{"numbers", numbersOf}, {"names", namesOf}} {
		shared, fewer := schema.KeyOverlap(kind.of(scraped.Meta.Signature), kind.of(clean.Meta.Signature))
		t.Logf("seed %s: %d of %d shared", kind.name, shared, fewer)
		if fewer == 0 || float64(shared) < 0.8*float64(fewer) {
			t.Errorf("seed %s: %d of %d shared, want 80%% or more", kind.name, shared, fewer)
		}
	}
	if !schema.IsDuplicate(scraped.Meta.Signature, clean.Meta.Signature, scraped.Meta.Date, clean.Meta.Date) {
		t.Error("the seeds are not near-duplicates")
	}
}

// dupCorpusDir holds the third-party corpora (not in the repository).
var dupCorpusDir = filepath.Join("..", "..", "shared", "corpus")

// corpusDoc is one cleaned corpus article.
type corpusDoc struct {
	name, title string
	doc         *Document
}

// corpusDocs reads every article under rel (a file or directory in
// dupCorpusDir) with the readers kg uses, skipping the test when the corpus
// is absent.
func corpusDocs(t testing.TB, rel string) []corpusDoc {
	path := filepath.Join(dupCorpusDir, rel)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s not found in %s (the corpora live beside the repository, in ../shared/corpus)", rel, dupCorpusDir)
	}
	r := NewReader([]string{path}, nil, ReadOptions{})
	defer r.Close()
	var docs []corpusDoc
	for {
		d, err := r.Next(context.Background())
		if errors.Is(err, io.EOF) {
			return docs
		}
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(filepath.ToSlash(d.Meta.Source), filepath.ToSlash(dupCorpusDir)+"/")
		docs = append(docs, corpusDoc{name, d.Meta.Title, d})
	}
}

func bbcDocs(t testing.TB) []corpusDoc     { return corpusDocs(t, "bbc") }
func reutersDocs(t testing.TB) []corpusDoc { return corpusDocs(t, "reuters21578.jsonl.gz") }

// corpusPair is two corpus articles and the similarity of their signatures.
type corpusPair struct {
	a, b  corpusDoc
	sim   float64
	close bool // dates close (schema.DatesClose)
	keys  bool // key tokens agree (schema.KeysAgree)
}

// bandPairs returns every pair of documents with different ids that share
// an LSH band, the most similar first.
func bandPairs(docs []corpusDoc) []corpusPair {
	var (
		idx   schema.SignatureIndex
		byID  = make(map[string]corpusDoc)
		pairs []corpusPair
	)
	for _, d := range docs {
		id := d.doc.Meta.ID
		if _, dup := byID[id]; dup {
			continue // byte-identical (after normalization): one document
		}
		for _, m := range idx.Candidates(id, d.doc.Meta.Signature) {
			o := byID[m.ID]
			pairs = append(pairs, corpusPair{o, d, m.Similarity, schema.DatesClose(d.doc.Meta.Date, m.Date),
				schema.KeysAgree(o.doc.Meta.Signature, d.doc.Meta.Signature)})
		}
		byID[id] = d
		idx.Add(id, d.doc.Meta.Date, d.doc.Meta.Signature)
	}
	slices.SortFunc(pairs, func(x, y corpusPair) int {
		if x.sim != y.sim {
			if x.sim > y.sim {
				return -1
			}
			return 1
		}
		return strings.Compare(x.a.name+x.b.name, y.a.name+y.b.name)
	})
	return pairs
}

// TestListNearDuplicates lists the near-duplicate pairs of the BBC and
// Reuters corpora and the closest pairs below the threshold, with their
// similarity, the agreement of their numbers and names (shared/fewer, "-"
// when too few to count: schema.KeysAgree) and titles; "DUP " marks a
// near-duplicate, "date" and "keys" a pair similar enough that its dates
// or key tokens keep apart:
//
//	KG_NEAR_DUPS=1 go test ./extract -run TestListNearDuplicates -v
//
// KG_SHINGLE=k measures with k-word shingles instead of ShingleSize.
func TestListNearDuplicates(t *testing.T) {
	if os.Getenv("KG_NEAR_DUPS") == "" {
		t.Skip("set KG_NEAR_DUPS=1 to list the near-duplicates of ../shared/corpus")
	}
	k := ShingleSize
	if s := os.Getenv("KG_SHINGLE"); s != "" {
		k, _ = strconv.Atoi(s)
	}
	for _, set := range []struct {
		name string
		read func(testing.TB) []corpusDoc
	}{{"BBC", bbcDocs}, {"Reuters-21578", reutersDocs}} {
		docs := set.read(t)
		if k != ShingleSize {
			for _, d := range docs {
				d.doc.Meta.Signature = fingerprint(d.doc.Body(), k)
			}
		}
		pairs := bandPairs(docs)
		var hist [11]int
		for _, p := range pairs {
			hist[int(p.sim*10)]++
		}
		t.Logf("%s, k=%d: %d documents, %d pairs sharing a band; by similarity 0.0–0.1 … 1.0: %v",
			set.name, k, len(docs), len(pairs), hist)
		below, count := 0, map[string]int{}
		for _, p := range pairs {
			mark := "DUP "
			switch {
			case p.sim < schema.DuplicateThreshold:
				mark = "    "
			case !p.close:
				mark = "date"
			case !p.keys:
				mark = "keys"
			}
			count[mark]++
			if mark == "    " {
				if below++; below > 15 {
					continue
				}
			}
			t.Logf("%s%.3f %s %s  %s %q  ~  %s %q", mark, p.sim, keyShare(p, numbersOf), keyShare(p, namesOf),
				p.a.name, p.a.title, p.b.name, p.b.title)
		}
		t.Logf("%s: %d near-duplicate pairs; kept apart by their dates %d, by their key tokens %d",
			set.name, count["DUP "], count["date"], count["keys"])
		// A random sample of pairs that share no band: their greatest similarity.
		rng := rand.New(rand.NewPCG(1, 2))
		var most float64
		for range 20000 {
			a, b := docs[rng.IntN(len(docs))], docs[rng.IntN(len(docs))]
			if a.doc.Meta.ID != b.doc.Meta.ID {
				most = max(most, schema.Similarity(a.doc.Meta.Signature, b.doc.Meta.Signature))
			}
		}
		t.Logf("%s: greatest similarity of 20,000 random pairs: %.3f", set.name, most)
	}
}

func namesOf(s schema.Signature) []uint32   { n, _ := s.Keys(); return n }
func numbersOf(s schema.Signature) []uint32 { _, n := s.Keys(); return n }

// keyShare formats the agreement of one kind of key tokens of a pair:
// shared/fewer, or "-" when either has none.
func keyShare(p corpusPair, kind func(schema.Signature) []uint32) string {
	a, b := kind(p.a.doc.Meta.Signature), kind(p.b.doc.Meta.Signature)
	if len(a) == 0 || len(b) == 0 {
		return "  -  "
	}
	shared, fewer := schema.KeyOverlap(a, b)
	return fmt.Sprintf("%2d/%-2d", shared, fewer)
}

func BenchmarkFingerprint(b *testing.B) {
	body := strings.Repeat(dupStory+"\n\n", 3) // ~500 words
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		Fingerprint(body)
	}
}

// corpusPairs are pairs of corpus articles on one topic that are NOT one
// story twice, with their measured similarity (k=5): the closest calls of
// TestListNearDuplicates.
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
		sim := schema.Similarity(a.Meta.Signature, b.Meta.Signature)
		if schema.IsDuplicate(a.Meta.Signature, b.Meta.Signature, a.Meta.Date, b.Meta.Date) {
			t.Errorf("%s ~ %s (%s): near-duplicates at %.3f", p.a, p.b, p.why, sim)
		}
		if sim < p.sim-0.1 || sim > p.sim+0.1 {
			t.Errorf("%s ~ %s: similarity %.3f, measured %.2f", p.a, p.b, sim, p.sim)
		}
	}
}

// corpusKeyPairs are pairs of corpus articles as similar as near-duplicates
// and published a day apart at most, which their key tokens (numbers and
// names: schema.KeysAgree) tell apart (dup false), or not (dup true), with
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
		sim := schema.Similarity(sa, sb)
		if sim < schema.DuplicateThreshold || sim < p.sim-0.05 || sim > p.sim+0.05 {
			t.Errorf("%s ~ %s: similarity %.3f, measured %.2f", p.a, p.b, sim, p.sim)
		}
		if !schema.DatesClose(a.Meta.Date, b.Meta.Date) {
			t.Errorf("%s ~ %s: dates %s and %s not close", p.a, p.b, a.Meta.Date, b.Meta.Date)
		}
		if got := schema.IsDuplicate(sa, sb, a.Meta.Date, b.Meta.Date); got != p.dup {
			t.Errorf("%s ~ %s (%s): near-duplicates %v, want %v (numbers %s, names %s)", p.a, p.b, p.why, got, p.dup,
				keyShare(corpusPair{a: corpusDoc{doc: a}, b: corpusDoc{doc: b}}, numbersOf),
				keyShare(corpusPair{a: corpusDoc{doc: a}, b: corpusDoc{doc: b}}, namesOf))
		}
	}
}

// readCorpusNamed reads the corpus articles named "reuters/NEWID" or by
// their BBC file ("business/209.txt", "bbc/business/209.txt"), skipping
// the test when the corpora are absent.
func readCorpusNamed(t *testing.T, names []string) map[string]*Document {
	bbc := filepath.Join(dupCorpusDir, "bbc")
	reuters := filepath.Join(dupCorpusDir, "reuters21578.jsonl.gz")
	for _, p := range []string{bbc, reuters} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("corpus not found (%v); it lives beside the repository, in ../shared/corpus", err)
		}
	}
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
	r := NewReader(files, nil, ReadOptions{})
	defer r.Close()
	docs := make(map[string]*Document)
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
