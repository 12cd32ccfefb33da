package graph

import (
	"context"
	"fmt"
	"slices"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/path"
	"github.com/cayleygraph/quad"

	"kg/dedup"
	"kg/schema"
)

// WriteResult reports what Write did with one document.
type WriteResult struct {
	Document string // the document id
	Skipped  bool   // the document was already stored; nothing was written
	Quads    int    // quads handed to the store (duplicates of stored quads included)

	// Duplicates are the ids of stored documents this one is a
	// near-duplicate of (found by its signature), the most similar first;
	// Write linked each with it both ways.
	Duplicates []string
}

// Write stores one document's extraction in a single transaction: all of it
// or nothing. A document whose id is already stored is skipped, so
// re-ingesting is a no-op.
//
// A document with a signature (schema.Document.Signature) is compared with
// the stored documents that share one of its LSH bands; each one at least
// dedup.DuplicateThreshold similar is linked to it by <duplicate_of> both
// ways, in the same transaction (see stored.nearDuplicates).
//
// On bolt one Write is one bolt read-write transaction: Cayley's kv
// QuadStore.ApplyDeltas opens a single kv.Tx (bolt Begin(true)), applies
// every delta and calls Commit once at the end; any error before that rolls
// the whole transaction back (graph/kv/indexing.go in Cayley v0.7.7).
// memstore prechecks nothing that can fail with IgnoreDup, so it is all or
// nothing too.
func (s *Store) Write(ctx context.Context, x *schema.Extraction) (WriteResult, error) {
	res, err := s.WriteBatch(ctx, []*schema.Extraction{x})
	return res[0], err
}

// apply adds quads in one ApplyDeltas call, ignoring quads already stored.
// On bolt it then drops the pages the transaction read from the resident
// set if they are over budget (releaseIfOver), so that a long build's RSS
// does not grow with the store.
func (s *Store) apply(quads []quad.Quad) error {
	deltas := make([]cgraph.Delta, len(quads))
	for i, q := range quads {
		deltas[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
	}
	if err := s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
		return err
	}
	_ = releaseIfOver(s.bolt) // best effort: on failure the pages only stay resident
	return nil
}

// HasDocument reports whether the document with id is stored.
func (s *Store) HasDocument(ctx context.Context, id string) (bool, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.hasDocument(ctx, id)
}

// hasDocument is HasDocument for a caller holding s.mu.
func (s *Store) hasDocument(ctx context.Context, id string) (bool, error) {
	it := path.StartPath(s.qs, DocumentIRI(id)).Out(iriType).Is(iriDocument).BuildIterator()
	defer it.Close()
	n, err := cgraph.Iterate(ctx, it).Limit(1).Count()
	if err != nil {
		return false, fmt.Errorf("graph: look up document %s: %w", id, err)
	}
	return n > 0, nil
}

// quadBuilder collects the quads of one extraction.
type quadBuilder struct {
	quads []quad.Quad
	label quad.Value
	edges map[quad.Quad]bool // the direct edges, each once
	// renamed maps a name this document gives an entity to the entity's
	// <name>, where they differ: a statement's <attributed_to> and
	// qualifiers give the entity's name, as Consolidate keeps them.
	renamed map[string]string
}

// name is the name a statement gives for s: the entity's, if s is what
// this document calls an entity by another name.
func (b *quadBuilder) name(s string) string {
	if n, ok := b.renamed[s]; ok {
		return n
	}
	return s
}

// edge adds a direct edge (labelled with the document).
func (b *quadBuilder) edge(s, p, o quad.Value) {
	q := quad.Quad{Subject: s, Predicate: p, Object: o, Label: b.label}
	if !b.edges[q] {
		b.edges[q] = true
		b.quads = append(b.quads, q)
	}
}

func (b *quadBuilder) add(s quad.Value, p string, o quad.Value, label quad.Value) {
	b.quads = append(b.quads, quad.Quad{Subject: s, Predicate: prop(p), Object: o, Label: label})
}

// doc adds a labelled quad; empty string literals are skipped.
func (b *quadBuilder) doc(s quad.Value, p string, o quad.Value) {
	if str, ok := o.(quad.String); ok && str == "" {
		return
	}
	b.add(s, p, o, b.label)
}

