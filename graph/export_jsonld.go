package graph

import (
	"encoding/json"
	"io"
	"maps"
	"slices"
	"strings"

	"kg/schema"
)

// DefaultBase is the IRI the "jsonld" export resolves the store's relative
// node IRIs against (<person/vladimir_putin> →
// https://kg.example/person/vladimir_putin) unless ExportOptions.Base says
// otherwise.
const DefaultBase = "https://kg.example/"

// Vocab is the namespace of kg's own terms in the "jsonld" export: the
// properties schema.org has no term for (polarity, evidence, …) and every
// fact predicate (kg:meet, kg:supply).
const Vocab = "https://kg.example/vocab#"

// jsonldContext maps kg's vocabulary to schema.org, RDF reification and
// Vocab. Values of @id-typed terms are node IRIs, relative to @base.
func jsonldContext(base string) map[string]any {
	id := func(iri string) map[string]string { return map[string]string{"@id": iri, "@type": "@id"} }
	typed := func(iri, t string) map[string]string { return map[string]string{"@id": iri, "@type": t} }
	return map[string]any{
		"@base":     base,
		"@vocab":    Vocab,
		"schema":    "https://schema.org/",
		"rdf":       "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
		"xsd":       "http://www.w3.org/2001/XMLSchema#",
		"kg":        Vocab,
		"qualifier": Vocab + "qualifier:",

		// entities
		string(schema.Person):       "schema:Person",
		string(schema.Organization): "schema:Organization",
		string(schema.Place):        "schema:Place",
		schema.PropName:             "schema:name",
		schema.PropAlias:            "schema:alternateName",
		schema.PropMentions:         typed("kg:mentions", "xsd:integer"),
		schema.PropMentionedIn:      id("schema:subjectOf"),

		// documents
		schema.TypeDocument:      "schema:NewsArticle",
		schema.PropTitle:         "schema:headline",
		schema.PropSubtitle:      "schema:alternativeHeadline",
		schema.PropAuthor:        "schema:author",
		schema.PropEditor:        "schema:editor",
		schema.PropDate:          "schema:datePublished",
		schema.PropPublisher:     "schema:publisher",
		schema.PropURL:           "schema:url",
		schema.PropSource:        "kg:source",
		schema.PropDateline:      "kg:dateline",
		schema.PropDuplicateOf:   id("kg:duplicate_of"),
		schema.TypeStatement:     "rdf:Statement",
		schema.PropSubject:       id("rdf:subject"),
		schema.PropPredicate:     id("rdf:predicate"),
		schema.PropObject:        "rdf:object",
		schema.PropConfidence:    typed("kg:confidence", "xsd:double"),
		schema.PropStart:         typed("kg:start", "xsd:integer"),
		schema.PropEnd:           typed("kg:end", "xsd:integer"),
		schema.PropDocument:      id("kg:document"),
		schema.PropEvidence:      "kg:evidence",
		schema.PropPolarity:      "kg:polarity",
		schema.PropModality:      "kg:modality",
		schema.PropAttributedTo:  "kg:attributed_to",
		schema.PropObjectKind:    "kg:object_kind",
		schema.PropPredicateText: "kg:predicate_text",
		"fact":                   "kg:fact",
	}
}

// writeJSONLD writes the Model as one JSON-LD document: {"@context", "@graph"}
// with the cited documents (schema:NewsArticle), the entity nodes (with
// their asserted, positive facts as direct properties kg:PREDICATE, both
// ways for a symmetric one, as in the store) and one rdf:Statement per
// occurrence of each fact (<stmt/ID>, the store's statement node, with the
// sentence, document, offsets and, when the sentence names a time, its
// date as qualifier:date). Literal nodes are no JSON-LD nodes: a literal
// object is a plain string value.
func writeJSONLD(w io.Writer, m *Model, opts ExportOptions) error {
	base := opts.Base
	if base == "" {
		base = DefaultBase
	}
	var graph []map[string]any
	for _, d := range m.Documents {
		graph = append(graph, jsonldDocument(d))
	}
	entities := make(map[string]map[string]any)
	for _, n := range m.Nodes {
		if n.Class == ClassLiteral {
			continue
		}
		node := map[string]any{"@id": n.ID, "@type": n.Class, schema.PropName: n.Name,
			schema.PropMentions: n.Mentions}
		if len(n.Aliases) > 0 {
			node[schema.PropAlias] = n.Aliases
		}
		if len(n.Documents) > 0 {
			node[schema.PropMentionedIn] = prefixed(docPrefix, n.Documents)
		}
		entities[n.ID] = node
		graph = append(graph, node)
	}
	var stmts []map[string]any
	for _, e := range m.Edges {
		obj := jsonldObject(e)
		if e.Asserted() {
			addValue(entities[e.Source], "kg:"+escapeIRI(e.Predicate), obj)
			if e.Symmetric {
				addValue(entities[e.Target], "kg:"+escapeIRI(e.Predicate), map[string]string{"@id": e.Source})
			}
		}
		for i, ev := range e.Evidence {
			st := jsonldStatement(e, ev, obj)
			if i < len(e.EvidenceDates) {
				addDate(st, e.EvidenceDates[i])
			}
			stmts = append(stmts, st)
		}
	}
	slices.SortFunc(stmts, func(a, b map[string]any) int { return strings.Compare(a["@id"].(string), b["@id"].(string)) })
	graph = append(graph, stmts...)
	if graph == nil {
		graph = []map[string]any{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Context map[string]any   `json:"@context"`
		Graph   []map[string]any `json:"@graph"`
	}{jsonldContext(base), graph})
}

