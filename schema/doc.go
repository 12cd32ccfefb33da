// Package schema holds what crosses kg's package boundaries: the record types
// (Document, Entity, Relation, Quote, Evidence and the per-document
// Extraction that carries them from extract to graph), the entity classes, the
// canonical-predicate vocabulary, the store vocabulary and the one way stable
// identifiers are built.
//
// It imports only the standard library, so extract and graph can both depend
// on it without depending on each other.
//
// # JSON Lines records
//
// Document, Entity, Relation and Quote marshal to the records of kg's public
// JSON Lines interface (DESIGN.md §3): one object per line, with a "type" field
// naming the record kind and fixed field names. Fields may be added, never
// renamed:
//
//	{"type":"document","id":"…","title":"…","author":"…","date":"2023-09-14","source":"….txt","duplicates":[]}
//	{"type":"entity","id":"person/vladimir_putin","name":"Vladimir Putin","class":"Person","aliases":["Putin"],"mentions":9,"documents":["…"]}
//	{"type":"relation","id":"…","subject":"…","predicate":"supply","predicate_text":"provided","object":"…","object_kind":"literal",…}
//	{"type":"quote","id":"…","speaker":"…","text":"…","document":"…","start":0,"end":10}
//
// # Identifiers
//
// Identifiers never come from a random source. An entity's id is its class
// and its normalized canonical name ("person/vladimir_putin", see EntityID);
// a document's id is a hash of its normalized body (DocumentID); facts and
// quotes hash what they say and where (FactID, StatementID, QuoteID).
package schema
