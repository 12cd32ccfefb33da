package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"kg/schema"
)

// days returns the DateRange from a to b, "" for an open side.
func days(a, b string) DateRange {
	var r DateRange
	if a != "" {
		r.From, _ = time.Parse(time.DateOnly, a)
	}
	if b != "" {
		r.To, _ = time.Parse(time.DateOnly, b)
	}
	return r
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // DateRange.String, or "error"
	}{
		{"2023-09-13", "2023-09-13/2023-09-13"},
		{"2024-02-29", "2024-02-29/2024-02-29"},
		{"2023-09", "2023-09-01/2023-09-30"},
		{"2024-02", "2024-02-01/2024-02-29"},
		{"2023", "2023-01-01/2023-12-31"},
		{"2023-W36", "2023-09-04/2023-09-10"},
		{"2023-W01", "2023-01-02/2023-01-08"},
		{"2020-W53", "2020-12-28/2021-01-03"},
		{"2023-Q1", "2023-01-01/2023-03-31"},
		{"2023-Q4", "2023-10-01/2023-12-31"},
		{"2023-H2", "2023-07-01/2023-12-31"},
		{"1985/1987", "1985-01-01/1987-12-31"},
		{"1990/1999", "1990-01-01/1999-12-31"},
		{"2023-04/2023-06", "2023-04-01/2023-06-30"},
		{"2023-09-11/2023-09-13", "2023-09-11/2023-09-13"},
		{"", "error"},
		{"2023-02-29", "error"},
		{"2023-13", "error"},
		{"2023-00", "error"},
		{"2023-W53", "error"},
		{"2023-W00", "error"},
		{"2023-Q5", "error"},
		{"1987/1985", "error"},
		{"1985/", "error"},
		{"Sept. 13", "error"},
		{"23-09-13", "error"},
		{"2023-9-13", "error"},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		s := got.String()
		if err != nil {
			s = "error"
		}
		if s != tt.want {
			t.Errorf("ParseDate(%q) = %s (%v), want %s", tt.in, s, err, tt.want)
		}
	}
}

func TestDateBound(t *testing.T) {
	tests := []struct {
		in         string
		first, end string // "error" when it is no bound
	}{
		{"2023", "2023-01-01", "2023-12-31"},
		{"2023-09", "2023-09-01", "2023-09-30"},
		{"2023-09-14", "2023-09-14", "2023-09-14"},
		{"2023-W36", "2023-09-04", "2023-09-10"},
		{"2023/2024", "error", "error"},
		{"2023-9", "error", "error"},
	}
	for _, tt := range tests {
		for _, last := range []bool{false, true} {
			want := tt.first
			if last {
				want = tt.end
			}
			d, err := DateBound(tt.in, last)
			got := d.Format(time.DateOnly)
			if err != nil {
				got = "error"
			}
			if got != want {
				t.Errorf("DateBound(%q, %v) = %s (%v), want %s", tt.in, last, got, err, want)
			}
		}
	}
}

func TestFactDates(t *testing.T) {
	tests := []struct {
		name string
		when *schema.When
		want string // DateRange.String, or "none"
	}{
		{"day", &schema.When{Text: "on Wednesday", Value: "2023-09-13", Precision: "day"}, "2023-09-13/2023-09-13"},
		{"week", &schema.When{Text: "last week", Value: "2023-W36", Precision: "week"}, "2023-09-04/2023-09-10"},
		{"month", &schema.When{Text: "in April", Value: "2023-04", Precision: "month"}, "2023-04-01/2023-04-30"},
		{"quarter", &schema.When{Text: "in the first quarter", Value: "2023-Q1", Precision: "quarter"}, "2023-01-01/2023-03-31"},
		{"year", &schema.When{Text: "last year", Value: "2022", Precision: "year"}, "2022-01-01/2022-12-31"},
		{"interval", &schema.When{Text: "from 1985 to 1987", Value: "1985/1987", Precision: "year"}, "1985-01-01/1987-12-31"},
		{"decade", &schema.When{Text: "the 1990s", Value: "1990/1999", Precision: "decade"}, "1990-01-01/1999-12-31"},
		{"reported only", &schema.When{Reported: "2023-09-14"}, "2023-09-14/2023-09-14"},
		{"named without a value", &schema.When{Text: "at the time"}, "none"},
		{"undated", nil, "none"},
		{"reported on no date", &schema.When{Reported: "sometime"}, "none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := FactDates(schema.Relation{When: tt.when})
			s := got.String()
			if !ok {
				s = "none"
			}
			if s != tt.want {
				t.Errorf("FactDates(%+v) = %s, want %s", tt.when, s, tt.want)
			}
		})
	}
}

