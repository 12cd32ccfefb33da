package serve_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"kg/graph"
	"kg/schema"
	"kg/serve"
)

// The fixture, drawn as the direct edges it stores:
//
//	+----------------+  meet (d1, d2)  +-------------+
//	| Vladimir Putin | <─────────────> | Kim Jong Un |
//	+----------------+                 +-------------+
//	        ┊ supply "weapons"  (negative: a statement, no edge)
//
//	+-------------+  supply (d1)   "artillery shells" {recipient: United States}
//	| South Korea | ─────────────> (literal)
//	+-------------+
const (
	putin = "person/vladimir_putin"
	kim   = "person/kim_jong_un"
	korea = "place/south_korea"

	sentMeet1  = "Russian President Vladimir Putin met Kim Jong Un in Vostochny."
	sentMeet2  = "Kim held talks with Putin."
	sentSupply = "South Korea provided artillery shells to the United States."
	sentDeny   = "Putin did not supply weapons to North Korea."
)

func fixture() []*schema.Extraction {
	rel := func(s, sid, p, o, oid string, pol schema.Polarity, sent, doc string) schema.Relation {
		kind := schema.EntityObject
		if oid == "" {
			kind = schema.LiteralObject
		}
		return schema.Relation{Subject: s, SubjectID: sid, Predicate: p, PredicateText: p, Object: o, ObjectID: oid,
			ObjectKind: kind, Polarity: pol, Modality: schema.Asserted, Confidence: 0.8, Qualifiers: map[string]string{},
			Evidence: []schema.Evidence{{Document: doc, Sentence: sent, Start: 0, End: len(sent)}}}
	}
	supply := rel("South Korea", korea, "supply", "artillery shells", "", schema.Positive, sentSupply, "d1")
	supply.Qualifiers = map[string]string{"recipient": "United States"}
	d1 := &schema.Extraction{
		Document: schema.Document{ID: "d1", Title: "Putin meets Kim", Date: "2023-09-14", Source: "001.txt"},
		Entities: []schema.Entity{
			{ID: putin, Name: "Vladimir Putin", Class: schema.Person, Aliases: []string{"Putin", "Russian President Vladimir Putin"}, Mentions: 3},
			{ID: kim, Name: "Kim Jong Un", Class: schema.Person, Mentions: 2},
			{ID: korea, Name: "South Korea", Class: schema.Place, Mentions: 1},
		},
		Relations: []schema.Relation{
			rel("Vladimir Putin", putin, "meet", "Kim Jong Un", kim, schema.Positive, sentMeet1, "d1"),
			supply,
			rel("Vladimir Putin", putin, "supply", "weapons", "", schema.Negative, sentDeny, "d1"),
		},
		Quotes: []schema.Quote{{ID: schema.QuoteID("d1", 300, 320), Speaker: "Vladimir Putin", SpeakerID: putin,
			Text: "We are good neighbours", Document: "d1", Start: 300, End: 320}},
	}
	d2 := &schema.Extraction{
		Document: schema.Document{ID: "d2", Title: "Kim and Putin hold talks", Source: "002.txt"},
		Entities: []schema.Entity{
			{ID: putin, Name: "Vladimir Putin", Class: schema.Person, Aliases: []string{"Putin"}, Mentions: 1},
			{ID: kim, Name: "Kim Jong Un", Class: schema.Person, Aliases: []string{"Kim"}, Mentions: 1},
		},
		Relations: []schema.Relation{rel("Kim Jong Un", kim, "meet", "Vladimir Putin", putin, schema.Positive, sentMeet2, "d2")},
	}
	return []*schema.Extraction{d1, d2}
}

