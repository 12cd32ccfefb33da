package graph

import (
	"encoding/xml"
	"io"
	"strconv"
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
	ID     string      `xml:"id,attr"`
	Label  string      `xml:"label,attr"`
	Values []gexfValue `xml:"attvalues>attvalue"`
}

type gexfEdge struct {
	ID     string      `xml:"id,attr"`
	Source string      `xml:"source,attr"`
	Target string      `xml:"target,attr"`
	Label  string      `xml:"label,attr"`
	Weight string      `xml:"weight,attr"`
	Values []gexfValue `xml:"attvalues>attvalue"`
}

type gexfValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

// writeGEXF writes the Model as GEXF 1.2 (Gephi, networkx): a static
// directed graph with the attributes of GraphML (nodeAttrs, edgeAttrs;
// attribute ids are their names). A node's label is its name; an edge's
// label is its predicate and its weight the number of evidence sentences.
func writeGEXF(w io.Writer, m *Model, _ ExportOptions) error {
	doc := gexfDoc{
		XMLNS:   "http://www.gexf.net/1.2draft",
		Version: "1.2",
		Meta:    gexfMeta{Creator: "kg", Description: "entities and facts extracted from news articles"},
		Graph:   gexfGraph{Mode: "static", DefaultEdgeType: "directed"},
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
		doc.Graph.Nodes = append(doc.Graph.Nodes, gexfNode{ID: n.ID, Label: n.Name, Values: gexfValues(nodeAttrs, n)})
	}
	for _, e := range m.Edges {
		doc.Graph.Edges = append(doc.Graph.Edges, gexfEdge{ID: e.ID, Source: e.Source, Target: e.Target,
			Label: e.Predicate, Weight: strconv.Itoa(len(e.Evidence)), Values: gexfValues(edgeAttrs, e)})
	}
	return writeXML(w, doc)
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