func TestDateRangeOverlaps(t *testing.T) {
	sep13 := days("2023-09-13", "2023-09-13")
	tests := []struct {
		name string
		r    DateRange
		want bool
	}{
		{"same day", sep13, true},
		{"its month", days("2023-09-01", "2023-09-30"), true},
		{"the day after", days("2023-09-14", "2023-09-14"), false},
		{"ends the day before", days("2023-09-01", "2023-09-12"), false},
		{"open end, from the day", days("2023-09-13", ""), true},
		{"open end, from the day after", days("2023-09-14", ""), false},
		{"open start, to the day", days("", "2023-09-13"), true},
		{"open start, to the day before", days("", "2023-09-12"), false},
		{"open both", DateRange{}, true},
	}
	for _, tt := range tests {
		if got := tt.r.Overlaps(sep13); got != tt.want {
			t.Errorf("%s: %s overlaps 2023-09-13 = %v, want %v", tt.name, tt.r, got, tt.want)
		}
		if got := sep13.Overlaps(tt.r); got != tt.want {
			t.Errorf("%s: 2023-09-13 overlaps %s = %v, want %v (not symmetric)", tt.name, tt.r, got, tt.want)
		}
	}
}

func TestFactWhen(t *testing.T) {
	named := schema.When{Text: "on Wednesday", Value: "2023-09-13", Precision: "day"}
	tests := []struct {
		name  string
		dates []schema.When
		want  string // Value or Reported or Text of the pick; "" for nil
	}{
		{"a named date beats an earlier report", []schema.When{{Reported: "2023-09-01"}, named}, "2023-09-13"},
		{"the first named date", []schema.When{named, {Text: "in April", Value: "2023-04"}}, "2023-09-13"},
		{"the earliest report", []schema.When{{Reported: "2023-09-20"}, {Reported: "2023-09-14"}, {}}, "2023-09-14"},
		{"a report beats a time without value", []schema.When{{Text: "at the time"}, {Reported: "2023-09-14"}}, "2023-09-14"},
		{"a time without value", []schema.When{{}, {Text: "at the time"}}, "at the time"},
		{"none", []schema.When{{}, {}}, ""},
	}
	for _, tt := range tests {
		got := factWhen(tt.dates)
		s := ""
		if got != nil {
			s = got.Value + got.Reported
			if s == "" {
				s = got.Text
			}
		}
		if s != tt.want {
			t.Errorf("%s: factWhen = %+v, want %s", tt.name, got, tt.want)
		}
	}
}

// The dated fixture adds to fixture() dates and two facts:
//
//	d1 (2023-09-14): Putin meet Kim      reported 2023-09-14
//	                 Putin toast Kim     "on Wednesday" → 2023-09-13 (the seed article's sentence)
//	                 South Korea supply  reported 2023-09-14
//	d2 (2023-10-02): Kim meet Putin      reported 2023-10-02
//	                 UN sanction Kim     "from 2006 to 2017" → 2006/2017
const sentToast = "Calling each other \"comrade\", the men toasted their friendship on Wednesday after Putin showed Kim around Russia's most modern space launch facility."

func datedFixture() []*schema.Extraction {
	xs := fixture()
	d1, d2 := xs[0], xs[1]
	d2.Document.Date = "2023-10-02"
	toast := d1.Relations[0]
	toast.Predicate, toast.PredicateText = "toast", "toasted"
	toast.Evidence = []schema.Evidence{{Document: doc1, Sentence: sentToast, Start: 400, End: 400 + len(sentToast)}}
	toast.When = &schema.When{Text: "on Wednesday", Value: "2023-09-13", Precision: "day"}
	const sentSanction = "The United Nations sanctioned Kim from 2006 to 2017."
	sanction := schema.Relation{Subject: "United Nations", SubjectID: un, Predicate: "sanction", PredicateText: "sanctioned",
		Object: "Kim Jong Un", ObjectID: kim, ObjectKind: schema.EntityObject, Polarity: schema.Positive,
		Modality: schema.Asserted, Confidence: 0.8,
		When:     &schema.When{Text: "from 2006 to 2017", Value: "2006/2017", Precision: "year"},
		Evidence: []schema.Evidence{{Document: doc2, Sentence: sentSanction, Start: 40, End: 40 + len(sentSanction)}}}
	d1.Relations = append(d1.Relations, toast)
	d2.Relations = append(d2.Relations, sanction)
	return xs
}