// jsonldObject returns the object of a fact: a node reference or a string.
func jsonldObject(e Edge) any {
	if e.ObjectID != "" {
		return map[string]string{"@id": e.ObjectID}
	}
	return e.Object
}

// addValue appends v to the values of key in node.
func addValue(node map[string]any, key string, v any) {
	if node == nil {
		return
	}
	vs, _ := node[key].([]any)
	node[key] = append(vs, v)
}

func jsonldDocument(d schema.Document) map[string]any {
	node := map[string]any{"@id": docPrefix + d.ID, "@type": schema.TypeDocument}
	for k, v := range map[string]string{
		schema.PropTitle: d.Title, schema.PropSubtitle: d.Subtitle, schema.PropAuthor: d.Author,
		schema.PropDate: d.Date, schema.PropSource: d.Source, schema.PropURL: d.URL,
		schema.PropDateline: d.Dateline, schema.PropPublisher: d.Publisher,
	} {
		if v != "" {
			node[k] = v
		}
	}
	if len(d.Editors) > 0 {
		node[schema.PropEditor] = d.Editors
	}
	if len(d.Duplicates) > 0 {
		node[schema.PropDuplicateOf] = prefixed(docPrefix, d.Duplicates)
	}
	return node
}

// jsonldStatement returns the statement node of one occurrence of a fact.
func jsonldStatement(e Edge, ev schema.Evidence, obj any) map[string]any {
	st := map[string]any{
		"@id":                    stmtPrefix + schema.StatementID(e.Relation, ev),
		"@type":                  schema.TypeStatement,
		"fact":                   e.ID,
		schema.PropSubject:       e.Source,
		schema.PropPredicate:     "kg:" + escapeIRI(e.Predicate),
		schema.PropPredicateText: e.PredicateText,
		schema.PropObject:        obj,
		schema.PropObjectKind:    string(e.ObjectKind),
		schema.PropPolarity:      string(e.Polarity),
		schema.PropModality:      string(e.Modality),
		schema.PropConfidence:    e.Confidence,
		schema.PropEvidence:      ev.Sentence,
		schema.PropDocument:      docPrefix + ev.Document,
		schema.PropStart:         ev.Start,
		schema.PropEnd:           ev.End,
	}
	if e.AttributedTo != "" {
		st[schema.PropAttributedTo] = e.AttributedTo
	}
	for _, k := range slices.Sorted(maps.Keys(e.Qualifiers)) {
		st[schema.PropQualifier+":"+k] = e.Qualifiers[k]
	}
	return st
}

// addDate gives a statement node the date its sentence names, as the
// store holds it: qualifier:date (ISO 8601), qualifier:date_text,
// qualifier:date_precision. A statement dated by its document only gets
// none: its document's schema:datePublished says when it was reported.
func addDate(st map[string]any, w schema.When) {
	if w.Text == "" {
		return
	}
	for k, v := range map[string]string{schema.QualifierDate: w.Value, schema.QualifierDateText: w.Text,
		schema.QualifierDatePrecision: w.Precision} {
		if v != "" {
			st[schema.PropQualifier+":"+k] = v
		}
	}
}

// prefixed returns each id with prefix in front.
func prefixed(prefix string, ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = prefix + id
	}
	return out
}
