package graph

import (
	"context"
	"slices"
	"strings"
	"testing"

	"kg/dedup"
	"kg/schema"
)

// shingleSig returns the signature of shingles from..from+n-1.
func shingleSig(from, n int) schema.Signature {
	hs := make([]uint64, n)
	for i := range hs {
		hs[i] = uint64(from+i) * 0x9e3779b97f4a7c15
	}
	return dedup.NewSignature(hs)
}

// sigDoc is an extraction of a document with only a signature and a date.
func sigDoc(id, date string, sig schema.Signature) *schema.Extraction {
	return &schema.Extraction{Document: schema.Document{ID: id, Title: "Title " + id, Date: date, Source: id + ".txt", Signature: sig}}
}

func TestNearDuplicates(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { testNearDuplicates(t, b.open) })
	}
}

func testNearDuplicates(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	docs := []*schema.Extraction{
		sigDoc("a", "1987-03-02", shingleSig(0, 300)),
		sigDoc("other", "1987-03-02", shingleSig(10000, 300)), // another story
		sigDoc("later", "1987-03-30", shingleSig(0, 300)),     // same words, four weeks later
		sigDoc("nosig", "1987-03-02", nil),
		sigDoc("b", "1987-03-03", shingleSig(20, 300)), // a copy of a, edited
	}
	want := map[string][]string{"b": {"a"}}
	for _, x := range docs {
		res, err := s.Write(ctx, x)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.Duplicates, want[x.Document.ID]) {
			t.Errorf("Write(%s).Duplicates = %v, want %v", x.Document.ID, res.Duplicates, want[x.Document.ID])
		}
	}
	records := exportString(t, s, "jsonl")
	for _, w := range []string{`"id":"a",`, `"id":"b",`} {
		for _, line := range strings.Split(records, "\n") {
			if strings.Contains(line, w) && !strings.Contains(line, `"duplicates":["`) {
				t.Errorf("record %s lists no duplicate", line)
			}
		}
	}
	if !strings.Contains(records, `"id":"a","title":"Title a","author":"","date":"1987-03-02","source":"a.txt","duplicates":["b"]`) ||
		!strings.Contains(records, `"id":"b","title":"Title b","author":"","date":"1987-03-03","source":"b.txt","duplicates":["a"]`) {
		t.Errorf("a and b do not list each other:\n%s", records)
	}
	dump := exportString(t, s, "nquads")
	quads := relative(dump)
	for _, q := range []string{
		"<doc/a> <duplicate_of> <doc/b> <doc/a> .", "<doc/b> <duplicate_of> <doc/a> <doc/b> .", // each labelled with its subject
		"<doc/a> <signature> \"mh1:", "<doc/a> <lsh> \"b31:",
	} {
		if !strings.Contains(quads, q) {
			t.Errorf("dump lacks %q", q)
		}
	}
	if got := strings.Count(quads, "<doc/a> <lsh> "); got != schema.SignatureBands {
		t.Errorf("<doc/a> has %d <lsh> quads, want %d", got, schema.SignatureBands)
	}
	if strings.Contains(quads, "<doc/nosig> <signature>") || strings.Contains(quads, "<doc/nosig> <lsh>") {
		t.Error("a document without signature has <signature> or <lsh>")
	}

	// Writing again adds nothing; the round trip through N-Quads is exact.
	for _, x := range docs {
		if res, err := s.Write(ctx, x); err != nil || !res.Skipped || res.Duplicates != nil {
			t.Errorf("second Write(%s) = %+v, %v; want skipped", x.Document.ID, res, err)
		}
	}
	if again := exportString(t, s, "nquads"); again != dump {
		t.Error("writing again changed the store")
	}
	fresh := open(t)
	if _, err := fresh.Import(ctx, strings.NewReader(dump)); err != nil {
		t.Fatal(err)
	}
	if again := exportString(t, fresh, "nquads"); again != dump {
		t.Error("dump after import differs")
	}
	// An imported store finds duplicates like the original.
	res, err := fresh.Write(ctx, sigDoc("c", "", shingleSig(10, 300)))
	if err != nil || !slices.Contains(res.Duplicates, "a") || !slices.Contains(res.Duplicates, "b") {
		t.Errorf("Write(c) after import = %+v, %v; want duplicates a and b", res, err)
	}
	if title, err := fresh.DocumentTitle(ctx, "a"); err != nil || title != "Title a" {
		t.Errorf("DocumentTitle(a) = %q, %v", title, err)
	}
}

func TestNearDuplicatesKeys(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { testNearDuplicatesKeys(t, b.open) })
	}
}

// testNearDuplicatesKeys writes reports from one template: similar
// signatures whose key tokens (figures) tell them apart, or not.
func testNearDuplicatesKeys(t *testing.T, open opener) {
	ctx := context.Background()
	s := open(t)
	fed := []string{"fed", "federal", "reserve", "us"}
	docs := []*schema.Extraction{
		sigDoc("monday", "1987-03-02", dedup.WithKeys(shingleSig(0, 300), fed, []string{"1500000000", "6-3/16"})),
		sigDoc("tuesday", "1987-03-03", dedup.WithKeys(shingleSig(10, 300), fed, []string{"1500000000", "6-1/4"})),
		sigDoc("resent", "1987-03-02", dedup.WithKeys(shingleSig(20, 300), fed, []string{"1500000000", "6-3/16"})),
		sigDoc("old", "1987-03-03", shingleSig(30, 300)), // stored before key tokens: agrees with any
	}
	want := map[string][]string{"resent": {"monday"}, "old": {"monday", "tuesday", "resent"}}
	for _, x := range docs {
		res, err := s.Write(ctx, x)
		if err != nil {
			t.Fatal(err)
		}
		got := slices.Clone(res.Duplicates)
		slices.Sort(got)
		w := slices.Clone(want[x.Document.ID])
		slices.Sort(w)
		if !slices.Equal(got, w) {
			t.Errorf("Write(%s).Duplicates = %v, want %v", x.Document.ID, res.Duplicates, want[x.Document.ID])
		}
	}
	dump := relative(exportString(t, s, "nquads"))
	for _, q := range []string{"<doc/monday> <signature> \"mh2:", "<doc/old> <signature> \"mh1:"} {
		if !strings.Contains(dump, q) {
			t.Errorf("dump lacks %q", q)
		}
	}
	if strings.Contains(dump, "<doc/monday> <duplicate_of> <doc/tuesday>") || strings.Contains(dump, "<doc/tuesday> <duplicate_of> <doc/monday>") {
		t.Error("monday and tuesday, one template with other figures, are linked")
	}
	if got := strings.Count(dump, "<doc/monday> <signature> ") + strings.Count(dump, "<doc/monday> <lsh> "); got != 1+schema.SignatureBands {
		t.Errorf("<doc/monday> has %d signature and band quads, want %d", got, 1+schema.SignatureBands)
	}
	// The key tokens survive a round trip through N-Quads.
	fresh := open(t)
	if _, err := fresh.Import(ctx, strings.NewReader(dump)); err != nil {
		t.Fatal(err)
	}
	res, err := fresh.Write(ctx, sigDoc("wednesday", "1987-03-03", dedup.WithKeys(shingleSig(5, 300), fed, []string{"1500000000", "6-1/4"})))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(res.Duplicates)
	if !slices.Equal(res.Duplicates, []string{"old", "tuesday"}) {
		t.Errorf("Write(wednesday) after import = %v, want [old tuesday]", res.Duplicates)
	}
}
