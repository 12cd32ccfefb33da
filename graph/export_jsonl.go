package graph

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"io"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	"kg/schema"
)

// exportJSONL writes the JSON Lines records of DESIGN.md §3: documents
// sorted by id, entities sorted by id, relations (one per fact, merged over
// all its statements) sorted by subject, predicate, object and id, then
// quotes sorted by document and start. A relation's "when" is factWhen of
// its statements' dates. With opts.Filter.Dates, a relation keeps only the
// evidence of the statements dated within those days, and is left out when
// none is; documents, entities and quotes are all written.
func exportJSONL(ctx context.Context, s *Store, w io.Writer, opts ExportOptions) error {
	quads, err := s.allQuads(ctx)
	if err != nil {
		return err
	}
	g := newMemGraph(quads)
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, rec := range g.records(opts.Filter.Dates) {
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// memGraph indexes quads by subject for building records.
type memGraph struct {
	out     map[quad.Value]map[string][]quad.Value // subject → property → objects (all labels)
	in      map[quad.Value]map[string][]quad.Value // object → property → subjects
	ofClass map[string][]quad.Value                // class name → subjects with <type> <class>
}

func newMemGraph(quads []quad.Quad) *memGraph {
	g := &memGraph{
		out:     make(map[quad.Value]map[string][]quad.Value),
		in:      make(map[quad.Value]map[string][]quad.Value),
		ofClass: make(map[string][]quad.Value),
	}
	seen := make(map[typed]bool)
	for _, q := range quads {
		p, ok := q.Predicate.(quad.IRI)
		if !ok {
			continue
		}
		add(g.out, q.Subject, string(p), q.Object)
		add(g.in, q.Object, string(p), q.Subject)
		if string(p) == schema.PropType {
			if c, ok := q.Object.(quad.IRI); ok {
				k := typed{string(c), q.Subject}
				if !seen[k] { // a set, not a search of the class's list: stores have 100,000s of statements
					seen[k] = true
					g.ofClass[string(c)] = append(g.ofClass[string(c)], q.Subject)
				}
			}
		}
	}
	return g
}

// typed is a node of a class, for memGraph's index of classes.
type typed struct {
	class string
	node  quad.Value
}

func add(m map[quad.Value]map[string][]quad.Value, k quad.Value, p string, v quad.Value) {
	props := m[k]
	if props == nil {
		props = make(map[string][]quad.Value)
		m[k] = props
	}
	props[p] = append(props[p], v)
}

// str returns the first value of a property as text ("" when absent).
func (g *memGraph) str(n quad.Value, p string) string {
	if vs := g.out[n][p]; len(vs) > 0 {
		return literal(vs[0])
	}
	return ""
}

// num returns the first value of a property as an integer.
func (g *memGraph) num(n quad.Value, p string) int {
	if vs := g.out[n][p]; len(vs) > 0 {
		return int(number(vs[0]))
	}
	return 0
}

// strs returns the distinct texts of a property, sorted.
func (g *memGraph) strs(vs []quad.Value, trim string) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, strings.TrimPrefix(literal(v), trim))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// number returns the numeric value of an Int, Float or numeric text.
func number(v quad.Value) float64 {
	switch v := v.(type) {
	case quad.Int:
		return float64(v)
	case quad.Float:
		return float64(v)
	}
	return 0
}

// records returns every record in export order, the relations with the
// statements dated within days only (all of them when days is zero).
func (g *memGraph) records(days DateRange) []any {
	var out []any
	for _, d := range g.documents() {
		out = append(out, d)
	}
	for _, e := range g.entities() {
		out = append(out, e)
	}
	keep := inRange(days)
	for _, f := range g.facts() {
		if f, ok := f.only(keep); ok {
			out = append(out, f.Relation)
		}
	}
	for _, q := range g.quotes() {
		out = append(out, q)
	}
	return out
}

func (g *memGraph) documents() []schema.Document {
	var docs []schema.Document
	for _, n := range g.ofClass[schema.TypeDocument] {
		props := g.out[n]
		dups := append(slices.Clone(props[schema.PropDuplicateOf]), g.in[n][schema.PropDuplicateOf]...)
		var editors []string
		if vs := props[schema.PropEditor]; len(vs) > 0 {
			editors = g.strs(vs, "")
		}
		docs = append(docs, schema.Document{
			ID:         strings.TrimPrefix(literal(n), docPrefix),
			Title:      g.str(n, schema.PropTitle),
			Subtitle:   g.str(n, schema.PropSubtitle),
			Author:     g.str(n, schema.PropAuthor),
			Editors:    editors,
			Date:       g.str(n, schema.PropDate),
			Source:     g.str(n, schema.PropSource),
			URL:        g.str(n, schema.PropURL),
			Dateline:   g.str(n, schema.PropDateline),
			Publisher:  g.str(n, schema.PropPublisher),
			Duplicates: g.strs(dups, docPrefix),
		})
	}
	slices.SortFunc(docs, func(a, b schema.Document) int { return cmp.Compare(a.ID, b.ID) })
	return docs
}

func (g *memGraph) entities() []schema.Entity {
	var ents []schema.Entity
	for _, c := range schema.Classes {
		for _, n := range g.ofClass[string(c)] {
			props := g.out[n]
			mentions := 0
			for _, v := range props[schema.PropMentions] {
				mentions += int(number(v))
			}
			ents = append(ents, schema.Entity{
				ID:        literal(n),
				Name:      g.str(n, schema.PropName),
				Class:     c,
				Aliases:   g.strs(props[schema.PropAlias], ""),
				Mentions:  mentions,
				Documents: g.strs(props[schema.PropMentionedIn], docPrefix),
			})
		}
	}
	slices.SortFunc(ents, func(a, b schema.Entity) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.Class, b.Class))
	})
	return slices.CompactFunc(ents, func(a, b schema.Entity) bool { return a.ID == b.ID })
}

