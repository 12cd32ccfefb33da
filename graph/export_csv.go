package graph

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// Names of the two files of the Neo4j CSV export.
const (
	CSVNodesFile         = "nodes.csv"
	CSVRelationshipsFile = "relationships.csv"
)

// Headers of the Neo4j CSV export: neo4j-admin's import header syntax
// (id:ID, :LABEL, :START_ID, :END_ID, :TYPE, typed properties). aliases is
// a string array split at ";", neo4j-admin's default array delimiter.
var (
	csvNodeHeader         = []string{"id:ID", "name", ":LABEL", "class", "aliases:string[]", "mentions:int"}
	csvRelationshipHeader = []string{":START_ID", ":END_ID", ":TYPE", "predicate", "polarity", "modality",
		"confidence:float", "evidence:int", "documents:int", "sentence", "fact", "date", "date_text"}
)

// writeCSV writes the two tables of WriteNeo4jCSV to one stream: the nodes,
// one empty line, then the relationships.
func writeCSV(w io.Writer, m *Model, _ ExportOptions) error {
	return m.WriteNeo4jCSV(w, w)
}

// WriteNeo4jCSV writes the Model as the two CSV files of `neo4j-admin
// database import full --nodes=nodes.csv --relationships=relationships.csv`.
// nodes gets id:ID (the entity id, or "literal/…"), name, :LABEL ("Entity;
// Person", … or "Literal"), class, aliases (";"-separated) and mentions;
// relationships gets :START_ID, :END_ID, :TYPE (the predicate in upper
// case, MEET), predicate, polarity, modality, confidence, evidence (number
// of sentences), documents (number of documents), sentence (the first
// one, line breaks as spaces), fact (the fact id), date (Edge.Date: an
// ISO 8601 value such as 2023-09-13, 2023-04 or 1985/1987, so a string)
// and date_text (the words that name it, "on Wednesday"). When nodes and
// relationships are the same writer, an empty line separates the tables.
func (m *Model) WriteNeo4jCSV(nodes, relationships io.Writer) error {
	nw := csv.NewWriter(nodes)
	if err := nw.Write(csvNodeHeader); err != nil {
		return err
	}
	for _, n := range m.Nodes {
		label := "Entity;" + n.Class
		if n.Class == ClassLiteral {
			label = ClassLiteral
		}
		if err := nw.Write([]string{n.ID, oneLine(n.Name), label, n.Class,
			oneLine(strings.Join(n.Aliases, ";")), strconv.Itoa(n.Mentions)}); err != nil {
			return err
		}
	}
	nw.Flush()
	if err := nw.Error(); err != nil {
		return err
	}
	if nodes == relationships {
		if _, err := io.WriteString(nodes, "\n"); err != nil {
			return err
		}
	}
	rw := csv.NewWriter(relationships)
	if err := rw.Write(csvRelationshipHeader); err != nil {
		return err
	}
	for _, e := range m.Edges {
		if err := rw.Write([]string{e.Source, e.Target, strings.ToUpper(e.Predicate), e.Predicate,
			string(e.Polarity), string(e.Modality), strconv.FormatFloat(e.Confidence, 'f', -1, 64),
			strconv.Itoa(len(e.Evidence)), strconv.Itoa(len(e.Documents())), oneLine(e.Sentence()), e.ID,
			e.Date(), oneLine(dateTextOf(e))}); err != nil {
			return err
		}
	}
	rw.Flush()
	return rw.Error()
}

// oneLine replaces line breaks with spaces, so that neo4j-admin reads the
// field without --multiline-fields.
func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}
