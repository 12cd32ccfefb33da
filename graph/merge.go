package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/path"
	"github.com/cayleygraph/quad"

	"kg/schema"
)

// ConsolidateResult reports what Consolidate changed.
type ConsolidateResult struct {
	Merged    int // entity nodes joined into another entity's node (or renamed by a change of name or class)
	Renamed   int // entity nodes that kept their id but changed their <name>
	Dissolved int // nodes named only by a generic word, removed
	Deleted   int // quads deleted
	Added     int // quads added
}

// Consolidate makes one node of each real entity the store names with
// several: the entity registry (registry.go) decides from what every
// document says which nodes are one entity, with which name and class,
// and Consolidate rewrites the store to match, in one transaction.
//
// A node that joins another gives it every quad it is part of: its
// <mentioned_in>, <mentions> (summed per document), names and aliases
// (its <name> stays an alias, so a query by that name still finds the
// entity), the direct facts from and to it, the <subject>, <object> and
// <attributed_to> of statements and qualifiers that name it, and the
// <speaker> of quotes; each document's <edge_count> and the running
// totals follow. The entity's <name> is the spelling of most documents
// among its fullest names, its class the one of most mentions: both
// sums over all documents, so the result does not depend on the order in
// which documents were written. A node named only by a generic word ("Co",
// "the Bank", "Commission") is removed: in each of its documents it joins
// the one entity the document names with that word as head, or becomes
// text.
//
// Consolidate reads the registry of the whole store when this Store has
// not followed every write (a store written before it was opened, or by
// Import), 5–10 s on Reuters-21578 on bolt; afterwards it follows the
// writes. Calling it again without new documents changes nothing.
func (s *Store) Consolidate(ctx context.Context) (ConsolidateResult, error) {
	var res ConsolidateResult
	if s.readOnly {
		return res, ErrReadOnly
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	reg := s.reg
	if reg == nil {
		var err error
		if reg, err = s.loadRegistry(ctx); err != nil {
			return res, fmt.Errorf("graph: consolidate: %w", err)
		}
	}
	p := reg.decide()
	if len(p.clusters) > 0 || len(p.generic) > 0 {
		rw, err := s.rewrite(ctx, p)
		if err != nil {
			return res, fmt.Errorf("graph: consolidate: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if err := s.applyRewrite(ctx, rw); err != nil {
			return res, fmt.Errorf("graph: consolidate: %w", err)
		}
		res = rw.result
		rw.update(reg)
	}
	if s.exclusive {
		s.reg = reg
	}
	return res, nil
}

// rewriting is a rewrite of the store: the quads to delete and to add,
// what the totals gain, and the registry entries it makes.
type rewriting struct {
	del, add []quad.Quad
	delta    counts
	result   ConsolidateResult
	gone     []string          // ids of entries that no longer exist
	entries  map[string]*entry // entries of the surviving nodes
}

// update makes the registry match the rewritten store.
func (rw *rewriting) update(r *registry) {
	for _, id := range rw.gone {
		delete(r.entries, id)
	}
	for id, e := range rw.entries {
		r.entries[id] = e
	}
}

// target is what an entity node becomes in one document: another node,
// or text.
type target struct {
	id   string // the node; "" for text
	text string
}

// remap maps entity nodes to what they become.
type remap struct {
	to      map[string]string            // member id → its cluster's id (all documents)
	perDoc  map[string]map[string]target // generic id → document → target
	renamed map[string]string            // new id → its name
}

// node maps an entity IRI in a quad labelled doc; ok is false when it does
// not change.
func (m *remap) node(v quad.Value, doc string) (quad.Value, bool) {
	iri, isIRI := v.(quad.IRI)
	if !isIRI {
		return v, false
	}
	id := string(iri)
	if to, ok := m.to[id]; ok {
		return EntityIRI(to), true
	}
	if docs, ok := m.perDoc[id]; ok {
		t := docs[doc]
		if t.id != "" {
			return EntityIRI(t.id), true
		}
		return quad.String(t.text), true
	}
	return v, false
}

// rewrite computes the rewrite of plan p: it reads every quad of the
// nodes that change and builds their replacements.
func (s *Store) rewrite(ctx context.Context, p *mergePlan) (*rewriting, error) {
	rw := &rewriting{entries: map[string]*entry{}}
	m := &remap{to: map[string]string{}, perDoc: map[string]map[string]target{}, renamed: map[string]string{}}
	nodes := map[string]*nodeQuads{}
	var oldQuads, facts []quad.Quad
	read := func(id string, withFacts bool) error {
		n, own, out, err := s.readNodeAll(ctx, id, withFacts)
		if err != nil {
			return err
		}
		nodes[id] = n
		oldQuads = append(oldQuads, own...)
		facts = append(facts, out...)
		return nil
	}
	for _, f := range p.clusters {
		m.renamed[f.id] = f.name
		for _, mem := range f.members {
			if mem.id != f.id {
				m.to[mem.id] = f.id
				rw.result.Merged++
			} else if mem.name != f.name {
				rw.result.Renamed++
			}
			if err := read(mem.id, mem.id != f.id); err != nil {
				return nil, err
			}
		}
	}
	for _, g := range p.generic {
		if err := read(g.entry.id, true); err != nil {
			return nil, err
		}
		n := nodes[g.entry.id]
		docs := map[string]target{}
		for d, forms := range n.docs {
			if f, ok := g.to[d]; ok {
				docs[d] = target{id: f.id}
			} else {
				docs[d] = target{text: firstName(forms.names, n.name)}
			}
		}
		m.perDoc[g.entry.id] = docs
		rw.result.Dissolved++
	}

	var newQuads []quad.Quad
	for _, f := range p.clusters {
		own := clusterQuads(f, nodes)
		newQuads = append(newQuads, own...)
		n, _, _ := parseNode(own)
		rw.entries[f.id] = entryOf(f.id, n)
		for _, mem := range f.members {
			if mem.id != f.id {
				rw.gone = append(rw.gone, mem.id)
			}
		}
	}
	for _, g := range p.generic {
		rw.gone = append(rw.gone, g.entry.id)
	}

	edges := newEdgeChanges()
	seen := map[quad.Quad]bool{}
	for _, q := range facts {
		if seen[q] {
			continue
		}
		seen[q] = true
		oldQuads = append(oldQuads, q)
		nq, extra, keep := m.fact(q)
		newQuads = append(newQuads, extra...)
		if isDirectEdge(q) {
			edges.old(q)
		}
		if extra != nil {
			oldQuads = append(oldQuads, objectKindQuad(q, schema.EntityObject))
		}
		if keep {
			newQuads = append(newQuads, nq)
			if isDirectEdge(nq) {
				edges.image(nq)
			}
		}
	}
	renames, err := s.literalRenames(ctx, p, nodes)
	if err != nil {
		return nil, err
	}
	for _, r := range renames {
		oldQuads = append(oldQuads, r[0])
		newQuads = append(newQuads, r[1])
	}
	counted, err := s.edgeCounts(ctx, edges)
	if err != nil {
		return nil, err
	}
	oldQuads = append(oldQuads, counted.del...)
	newQuads = append(newQuads, counted.add...)
	rw.delta.Facts = counted.facts

	rw.del, rw.add = diffQuads(oldQuads, newQuads)
	for _, q := range rw.del {
		rw.delta.addClass(q, -1)
	}
	for _, q := range rw.add {
		rw.delta.addClass(q, +1)
	}
	rw.result.Deleted, rw.result.Added = len(rw.del), len(rw.add)
	return rw, nil
}

// addClass counts an entity's <type> quad into the totals.
func (c *counts) addClass(q quad.Quad, sign int64) {
	if q.Predicate != iriType || q.Label != nil {
		return
	}
	for _, cc := range classCounts[1:4] {
		if q.Object == cc.class {
			*cc.field(c) += sign
		}
	}
}

func firstName(names []string, fallback string) string {
	if len(names) > 0 {
		return slices.Min(names)
	}
	return fallback
}

// readNodeAll reads an entity node: what describes it (parsed, and its
// quads) and, with facts, every other quad it is part of.
func (s *Store) readNodeAll(ctx context.Context, id string, facts bool) (*nodeQuads, []quad.Quad, []quad.Quad, error) {
	quads, err := s.quadsOf(ctx, quad.Subject, EntityIRI(id))
	if err != nil {
		return nil, nil, nil, err
	}
	n, own, out := parseNode(quads)
	if !facts {
		return n, own, nil, nil
	}
	in, err := s.quadsOf(ctx, quad.Object, EntityIRI(id))
	if err != nil {
		return nil, nil, nil, err
	}
	return n, own, append(out, in...), nil
}

// clusterQuads are the quads that describe the node of a cluster after
// consolidation: its name, class and aliases, and per document its
// mentions, the names the document gave it and its mentions by class where
// they are not its name and class.
func clusterQuads(f *finalCluster, nodes map[string]*nodeQuads) []quad.Quad {
	node := EntityIRI(f.id)
	var out []quad.Quad
	global := func(p quad.IRI, o quad.Value) {
		out = append(out, quad.Quad{Subject: node, Predicate: p, Object: o})
	}
	global(iriName, quad.String(f.name))
	global(iriType, quad.IRI(f.class))
	aliases := map[string]bool{}
	types := map[quad.Value]bool{}
	docs := map[string]*docForms{}
	addForms := func(d string, forms *docForms) {
		to := docs[d]
		if to == nil {
			to = &docForms{}
			docs[d] = to
		}
		to.mentions += forms.mentions
		for i, v := range forms.votes {
			to.votes[i] += v
		}
		to.names = append(to.names, forms.names...)
		for _, n := range forms.names {
			aliases[n] = true
		}
	}
	for _, mem := range f.members {
		n := nodes[mem.id]
		aliases[n.name] = true
		for _, a := range n.aliases {
			aliases[a] = true
		}
		for _, t := range n.types {
			if classOf(schema.Class(literal(t))) < 0 {
				types[t] = true
			}
		}
		for d, forms := range n.docs {
			addForms(d, forms)
		}
	}
	for _, part := range f.parts {
		if forms := nodes[part.entry.id].docs[part.doc]; forms != nil {
			addForms(part.doc, forms)
		}
	}
	for _, t := range slices.SortedFunc(func(yield func(quad.Value) bool) {
		for t := range types {
			if !yield(t) {
				return
			}
		}
	}, func(a, b quad.Value) int { return strings.Compare(a.String(), b.String()) }) {
		global(iriType, t)
	}
	for _, a := range sortedKeys(aliases) {
		if a != "" && a != f.name {
			global(iriAlias, quad.String(a))
		}
	}
	class := classOf(f.class)
	for _, d := range sortedKeys(docs) {
		forms := docs[d]
		label := DocumentIRI(d)
		doc := func(p quad.IRI, o quad.Value) {
			out = append(out, quad.Quad{Subject: node, Predicate: p, Object: o, Label: label})
		}
		doc(prop(schema.PropMentionedIn), label)
		doc(prop(schema.PropMentions), quad.Int(forms.mentions))
		if forms.votes[class] != forms.mentions {
			for i, v := range forms.votes {
				if v > 0 {
					doc(classMentionsProp(schema.Classes[i]), quad.Int(v))
				}
			}
		}
		names := slices.Compact(slices.Sorted(slices.Values(forms.names)))
		if len(names) != 1 || names[0] != f.name {
			for _, n := range names {
				doc(iriNamed, quad.String(n))
			}
		}
	}
	return out
}

// parseNode sorts the quads whose subject is an entity node into what
// describes it (parsed, and its quads) and its facts.
func parseNode(quads []quad.Quad) (*nodeQuads, []quad.Quad, []quad.Quad) {
	n := &nodeQuads{docs: map[string]*docForms{}}
	var own, facts []quad.Quad
	doc := func(q quad.Quad) *docForms {
		d := strings.TrimPrefix(literal(q.Label), docPrefix)
		f := n.docs[d]
		if f == nil {
			f = &docForms{}
			n.docs[d] = f
		}
		return f
	}
	for _, q := range quads {
		p, _ := q.Predicate.(quad.IRI)
		switch {
		case p == iriName:
			n.name = literal(q.Object)
		case p == iriAlias:
			n.aliases = append(n.aliases, literal(q.Object))
		case p == iriType:
			n.types = append(n.types, q.Object)
			if c := schema.Class(literal(q.Object)); classOf(c) >= 0 && n.class == "" {
				n.class = c
			}
		case p == prop(schema.PropMentionedIn):
			doc(q)
		case p == prop(schema.PropMentions):
			doc(q).mentions += int(number(q.Object))
		case p == iriNamed:
			f := doc(q)
			f.names = append(f.names, literal(q.Object))
		case strings.HasPrefix(string(p), classMentionsPrefix):
			i := classOf(schema.Class(strings.TrimPrefix(string(p), classMentionsPrefix)))
			if i < 0 {
				facts = append(facts, q)
				continue
			}
			f := doc(q)
			f.votes[i] += int(number(q.Object))
			f.explicit = true
		default:
			facts = append(facts, q)
			continue
		}
		own = append(own, q)
	}
	// A document that wrote no <named> or <mentions:CLASS> named the
	// entity by its name, as its class.
	for _, f := range n.docs {
		if len(f.names) == 0 && n.name != "" {
			f.names = []string{n.name}
		}
		if !f.explicit {
			if i := classOf(n.class); i >= 0 {
				f.votes[i] = f.mentions
			}
		}
	}
	return n, own, facts
}

// isDirectEdge reports whether q is a direct fact edge: an entity subject,
// a document label, a fact predicate.
func isDirectEdge(q quad.Quad) bool {
	s, ok := q.Subject.(quad.IRI)
	if !ok || q.Label == nil || isStoreNode(string(s)) {
		return false
	}
	p, _ := q.Predicate.(quad.IRI)
	switch string(p) {
	case schema.PropMentionedIn, schema.PropMentions, PropNamed:
		return false
	}
	return !strings.HasPrefix(string(p), classMentionsPrefix)
}

// isStoreNode reports whether an IRI is a document, statement or quote.
func isStoreNode(iri string) bool {
	return strings.HasPrefix(iri, docPrefix) || strings.HasPrefix(iri, stmtPrefix) || strings.HasPrefix(iri, quotePrefix)
}

// fact maps a quad an entity node that changes is part of (but not one
// that describes it). It returns the new quad and whether to keep it (a
// direct edge from a node that became text is no fact any more), and, for
// a statement whose object became text, the <object_kind> that says so.
func (m *remap) fact(q quad.Quad) (quad.Quad, []quad.Quad, bool) {
	doc := strings.TrimPrefix(literal(q.Label), docPrefix)
	nq := q
	subj, sChanged := m.node(q.Subject, doc)
	if sChanged {
		if _, isText := subj.(quad.String); isText {
			return q, nil, false
		}
		nq.Subject = subj
	}
	obj, oChanged := m.node(q.Object, doc)
	var extra []quad.Quad
	if oChanged {
		nq.Object = obj
		if _, isText := obj.(quad.String); isText && q.Predicate == prop(schema.PropObject) {
			extra = []quad.Quad{objectKindQuad(q, schema.LiteralObject)}
		}
	}
	return nq, extra, true
}

// objectKindQuad is the <object_kind> quad of the statement of q.
func objectKindQuad(q quad.Quad, kind schema.ObjectKind) quad.Quad {
	return quad.Quad{Subject: q.Subject, Predicate: prop(schema.PropObjectKind), Object: quad.String(kind), Label: q.Label}
}

// literalRenames renames, in the documents of every node that joins
// another or changes its name, the statements' <attributed_to> and
// qualifiers that give one of its old names: each pair is the old quad
// and the new.
func (s *Store) literalRenames(ctx context.Context, p *mergePlan, nodes map[string]*nodeQuads) ([][2]quad.Quad, error) {
	olds := map[string]map[string]string{} // old name → document → new name
	for _, f := range p.clusters {
		for _, mem := range f.members {
			n := nodes[mem.id]
			for d, forms := range n.docs {
				for _, name := range append([]string{n.name}, forms.names...) {
					if name == f.name || name == "" {
						continue
					}
					if olds[name] == nil {
						olds[name] = map[string]string{}
					}
					olds[name][d] = f.name
				}
			}
		}
	}
	var out [][2]quad.Quad
	for _, name := range sortedKeys(olds) {
		quads, err := s.quadsOf(ctx, quad.Object, quad.String(name))
		if err != nil {
			return nil, err
		}
		for _, q := range quads {
			p, _ := q.Predicate.(quad.IRI)
			if !renamable(string(p)) {
				continue
			}
			to, ok := olds[name][strings.TrimPrefix(literal(q.Label), docPrefix)]
			if !ok {
				continue
			}
			nq := q
			nq.Object = quad.String(to)
			out = append(out, [2]quad.Quad{q, nq})
		}
	}
	return out, nil
}

// renamable reports whether a statement property holds an entity's name
// as text: <attributed_to>, and the qualifiers but the date's.
func renamable(p string) bool {
	if p == schema.PropAttributedTo {
		return true
	}
	k, ok := qualifierKey(p)
	return ok && k != schema.QualifierDate && k != schema.QualifierDateText && k != schema.QualifierDatePrecision
}

// edgeChanges are the direct edges a rewrite deletes and adds, by document.
type edgeChanges struct {
	olds, images map[string]map[quad.Quad]bool
}

func newEdgeChanges() *edgeChanges {
	return &edgeChanges{olds: map[string]map[quad.Quad]bool{}, images: map[string]map[quad.Quad]bool{}}
}

func (e *edgeChanges) old(q quad.Quad)   { addTo(e.olds, q) }
func (e *edgeChanges) image(q quad.Quad) { addTo(e.images, q) }

func addTo(m map[string]map[quad.Quad]bool, q quad.Quad) {
	d := literal(q.Label)
	if m[d] == nil {
		m[d] = map[quad.Quad]bool{}
	}
	m[d][q] = true
}

// edgeCount is the new <edge_count> quads of the documents whose edges
// change, and how many facts the store gains (negative: loses).
type edgeCount struct {
	del, add []quad.Quad
	facts    int64
}

// edgeCounts recounts the direct edges of each document whose edges
// change: an edge that now equals another of the document is one edge.
func (s *Store) edgeCounts(ctx context.Context, e *edgeChanges) (edgeCount, error) {
	var out edgeCount
	for _, d := range sortedKeys(e.olds) {
		olds, images := e.olds[d], e.images[d]
		change := 0
		for q := range olds {
			if !images[q] {
				change--
			}
		}
		for q := range images {
			if olds[q] {
				continue
			}
			has, err := s.hasQuad(ctx, q)
			if err != nil {
				return out, err
			}
			if !has {
				change++
			}
		}
		if change == 0 {
			continue
		}
		s.readQuads(len(images) + 1)
		doc := quad.IRI(d)
		vals, err := path.StartPath(s.qs, doc).Out(iriEdgeCount).Iterate(ctx).AllValues(s.qs)
		if err != nil {
			return out, fmt.Errorf("read the edge count of %s: %w", d, err)
		}
		if len(vals) == 0 {
			continue // a store written before edge counts
		}
		n := int64(number(vals[0]))
		out.del = append(out.del, quad.Quad{Subject: doc, Predicate: iriEdgeCount, Object: vals[0], Label: doc})
		out.add = append(out.add, quad.Quad{Subject: doc, Predicate: iriEdgeCount, Object: quad.Int(n + int64(change)), Label: doc})
		out.facts += int64(change)
	}
	return out, nil
}

// hasQuad reports whether q is stored, with its label.
func (s *Store) hasQuad(ctx context.Context, q quad.Quad) (bool, error) {
	n, err := path.StartPath(s.qs, q.Subject).LabelContext(q.Label).Out(q.Predicate).Is(q.Object).Iterate(ctx).Limit(1).Count()
	if err != nil {
		return false, fmt.Errorf("look up %s: %w", q, err)
	}
	return n > 0, nil
}

// diffQuads returns the quads of old not in new (to delete) and of new not
// in old (to add), each once.
func diffQuads(old, new []quad.Quad) (del, add []quad.Quad) {
	inOld := make(map[quad.Quad]bool, len(old))
	for _, q := range old {
		inOld[q] = true
	}
	inNew := make(map[quad.Quad]bool, len(new))
	for _, q := range new {
		if !inNew[q] {
			inNew[q] = true
			if !inOld[q] {
				add = append(add, q)
			}
		}
	}
	for q := range inOld {
		if !inNew[q] {
			del = append(del, q)
		}
	}
	return del, add
}

// refPadding works around Cayley v0.7.7's KV store in a transaction that
// both deletes and adds quads: it nets each value's reference count over
// the whole transaction (graph/log.SplitDeltas), and resolves the values
// of added quads only among those whose net count does not fall
// (kv.applyAddDeltas), so that a quad added with a value that more quads
// lose than gain — <mentions>, when a merge sums two of them into one —
// is stored with no value in that place. Repeating an added quad that
// holds such a value enough times evens its count: the store inserts each
// quad once, and the value's count only stays higher than its quads, so
// it is never dropped while in use.
func refPadding(add, del []quad.Quad) []cgraph.Delta {
	net := map[quad.Value]int{}
	first := map[quad.Value]quad.Quad{}
	for _, q := range add {
		for _, d := range quad.Directions {
			if v := q.Get(d); v != nil {
				net[v]++
				if _, ok := first[v]; !ok {
					first[v] = q
				}
			}
		}
	}
	for _, q := range del {
		for _, d := range quad.Directions {
			if v := q.Get(d); v != nil {
				net[v]--
			}
		}
	}
	var out []cgraph.Delta
	for _, v := range slices.SortedFunc(func(yield func(quad.Value) bool) {
		for v, n := range net {
			if _, added := first[v]; added && n < 0 && !yield(v) {
				return
			}
		}
	}, func(a, b quad.Value) int { return strings.Compare(a.String(), b.String()) }) {
		for range -net[v] {
			out = append(out, cgraph.Delta{Quad: first[v], Action: cgraph.Add})
		}
	}
	return out
}

// rewriteChunk is how many quads one transaction of a rewrite on bolt
// adds or deletes: a tenth of what a batch of new documents writes, since
// a rewrite's quads touch the largest values of the store (the quads of
// its most common nodes) and its commits copy them.
const rewriteChunk = 1 << 12

// applyRewrite deletes and adds the quads of a rewrite, with the running
// totals. On bolt it does so in transactions of rewriteChunk quads, the
// additions first, with the totals dropped in the first and written in the
// last: a bolt transaction holds every page it changes in memory until it
// commits, and Reuters-21578's rewrite (140,000 quads, whose values lie in
// hash buckets all over the file) in one transaction held about 800 MB of
// them. Adding first also keeps every value in use counted while the
// deletions run, so no transaction mixes the two (see refPadding). A run
// stopped between two transactions leaves the store without totals (Stats
// counts them again) and with some nodes joined; Consolidate joins the
// rest the next time.
func (s *Store) applyRewrite(ctx context.Context, rw *rewriting) error {
	kv, chunked := s.totals.(*kvTotals)
	if !chunked || len(rw.add)+len(rw.del) <= rewriteChunk {
		return s.applyRewriteOnce(ctx, rw)
	}
	c, err := s.currentCounts(ctx)
	if err != nil {
		return err
	}
	c.add(rw.delta)
	var chunks [][]cgraph.Delta
	for _, part := range []struct {
		quads  []quad.Quad
		action cgraph.Procedure
	}{{rw.add, cgraph.Add}, {rw.del, cgraph.Delete}} {
		for qs := range slices.Chunk(part.quads, rewriteChunk) {
			deltas := make([]cgraph.Delta, len(qs))
			for i, q := range qs {
				deltas[i] = cgraph.Delta{Quad: q, Action: part.action}
			}
			chunks = append(chunks, deltas)
		}
	}
	for i, deltas := range chunks {
		write := func() error {
			return s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
		}
		var err error
		switch i {
		case 0:
			err = kv.within(nil, write)
		case len(chunks) - 1:
			err = kv.within(&c, write)
		default:
			err = write()
		}
		if err != nil {
			return err
		}
		_ = releaseIfOver(s.bolt) // best effort: on failure the pages only stay resident
	}
	return nil
}

// applyRewriteOnce deletes and adds the quads of a rewrite in one
// transaction, with the running totals.
func (s *Store) applyRewriteOnce(ctx context.Context, rw *rewriting) error {
	deltas := make([]cgraph.Delta, 0, len(rw.del)+len(rw.add))
	for _, q := range rw.add {
		deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
	}
	deltas = append(deltas, refPadding(rw.add, rw.del)...)
	for _, q := range rw.del {
		deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
	}
	write := func() error {
		return s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
	}
	if s.totals == nil {
		return write()
	}
	c, err := s.currentCounts(ctx)
	if err != nil {
		return err
	}
	c.add(rw.delta)
	return s.totals.change(ctx, s, &c, write)
}