// side returns the name and entity id of a statement's subject or object.
func (g *memGraph) side(v quad.Value) (name, id string) {
	if iri, ok := v.(quad.IRI); ok {
		return g.str(iri, schema.PropName), string(iri)
	}
	return literal(v), ""
}

// statement rebuilds the relation one statement node says, with its single
// evidence entry.
func (g *memGraph) statement(n quad.Value) schema.Relation {
	props := g.out[n]
	first := func(p string) quad.Value {
		if vs := props[p]; len(vs) > 0 {
			return vs[0]
		}
		return nil
	}
	r := schema.Relation{
		Predicate:     g.str(n, schema.PropPredicate),
		PredicateText: g.str(n, schema.PropPredicateText),
		ObjectKind:    schema.ObjectKind(g.str(n, schema.PropObjectKind)),
		Polarity:      schema.Polarity(g.str(n, schema.PropPolarity)),
		Modality:      schema.Modality(g.str(n, schema.PropModality)),
		AttributedTo:  g.str(n, schema.PropAttributedTo),
		Qualifiers:    map[string]string{},
	}
	if v := first(schema.PropConfidence); v != nil {
		r.Confidence = number(v)
	}
	r.Subject, r.SubjectID = g.side(first(schema.PropSubject))
	r.Object, r.ObjectID = g.side(first(schema.PropObject))
	var when schema.When
	for p, vs := range props {
		k, ok := qualifierKey(p)
		if !ok || len(vs) == 0 {
			continue
		}
		switch k {
		case schema.QualifierDate:
			when.Value = literal(vs[0])
		case schema.QualifierDateText:
			when.Text = literal(vs[0])
		case schema.QualifierDatePrecision:
			when.Precision = literal(vs[0])
		default:
			r.Qualifiers[k] = literal(vs[0])
		}
	}
	docNode := first(schema.PropDocument)
	r.Evidence = []schema.Evidence{{
		Document: strings.TrimPrefix(g.str(n, schema.PropDocument), docPrefix),
		Sentence: g.str(n, schema.PropEvidence),
		Start:    g.num(n, schema.PropStart),
		End:      g.num(n, schema.PropEnd),
	}}
	if when.Text == "" && docNode != nil {
		when.Reported = g.str(docNode, schema.PropDate) // dated by its document
	}
	if when != (schema.When{}) {
		r.When = &when
	}
	return r
}

// fact is a relation merged over its statements, with the date of each:
// dates[i] dates Evidence[i] (a zero When: that statement has none), and
// When is factWhen of them.
type fact struct {
	schema.Relation
	dates []schema.When
}

// only returns the fact with the evidence that keep accepts, and its When
// picked again from their dates; false when keep accepts none.
func (f fact) only(keep func(ev schema.Evidence, date schema.When) bool) (fact, bool) {
	out := fact{Relation: f.Relation}
	out.Evidence = nil
	for i, ev := range f.Evidence {
		if keep(ev, f.dates[i]) {
			out.Evidence = append(out.Evidence, ev)
			out.dates = append(out.dates, f.dates[i])
		}
	}
	if len(out.Evidence) == 0 {
		return fact{}, false
	}
	if len(out.Evidence) < len(f.Evidence) {
		out.When = factWhen(out.dates)
	}
	return out, true
}

