package graph

import (
	"encoding/json"
	"io"

	"kg/schema"
)

type cyNodeData struct {
	ID        string   `json:"id"`
	Label     string   `json:"label"`
	Class     string   `json:"class"`
	Aliases   []string `json:"aliases"`
	Mentions  int      `json:"mentions"`
	Documents []string `json:"documents"`
}

type cyEdgeData struct {
	ID            string            `json:"id"`
	Source        string            `json:"source"`
	Target        string            `json:"target"`
	Label         string            `json:"label"`
	PredicateText string            `json:"predicate_text"`
	Polarity      schema.Polarity   `json:"polarity"`
	Modality      schema.Modality   `json:"modality"`
	AttributedTo  string            `json:"attributed_to,omitempty"`
	Qualifiers    map[string]string `json:"qualifiers"`
	Confidence    float64           `json:"confidence"`
	Symmetric     bool              `json:"symmetric"`
	Evidence      []schema.Evidence `json:"evidence"`
	Date          string            `json:"date,omitempty"`
	When          *schema.When      `json:"when,omitempty"`
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
		out.Elements.Nodes = append(out.Elements.Nodes, cyElement[cyNodeData]{Classes: n.Class, Data: cyNodeData{
			ID: n.ID, Label: n.Name, Class: n.Class, Aliases: nonNil(n.Aliases), Mentions: n.Mentions,
			Documents: nonNil(n.Documents)}})
	}
	for _, e := range m.Edges {
		q := e.Qualifiers
		if q == nil {
			q = map[string]string{}
		}
		out.Elements.Edges = append(out.Elements.Edges, cyElement[cyEdgeData]{
			Classes: string(e.Polarity) + " " + string(e.Modality),
			Data: cyEdgeData{ID: e.ID, Source: e.Source, Target: e.Target, Label: e.Predicate,
				PredicateText: e.PredicateText, Polarity: e.Polarity, Modality: e.Modality,
				AttributedTo: e.AttributedTo, Qualifiers: q, Confidence: e.Confidence,
				Symmetric: e.Symmetric, Evidence: nonNil(e.Evidence), Date: e.Date(), When: e.When}})
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