// extractionQuads maps an extraction to quads (see the package
// documentation). names holds the stored names of entities, so that a
// second spelling with the same id becomes an alias instead of a second name.
// dups are stored near-duplicates found by Write, linked like
// Document.Duplicates.
func extractionQuads(x *schema.Extraction, names map[string]string, dups []string) []quad.Quad {
	d := x.Document
	docIRI := DocumentIRI(d.ID)
	b := &quadBuilder{label: docIRI, edges: make(map[quad.Quad]bool), quads: make([]quad.Quad, 0, 16+4*len(x.Entities)+16*len(x.Relations)+6*len(x.Quotes))}

	b.doc(docIRI, schema.PropType, iriDocument)
	for _, kv := range []struct{ p, v string }{
		{schema.PropTitle, d.Title}, {schema.PropSubtitle, d.Subtitle}, {schema.PropAuthor, d.Author},
		{schema.PropDate, d.Date}, {schema.PropSource, d.Source}, {schema.PropURL, d.URL},
		{schema.PropDateline, d.Dateline}, {schema.PropPublisher, d.Publisher},
	} {
		b.doc(docIRI, kv.p, quad.String(kv.v))
	}
	for _, e := range d.Editors {
		b.doc(docIRI, schema.PropEditor, quad.String(e))
	}
	if sig := d.Signature.String(); sig != "" {
		b.doc(docIRI, schema.PropSignature, quad.String(sig))
		for _, k := range dedup.Bands(d.Signature) {
			b.doc(docIRI, schema.PropLSH, quad.String(k))
		}
	}
	for _, dup := range append(slices.Clone(d.Duplicates), dups...) {
		if dup != "" && dup != d.ID {
			// each link is labelled with the document it is about, so
			// that the pair is stored alike whichever came first
			b.doc(docIRI, schema.PropDuplicateOf, DocumentIRI(dup))
			b.add(DocumentIRI(dup), schema.PropDuplicateOf, docIRI, DocumentIRI(dup))
		}
	}

	for _, e := range docEntities(x.Entities) {
		b.entity(e, names)
		ei := EntityIRI(e.ID)
		b.doc(ei, schema.PropMentionedIn, docIRI)
		b.doc(ei, schema.PropMentions, quad.Int(e.Mentions))
	}
	for _, r := range x.Relations {
		b.relation(r, d.ID)
	}
	for _, q := range x.Quotes {
		b.quote(q, d.ID)
	}
	b.doc(docIRI, PropEdgeCount, quad.Int(len(b.edges)))
	return uniqueQuads(b.quads)
}

