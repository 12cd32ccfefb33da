package serve

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"kg/graph"
	"kg/schema"
)

// maxGraphNodes bounds the nodes of one neighbourhood the explorer draws;
// beyond it the best-mentioned neighbours are kept and the answer says so.
const maxGraphNodes = 300

// view is what the explorer answers from: a snapshot of the store's
// records and indexes over it, built at start and after a write.
type view struct {
	snap     *graph.Snapshot
	names    *nameIndex
	entities map[string]*schema.Entity
	facts    map[string]*schema.Relation
	factsOf  map[string][]*schema.Relation // entity id → facts it is subject or object of
	quotesOf map[string][]schema.Quote     // entity id → its quotes
	docs     map[string]schema.Document
	preds    []string
	dates    graph.DateRange // the first and last day a fact is dated to; zero when none is
	built    time.Time
}

func newView(snap *graph.Snapshot) *view {
	v := &view{snap: snap, names: newNameIndex(snap.Entities), built: time.Now(),
		entities: make(map[string]*schema.Entity, len(snap.Entities)),
		facts:    make(map[string]*schema.Relation, len(snap.Relations)),
		factsOf:  make(map[string][]*schema.Relation),
		quotesOf: make(map[string][]schema.Quote),
		docs:     make(map[string]schema.Document, len(snap.Documents)),
	}
	for i := range snap.Entities {
		v.entities[snap.Entities[i].ID] = &snap.Entities[i]
	}
	preds := map[string]bool{}
	for i := range snap.Relations {
		r := &snap.Relations[i]
		v.facts[r.ID] = r
		preds[r.Predicate] = true
		if r.SubjectID != "" {
			v.factsOf[r.SubjectID] = append(v.factsOf[r.SubjectID], r)
		}
		if r.ObjectID != "" && r.ObjectID != r.SubjectID {
			v.factsOf[r.ObjectID] = append(v.factsOf[r.ObjectID], r)
		}
	}
	for p := range preds {
		v.preds = append(v.preds, p)
	}
	v.dates = datesOf(snap)
	slices.Sort(v.preds)
	for _, q := range snap.Quotes {
		if q.SpeakerID != "" {
			v.quotesOf[q.SpeakerID] = append(v.quotesOf[q.SpeakerID], q)
		}
	}
	for _, d := range snap.Documents {
		v.docs[d.ID] = d
	}
	return v
}

// currentView returns the explorer's view, reading the store again when a
// write made it stale. A store opened read-only cannot change under the
// server: bolt holds a shared lock that keeps writers out.
func (s *Server) currentView(ctx context.Context) (*view, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.view != nil && !s.stale {
		return s.view, nil
	}
	start := time.Now()
	snap, err := s.store.Snapshot(ctx)
	if err != nil {
		return nil, fmt.Errorf("serve: read the store: %w", err)
	}
	s.view, s.stale = newView(snap), false
	s.logf("explorer index: %d entities, %d facts, %d documents (%.2f s)",
		len(snap.Entities), len(snap.Relations), len(snap.Documents), time.Since(start).Seconds())
	return s.view, nil
}

// datesOf returns the first and last day the snapshot's facts are dated
// to; zero when no fact has a date.
func datesOf(snap *graph.Snapshot) graph.DateRange {
	var all graph.DateRange
	for _, r := range snap.Relations {
		for _, w := range snap.EvidenceDates(r) {
			d, ok := graph.FactDates(schema.Relation{When: &w})
			if !ok {
				continue
			}
			if all.From.IsZero() || d.From.Before(all.From) {
				all.From = d.From
			}
			if d.To.After(all.To) {
				all.To = d.To
			}
		}
	}
	return all
}

func (s *Server) markStale() {
	s.mu.Lock()
	s.stale = true
	s.mu.Unlock()
}

