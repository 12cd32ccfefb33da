package graph

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"kg/schema"
)

// exportNQuads writes every quad as an N-Quads line, the lines sorted
// byte-wise so that the dump does not depend on the backend's order.
// Integers and floats are written as XSD typed literals
// ("3"^^<http://www.w3.org/2001/XMLSchema#integer>, "8.2E-01"^^<…#double>)
// that RDF tools know and that the N-Quads reader turns back into the same
// values; Cayley's own default types (<schema:Integer>) are short IRIs.
//
// The store's IRIs are relative (<person/vladimir_putin>, <name>), which
// N-Quads does not allow and RDF tools (rdflib, Jena) reject, so every IRI
// (nodes, properties, classes, labels) is written as the base
// (opts.Base, else DefaultBase) followed by the store's IRI, with the
// characters an IRI cannot hold and "%" percent-encoded
// (<https://kg.example/person/vladimir_putin>). ImportWith with the same
// base reads it back to the store's IRIs, byte for byte.
//
// With opts.Filter.Dates the dump holds the facts dated within those days
// (see datedQuads); everything else is written whole.
func exportNQuads(ctx context.Context, s *Store, w io.Writer, opts ExportOptions) error {
	quads, err := s.allQuads(ctx)
	if err != nil {
		return err
	}
	if days := opts.Filter.Dates; !days.IsZero() {
		quads = datedQuads(quads, days)
	}
	base := opts.Base
	if base == "" {
		base = DefaultBase
	}
	var buf bytes.Buffer
	nw := nquads.NewWriter(&buf)
	for _, q := range quads {
		for _, d := range quad.Directions {
			q.Set(d, rdfValue(withBase(q.Get(d), base)))
		}
		if err := nw.WriteQuad(q); err != nil {
			return err
		}
	}
	if err := nw.Close(); err != nil {
		return err
	}
	lines := bytes.SplitAfter(buf.Bytes(), []byte("\n"))
	if n := len(lines); n > 0 && len(lines[n-1]) == 0 {
		lines = lines[:n-1]
	}
	sort.Slice(lines, func(i, j int) bool { return bytes.Compare(lines[i], lines[j]) < 0 })
	for _, l := range lines {
		if _, err := w.Write(l); err != nil {
			return err
		}
	}
	return nil
}

// datedQuads returns quads without the statements dated outside days (a
// statement's date: the time its sentence names, else its document's
// date; see Filter.Dates) and without the direct edges only such
// statements support: a direct edge stays while a statement of the same
// document dated within days states it. Each document's <edge_count>
// drops by the direct edges of that document left out, so the dump
// imports into a store whose Stats count the facts kept. Entities,
// documents and quotes stay whole.
func datedQuads(quads []quad.Quad, days DateRange) []quad.Quad {
	g := newMemGraph(quads)
	keep := inRange(days)
	dropped := make(map[quad.Value]bool)                                   // statement nodes dated outside days
	kept, candidates := make(map[quad.Quad]bool), make(map[quad.Quad]bool) // direct edges of kept and dropped statements
	for _, n := range g.ofClass[schema.TypeStatement] {
		r := g.statement(n)
		var date schema.When
		if r.When != nil {
			date = *r.When
		}
		in := keep(r.Evidence[0], date)
		if !in {
			dropped[n] = true
		}
		for _, e := range g.directEdges(n, r) {
			if in {
				kept[e] = true
			} else {
				candidates[e] = true
			}
		}
	}
	lost := make(map[quad.Value]int) // document → direct edges left out
	out := make([]quad.Quad, 0, len(quads))
	for _, q := range quads {
		if dropped[q.Subject] {
			continue
		}
		if e := (quad.Quad{Subject: q.Subject, Predicate: q.Predicate, Object: q.Object, Label: q.Label}); candidates[e] && !kept[e] {
			lost[q.Label]++
			continue
		}
		out = append(out, q)
	}
	for i, q := range out {
		if q.Predicate == iriEdgeCount && lost[q.Subject] > 0 {
			if n, ok := q.Object.(quad.Int); ok {
				out[i].Object = n - quad.Int(lost[q.Subject])
			}
		}
	}
	return out
}

// directEdges returns the direct edges statement n (saying r) stands for
// in its document: one for an asserted, positive fact about an entity,
// both ways for a symmetric one between entities, none otherwise.
func (g *memGraph) directEdges(n quad.Value, r schema.Relation) []quad.Quad {
	if !r.Asserted() || r.SubjectID == "" || (r.ObjectID == "" && r.Object == "") {
		return nil
	}
	first := func(p string) quad.Value {
		if vs := g.out[n][p]; len(vs) > 0 {
			return vs[0]
		}
		return nil
	}
	s, o, doc := first(schema.PropSubject), first(schema.PropObject), first(schema.PropDocument)
	p := quad.IRI(r.Predicate)
	out := []quad.Quad{{Subject: s, Predicate: p, Object: o, Label: doc}}
	if schema.IsSymmetric(r.Predicate) && r.ObjectID != "" {
		out = append(out, quad.Quad{Subject: o, Predicate: p, Object: s, Label: doc})
	}
	return out
}

// XSD datatypes of the numbers kg stores.
const (
	xsdInteger quad.IRI = "http://www.w3.org/2001/XMLSchema#integer"
	xsdDouble  quad.IRI = "http://www.w3.org/2001/XMLSchema#double"
)

// withBase returns an IRI as base followed by the IRI, escaped
// (escapeIRI); other values unchanged.
func withBase(v quad.Value, base string) quad.Value {
	if iri, ok := v.(quad.IRI); ok && base != "" {
		return quad.IRI(base + escapeIRI(string(iri)))
	}
	return v
}

// withoutBase returns an IRI that starts with base as the rest of it,
// unescaped; other values unchanged.
func withoutBase(v quad.Value, base string) quad.Value {
	if iri, ok := v.(quad.IRI); ok && base != "" {
		if rest, ok := strings.CutPrefix(string(iri), base); ok {
			return quad.IRI(unescapeIRI(rest))
		}
	}
	return v
}

// escapeIRI percent-encodes the bytes of s that an N-Quads IRI cannot hold
// (controls, space, <>"{}|^`\) and "%" itself, so that unescapeIRI
// restores s exactly. kg's own IRIs need none of it; a predicate made
// from odd text may ("<atn>" from a ticker symbol in Reuters copy).
func escapeIRI(s string) string {
	if !strings.ContainsFunc(s, iriEscaped) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x80 && iriEscaped(rune(c)) {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// iriEscaped reports whether escapeIRI encodes r.
func iriEscaped(r rune) bool {
	return r <= 0x20 || r == 0x7f || strings.ContainsRune("<>\"{}|^`\\%", r)
}

// unescapeIRI decodes what escapeIRI encoded; a "%" not followed by two
// hex digits stays as it is.
func unescapeIRI(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(n))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// rdfValue returns v with numbers typed by XSD datatypes.
func rdfValue(v quad.Value) quad.Value {
	switch v := v.(type) {
	case quad.Int:
		return quad.TypedString{Value: quad.String(strconv.FormatInt(int64(v), 10)), Type: xsdInteger}
	case quad.Float:
		return quad.TypedString{Value: quad.String(strconv.FormatFloat(float64(v), 'E', -1, 64)), Type: xsdDouble}
	}
	return v
}
