// Package graph keeps kg's knowledge graph in a Cayley quad store: it opens
// the store (Open), writes one document's extraction per transaction
// (Store.Write) or many documents' per transaction (Store.WriteBatch, the
// fast way to ingest a corpus), answers Gizmo queries (Store.Query), counts (Store.Stats),
// and exports and imports the graph (Store.Export, Store.Import).
//
// # Backends
//
// "bolt" (the default) keeps the graph in one bolt file: Options.Path names
// that file ("kg.db"), created on first use. A directory written by Cayley's
// own bolt backend (DIR/indexes.bolt) is accepted too. Opening waits at most
// a second for another process's lock. "memstore" (or Path ":memory:")
// keeps it in memory. "postgres" keeps it in a PostgreSQL database through
// Cayley's SQL backend, Options.Path being the connection URL (see
// BackendPostgres). Any other backend registered with Cayley (by a blank
// import in the program) is opened through Cayley's registry.
//
// # Quad vocabulary
//
// Node IRIs: an entity is <ID> with ID = schema.EntityID (<person/vladimir_putin>),
// a document <doc/ID>, a statement <stmt/ID> (schema.StatementID), a quote
// <quote/ID>. Classes are <Person>, <Organization>, <Place>, <Document>,
// <Statement>, <Quote>; properties are the schema.Prop* names (<name>,
// <alias>, <type>, …). Text is a plain literal, offsets and counts are
// integers ("3"^^<http://schema.org/Integer>), confidence is a float.
//
// Entity nodes are global (no label) and shared by all documents:
//
//	<person/vladimir_putin> <name> "Vladimir Putin" .
//	<person/vladimir_putin> <type> <Person> .
//	<person/vladimir_putin> <alias> "Putin" .
//
// An entity has exactly one <name>: a second spelling with the same id
// ("U.S." after "US") becomes an <alias>, and what each document called
// the entity, when it was not its <name>, a <named> labelled with the
// document; mentions a document made of it as another class are counted
// by <mentions:CLASS>, labelled too:
//
//	<person/vladimir_putin> <named> "Putin" <doc/ID> .
//	<person/ronald_reagan> <mentions:Organization> 2 <doc/ID> .
//
// # One node per entity
//
// Consolidate (merge.go), which ingest runs at the end of every build,
// joins the nodes that name one real entity across documents: the entity
// registry (registry.go; its name rules in names.go) knows every node's
// spellings and the documents that use each, its mentions by class, its
// documents and aliases, and decides from these sums which nodes are one
// entity, its name and its class, so that the store does not depend on
// the order of the documents. The joined nodes' quads are rewritten to the
// entity's node in one transaction: the names as aliases, the mentions
// summed per document, the direct facts both ways, the statements'
// <subject>, <object> and <attributed_to>, the quotes' <speaker>, each
// document's <edge_count> and the running totals. A statement keeps the
// id its document gave it. Nodes named by a generic word alone ("Co",
// "the Bank") are dissolved into the entity their document names with
// that head, or into text.
//
// Everything a document says carries the document as label:
//
//	<doc/ID> <type> <Document> <doc/ID> .
//	<doc/ID> <title>|<subtitle>|<author>|<editor>|<date>|<source>|<url>|<dateline>|<publisher> "…" <doc/ID> .
//	<doc/ID> <duplicate_of> <doc/OTHER> <doc/ID> .     (and <doc/OTHER> <duplicate_of> <doc/ID> <doc/OTHER> .)
//	<doc/ID> <signature> "mh1:…" <doc/ID> .           (MinHash of the body, schema.Signature)
//	<doc/ID> <lsh> "b07:…" <doc/ID> .                 (one per LSH band: 32)
//	<doc/ID> <edge_count> 12 <doc/ID> .           (direct edges this document added; for Stats)
//	<person/vladimir_putin> <mentioned_in> <doc/ID> <doc/ID> .
//	<person/vladimir_putin> <mentions> 9 <doc/ID> .
//
// Write finds near-duplicates of a new document among the stored ones by
// its LSH band keys (an object-index lookup per band, see duplicates.go),
// confirms them by signature similarity (dedup.DuplicateThreshold) and
// links each pair by <duplicate_of> both ways, each link labelled with its
// subject, in the same transaction (so a pair is stored alike whichever
// document came first).
//
// Every occurrence of a fact (each evidence entry of a schema.Relation, also
// negated, hedged or reported ones) is a statement node:
//
//	<stmt/S> <type> <Statement> ; <subject> <person/x> or "literal" ; <predicate> <supply> ;
//	<predicate_text> "provided" ; <object> <place/y> or "artillery shells" ; <object_kind> "literal" ;
//	<qualifier:recipient> "United States" ; <polarity> "positive" ; <modality> "asserted" ;
//	<attributed_to> "…" (only when set) ; <evidence> "the sentence" ; <document> <doc/ID> ;
//	<start> 120 ; <end> 180 ; <confidence> 0.82        (all labelled <doc/ID>)
//
// An asserted, positive fact whose subject is an entity is also a direct
// edge, labelled with the document (one quad per supporting document), and a
// symmetric one (schema.IsSymmetric, e.g. meet) with an entity object gets
// the reverse edge too:
//
//	<person/vladimir_putin> <meet> <person/kim_jong_un> <doc/ID> .
//	<person/kim_jong_un> <meet> <person/vladimir_putin> <doc/ID> .
//
// Quotes: <quote/ID> <type> <Quote> ; <speaker> <person/x> (or the speaker's
// name when it is no entity) ; <text> ; <document> ; <start> ; <end>, labelled
// with the document.
//
// So, in Gizmo, who met Putin:
//
//	g.V("<person/vladimir_putin>").Out("<meet>").Out("<name>").All()
//
// or, as fast, from the name:
//
//	g.V().Has("<name>","Vladimir Putin").Out("<meet>").Out("<name>").All()
//
// # Query plans
//
// On bolt the store plans queries itself (plan.go): Cayley v0.7.7's KV
// store drives Has(<name>,X).Out(P) from a scan of every P quad, and each
// further hop from every quad of each node. A planner, the
// shape.Optimizer Cayley finds on the store, reads the index by what a
// query fixes instead — the key (X, <name>), then (node, P) for each node
// — for every query built from shapes: Store.Query (kg query and its
// REPL), kg serve's v1 and v2 endpoints, GraphQL. Other backends are
// planned by Cayley (memstore indexes every direction; SQL plans in SQL).
//
// # Counts
//
// Stats reads running totals that WriteBatch updates in the transaction
// of each batch (counts.go): on bolt one key beside the quads, on
// PostgreSQL a row of kg_counts; memstore has none, so Stats counts. A
// store without totals is scanned, and its next write counts once.
//
// # Exports
//
// Export writes "nquads" (every quad, lines sorted, every IRI absolute
// under DefaultBase or ExportOptions.Base, which Import reads back
// losslessly; the Gizmo vocabulary of the store itself stays relative:
// <name>, <person/…>) or "jsonl" (the records of schema, one fact
// per relation with the evidence of every document). Each format is one file
// export_<name>.go registered in the exporters table.
//
// The graph formats ("jsonld", "graphml", "gexf", "dot", "csv",
// "cytoscape") render one Model, which Graph builds from the same records
// as "jsonl" and a Filter (document, entity neighbourhood, confidence,
// negated facts): entities and literal objects (class ClassLiteral) as
// nodes, facts with an entity subject as edges. Unfiltered, its entity
// nodes are Stats.Entities and its edges' StoreEdges sum to Stats.Facts.
// "jsonld" maps the vocabulary to schema.org and RDF reification, its own
// terms in Vocab, node IRIs relative to DefaultBase.
package graph