// inRange returns a filter for only: the statements dated within days (a
// statement without a date is kept only when days is zero).
func inRange(days DateRange) func(schema.Evidence, schema.When) bool {
	return func(_ schema.Evidence, date schema.When) bool {
		if days.IsZero() {
			return true
		}
		r, ok := whenDates(&date)
		return ok && r.Overlaps(days)
	}
}

// relations merges the statements of each fact into one relation.
func (g *memGraph) relations() []schema.Relation {
	facts := g.facts()
	out := make([]schema.Relation, len(facts))
	for i, f := range facts {
		out[i] = f.Relation
	}
	return out
}

// facts merges the statements of each fact into one fact, keeping the
// date of each statement; the fact's When is factWhen of them.
func (g *memGraph) facts() []fact {
	stmts := make([]fact, 0, len(g.ofClass[schema.TypeStatement]))
	for _, n := range g.ofClass[schema.TypeStatement] {
		r := g.statement(n)
		var date schema.When
		if r.When != nil {
			date = *r.When
		}
		stmts = append(stmts, fact{Relation: r, dates: []schema.When{date}})
	}
	// The earliest occurrence of a fact gives its wording (and, for a
	// symmetric fact, which side is the subject), whatever the store order.
	slices.SortFunc(stmts, func(a, b fact) int {
		return cmp.Or(compareEvidence(a.Evidence[0], b.Evidence[0]),
			cmp.Compare(a.Subject, b.Subject), cmp.Compare(a.PredicateText, b.PredicateText))
	})
	merged := make(map[string]*fact)
	for _, st := range stmts {
		key := schema.FactKey(st.Relation)
		if f, ok := merged[key]; ok {
			f.Evidence = append(f.Evidence, st.Evidence...)
			f.dates = append(f.dates, st.dates...)
			f.Confidence = max(f.Confidence, st.Confidence)
			continue
		}
		merged[key] = &st
	}
	out := make([]fact, 0, len(merged))
	for _, f := range merged {
		f.sortEvidence()
		f.When = factWhen(f.dates)
		f.ID = schema.FactID(f.Relation)
		out = append(out, *f)
	}
	slices.SortFunc(out, func(a, b fact) int {
		return cmp.Or(cmp.Compare(a.Subject, b.Subject), cmp.Compare(a.Predicate, b.Predicate),
			cmp.Compare(a.Object, b.Object), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// sortEvidence sorts the evidence, and the dates with it.
func (f *fact) sortEvidence() {
	if len(f.Evidence) < 2 {
		return
	}
	idx := make([]int, len(f.Evidence))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return compareEvidence(f.Evidence[a], f.Evidence[b]) })
	evs := make([]schema.Evidence, len(idx))
	dates := make([]schema.When, len(idx))
	for i, j := range idx {
		evs[i], dates[i] = f.Evidence[j], f.dates[j]
	}
	f.Evidence, f.dates = evs, dates
}

// compareEvidence orders evidence by document, then offsets.
func compareEvidence(a, b schema.Evidence) int {
	return cmp.Or(cmp.Compare(a.Document, b.Document), cmp.Compare(a.Start, b.Start),
		cmp.Compare(a.End, b.End), cmp.Compare(a.Sentence, b.Sentence))
}

func (g *memGraph) quotes() []schema.Quote {
	var out []schema.Quote
	for _, n := range g.ofClass[schema.TypeQuote] {
		q := schema.Quote{
			ID:       strings.TrimPrefix(literal(n), quotePrefix),
			Text:     g.str(n, schema.PropText),
			Document: strings.TrimPrefix(g.str(n, schema.PropDocument), docPrefix),
			Start:    g.num(n, schema.PropStart),
			End:      g.num(n, schema.PropEnd),
		}
		if vs := g.out[n][schema.PropSpeaker]; len(vs) > 0 {
			q.Speaker, q.SpeakerID = g.side(vs[0])
		}
		for _, v := range g.out[n][schema.PropIndirect] {
			if b, ok := v.(quad.Bool); ok && bool(b) {
				q.Indirect = true
			}
		}
		out = append(out, q)
	}
	slices.SortFunc(out, func(a, b schema.Quote) int {
		return cmp.Or(cmp.Compare(a.Document, b.Document), cmp.Compare(a.Start, b.Start), cmp.Compare(a.ID, b.ID))
	})
	return out
}
