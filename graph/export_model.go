package graph

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"kg/schema"
)

// ClassLiteral is the class of a Model node that stands for a literal
// object ("artillery shells"): it is no entity, and only facts point at it.
const ClassLiteral = "Literal"

// literalPrefix starts the node id of a literal object: "literal/" and the
// slug of its schema.LiteralKey, so spellings that name one fact's object
// ("Defence co-operation", "defense cooperation") are one node.
const literalPrefix = "literal/"

// Model is the entity graph the graph formats draw: entities (and literal
// objects) as nodes, facts as edges, each sorted so that output is stable.
// Store.Graph builds it from the store; its fields are read-only for the
// writers.
type Model struct {
	Nodes     []Node            // sorted by ID
	Edges     []Edge            // sorted by Source, Predicate, Target, ID
	Documents []schema.Document // the documents the edges' evidence cites, sorted by ID
}

// Node is one node of a Model: an entity, or a literal object of a fact.
type Node struct {
	ID        string   // entity id ("person/vladimir_putin") or "literal/" + slug
	Name      string   // canonical name, or the literal's first wording
	Class     string   // "Person", "Organization", "Place" or ClassLiteral
	Aliases   []string // other surface names, sorted (entities only)
	Mentions  int      // mentions over all documents (entities only)
	Documents []string // ids of the documents that mention it (entities only)
}

// Edge is one fact of a Model, from its subject's node to its object's:
// the schema.Relation merged over every statement of the fact (Evidence
// sorted by document and offset; under Filter.Document only that
// document's evidence, under Filter.Dates only the evidence dated within
// the range). A symmetric fact (meet) is one edge with Symmetric set,
// although the store holds its direct edge both ways. Each statement has
// a date of its own (EvidenceDates); When is the one the fact shows (see
// Date). Encoded as JSON, an Edge is its relation record (the MarshalJSON
// of schema.Relation is promoted), without Source, Target, Symmetric and
// EvidenceDates.
type Edge struct {
	schema.Relation
	Source    string // node id of the subject
	Target    string // node id of the object
	Symmetric bool   // schema.IsSymmetric(Predicate) with an entity object
	// EvidenceDates dates each Evidence entry, in order: the time its
	// sentence names, else its document's date as Reported; a zero When
	// when it has neither.
	EvidenceDates []schema.When
}

// Date returns the date the fact shows, as an ISO 8601 value: When.Value
// (the time its sentence names: "2023-09-13", "2023-W36", "2023-04",
// "1985/1987"), else When.Reported (the date of the document that reported
// it); "" when it has neither. When is the first date a sentence names with
// a value, else the earliest date a document reported the fact on.
func (e Edge) Date() string {
	return dateText(e.When)
}

// Spans returns the days the edge's statements are dated to (see
// FactDates), sorted, those that overlap or touch joined into one: a fact
// reported in September and again in March has two. Nil when no statement
// has a date.
func (e Edge) Spans() []DateRange {
	var rs []DateRange
	for i := range e.EvidenceDates {
		if r, ok := whenDates(&e.EvidenceDates[i]); ok {
			rs = append(rs, r)
		}
	}
	return mergeSpans(rs)
}

