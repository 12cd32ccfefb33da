package graph

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
)

// The queries run over the graph of fixture (drawn in fixture_test.go).
var queryTests = []struct {
	name  string
	query string
	limit int
	want  []string // JSON of each result, compared sorted
}{
	{
		name:  "who met Putin, from his name",
		query: `g.V().Has("<name>","Vladimir Putin").Out("<meet>").Out("<name>").All()`,
		want:  []string{`{"id":"Kim Jong Un"}`, `{"id":"Kim Jong Un"}`}, // one edge per supporting document
	},
	{
		name:  "who met Putin, unique",
		query: `g.V("<person/vladimir_putin>").Out("<meet>").Unique().Out("<name>").All()`,
		want:  []string{`{"id":"Kim Jong Un"}`},
	},
	{
		name:  "in, tagging the predicate",
		query: `g.V("<person/kim_jong_un>").In(["<meet>", "<supply>"], "pred").Out("<name>").All()`,
		want:  []string{`{"id":"Vladimir Putin","pred":"<meet>"}`, `{"id":"Vladimir Putin","pred":"<meet>"}`},
	},
	{
		name:  "negated fact is no edge",
		query: `g.V("<person/vladimir_putin>").Out("<supply>").All()`,
		want:  []string{},
	},
	{
		name:  "literal object with its recipient",
		query: `g.V("<place/south_korea>").Out("<supply>").All()`,
		want:  []string{`{"id":"artillery shells"}`},
	},
	{
		name: "statements about an entity with their evidence",
		query: `g.V("<person/vladimir_putin>").In("<subject>").Has("<type>","<Statement>")
			.Save("<predicate>","p").Save("<polarity>","pol").Out("<evidence>").All()`,
		want: []string{
			`{"id":"Putin did not supply weapons to North Korea.","p":"<supply>","pol":"negative"}`,
			`{"id":"Russian President Vladimir Putin met Kim Jong Un in Vostochny.","p":"<meet>","pol":"positive"}`,
		},
	},
	{
		name:  "quotes by speaker",
		query: `g.V("<person/andrei_lankov>").In("<speaker>").Save("<start>","start").Out("<text>").All()`,
		want:  []string{`{"id":"It creates an important precedent","start":300}`},
	},
	{
		name:  "limit",
		query: `g.V().Has("<type>","<Person>").All()`,
		limit: 2,
		want:  []string{`{"id":"<person/andrei_lankov>"}`, `{"id":"<person/kim_jong_un>"}`},
	},
}

func TestQuery(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			writeAll(t, s, fixture())
			for _, tt := range queryTests {
				t.Run(tt.name, func(t *testing.T) {
					res, err := s.Query(context.Background(), "gizmo", tt.query, tt.limit)
					if err != nil {
						t.Fatalf("Query: %v", err)
					}
					got := make([]string, 0, len(res))
					for _, r := range res {
						var b strings.Builder
						enc := json.NewEncoder(&b)
						enc.SetEscapeHTML(false)
						if err := enc.Encode(r); err != nil {
							t.Fatal(err)
						}
						got = append(got, strings.TrimSpace(b.String()))
					}
					slices.Sort(got)
					if tt.limit > 0 {
						if len(got) != tt.limit {
							t.Errorf("got %d results %q, want %d", len(got), got, tt.limit)
						}
						return
					}
					if !slices.Equal(got, tt.want) {
						t.Errorf("results:\n got %q\nwant %q", got, tt.want)
					}
				})
			}
		})
	}
}

func TestQueryErrors(t *testing.T) {
	s := mustOpen(t, Options{Path: MemoryPath})
	writeAll(t, s, fixture())
	ctx := context.Background()
	if _, err := s.Query(ctx, "gizmo", `g.V(.All(`, 0); err == nil {
		t.Error("syntax error: no error")
	}
	if _, err := s.Query(ctx, "sparql", `SELECT`, 0); err == nil || !strings.Contains(err.Error(), "gizmo") {
		t.Errorf("unknown language: error %v, want one listing gizmo", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Query(cctx, "gizmo", `while (true) {}`, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled query: error %v, want context.Canceled", err)
	}
}
