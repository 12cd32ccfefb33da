// Package serve is kg's HTTP server (kg serve): Cayley's public v2 API,
// Cayley's v1 query endpoints rebuilt with the same request and response
// shape, and the explorer, a page that searches an entity, draws its
// neighbourhood with Cytoscape.js, shows the sentences and the date behind
// each edge, and hides the edges dated outside a range of days.
//
// # Endpoints
//
//	POST /api/v1/query/gizmo     body: Gizmo text  → {"result": [...]} | {"error": "..."}
//	POST /api/v1/query/graphql   body: GraphQL     → {"data": {...}}   | {"errors": [{"message": "..."}]}
//	GET|POST /api/v2/query?lang=gizmo|graphql      Cayley's server/http, mounted as is
//	GET|POST /api/v2/read, GET /api/v2/formats     (write and delete only with Options.Write)
//	GET /                        the explorer (HTML, JS, CSS and Cytoscape.js embedded)
//	GET /api/kg/meta             counts, documents, predicates, settings
//	GET /api/kg/search?q=PREFIX  completion over names, aliases and their words
//	GET /api/kg/graph?entity=ID&hops=N[&doc=ID][&negated=1][&from=DATE][&to=DATE]
//	                             Cytoscape.js elements; each edge with its date and dated days (spans)
//	GET /api/kg/entity?id=ID     aliases, facts (every polarity and modality, with dates) and quotes
//	GET /api/kg/fact?id=FACT     a fact's date, its sentences with their documents and dates
//
// Both run queries as written; the store plans them (see graph's package
// documentation, "Query plans"), so a query that starts from a name,
// g.V().Has("<name>", X).Out(P), reads the index from X on either.
//
// # Safety
//
// Every query (v1 and v2) runs under Options.Timeout: Gizmo's JavaScript
// is interrupted when it expires (an endless loop included) and the client
// gets an error; other requests are served meanwhile. At most
// Options.MaxQueries queries run at once, each returns at most
// Options.Limit results, and request bodies over Options.MaxBody are
// refused with 413. Nothing writes to the store unless Options.Write.
// Requests must name a loopback host (localhost, 127.0.0.1) unless
// Options.AllowedHosts says otherwise, so a web page cannot reach the
// server through DNS rebinding, and browsers' cross-origin POSTs are
// refused (net/http's CrossOriginProtection).
//
// The explorer answers from an index of the store's records read once at
// start (graph.Snapshot): a sorted name index for completion, facts by
// entity and by id. It is read again after a successful write through the
// v2 API; a store opened read-only cannot change meanwhile (bolt's shared
// lock keeps writers out).
package serve
