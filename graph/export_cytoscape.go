package graph

import (
	"encoding/json"
	"io"

	"kg/schema"
)

// CyNode is the data of a Cytoscape.js node for an entity: what "kg export
// --format cytoscape" and the explorer's /api/kg/graph share.
type CyNode struct {
	ID       string   `json:"id"`
	Label    string   `json:"label"` // the name
	Class    string   `json:"class"`
	Aliases  []string `json:"aliases"`
	Mentions int      `json:"mentions"`
}

// CyEdge is the data of a Cytoscape.js edge for a fact: what "kg export
// --format cytoscape" and the explorer's /api/kg/graph share.
type CyEdge struct {
	ID            string          `json:"id"` // the fact id
	Source        string          `json:"source"`
	Target        string          `json:"target"`
	Label         string          `json:"label"` // the predicate
	PredicateText string          `json:"predicate_text"`
	Polarity      schema.Polarity `json:"polarity"`
	Modality      schema.Modality `json:"modality"`
	AttributedTo  string          `json:"attributed_to,omitempty"`
	Confidence    float64         `json:"confidence"`
	Symmetric     bool            `json:"symmetric"`
	Date          string          `json:"date,omitempty"` // Edge.Date
}

// CytoscapeNode is n as Cytoscape.js node data, and its classes (for
// styles such as node.Person).
func CytoscapeNode(n Node) (CyNode, string) {
	return CyNode{ID: n.ID, Label: n.Name, Class: n.Class, Aliases: nonNil(n.Aliases), Mentions: n.Mentions}, n.Class
}

// CytoscapeEdge is e as Cytoscape.js edge data, and its classes: the
// polarity and the modality.
func CytoscapeEdge(e Edge) (CyEdge, string) {
	return CyEdge{ID: e.ID, Source: e.Source, Target: e.Target, Label: e.Predicate,
			PredicateText: e.PredicateText, Polarity: e.Polarity, Modality: e.Modality,
			AttributedTo: e.AttributedTo, Confidence: e.Confidence, Symmetric: e.Symmetric, Date: e.Date()},
		string(e.Polarity) + " " + string(e.Modality)
}

type cyNodeData struct {
	CyNode
	Documents []string `json:"documents"`
}

type cyEdgeData struct {
	CyEdge
	Qualifiers map[string]string `json:"qualifiers"`
	Evidence   []schema.Evidence `json:"evidence"`
	When       *schema.When      `json:"when,omitempty"`
}

type cyElement[T any] struct {
	Data    T      `json:"data"`
	Classes string `json:"classes"`
}

// writeCytoscape writes the Model as Cytoscape.js elements JSON,
// {"elements": {"nodes": [...], "edges": [...]}}, for cy.add or the
// elements option. Node data: id, label (the name), class, aliases,
// mentions, documents; edge data: id (the fact id), source, target, label
// (the predicate), predicate_text, polarity, modality, attributed_to,
// qualifiers, confidence, symmetric, evidence (every sentence with its
// document and offsets), date (Edge.Date, ISO 8601, for selectors such as
// edge[date >= "2023-09"]) and when (the fact's date as the "jsonl"
// relation record has it). classes holds the node class (for styles such
// as node.Person) or, for edges, the polarity and modality.
func writeCytoscape(w io.Writer, m *Model, _ ExportOptions) error {
	var out struct {
		Elements struct {
			Nodes []cyElement[cyNodeData] `json:"nodes"`
			Edges []cyElement[cyEdgeData] `json:"edges"`
		} `json:"elements"`
	}
	out.Elements.Nodes = make([]cyElement[cyNodeData], 0, len(m.Nodes))
	out.Elements.Edges = make([]cyElement[cyEdgeData], 0, len(m.Edges))
	for _, n := range m.Nodes {
		d, classes := CytoscapeNode(n)
		out.Elements.Nodes = append(out.Elements.Nodes, cyElement[cyNodeData]{Classes: classes,
			Data: cyNodeData{CyNode: d, Documents: nonNil(n.Documents)}})
	}
	for _, e := range m.Edges {
		q := e.Qualifiers
		if q == nil {
			q = map[string]string{}
		}
		d, classes := CytoscapeEdge(e)
		out.Elements.Edges = append(out.Elements.Edges, cyElement[cyEdgeData]{Classes: classes,
			Data: cyEdgeData{CyEdge: d, Qualifiers: q, Evidence: nonNil(e.Evidence), When: e.When}})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// nonNil returns s, or an empty slice for nil (JSON [] rather than null).
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