// explorerRoutes registers the page and its JSON endpoints.
func (s *Server) explorerRoutes(mux *http.ServeMux) {
	static, _ := fs.Sub(webFS, "web")
	files := http.FileServerFS(static)
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		setPageHeaders(w)
		http.ServeFileFS(w, r, static, "index.html")
	})
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setPageHeaders(w)
		files.ServeHTTP(w, r)
	})))
	api := func(pattern string, h func(*view, *http.Request) (any, error)) {
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			v, err := s.currentView(r.Context())
			if err != nil {
				writeError(w, http.StatusInternalServerError, err.Error())
				return
			}
			out, err := h(v, r)
			switch {
			case errors.Is(err, graph.ErrNotFound):
				writeError(w, http.StatusNotFound, strings.TrimPrefix(err.Error(), "graph: "))
			case err != nil:
				writeError(w, http.StatusBadRequest, err.Error())
			default:
				writeJSON(w, http.StatusOK, out)
			}
		})
	}
	api("GET /api/kg/meta", s.meta)
	api("GET /api/kg/search", search)
	api("GET /api/kg/graph", neighbourhood)
	api("GET /api/kg/entity", entity)
	api("GET /api/kg/fact", fact)
	mux.HandleFunc("/api/kg/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such explorer endpoint (meta, search, graph, entity, fact; GET only)")
	})
}

// setPageHeaders keeps the page to its own scripts and out of frames.
func setPageHeaders(w http.ResponseWriter) {
	w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "no-referrer")
}

// docView is a document as the explorer lists it.
type docView struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Source string `json:"source"`
}

func docOf(d schema.Document) docView {
	return docView{ID: d.ID, Title: d.Title, Date: d.Date, Source: d.Source}
}

// meta answers GET /api/kg/meta: counts, documents and predicates for the
// filters, and the server's settings.
func (s *Server) meta(v *view, _ *http.Request) (any, error) {
	docs := make([]docView, 0, len(v.snap.Documents))
	for _, d := range v.snap.Documents {
		docs = append(docs, docOf(d))
	}
	slices.SortFunc(docs, func(a, b docView) int { return cmp.Or(cmp.Compare(a.Title, b.Title), cmp.Compare(a.ID, b.ID)) })
	var classes []string
	for _, c := range schema.Classes {
		classes = append(classes, string(c))
	}
	classes = append(classes, ClassLiteral)
	dates := map[string]string{}
	if !v.dates.IsZero() {
		dates["from"], dates["to"] = v.dates.From.Format(time.DateOnly), v.dates.To.Format(time.DateOnly)
	}
	return map[string]any{
		"entities": len(v.snap.Entities), "facts": len(v.snap.Relations), "quotes": len(v.snap.Quotes),
		"documents": docs, "predicates": v.preds, "classes": classes, "dates": dates,
		"read_only": !s.opts.Write, "timeout": s.opts.Timeout.String(), "limit": s.opts.Limit,
		"indexed": v.built.UTC().Format(time.RFC3339),
	}, nil
}

// ClassLiteral is the class of literal-object nodes (graph.ClassLiteral).
const ClassLiteral = graph.ClassLiteral

// searchResult is one completion.
type searchResult struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Class    string `json:"class"`
	Mentions int    `json:"mentions"`
	Match    string `json:"match"` // the name or alias that matched
}

// search answers GET /api/kg/search?q=PREFIX[&class=C][&limit=N].
func search(v *view, r *http.Request) (any, error) {
	q := r.URL.Query()
	limit, err := intParam(q.Get("limit"), 10, 1, 50)
	if err != nil {
		return nil, err
	}
	var c schema.Class
	if name := q.Get("class"); name != "" {
		if c = schema.Class(name); !slices.Contains(schema.Classes, c) {
			return nil, fmt.Errorf("class %q: want Person, Organization or Place", name)
		}
	}
	out := make([]searchResult, 0, limit)
	for _, m := range v.names.lookup(q.Get("q"), c, limit) {
		out = append(out, searchResult{ID: m.Entity.ID, Name: m.Entity.Name, Class: string(m.Entity.Class),
			Mentions: m.Entity.Mentions, Match: m.Text})
	}
	return map[string]any{"result": out}, nil
}

// cyNode and cyEdge are Cytoscape.js elements: the data "kg export
// --format cytoscape" has (graph.CyNode, graph.CyEdge), with the seed mark,
// and, for an edge, the count of its sentences instead of the sentences
// (which /api/kg/fact gives), its first sentence and the days they are
// dated to.
type cyNode struct {
	Data struct {
		graph.CyNode
		Seed bool `json:"seed,omitempty"`
	} `json:"data"`
	Classes string `json:"classes"`
}

