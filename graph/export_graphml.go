package graph

import (
	"encoding/xml"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// attr is one attribute of a node or edge in the XML graph formats
// (GraphML, GEXF): its name, its type, and how to read it off the model.
type attr[T any] struct {
	name, typ string // typ: "string", "int", "double" or "boolean"
	value     func(T) string
}

// nodeAttrs are the node attributes of GraphML and GEXF.
var nodeAttrs = []attr[Node]{
	{"name", "string", func(n Node) string { return n.Name }},
	{"class", "string", func(n Node) string { return n.Class }},
	{"aliases", "string", func(n Node) string { return strings.Join(n.Aliases, "; ") }},
	{"mentions", "int", func(n Node) string { return strconv.Itoa(n.Mentions) }},
}

// edgeAttrs are the edge attributes of GraphML and GEXF. date is
// Edge.Date (the time the sentence names, else the document's date, ISO
// 8601), date_text the words that name it.
var edgeAttrs = []attr[Edge]{
	{"predicate", "string", func(e Edge) string { return e.Predicate }},
	{"predicate_text", "string", func(e Edge) string { return e.PredicateText }},
	{"polarity", "string", func(e Edge) string { return string(e.Polarity) }},
	{"modality", "string", func(e Edge) string { return string(e.Modality) }},
	{"attributed_to", "string", func(e Edge) string { return e.AttributedTo }},
	{"qualifiers", "string", func(e Edge) string { return qualifierText(e.Qualifiers) }},
	{"confidence", "double", func(e Edge) string { return strconv.FormatFloat(e.Confidence, 'f', -1, 64) }},
	{"evidence", "int", func(e Edge) string { return strconv.Itoa(len(e.Evidence)) }},
	{"documents", "int", func(e Edge) string { return strconv.Itoa(len(e.Documents())) }},
	{"symmetric", "boolean", func(e Edge) string { return strconv.FormatBool(e.Symmetric) }},
	{"sentence", "string", func(e Edge) string { return e.Sentence() }},
	{"date", "string", func(e Edge) string { return e.Date() }},
	{"date_text", "string", func(e Edge) string { return dateTextOf(e) }},
}

// dateTextOf returns the words that date the fact ("on Wednesday"); ""
// for a fact dated by its document.
func dateTextOf(e Edge) string {
	if e.When == nil {
		return ""
	}
	return e.When.Text
}

// qualifierText joins qualifiers as "key=value; key=value", keys sorted.
func qualifierText(q map[string]string) string {
	parts := make([]string, 0, len(q))
	for _, k := range slices.Sorted(maps.Keys(q)) {
		parts = append(parts, k+"="+q[k])
	}
	return strings.Join(parts, "; ")
}

type graphmlDoc struct {
	XMLName        xml.Name     `xml:"graphml"`
	XMLNS          string       `xml:"xmlns,attr"`
	XSI            string       `xml:"xmlns:xsi,attr"`
	SchemaLocation string       `xml:"xsi:schemaLocation,attr"`
	Keys           []graphmlKey `xml:"key"`
	Graph          graphmlGraph `xml:"graph"`
}

type graphmlKey struct {
	ID   string `xml:"id,attr"`
	For  string `xml:"for,attr"`
	Name string `xml:"attr.name,attr"`
	Type string `xml:"attr.type,attr"`
}

type graphmlGraph struct {
	ID          string        `xml:"id,attr"`
	EdgeDefault string        `xml:"edgedefault,attr"`
	Nodes       []graphmlNode `xml:"node"`
	Edges       []graphmlEdge `xml:"edge"`
}

type graphmlNode struct {
	ID   string        `xml:"id,attr"`
	Data []graphmlData `xml:"data"`
}

type graphmlEdge struct {
	ID     string        `xml:"id,attr"`
	Source string        `xml:"source,attr"`
	Target string        `xml:"target,attr"`
	Data   []graphmlData `xml:"data"`
}

type graphmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// writeGraphML writes the Model as GraphML (networkx, yEd, Gephi,
// Cytoscape desktop): one directed graph, node ids the entity ids (and
// "literal/…"), edge ids the fact ids, every attribute declared by a <key>
// whose id is its name (node keys nodeAttrs, edge keys edgeAttrs). An
// empty attribute is left out.
func writeGraphML(w io.Writer, m *Model, _ ExportOptions) error {
	doc := graphmlDoc{
		XMLNS:          "http://graphml.graphdrawing.org/xmlns",
		XSI:            "http://www.w3.org/2001/XMLSchema-instance",
		SchemaLocation: "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
		Graph:          graphmlGraph{ID: "kg", EdgeDefault: "directed"},
	}
	for _, a := range nodeAttrs {
		doc.Keys = append(doc.Keys, graphmlKey{ID: a.name, For: "node", Name: a.name, Type: a.typ})
	}
	for _, a := range edgeAttrs {
		doc.Keys = append(doc.Keys, graphmlKey{ID: a.name, For: "edge", Name: a.name, Type: a.typ})
	}
	for _, n := range m.Nodes {
		doc.Graph.Nodes = append(doc.Graph.Nodes, graphmlNode{ID: n.ID, Data: graphmlValues(nodeAttrs, n)})
	}
	for _, e := range m.Edges {
		doc.Graph.Edges = append(doc.Graph.Edges, graphmlEdge{ID: e.ID, Source: e.Source, Target: e.Target,
			Data: graphmlValues(edgeAttrs, e)})
	}
	return writeXML(w, doc)
}

func graphmlValues[T any](attrs []attr[T], v T) []graphmlData {
	var out []graphmlData
	for _, a := range attrs {
		if s := a.value(v); s != "" {
			out = append(out, graphmlData{Key: a.name, Value: s})
		}
	}
	return out
}

// writeXML writes the XML declaration and v, indented, with a final newline.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
