package graph

import (
	"encoding/xml"
	"io"
	"strconv"
	"time"
)

type gexfDoc struct {
	XMLName xml.Name  `xml:"gexf"`
	XMLNS   string    `xml:"xmlns,attr"`
	Version string    `xml:"version,attr"`
	Meta    gexfMeta  `xml:"meta"`
	Graph   gexfGraph `xml:"graph"`
}

type gexfMeta struct {
	Creator     string `xml:"creator"`
	Description string `xml:"description"`
}

type gexfGraph struct {
	Mode            string           `xml:"mode,attr"`
	TimeFormat      string           `xml:"timeformat,attr,omitempty"`
	DefaultEdgeType string           `xml:"defaultedgetype,attr"`
	Attributes      []gexfAttributes `xml:"attributes"`
	Nodes           []gexfNode       `xml:"nodes>node"`
	Edges           []gexfEdge       `xml:"edges>edge"`
}

type gexfAttributes struct {
	Class string          `xml:"class,attr"`
	Mode  string          `xml:"mode,attr"`
	Attrs []gexfAttribute `xml:"attribute"`
}

type gexfAttribute struct {
	ID    string `xml:"id,attr"`
	Title string `xml:"title,attr"`
	Type  string `xml:"type,attr"`
}

type gexfNode struct {
	ID    string `xml:"id,attr"`
	Label string `xml:"label,attr"`
	gexfTime
	Values []gexfValue `xml:"attvalues>attvalue"`
	Spells *gexfSpells `xml:"spells,omitempty"`
}

type gexfEdge struct {
	ID     string `xml:"id,attr"`
	Source string `xml:"source,attr"`
	Target string `xml:"target,attr"`
	Label  string `xml:"label,attr"`
	Weight string `xml:"weight,attr"`
	gexfTime
	Values []gexfValue `xml:"attvalues>attvalue"`
	Spells *gexfSpells `xml:"spells,omitempty"`
}

// gexfTime is when a node or edge exists in a dynamic graph, if it is one
// interval; several are spells.
type gexfTime struct {
	Start string `xml:"start,attr,omitempty"`
	End   string `xml:"end,attr,omitempty"`
}

type gexfSpells struct {
	Spell []gexfSpell `xml:"spell"`
}

type gexfSpell struct {
	Start string `xml:"start,attr"`
	End   string `xml:"end,attr"`
}

type gexfValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

// writeGEXF writes the Model as GEXF 1.2 (Gephi, networkx): a directed
// graph with the attributes of GraphML (nodeAttrs, edgeAttrs; attribute
// ids are their names). A node's label is its name; an edge's label is its
// predicate and its weight the number of evidence sentences.
//
// When a fact has a date the graph is dynamic (mode="dynamic",
// timeformat="date"), for Gephi's timeline: an edge exists over the days
// its statements are dated to (Edge.Spans), as start and end (first and
// last day, both included) when that is one run of days, else as spells;
// an edge without a date exists throughout. A node exists while one of its
// edges does (its edges' days, joined) unless one of its edges, or none,
// is undated: then throughout. Without dates the graph is static.
func writeGEXF(w io.Writer, m *Model, _ ExportOptions) error {
	doc := gexfDoc{
		XMLNS:   "http://www.gexf.net/1.2draft",
		Version: "1.2",
		Meta:    gexfMeta{Creator: "kg", Description: "entities and facts extracted from news articles"},
		Graph:   gexfGraph{Mode: "static", DefaultEdgeType: "directed"},
	}
	edgeSpans, nodeSpans := gexfSpans(m)
	if len(edgeSpans) > 0 {
		doc.Graph.Mode, doc.Graph.TimeFormat = "dynamic", "date"
	}
	nodes := gexfAttributes{Class: "node", Mode: "static"}
	for _, a := range nodeAttrs {
		nodes.Attrs = append(nodes.Attrs, gexfAttribute{ID: a.name, Title: a.name, Type: gexfType(a.typ)})
	}
	edges := gexfAttributes{Class: "edge", Mode: "static"}
	for _, a := range edgeAttrs {
		edges.Attrs = append(edges.Attrs, gexfAttribute{ID: a.name, Title: a.name, Type: gexfType(a.typ)})
	}
	doc.Graph.Attributes = []gexfAttributes{nodes, edges}
	for _, n := range m.Nodes {
		t, spells := gexfWhen(nodeSpans[n.ID])
		doc.Graph.Nodes = append(doc.Graph.Nodes, gexfNode{ID: n.ID, Label: n.Name, gexfTime: t,
			Values: gexfValues(nodeAttrs, n), Spells: spells})
	}
	for i, e := range m.Edges {
		t, spells := gexfWhen(edgeSpans[i])
		doc.Graph.Edges = append(doc.Graph.Edges, gexfEdge{ID: e.ID, Source: e.Source, Target: e.Target,
			Label: e.Predicate, Weight: strconv.Itoa(len(e.Evidence)), gexfTime: t,
			Values: gexfValues(edgeAttrs, e), Spells: spells})
	}
	return writeXML(w, doc)
}

// gexfSpans returns the days of each dated edge (by index in m.Edges) and
// of each node all of whose edges are dated (by id); nil maps when no
// edge is dated.
func gexfSpans(m *Model) (edges map[int][]DateRange, nodes map[string][]DateRange) {
	undated := make(map[string]bool)
	var all map[string][]DateRange
	for i, e := range m.Edges {
		spans := e.Spans()
		if spans == nil {
			undated[e.Source], undated[e.Target] = true, true
			continue
		}
		if edges == nil {
			edges, all = make(map[int][]DateRange), make(map[string][]DateRange)
		}
		edges[i] = spans
		all[e.Source] = append(all[e.Source], spans...)
		all[e.Target] = append(all[e.Target], spans...)
	}
	for id, spans := range all {
		if !undated[id] {
			if nodes == nil {
				nodes = make(map[string][]DateRange)
			}
			nodes[id] = mergeSpans(spans)
		}
	}
	return edges, nodes
}

// gexfWhen returns the start and end of one run of days, or the spells of
// several; nothing for none.
func gexfWhen(spans []DateRange) (gexfTime, *gexfSpells) {
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	switch len(spans) {
	case 0:
		return gexfTime{}, nil
	case 1:
		return gexfTime{Start: day(spans[0].From), End: day(spans[0].To)}, nil
	}
	spells := &gexfSpells{Spell: make([]gexfSpell, len(spans))}
	for i, r := range spans {
		spells.Spell[i] = gexfSpell{Start: day(r.From), End: day(r.To)}
	}
	return gexfTime{}, spells
}

// gexfType returns the GEXF name of an attribute type.
func gexfType(t string) string {
	if t == "int" {
		return "integer"
	}
	return t
}

func gexfValues[T any](attrs []attr[T], v T) []gexfValue {
	var out []gexfValue
	for _, a := range attrs {
		if s := a.value(v); s != "" {
			out = append(out, gexfValue{For: a.name, Value: s})
		}
	}
	return out
}