func datedStore(t *testing.T) *Store {
	t.Helper()
	s := mustOpen(t, Options{Path: MemoryPath})
	writeAll(t, s, datedFixture())
	return s
}

// TestDatesFilter: Filter.Dates keeps the facts with a statement dated
// within the range, with those statements' evidence and date only; the
// entity nodes stay, as under MinConfidence.
func TestDatesFilter(t *testing.T) {
	s := datedStore(t)
	short := strings.NewReplacer(kim, "kim", putin, "putin", korea, "korea", un, "un")
	shells := "literal/" + schema.Slug(schema.LiteralKey("artillery shells"))
	tests := []struct {
		name  string
		f     Filter
		edges []string // source predicate target date evidence-documents, sorted by source id
	}{
		{"all", Filter{}, []string{
			"un sanction kim 2006/2017 d2", "putin meet kim 2023-09-14 d1,d2", "putin toast kim 2023-09-13 d1",
			"korea supply " + shells + " 2023-09-14 d1"}},
		{"the Wednesday", Filter{Dates: days("2023-09-13", "2023-09-13")}, []string{"putin toast kim 2023-09-13 d1"}},
		{"September", Filter{Dates: days("2023-09-01", "2023-09-30")}, []string{
			"putin meet kim 2023-09-14 d1", "putin toast kim 2023-09-13 d1", "korea supply " + shells + " 2023-09-14 d1"}},
		{"from October", Filter{Dates: days("2023-10-01", "")}, []string{"putin meet kim 2023-10-02 d2"}},
		{"until the Wednesday", Filter{Dates: days("", "2023-09-13")}, []string{
			"un sanction kim 2006/2017 d2", "putin toast kim 2023-09-13 d1"}},
		{"2010, inside an interval", Filter{Dates: days("2010-01-01", "2010-12-31")}, []string{"un sanction kim 2006/2017 d2"}},
		{"before everything", Filter{Dates: days("", "2005-12-31")}, nil},
		{"October, one entity", Filter{Dates: days("2023-10-01", "2023-10-31"), Entity: putin, Hops: 1}, []string{"putin meet kim 2023-10-02 d2"}},
		{"October, document d1", Filter{Dates: days("2023-10-01", "2023-10-31"), Document: doc1}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := s.Graph(context.Background(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var edges []string
			for _, e := range m.Edges {
				if len(e.EvidenceDates) != len(e.Evidence) {
					t.Errorf("edge %s: %d dates for %d evidence entries", e.ID, len(e.EvidenceDates), len(e.Evidence))
				}
				edges = append(edges, short.Replace(e.Source+" "+e.Predicate+" "+e.Target+" "+e.Date()+" "+strings.Join(e.Documents(), ",")))
			}
			if !slices.Equal(edges, tt.edges) {
				t.Errorf("Graph(%+v) edges\n got %q\nwant %q", tt.f, edges, tt.edges)
			}
			if tt.f.Entity == "" && tt.f.Document == "" {
				if ents, _ := modelCounts(m); ents != 6 {
					t.Errorf("Graph(%+v): %d entity nodes, want all 6", tt.f, ents)
				}
			}
		})
	}
}

// TestEdgeSpans: an edge's statements dated on separate days are separate
// spans; days that touch or overlap are one.
func TestEdgeSpans(t *testing.T) {
	e := Edge{EvidenceDates: []schema.When{{Reported: "2023-10-02"}, {Value: "2023-09-13"}, {}, {Value: "2023-09-14"},
		{Value: "2023-W40"}, {Value: "2023-10-09"}}}
	var got []string
	for _, r := range e.Spans() {
		got = append(got, r.String())
	}
	want := []string{"2023-09-13/2023-09-14", "2023-10-02/2023-10-09"}
	if !slices.Equal(got, want) {
		t.Errorf("Spans = %q, want %q", got, want)
	}
	if (Edge{EvidenceDates: []schema.When{{}, {Text: "at the time"}}}).Spans() != nil {
		t.Error("Spans of undated statements: want nil")
	}
}

// TestDatesDump: with Filter.Dates, "jsonl" keeps the relations (with
// their evidence) dated within the range and every document, entity and
// quote; "nquads" leaves out the statements dated outside it and the
// direct edges only they support, and imports into a store whose jsonl is
// the filtered jsonl and whose Stats count the kept facts.
func TestDatesDump(t *testing.T) {
	ctx := context.Background()
	s := datedStore(t)
	f := Filter{Dates: days("2023-09-01", "2023-09-30")}
	jsonl := exportWith(t, s, "jsonl", ExportOptions{Filter: f})
	var rels []string
	counts := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(jsonl), "\n") {
		var rec struct {
			Type, Predicate string
			Evidence        []schema.Evidence
			When            *schema.When
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		counts[rec.Type]++
		if rec.Type == "relation" {
			rels = append(rels, rec.Predicate+" "+dateText(rec.When)+" "+rec.Evidence[0].Document+" "+strings.Repeat("+", len(rec.Evidence)-1))
		}
	}
	slices.Sort(rels)
	want := []string{"meet 2023-09-14 d1 ", "supply 2023-09-14 d1 ", "supply 2023-09-14 d1 ", "toast 2023-09-13 d1 "}
	if !slices.Equal(rels, want) || counts["document"] != 2 || counts["entity"] != 6 || counts["quote"] != 1 {
		t.Errorf("jsonl for September: relations %q, counts %v; want %q, 2 documents, 6 entities, 1 quote", rels, counts, want)
	}

	dump := exportWith(t, s, "nquads", ExportOptions{Filter: f})
	if strings.Contains(dump, "sanctioned") || strings.Contains(dump, "held talks") || !strings.Contains(dump, "toasted") {
		t.Errorf("the September dump holds statements of other months, or lacks the toast")
	}
	fresh := mustOpen(t, Options{Path: MemoryPath})
	if _, err := fresh.Import(ctx, strings.NewReader(dump)); err != nil {
		t.Fatal(err)
	}
	// A fact's confidence is its best statement's, all of them: the
	// meeting's (0.9) comes from d2, which the dump leaves out.
	conf := regexp.MustCompile(`"confidence":[0-9.]+`)
	if got := exportString(t, fresh, "jsonl"); conf.ReplaceAllString(got, "") != conf.ReplaceAllString(jsonl, "") {
		t.Errorf("jsonl of the imported September dump differs from the September jsonl:\n got %s\nwant %s", got, jsonl)
	}
	m, err := s.Graph(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	_, facts := modelCounts(m)
	if st := mustStats(t, fresh); int(st.Facts) != facts || st.Entities != 6 {
		t.Errorf("imported September dump: Stats %d facts, %d entities; the September model has %d store edges, 6 entities", st.Facts, st.Entities, facts)
	}
	if err := s.ExportWith(ctx, &bytes.Buffer{}, "nquads", ExportOptions{Filter: Filter{Dates: f.Dates, MinConfidence: 0.5}}); err == nil {
		t.Error("nquads with a confidence filter: no error")
	}
}

// TestDatedGraphFormats: every graph format carries each edge's date
// (GraphML, GEXF and CSV a date attribute, Cytoscape.js date and when,
// JSON-LD the date a statement's sentence names as qualifier:date); GEXF
// turns dynamic, and stays static without dates.
func TestDatedGraphFormats(t *testing.T) {
	s := datedStore(t)
	golden(t, "export-dated.gexf", exportWith(t, s, "gexf", ExportOptions{}))
	for format, want := range map[string][]string{
		"graphml":   {`<data key="date">2023-09-13</data>`, `<data key="date_text">on Wednesday</data>`, `<data key="date">2006/2017</data>`},
		"gexf":      {`mode="dynamic" timeformat="date"`, `<attvalue for="date" value="2023-09-13">`},
		"csv":       {",date,date_text\n", ",2023-09-13,on Wednesday\n", ",2023-09-14,\n"},
		"cytoscape": {`"date": "2023-09-13"`, `"text": "on Wednesday"`, `"reported": "2023-09-14"`},
		"jsonld":    {`"qualifier:date": "2023-09-13"`, `"qualifier:date_text": "on Wednesday"`, `"qualifier:date_precision": "day"`},
	} {
		out := exportWith(t, s, format, ExportOptions{})
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("%s lacks %s", format, w)
			}
		}
	}
	// A statement dated by its document has no qualifier:date: two of the
	// six statements name their time.
	if n := strings.Count(exportWith(t, s, "jsonld", ExportOptions{Filter: Filter{IncludeNegated: true}}), `"qualifier:date":`); n != 2 {
		t.Errorf("jsonld: %d statements with qualifier:date, want 2 (toast, sanction)", n)
	}
	undated := mustOpen(t, Options{Path: MemoryPath})
	xs := fixture()
	xs[0].Document.Date = ""
	writeAll(t, undated, xs)
	gexf := exportWith(t, undated, "gexf", ExportOptions{})
	if !strings.Contains(gexf, `<graph mode="static" defaultedgetype="directed">`) || strings.Contains(gexf, "start=") {
		t.Errorf("gexf of a store without dates is not static:\n%s", gexf)
	}
	checkXMLKeys(t, "gexf", exportWith(t, s, "gexf", ExportOptions{Filter: Filter{IncludeNegated: true}}))
}

