package graph

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"kg/schema"
)

// dotStyle is how one node class is drawn.
type dotStyle struct{ shape, fill string }

// dotStyles draws each class in its own shape and colour.
var dotStyles = map[string]dotStyle{
	string(schema.Person):       {"ellipse", "#a6cee3"},
	string(schema.Organization): {"box", "#b2df8a"},
	string(schema.Place):        {"hexagon", "#fdbf6f"},
	ClassLiteral:                {"note", "#eeeeee"},
}

// writeDOT writes the Model as a Graphviz digraph: nodes labelled with
// their names, shaped and coloured by class (Person ellipse, Organization
// box, Place hexagon, Literal note), edges labelled with the predicate and
// with the first evidence sentence as tooltip. A symmetric fact has no
// arrowheads; a negated one is red and dashed with the label "not P"; one
// that is not asserted is dotted, its modality in the label. Large graphs
// render with sfdp, or are cut down with a Filter first.
func writeDOT(w io.Writer, m *Model, _ ExportOptions) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "// kg export --format dot: %d nodes, %d edges.\n", len(m.Nodes), len(m.Edges))
	fmt.Fprintf(bw, "// Render: dot -Tsvg -o graph.svg (large graphs: sfdp -Tsvg, or export with --entity NAME --hops N).\n")
	fmt.Fprintf(bw, "digraph kg {\n")
	fmt.Fprintf(bw, "  graph [rankdir=LR, overlap=false, splines=true, fontname=\"Helvetica\"];\n")
	fmt.Fprintf(bw, "  node [style=filled, fontname=\"Helvetica\", fontsize=11];\n")
	fmt.Fprintf(bw, "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n")
	for _, n := range m.Nodes {
		st, ok := dotStyles[n.Class]
		if !ok {
			st = dotStyles[ClassLiteral]
		}
		fmt.Fprintf(bw, "  %s [label=%s, shape=%s, fillcolor=%s, tooltip=%s];\n",
			dotQuote(n.ID), dotQuote(n.Name), st.shape, dotQuote(st.fill), dotQuote(n.Class+": "+n.ID))
	}
	for _, e := range m.Edges {
		label := e.Predicate
		var attrs []string
		if e.Polarity == schema.Negative {
			label = "not " + label
			attrs = append(attrs, `color="#d62728"`, `fontcolor="#d62728"`, "style=dashed")
		}
		if e.Modality != schema.Asserted && e.Modality != "" {
			label += " (" + string(e.Modality) + ")"
			if e.Polarity != schema.Negative {
				attrs = append(attrs, "style=dotted")
			}
		}
		if e.Symmetric {
			attrs = append(attrs, "dir=none")
		}
		attrs = append(attrs, "label="+dotQuote(label), "tooltip="+dotQuote(e.Sentence()))
		fmt.Fprintf(bw, "  %s -> %s [%s];\n", dotQuote(e.Source), dotQuote(e.Target), strings.Join(attrs, ", "))
	}
	fmt.Fprintf(bw, "}\n")
	return bw.Flush()
}

// dotQuote returns s as a DOT double-quoted string: quotes and backslashes
// escaped, line breaks as \n.
func dotQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