// uniqueQuads drops repeated quads, keeping the first of each.
func uniqueQuads(quads []quad.Quad) []quad.Quad {
	seen := make(map[quad.Quad]bool, len(quads))
	out := quads[:0]
	for _, q := range quads {
		if !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	return out
}

// docEntity is an entity of one document with the names the document
// gives it: a document may name one entity in two spellings of one id
// ("CalFed Inc", "CalFed Inc."), which the store keeps as one node with
// one count of mentions.
type docEntity struct {
	schema.Entity
	names []string // sorted, distinct
}

// docEntities joins the entities of a document that have one id: their
// mentions summed, their names and aliases together.
func docEntities(ents []schema.Entity) []docEntity {
	var out []docEntity
	at := make(map[string]int, len(ents))
	for _, e := range ents {
		i, ok := at[e.ID]
		if !ok {
			at[e.ID] = len(out)
			out = append(out, docEntity{Entity: e})
			if e.Name != "" {
				out[len(out)-1].names = []string{e.Name}
			}
			continue
		}
		d := &out[i]
		d.Mentions += e.Mentions
		d.Aliases = append(slices.Clone(d.Aliases), e.Aliases...)
		if e.Name != "" && !slices.Contains(d.names, e.Name) {
			d.names = append(d.names, e.Name)
			slices.Sort(d.names)
		}
	}
	return out
}

// entity adds the global (unlabelled) quads of an entity node, and the
// names the document gives it where they are not its <name> (<named>,
// labelled: the registry counts the documents of each spelling).
func (b *quadBuilder) entity(e docEntity, names map[string]string) {
	ei := EntityIRI(e.ID)
	name, ok := names[e.ID]
	if !ok && e.Name != "" {
		name = e.Name
		names[e.ID] = name
		b.add(ei, schema.PropName, quad.String(name), nil)
	}
	if len(e.names) > 1 || len(e.names) == 1 && e.names[0] != name {
		for _, n := range e.names {
			if n != name {
				b.add(ei, schema.PropAlias, quad.String(n), nil)
				if b.renamed == nil {
					b.renamed = map[string]string{}
				}
				b.renamed[n] = name
			}
			b.add(ei, PropNamed, quad.String(n), b.label)
		}
	}
	if e.Class != "" {
		b.add(ei, schema.PropType, quad.IRI(e.Class), nil)
	}
	for _, a := range e.Aliases {
		if a != "" && a != name {
			b.add(ei, schema.PropAlias, quad.String(a), nil)
		}
	}
}

// node returns the entity IRI when id is set, else the literal text.
func node(id, text string) quad.Value {
	if id != "" {
		return EntityIRI(id)
	}
	return quad.String(text)
}

// relation adds one statement node per evidence entry and, for asserted
// positive facts with an entity subject, the direct edge(s).
//
// A relation without a predicate is skipped: it cannot be a quad.
func (b *quadBuilder) relation(r schema.Relation, docID string) {
	if r.Predicate == "" {
		return
	}
	subj := node(r.SubjectID, r.Subject)
	obj := node(r.ObjectID, r.Object)
	pred := quad.IRI(r.Predicate)
	for _, ev := range r.Evidence {
		if ev.Document == "" {
			ev.Document = docID
		}
		st := StatementIRI(schema.StatementID(r, ev))
		b.doc(st, schema.PropType, iriStatement)
		b.doc(st, schema.PropSubject, subj)
		b.doc(st, schema.PropPredicate, pred)
		b.doc(st, schema.PropPredicateText, quad.String(r.PredicateText))
		b.doc(st, schema.PropObject, obj)
		b.doc(st, schema.PropObjectKind, quad.String(r.ObjectKind))
		for k, v := range r.Qualifiers {
			b.quads = append(b.quads, quad.Quad{Subject: st, Predicate: qualifierProp(k), Object: quad.String(b.name(v)), Label: b.label})
		}
		if w := r.When; w != nil && w.Text != "" {
			// the date the clause names; a fact without one is dated by its document's <date>
			for k, v := range map[string]string{schema.QualifierDate: w.Value, schema.QualifierDateText: w.Text, schema.QualifierDatePrecision: w.Precision} {
				if v != "" {
					b.quads = append(b.quads, quad.Quad{Subject: st, Predicate: qualifierProp(k), Object: quad.String(v), Label: b.label})
				}
			}
		}
		b.doc(st, schema.PropPolarity, quad.String(r.Polarity))
		b.doc(st, schema.PropModality, quad.String(r.Modality))
		b.doc(st, schema.PropAttributedTo, quad.String(b.name(r.AttributedTo)))
		b.doc(st, schema.PropEvidence, quad.String(ev.Sentence))
		b.doc(st, schema.PropDocument, DocumentIRI(ev.Document))
		b.doc(st, schema.PropStart, quad.Int(ev.Start))
		b.doc(st, schema.PropEnd, quad.Int(ev.End))
		b.doc(st, schema.PropConfidence, quad.Float(r.Confidence))
	}
	if !r.Asserted() || r.SubjectID == "" || (r.ObjectID == "" && r.Object == "") {
		return
	}
	b.edge(subj, pred, obj)
	if schema.IsSymmetric(r.Predicate) && r.ObjectID != "" {
		b.edge(obj, pred, subj)
	}
}

// quote adds the quads of one quote node.
func (b *quadBuilder) quote(q schema.Quote, docID string) {
	doc := q.Document
	if doc == "" {
		doc = docID
	}
	id := q.ID
	if id == "" {
		id = schema.QuoteID(doc, q.Start, q.End)
	}
	qi := QuoteIRI(id)
	b.doc(qi, schema.PropType, iriQuote)
	if q.SpeakerID != "" || q.Speaker != "" {
		b.doc(qi, schema.PropSpeaker, node(q.SpeakerID, q.Speaker))
	}
	b.doc(qi, schema.PropText, quad.String(q.Text))
	if q.Indirect {
		b.doc(qi, schema.PropIndirect, quad.Bool(true))
	}
	b.doc(qi, schema.PropDocument, DocumentIRI(doc))
	b.doc(qi, schema.PropStart, quad.Int(q.Start))
	b.doc(qi, schema.PropEnd, quad.Int(q.End))
}

// literal returns the text of a value: the string of a literal, the IRI
// without brackets, or the value's N-Quads form for anything else.
func literal(v quad.Value) string {
	switch v := v.(type) {
	case quad.String:
		return string(v)
	case quad.IRI:
		return string(v)
	case quad.TypedString:
		return string(v.Value)
	case quad.LangString:
		return string(v.Value)
	case nil:
		return ""
	}
	return v.String()
}