// networkxDynamic is a Python script: read a GEXF file with networkx and
// print the graph's mode, then one line per edge (predicate, start, end,
// spells, date) and per timed node (id, start, end, spells).
const networkxDynamic = `
import sys, networkx as nx
G = nx.read_gexf(sys.argv[1])
print(G.graph["mode"])
sp = lambda d: ",".join(a + "/" + b for a, b in d.get("spells", [])) or "-"
for u, v, d in sorted(G.edges(data=True), key=lambda e: e[2]["label"]):
    print("edge", d["label"], d.get("start", "-"), d.get("end", "-"), sp(d), d.get("date", "-"))
for n, d in sorted(G.nodes(data=True)):
    if "start" in d or "spells" in d:
        print("node", n, d.get("start", "-"), d.get("end", "-"), sp(d))
`

// TestNetworkxReadsDynamicGEXF: networkx reads the dated GEXF as a
// dynamic graph and exposes each edge's days (start and end, or spells
// for days apart) and those of each node whose edges are all dated.
func TestNetworkxReadsDynamicGEXF(t *testing.T) {
	py := pythonWith(t, "networkx", "python3-networkx")
	path := filepath.Join(t.TempDir(), "dated.gexf")
	if err := os.WriteFile(path, []byte(exportWith(t, datedStore(t), "gexf", ExportOptions{})), 0o644); err != nil {
		t.Fatal(err)
	}
	got := runPython(t, py, networkxDynamic, path)
	want := strings.Join([]string{
		"dynamic",
		"edge meet - - 2023-09-14/2023-09-14,2023-10-02/2023-10-02 2023-09-14",
		"edge sanction 2006-01-01 2017-12-31 - 2006/2017",
		"edge supply 2023-09-14 2023-09-14 - 2023-09-14",
		"edge toast 2023-09-13 2023-09-13 - 2023-09-13",
		"node literal/artillery_shells 2023-09-14 2023-09-14 -",
		"node organization/united_nations 2006-01-01 2017-12-31 -",
		"node person/kim_jong_un - - 2006-01-01/2017-12-31,2023-09-13/2023-09-14,2023-10-02/2023-10-02",
		"node person/vladimir_putin - - 2023-09-13/2023-09-14,2023-10-02/2023-10-02",
		"node place/south_korea 2023-09-14 2023-09-14 -",
	}, "\n")
	if got != want {
		t.Errorf("networkx read the dated GEXF as\n%s\nwant\n%s", got, want)
	}
}

func BenchmarkParseDate(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := ParseDate([]string{"2023-09-13", "2023-W36", "1985/1987"}[i%3]); err != nil {
			b.Fatal(err)
		}
	}
}