// Documents returns the distinct documents of the edge's evidence, sorted.
func (e Edge) Documents() []string {
	out := make([]string, 0, len(e.Evidence))
	for _, ev := range e.Evidence {
		out = append(out, ev.Document)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Sentence returns the first evidence sentence ("" when there is none).
func (e Edge) Sentence() string {
	if len(e.Evidence) == 0 {
		return ""
	}
	return e.Evidence[0].Sentence
}

// StoreEdges returns how many direct-edge quads the store holds for the
// edge: one per supporting document, twice for a symmetric fact. Over the
// unfiltered Model their sum is Stats.Facts.
func (e Edge) StoreEdges() int {
	n := len(e.Documents())
	if e.Symmetric {
		n *= 2
	}
	return n
}

// Filter selects the part of the graph a Model holds. The zero Filter
// selects every entity and every asserted, positive fact.
type Filter struct {
	// Document keeps the facts stated in this document (id, with or
	// without "doc/"), with that document's evidence only, and the
	// entities it mentions.
	Document string
	// Entity keeps the neighbourhood of this entity (a canonical name or an
	// entity id; a name shared by entities of several classes starts from
	// each): the nodes at most Hops edges away, either direction, and the
	// edges between them. Literal nodes end a path; they do not link the
	// entities that share them.
	Entity string
	Hops   int
	// MinConfidence keeps the facts whose confidence is at least this.
	MinConfidence float64
	// IncludeNegated keeps negated, hedged, reported, hypothetical and
	// future facts as edges too; their Polarity and Modality tell them
	// apart. Without it only asserted, positive facts are edges (the
	// direct edges of the store).
	IncludeNegated bool
	// Dates keeps the facts dated within these days (either side may be
	// open), with the evidence of their statements so dated only. A
	// statement's days are FactDates of its date: the time its sentence
	// names ("on Wednesday", "in April", "from 1985 to 1987"), else its
	// document's date; it is kept when they overlap Dates, so a month
	// named in the text is kept by a range that holds any of its days. A
	// statement without a date is kept only when Dates is zero. Unlike
	// the other fields, Dates applies to "jsonl" and "nquads" as well.
	Dates DateRange
}

// ErrNotFound is returned (wrapped) by Graph for a Filter.Document or
// Filter.Entity the store does not hold.
var ErrNotFound = errors.New("not found")

// Graph builds the Model of the store that f selects. Nodes are entities
// and literal objects; edges are facts with an entity subject (a fact
// about a phrase stays a statement: it is in "jsonl" and "nquads" only).
// Unfiltered, the entity nodes are every entity of the store (Stats.Entities)
// and the edges' StoreEdges sum to Stats.Facts.
func (s *Store) Graph(ctx context.Context, f Filter) (*Model, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.graph(ctx, f)
}

// graph is Graph for a caller holding s.mu.
func (s *Store) graph(ctx context.Context, f Filter) (*Model, error) {
	quads, err := s.allQuads(ctx)
	if err != nil {
		return nil, fmt.Errorf("graph: %w", err)
	}
	g := newMemGraph(quads)
	m, err := buildModel(g.entities(), g.facts(), g.documents(), f)
	if err != nil {
		return nil, fmt.Errorf("graph: %w", err)
	}
	return m, nil
}

// buildModel applies f to the store's records: edge selection first
// (polarity and modality, confidence, document, dates), then the node
// set, then the neighbourhood.
func buildModel(ents []schema.Entity, rels []fact, docs []schema.Document, f Filter) (*Model, error) {
	doc := strings.TrimPrefix(f.Document, docPrefix)
	if doc != "" && !slices.ContainsFunc(docs, func(d schema.Document) bool { return d.ID == doc }) {
		return nil, fmt.Errorf("document %q: %w (the ids are in 'kg export --format jsonl', type document)", f.Document, ErrNotFound)
	}
	nodes := make(map[string]*Node)
	for _, e := range ents {
		if doc == "" || slices.Contains(e.Documents, doc) {
			nodes[e.ID] = &Node{ID: e.ID, Name: e.Name, Class: string(e.Class), Aliases: e.Aliases,
				Mentions: e.Mentions, Documents: e.Documents}
		}
	}
	var edges []Edge
	for _, r := range rels {
		e, ok := edgeOf(r, f, doc)
		if !ok {
			continue
		}
		if _, ok := nodes[e.Source]; !ok {
			continue // an entity without a <type>, which the store never writes
		}
		if _, ok := nodes[e.Target]; !ok {
			if e.ObjectID != "" {
				continue
			}
			nodes[e.Target] = &Node{ID: e.Target, Name: e.Object, Class: ClassLiteral}
		}
		edges = append(edges, e)
	}
	if f.Entity != "" {
		seeds := findEntity(ents, f.Entity)
		if len(seeds) == 0 {
			return nil, fmt.Errorf("entity %q: %w (give a canonical name such as \"Vladimir Putin\" or an id such as person/vladimir_putin)", f.Entity, ErrNotFound)
		}
		keep := neighbourhood(seeds, edges, nodes, f.Hops)
		edges = slices.DeleteFunc(edges, func(e Edge) bool { return !keep[e.Source] || !keep[e.Target] })
		for id := range nodes {
			if !keep[id] {
				delete(nodes, id)
			}
		}
	}
	return assemble(nodes, edges, docs), nil
}

// edgeOf returns the edge of a fact, if f keeps it.
func edgeOf(r fact, f Filter, doc string) (Edge, bool) {
	if r.SubjectID == "" || r.Predicate == "" || (r.ObjectID == "" && r.Object == "") {
		return Edge{}, false
	}
	if !f.IncludeNegated && !r.Asserted() {
		return Edge{}, false
	}
	if r.Confidence < f.MinConfidence {
		return Edge{}, false
	}
	dated := inRange(f.Dates)
	r, ok := r.only(func(ev schema.Evidence, date schema.When) bool {
		return (doc == "" || ev.Document == doc) && dated(ev, date)
	})
	if !ok {
		return Edge{}, false
	}
	target := r.ObjectID
	if target == "" {
		target = literalPrefix + schema.Slug(schema.LiteralKey(r.Object))
	}
	return Edge{Relation: r.Relation, Source: r.SubjectID, Target: target,
		Symmetric: schema.IsSymmetric(r.Predicate) && r.ObjectID != "", EvidenceDates: r.dates}, true
}

// findEntity returns the ids of the entities that name denotes: the entity
// with that id, else those with that canonical name, else those whose
// canonical name matches ignoring case.
func findEntity(ents []schema.Entity, name string) []string {
	var ids, folded []string
	for _, e := range ents {
		switch {
		case e.ID == name:
			return []string{e.ID}
		case e.Name == name:
			ids = append(ids, e.ID)
		case strings.EqualFold(e.Name, name):
			folded = append(folded, e.ID)
		}
	}
	if len(ids) > 0 {
		return ids
	}
	return folded
}

// neighbourhood returns the nodes at most hops edges from the seeds,
// following edges both ways; literal nodes are reached but not crossed.
func neighbourhood(seeds []string, edges []Edge, nodes map[string]*Node, hops int) map[string]bool {
	adj := make(map[string][]string)
	for _, e := range edges {
		adj[e.Source] = append(adj[e.Source], e.Target)
		adj[e.Target] = append(adj[e.Target], e.Source)
	}
	keep := make(map[string]bool)
	frontier := slices.Clone(seeds)
	for _, id := range seeds {
		keep[id] = true
	}
	for range hops {
		var next []string
		for _, id := range frontier {
			if n := nodes[id]; n != nil && n.Class == ClassLiteral {
				continue
			}
			for _, nb := range adj[id] {
				if !keep[nb] {
					keep[nb] = true
					next = append(next, nb)
				}
			}
		}
		frontier = next
	}
	return keep
}

// assemble sorts the nodes and edges and picks the documents the edges cite.
func assemble(nodes map[string]*Node, edges []Edge, docs []schema.Document) *Model {
	m := &Model{Nodes: make([]Node, 0, len(nodes)), Edges: edges}
	for _, n := range nodes {
		m.Nodes = append(m.Nodes, *n)
	}
	slices.SortFunc(m.Nodes, func(a, b Node) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(m.Edges, func(a, b Edge) int {
		return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Predicate, b.Predicate),
			cmp.Compare(a.Target, b.Target), cmp.Compare(a.ID, b.ID))
	})
	cited := make(map[string]bool)
	for _, e := range m.Edges {
		for _, ev := range e.Evidence {
			cited[ev.Document] = true
		}
	}
	for _, d := range docs {
		if cited[d.ID] {
			m.Documents = append(m.Documents, d)
		}
	}
	return m
}
