package graph

import (
	"strings"

	"github.com/cayleygraph/quad"

	"kg/schema"
)

// IRI prefixes of the nodes kg writes (see the package documentation).
const (
	docPrefix   = "doc/"
	stmtPrefix  = "stmt/"
	quotePrefix = "quote/"
)

// PropEdgeCount is the property holding, per document, how many direct
// edges (fact quads) that document added: `<doc/ID> <edge_count> 12`. It is
// precomputed so Stats can count facts without scanning the store (Cayley's
// KV backends have no predicate index). It is schema.PropEdgeCount, so no
// canonical predicate can take its name.
const PropEdgeCount = schema.PropEdgeCount

// DocumentIRI returns the node of the document with id ("<doc/ID>").
func DocumentIRI(id string) quad.IRI { return quad.IRI(docPrefix + id) }

// StatementIRI returns the node of the statement with id ("<stmt/ID>").
func StatementIRI(id string) quad.IRI { return quad.IRI(stmtPrefix + id) }

// QuoteIRI returns the node of the quote with id ("<quote/ID>").
func QuoteIRI(id string) quad.IRI { return quad.IRI(quotePrefix + id) }

// EntityIRI returns the node of the entity with id ("<person/vladimir_putin>").
func EntityIRI(id string) quad.IRI { return quad.IRI(id) }

// prop returns the IRI of a store property (schema.Prop*).
func prop(name string) quad.IRI { return quad.IRI(name) }

// qualifierProp returns the property of the qualifier key ("<qualifier:recipient>").
func qualifierProp(key string) quad.IRI { return quad.IRI(schema.PropQualifier + ":" + key) }

// qualifierKey reports the qualifier key of a property IRI, if it is one.
func qualifierKey(p string) (string, bool) {
	return strings.CutPrefix(p, schema.PropQualifier+":")
}

// Frequently used IRIs.
var (
	iriType      = prop(schema.PropType)
	iriName      = prop(schema.PropName)
	iriAlias     = prop(schema.PropAlias)
	iriDocument  = quad.IRI(schema.TypeDocument)
	iriStatement = quad.IRI(schema.TypeStatement)
	iriQuote     = quad.IRI(schema.TypeQuote)
	iriEdgeCount = prop(PropEdgeCount)
)