type cyEdge struct {
	Data struct {
		graph.CyEdge
		Evidence  int         `json:"evidence"`
		Documents []string    `json:"documents"`
		Sentence  string      `json:"sentence"`
		Spans     [][2]string `json:"spans,omitempty"` // graph.Edge.Spans: [first day, last day] of each run
	} `json:"data"`
	Classes string `json:"classes"`
}

// neighbourhood answers GET /api/kg/graph?entity=ID[&hops=N][&doc=ID]
// [&negated=1][&min_confidence=X][&from=DATE][&to=DATE]: the entity's
// neighbourhood (graph.Filter; from and to as kg export --from and --to)
// as Cytoscape.js elements. Each edge carries its date and the days its
// sentences are dated to (spans), for the page's own time filter.
func neighbourhood(v *view, r *http.Request) (any, error) {
	q := r.URL.Query()
	hops, err := intParam(q.Get("hops"), 1, 1, 3)
	if err != nil {
		return nil, err
	}
	f := graph.Filter{Entity: q.Get("entity"), Hops: hops, Document: q.Get("doc"),
		IncludeNegated: q.Get("negated") == "1" || q.Get("negated") == "true"}
	if f.Entity == "" {
		return nil, errors.New("entity: give an entity id such as person/elena_marquez (from /api/kg/search)")
	}
	if mc := q.Get("min_confidence"); mc != "" {
		if f.MinConfidence, err = strconv.ParseFloat(mc, 64); err != nil {
			return nil, fmt.Errorf("min_confidence %q: want a number from 0 to 1", mc)
		}
	}
	if f.Dates, err = dateParams(q.Get("from"), q.Get("to")); err != nil {
		return nil, err
	}
	m, err := v.snap.Graph(f)
	if err != nil {
		return nil, err
	}
	keep, truncated := keepNodes(m, f.Entity)
	nodes := make([]cyNode, 0, len(keep))
	for _, n := range m.Nodes {
		if !keep[n.ID] {
			continue
		}
		var c cyNode
		c.Data.CyNode, c.Classes = graph.CytoscapeNode(n)
		c.Data.Seed = n.ID == f.Entity || n.Name == f.Entity
		if c.Data.Seed {
			c.Classes += " seed"
		}
		nodes = append(nodes, c)
	}
	edges := make([]cyEdge, 0, len(m.Edges))
	for _, e := range m.Edges {
		if !keep[e.Source] || !keep[e.Target] {
			continue
		}
		var c cyEdge
		d := &c.Data
		d.CyEdge, c.Classes = graph.CytoscapeEdge(e)
		d.Evidence, d.Documents, d.Sentence = len(e.Evidence), e.Documents(), e.Sentence()
		for _, sp := range e.Spans() {
			d.Spans = append(d.Spans, [2]string{sp.From.Format(time.DateOnly), sp.To.Format(time.DateOnly)})
		}
		edges = append(edges, c)
	}
	return map[string]any{
		"elements":  map[string]any{"nodes": nodes, "edges": edges},
		"truncated": truncated,
	}, nil
}

// dateParams reads the from and to parameters: a date YYYY, YYYY-MM or
// YYYY-MM-DD each, from its first day to the other's last.
func dateParams(from, to string) (graph.DateRange, error) {
	var out graph.DateRange
	var err error
	if from != "" {
		if out.From, err = graph.DateBound(from, false); err != nil {
			return out, fmt.Errorf("from %q: want a date YYYY, YYYY-MM or YYYY-MM-DD", from)
		}
	}
	if to != "" {
		if out.To, err = graph.DateBound(to, true); err != nil {
			return out, fmt.Errorf("to %q: want a date YYYY, YYYY-MM or YYYY-MM-DD", to)
		}
	}
	if !out.From.IsZero() && !out.To.IsZero() && out.To.Before(out.From) {
		return out, fmt.Errorf("from %s is after to %s", from, to)
	}
	return out, nil
}