// newStore returns a memstore holding the fixture.
func newStore(t *testing.T) *graph.Store {
	t.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Options{Path: graph.MemoryPath})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, x := range fixture() {
		if _, err := st.Write(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// newServer serves the fixture with opts on a loopback test server.
func newServer(t *testing.T, opts serve.Options) (*httptest.Server, *graph.Store) {
	t.Helper()
	st := newStore(t)
	srv, err := serve.New(context.Background(), st, opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts, st
}

// call sends one request and decodes the JSON answer into a map.
func call(t *testing.T, method, url, body string, header ...string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("%s %s: %d, not JSON: %q", method, url, res.StatusCode, data)
	}
	return res.StatusCode, out
}

// ids returns the "id" values of a result array, sorted.
func ids(v any) []string {
	var out []string
	arr, _ := v.([]any)
	for _, x := range arr {
		if m, ok := x.(map[string]any); ok {
			if s, ok := m["id"].(string); ok {
				out = append(out, s)
			}
		}
	}
	slices.Sort(out)
	return out
}

const meetQuery = `g.V().Has("<name>","Vladimir Putin").Out("<meet>").Out("<name>").All()`

func TestV1Gizmo(t *testing.T) {
	ts, _ := newServer(t, serve.Options{})
	code, out := call(t, "POST", ts.URL+"/api/v1/query/gizmo", meetQuery)
	if code != 200 {
		t.Fatalf("status %d: %v", code, out)
	}
	if got := ids(out["result"]); !slices.Equal(got, []string{"Kim Jong Un", "Kim Jong Un"}) {
		t.Errorf("result = %v, want Kim Jong Un once per document", got)
	}
}

func TestV1GraphQL(t *testing.T) {
	ts, _ := newServer(t, serve.Options{})
	q := `{ nodes(id: <person/vladimir_putin>) { name: <name> } }`
	code, out := call(t, "POST", ts.URL+"/api/v1/query/graphql", q)
	if code != 200 {
		t.Fatalf("status %d: %v", code, out)
	}
	data, _ := out["data"].(map[string]any)
	nodes, _ := data["nodes"].(map[string]any)
	if nodes["name"] != "Vladimir Putin" {
		t.Errorf("data = %v, want nodes.name Vladimir Putin", out)
	}
	code, out = call(t, "POST", ts.URL+"/api/v1/query/graphql", `{ nodes( }`)
	if errs, _ := out["errors"].([]any); code != 400 || len(errs) != 1 {
		t.Errorf("bad GraphQL: %d %v, want 400 with errors", code, out)
	}
}

func TestV1Errors(t *testing.T) {
	ts, _ := newServer(t, serve.Options{})
	for _, tc := range []struct {
		name, method, path, body string
		code                     int
	}{
		{"syntax error", "POST", "/api/v1/query/gizmo", "g.V(", 400},
		{"runtime error", "POST", "/api/v1/query/gizmo", "nosuch()", 400},
		{"empty body", "POST", "/api/v1/query/gizmo", "", 400},
		{"unknown language", "POST", "/api/v1/query/sparql", "x", 400},
		{"bad limit", "POST", "/api/v1/query/gizmo?limit=x", meetQuery, 400},
		{"v1 write", "POST", "/api/v1/write", "[]", 404},
		{"v1 shape", "POST", "/api/v1/shape/gizmo", meetQuery, 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out := call(t, tc.method, ts.URL+tc.path, tc.body)
			if msg, _ := out["error"].(string); code != tc.code || msg == "" {
				t.Errorf("%d %v, want %d with an error message", code, out, tc.code)
			}
		})
	}
}

func TestV2Mounted(t *testing.T) {
	ts, _ := newServer(t, serve.Options{})
	code, out := call(t, "POST", ts.URL+"/api/v2/query?lang=gizmo", meetQuery)
	if got := ids(out["result"]); code != 200 || len(got) != 2 || got[0] != "Kim Jong Un" {
		t.Errorf("v2 query: %d %v", code, out)
	}
	res, err := http.Get(ts.URL + "/api/v2/formats")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("v2 formats: %d", res.StatusCode)
	}
}

// TestReadOnly: without Options.Write no endpoint writes, and the store
// is unchanged by trying.
func TestReadOnly(t *testing.T) {
	ts, st := newServer(t, serve.Options{})
	ctx := context.Background()
	before, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	nq := `<person/x> <name> "X" .` + "\n"
	for _, p := range []string{"/api/v2/write", "/api/v2/delete", "/api/v2/node/delete", "/api/v1/write", "/api/v1/delete"} {
		code, out := call(t, "POST", ts.URL+p, nq, "Content-Type", "application/n-quads")
		if code != http.StatusNotFound {
			t.Errorf("POST %s: %d %v, want 404 (no write endpoints when read-only)", p, code, out)
		}
	}
	after, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("store changed: %+v → %+v", before, after)
	}
	if _, err := serve.New(ctx, openReadOnly(t), serve.Options{Write: true}); err == nil {
		t.Error("Write on a read-only store: no error")
	}
}