// keepNodes picks at most maxGraphNodes nodes of m: the seed, then the
// most mentioned.
func keepNodes(m *graph.Model, seed string) (map[string]bool, bool) {
	keep := make(map[string]bool, len(m.Nodes))
	if len(m.Nodes) <= maxGraphNodes {
		for _, n := range m.Nodes {
			keep[n.ID] = true
		}
		return keep, false
	}
	ns := slices.Clone(m.Nodes)
	slices.SortFunc(ns, func(a, b graph.Node) int {
		as, bs := a.ID == seed || a.Name == seed, b.ID == seed || b.Name == seed
		if as != bs {
			if as {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(b.Mentions, a.Mentions), cmp.Compare(a.ID, b.ID))
	})
	for _, n := range ns[:maxGraphNodes] {
		keep[n.ID] = true
	}
	return keep, true
}

// evidenceView is one sentence behind a fact, with its document and the
// date it gives the fact.
type evidenceView struct {
	schema.Evidence
	Title  string       `json:"title"`
	Date   string       `json:"date"` // the document's
	Source string       `json:"source"`
	When   *schema.When `json:"when,omitempty"` // the time the sentence names, else the document's date as reported
}

// factView is a fact with its evidence and the documents it cites.
type factView struct {
	ID            string            `json:"id"`
	Subject       string            `json:"subject"`
	SubjectID     string            `json:"subject_id,omitempty"`
	Predicate     string            `json:"predicate"`
	PredicateText string            `json:"predicate_text"`
	Object        string            `json:"object"`
	ObjectID      string            `json:"object_id,omitempty"`
	ObjectKind    schema.ObjectKind `json:"object_kind"`
	Qualifiers    map[string]string `json:"qualifiers"`
	Polarity      schema.Polarity   `json:"polarity"`
	Modality      schema.Modality   `json:"modality"`
	AttributedTo  string            `json:"attributed_to,omitempty"`
	Confidence    float64           `json:"confidence"`
	When          *schema.When      `json:"when,omitempty"` // the fact's date, as the jsonl record has it
	Evidence      []evidenceView    `json:"evidence"`
}

func (v *view) factView(r *schema.Relation) factView {
	f := factView{ID: r.ID, Subject: r.Subject, SubjectID: r.SubjectID, Predicate: r.Predicate,
		PredicateText: r.PredicateText, Object: r.Object, ObjectID: r.ObjectID, ObjectKind: r.ObjectKind,
		Qualifiers: r.Qualifiers, Polarity: r.Polarity, Modality: r.Modality, AttributedTo: r.AttributedTo,
		Confidence: r.Confidence, When: r.When, Evidence: make([]evidenceView, 0, len(r.Evidence))}
	if f.Qualifiers == nil {
		f.Qualifiers = map[string]string{}
	}
	dates := v.snap.EvidenceDates(*r)
	for i, ev := range r.Evidence {
		d := v.docs[ev.Document]
		e := evidenceView{Evidence: ev, Title: d.Title, Date: d.Date, Source: d.Source}
		if w := dates[i]; w != (schema.When{}) {
			e.When = &w
		}
		f.Evidence = append(f.Evidence, e)
	}
	return f
}

// entity answers GET /api/kg/entity?id=ID: the entity, its aliases, every
// fact it is subject or object of (all polarities and modalities, with
// their sentences) and its quotes.
func entity(v *view, r *http.Request) (any, error) {
	id := r.URL.Query().Get("id")
	e, ok := v.entities[id]
	if !ok {
		return nil, fmt.Errorf("entity %q: %w (ids come from /api/kg/search)", id, graph.ErrNotFound)
	}
	facts := make([]factView, 0, len(v.factsOf[id]))
	for _, f := range v.factsOf[id] {
		facts = append(facts, v.factView(f))
	}
	docs := make([]docView, 0, len(e.Documents))
	for _, d := range e.Documents {
		docs = append(docs, docOf(v.docs[d]))
	}
	return map[string]any{
		"entity": map[string]any{"id": e.ID, "name": e.Name, "class": e.Class, "aliases": nonNil(e.Aliases),
			"mentions": e.Mentions, "documents": docs},
		"facts":  facts,
		"quotes": nonNil(v.quotesOf[id]),
	}, nil
}

// fact answers GET /api/kg/fact?id=FACT: the fact behind an edge with its
// sentences and their documents' titles.
func fact(v *view, r *http.Request) (any, error) {
	id := r.URL.Query().Get("id")
	f, ok := v.facts[id]
	if !ok {
		return nil, fmt.Errorf("fact %q: %w (ids are the edge ids of /api/kg/graph)", id, graph.ErrNotFound)
	}
	return map[string]any{"fact": v.factView(f)}, nil
}

// intParam parses an optional integer parameter within [lo, hi].
func intParam(s string, def, lo, hi int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%q: want a number from %d to %d", s, lo, hi)
	}
	return n, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