// openReadOnly returns an empty bolt store opened read-only.
func openReadOnly(t *testing.T) *graph.Store {
	t.Helper()
	ctx := context.Background()
	path := t.TempDir() + "/ro.db"
	st, err := graph.Open(ctx, graph.Options{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	ro, err := graph.Open(ctx, graph.Options{Path: path, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	return ro
}

// TestWrite: with Options.Write Cayley's v2 write works, the explorer
// finds what was written, and the store's counts include it.
func TestWrite(t *testing.T) {
	ts, st := newServer(t, serve.Options{Write: true})
	before, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	nq := "<person/ada_lovelace> <name> \"Ada Lovelace\" .\n<person/ada_lovelace> <type> <Person> .\n"
	code, out := call(t, "POST", ts.URL+"/api/v2/write", nq, "Content-Type", "application/n-quads")
	if code != 200 {
		t.Fatalf("v2 write: %d %v", code, out)
	}
	_, out = call(t, "GET", ts.URL+"/api/kg/search?q=ada", "")
	if got := ids(out["result"]); !slices.Equal(got, []string{"person/ada_lovelace"}) {
		t.Errorf("search after write = %v, want the new entity", got)
	}
	after, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if after.Persons != before.Persons+1 || after.Quads != before.Quads+2 {
		t.Errorf("Stats after writing a person: %+v (before: %+v), want one more person and two more quads", after, before)
	}
}

func TestBodyCap(t *testing.T) {
	ts, _ := newServer(t, serve.Options{MaxBody: 1 << 10})
	big := "/*" + strings.Repeat("x", 2<<10) + "*/ " + meetQuery
	for _, p := range []string{"/api/v1/query/gizmo", "/api/v1/query/graphql", "/api/v2/query?lang=gizmo"} {
		code, _ := call(t, "POST", ts.URL+p, big)
		if code != http.StatusRequestEntityTooLarge {
			t.Errorf("POST %s with 2 KiB (Content-Length): %d, want 413", p, code)
		}
	}
	// Without Content-Length (chunked), the cap applies while reading.
	res, err := http.Post(ts.URL+"/api/v1/query/gizmo", "text/plain", io.MultiReader(strings.NewReader(big)))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked 2 KiB: %d, want 413", res.StatusCode)
	}
}

// TestTimeout: an endless Gizmo loop is stopped at the time limit and
// reported as an error, and a normal query sent meanwhile is answered at
// once.
func TestTimeout(t *testing.T) {
	const limit = 1500 * time.Millisecond
	ts, _ := newServer(t, serve.Options{Timeout: limit})
	var wg sync.WaitGroup
	var loopCode int
	var loopOut map[string]any
	var loopTook time.Duration
	started := time.Now()
	wg.Go(func() {
		loopCode, loopOut = call(t, "POST", ts.URL+"/api/v1/query/gizmo", "while(true){}")
		loopTook = time.Since(started)
	})
	time.Sleep(200 * time.Millisecond) // let the loop start
	for _, path := range []string{"/api/v1/query/gizmo", "/api/v2/query?lang=gizmo"} {
		t0 := time.Now()
		code, out := call(t, "POST", ts.URL+path, meetQuery)
		if took := time.Since(t0); code != 200 || took > limit/2 {
			t.Errorf("%s during the endless loop: %d in %v (%v)", path, code, took, out)
		}
	}
	wg.Wait()
	msg, _ := loopOut["error"].(string)
	if loopCode != 400 || !strings.Contains(msg, "time limit") {
		t.Errorf("endless loop: %d %v, want 400 naming the time limit", loopCode, loopOut)
	}
	if loopTook < limit || loopTook > limit+3*time.Second {
		t.Errorf("endless loop answered after %v, want about %v", loopTook, limit)
	}
	// Cayley's own v2 endpoint has the same limit.
	code, out := call(t, "POST", ts.URL+"/api/v2/query?lang=gizmo", "while(true){}")
	if _, ok := out["error"]; code != 400 || !ok {
		t.Errorf("v2 endless loop: %d %v, want 400 with an error", code, out)
	}
}

func TestLimit(t *testing.T) {
	ts, _ := newServer(t, serve.Options{Limit: 3})
	all := `g.V().All()`
	for _, tc := range []struct {
		path string
		want int
	}{
		{"/api/v1/query/gizmo", 3},
		{"/api/v1/query/gizmo?limit=1", 1},
		{"/api/v1/query/gizmo?limit=1000", 3},
		{"/api/v2/query?lang=gizmo", 3},
	} {
		_, out := call(t, "POST", ts.URL+tc.path, all)
		if got := len(out["result"].([]any)); got != tc.want {
			t.Errorf("%s: %d results, want %d", tc.path, got, tc.want)
		}
	}
	_, out := call(t, "POST", ts.URL+"/api/v1/query/graphql", `{ nodes { id } }`)
	if got := len(out["data"].(map[string]any)["nodes"].([]any)); got != 3 {
		t.Errorf("graphql: %d nodes, want 3", got)
	}
}

func TestGuard(t *testing.T) {
	ts, _ := newServer(t, serve.Options{})
	for _, tc := range []struct {
		name   string
		header []string
		code   int
	}{
		{"loopback host", nil, 200},
		{"localhost", []string{"Host", "localhost:64210"}, 200},
		{"rebinding host", []string{"Host", "evil.example:64210"}, 403},
		{"cross-site POST", []string{"Sec-Fetch-Site", "cross-site"}, 403},
		{"foreign origin", []string{"Origin", "http://evil.example"}, 403},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", ts.URL+"/api/v1/query/gizmo", strings.NewReader(meetQuery))
			for i := 0; i+1 < len(tc.header); i += 2 {
				if tc.header[i] == "Host" {
					req.Host = tc.header[i+1]
				}
				req.Header.Set(tc.header[i], tc.header[i+1])
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tc.code {
				t.Errorf("status %d, want %d", res.StatusCode, tc.code)
			}
		})
	}
}

func TestExplorerPage(t *testing.T) {
	ts, _ := newServer(t, serve.Options{})
	for _, tc := range []struct{ path, ctype, contains string }{
		{"/", "text/html", "kg explorer"},
		{"/static/app.js", "javascript", "/api/kg/graph"},
		{"/static/cytoscape.min.js", "javascript", "Cytoscape Consortium"},
		{"/static/style.css", "text/css", "#cy"},
	} {
		res, err := http.Get(ts.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Type"), tc.ctype) || !strings.Contains(string(body), tc.contains) {
			t.Errorf("GET %s: %d %s, want %s holding %q", tc.path, res.StatusCode, res.Header.Get("Content-Type"), tc.ctype, tc.contains)
		}
		if tc.path == "/" && !strings.Contains(res.Header.Get("Content-Security-Policy"), "default-src 'self'") {
			t.Errorf("GET /: no Content-Security-Policy keeping the page to its own scripts")
		}
	}
}

func TestExplorerAPI(t *testing.T) {
	ts, _ := newServer(t, serve.Options{})
	get := func(path string) map[string]any {
		t.Helper()
		code, out := call(t, "GET", ts.URL+path, "")
		if code != 200 {
			t.Fatalf("GET %s: %d %v", path, code, out)
		}
		return out
	}
	if got := ids(get("/api/kg/search?q=put")["result"]); !slices.Equal(got, []string{putin}) {
		t.Errorf("search put = %v", got)
	}
	if got := ids(get("/api/kg/search?q=korea")["result"]); !slices.Equal(got, []string{korea}) {
		t.Errorf("search korea (a later word) = %v", got)
	}
	if got := ids(get("/api/kg/search?q=kim&class=Place")["result"]); !slices.Equal(got, nil) {
		t.Errorf("search kim, Place = %v, want none (Kim is a Person)", got)
	}

	g := get("/api/kg/graph?entity=" + putin)["elements"].(map[string]any)
	if got := ids(g["nodes"].([]any)); len(got) != 0 {
		t.Fatalf("nodes are Cytoscape elements {data: {...}}, got ids at top level: %v", got)
	}
	var nodes, edges []string
	var meetID string
	for _, n := range g["nodes"].([]any) {
		nodes = append(nodes, n.(map[string]any)["data"].(map[string]any)["id"].(string))
	}
	for _, e := range g["edges"].([]any) {
		d := e.(map[string]any)["data"].(map[string]any)
		edges = append(edges, d["source"].(string)+" "+d["label"].(string)+" "+d["target"].(string))
		if d["label"] == "meet" {
			meetID = d["id"].(string)
		}
	}
	slices.Sort(nodes)
	if !slices.Equal(nodes, []string{kim, putin}) || len(edges) != 1 {
		t.Errorf("neighbourhood: nodes %v edges %v, want Putin and Kim, one meet edge", nodes, edges)
	}
	g = get("/api/kg/graph?negated=1&entity=" + putin)["elements"].(map[string]any)
	if n := len(g["edges"].([]any)); n != 2 {
		t.Errorf("with negated facts: %d edges, want 2 (meet, not supply weapons)", n)
	}

	f := get("/api/kg/fact?id=" + meetID)["fact"].(map[string]any)
	var sents, titles []string
	for _, ev := range f["evidence"].([]any) {
		m := ev.(map[string]any)
		sents = append(sents, m["sentence"].(string))
		titles = append(titles, m["title"].(string))
	}
	if !slices.Equal(sents, []string{sentMeet1, sentMeet2}) || !slices.Equal(titles, []string{"Putin meets Kim", "Kim and Putin hold talks"}) ||
		f["polarity"] != "positive" || f["modality"] != "asserted" {
		t.Errorf("fact: %v", f)
	}

	e := get("/api/kg/entity?id=" + putin)
	ent := e["entity"].(map[string]any)
	if ent["name"] != "Vladimir Putin" || len(ent["aliases"].([]any)) != 2 {
		t.Errorf("entity: %v", ent)
	}
	if n := len(e["facts"].([]any)); n != 2 {
		t.Errorf("entity facts: %d, want 2 (meet, the denied supply)", n)
	}
	if n := len(e["quotes"].([]any)); n != 1 {
		t.Errorf("entity quotes: %d, want 1", n)
	}

	for _, p := range []string{"/api/kg/entity?id=person/nobody", "/api/kg/fact?id=nope", "/api/kg/graph?entity=person/nobody"} {
		if code, _ := call(t, "GET", ts.URL+p, ""); code != 404 {
			t.Errorf("GET %s: %d, want 404", p, code)
		}
	}
	meta := get("/api/kg/meta")
	if meta["read_only"] != true || len(meta["documents"].([]any)) != 2 {
		t.Errorf("meta: %v", meta)
	}
}

// TestNameStartPlanned runs queries that start from a name through the v1
// and v2 Gizmo endpoints on a bolt store with thousands of other <meet>
// edges, and counts the quads Cayley reads (its cayley_kv_primitive_fetch
// metric): the store plans them from the name index, so they read a few
// quads where a scan of the <meet> edges would read thousands.
func TestNameStartPlanned(t *testing.T) {
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Options{Path: filepath.Join(t.TempDir(), "kg.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, x := range fixture() {
		if _, err := st.Write(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	var pad strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&pad, "<person/p%d> <meet> <person/p%d> <doc/pad%d> .\n", i, (i*7+1)%3000, i%50)
	}
	if _, err := st.Import(ctx, strings.NewReader(pad.String())); err != nil {
		t.Fatal(err)
	}
	srv, err := serve.New(ctx, st, serve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	for _, tc := range []struct{ name, url, query string }{
		{"v1, name", "/api/v1/query/gizmo", meetQuery},
		{"v1, alias and In", "/api/v1/query/gizmo", `g.V().Has("<alias>","Kim").In("<meet>").Out("<name>").All()`},
		{"v2, name", "/api/v2/query?lang=gizmo", meetQuery},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := primitiveFetches(t)
			code, out := call(t, "POST", ts.URL+tc.url, tc.query)
			read := primitiveFetches(t) - before
			if code != 200 {
				t.Fatalf("status %d: %v", code, out)
			}
			if got := ids(out["result"]); len(got) != 2 {
				t.Errorf("result = %v, want two names (one per document)", got)
			}
			if read > 100 {
				t.Errorf("the query read %.0f quads from the store; want a few (the index from the name)", read)
			}
		})
	}
}

// primitiveFetches returns Cayley's count of quads read from KV stores.
func primitiveFetches(t *testing.T) float64 {
	t.Helper()
	mfs, err := prometheus.DefaultGatherer.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == "cayley_kv_primitive_fetch" {
			return mf.GetMetric()[0].GetCounter().GetValue()
		}
	}
	t.Fatal("no cayley_kv_primitive_fetch metric")
	return 0
}

// TestExplorerDates: over the fixture with dates — Putin met Kim "on
// Wednesday" (2023-09-13) by d1 of 2023-09-14, and by d2 of 2023-10-02,
// which names no day — the graph's edges carry their date and the days
// their sentences are dated to, from and to cut the neighbourhood as kg
// export --from and --to do, and a fact and its sentences carry their
// dates.
func TestExplorerDates(t *testing.T) {
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Options{Path: graph.MemoryPath})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	xs := fixture()
	xs[0].Relations[0].When = &schema.When{Text: "on Wednesday", Value: "2023-09-13", Precision: "day"}
	xs[1].Document.Date = "2023-10-02"
	for _, x := range xs {
		if _, err := st.Write(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := serve.New(ctx, st, serve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	get := func(path string) map[string]any {
		t.Helper()
		code, out := call(t, "GET", ts.URL+path, "")
		if code != 200 {
			t.Fatalf("GET %s: %d %v", path, code, out)
		}
		return out
	}
	// meet returns the meet edge's id, date and spans, "" when there is none.
	meet := func(query string) (id, date, spans string) {
		t.Helper()
		g := get("/api/kg/graph?entity=" + putin + query)["elements"].(map[string]any)
		for _, e := range g["edges"].([]any) {
			d := e.(map[string]any)["data"].(map[string]any)
			if d["label"] == "meet" {
				b, _ := json.Marshal(d["spans"])
				return d["id"].(string), d["date"].(string), string(b)
			}
		}
		return "", "", ""
	}
	for _, tt := range []struct{ query, date, spans string }{
		{"", "2023-09-13", `[["2023-09-13","2023-09-13"],["2023-10-02","2023-10-02"]]`},
		{"&from=2023-10", "2023-10-02", `[["2023-10-02","2023-10-02"]]`},
		{"&from=2023-09&to=2023-09-13", "2023-09-13", `[["2023-09-13","2023-09-13"]]`},
		{"&to=2023-09-12", "", ""},
	} {
		if _, date, spans := meet(tt.query); date != tt.date || spans != tt.spans {
			t.Errorf("graph%s: meet edge dated %q, spans %s; want %q, %s", tt.query, date, spans, tt.date, tt.spans)
		}
	}
	for query, want := range map[string]string{"&from=2023-13": `from "2023-13"`, "&to=Sept": `to "Sept"`,
		"&from=2023-10&to=2023-09": "after"} {
		code, out := call(t, "GET", ts.URL+"/api/kg/graph?entity="+putin+query, "")
		if msg, _ := out["error"].(string); code != 400 || !strings.Contains(msg, want) {
			t.Errorf("graph%s: %d %v, want 400 saying %s", query, code, out, want)
		}
	}

	id, _, _ := meet("")
	f := get("/api/kg/fact?id=" + id)["fact"].(map[string]any)
	var whens []string
	for _, ev := range f["evidence"].([]any) {
		b, _ := json.Marshal(ev.(map[string]any)["when"])
		whens = append(whens, string(b))
	}
	want := []string{`{"precision":"day","text":"on Wednesday","value":"2023-09-13"}`, `{"reported":"2023-10-02"}`} // keys sorted: decoded into maps
	if w, _ := json.Marshal(f["when"]); string(w) != want[0] || !slices.Equal(whens, want) {
		t.Errorf("fact: when %s, its sentences' %q; want %s and %q", w, whens, want[0], want)
	}
	facts := get("/api/kg/entity?id=" + putin)["facts"].([]any)
	var dated int
	for _, f := range facts {
		if f.(map[string]any)["when"] != nil {
			dated++
		}
	}
	if dated != len(facts) {
		t.Errorf("entity: %d of %d facts carry their date", dated, len(facts))
	}
	if b, _ := json.Marshal(get("/api/kg/meta")["dates"]); string(b) != `{"from":"2023-09-13","to":"2023-10-02"}` {
		t.Errorf("meta dates = %s", b)
	}
}
