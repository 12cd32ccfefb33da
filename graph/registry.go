package graph

import (
	"context"
	"fmt"
	"slices"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/path"
	"github.com/cayleygraph/quad"

	"kg/schema"
)

// The entity registry.
//
// A document names an entity as it names it: "Reagan", "President
// Reagan", "Ronald Reagan"; "SEC" or "Securities and Exchange
// Commission"; "Organisation of Petroleum Exporting Countries"; "USAir
// Group Inc". Each name of a class is a node of its own when it is
// written, so a corpus gives one real entity several nodes. The registry
// is what the store knows of every entity node — its spellings and the
// documents that use each, its mentions by class, its documents and
// aliases — and decides which nodes are one entity (decide): the same name
// key (nameKey: spelling, company forms, articles, Organisation/Organization),
// then a short name, an acronym or a variant joining the one entity it is
// unambiguous for. It decides from the sums over all documents, so the
// decision does not depend on the order documents came in; Consolidate
// (merge.go) then rewrites the nodes it joins.
//
// Every fact the registry reads is kept by quads, so it can be read back
// from any store: an entity's documents (<mentioned_in>), mentions per
// document (<mentions>), and, where a document named it otherwise than by
// its <name> or counted its mentions as another class, the name the
// document gave (<named> "U.S." <doc/ID>) and its mentions by class
// (<mentions:Organization> 3 <doc/ID>). A document without them named the
// entity by its <name> and as its class.

// PropNamed is the property of an entity that holds, labelled with a
// document, the name that document gave it, when it is not the entity's
// <name> (see the package documentation).
const PropNamed = "named"

// classMentionsPrefix starts the property that holds, labelled with a
// document, how many of its mentions of the entity were of a class
// ("mentions:Organization"), written when they were not all of the
// entity's class.
const classMentionsPrefix = schema.PropMentions + ":"

var iriNamed = prop(PropNamed)

// classMentionsProp returns the property of the mentions of class c.
func classMentionsProp(c schema.Class) quad.IRI {
	return quad.IRI(classMentionsPrefix + string(c))
}

// classOf returns the index of c in schema.Classes, or -1.
func classOf(c schema.Class) int {
	return slices.Index(schema.Classes, c)
}

// entry is one entity node as the registry knows it.
type entry struct {
	id      string
	class   schema.Class
	name    string          // its <name>
	spell   map[string]int  // spelling → documents that use it
	votes   [3]int          // mentions by class, in the order of schema.Classes
	docs    map[string]bool // ids of the documents that mention it
	aliases map[string]bool // its <alias> values
}

func newEntry(id string, c schema.Class, name string) *entry {
	return &entry{id: id, class: c, name: name, spell: map[string]int{}, docs: map[string]bool{}, aliases: map[string]bool{}}
}

// registry is every entity node of a store, by id.
type registry struct {
	entries map[string]*entry
}

func newRegistry() *registry {
	return &registry{entries: map[string]*entry{}}
}

// observe adds what a stored document says of its entities; names holds
// the <name> of each entity after the document was written.
func (r *registry) observe(x *schema.Extraction, names map[string]string) {
	for _, e := range docEntities(x.Entities) {
		if e.ID == "" {
			continue
		}
		en := r.entries[e.ID]
		if en == nil {
			en = newEntry(e.ID, e.Class, names[e.ID])
			r.entries[e.ID] = en
		}
		for _, n := range e.names {
			en.spell[n]++
		}
		if i := classOf(e.Class); i >= 0 {
			en.votes[i] += e.Mentions
		}
		en.docs[x.Document.ID] = true
		for _, a := range append(slices.Clone(e.names), e.Aliases...) {
			if a != "" && a != en.name {
				en.aliases[a] = true
			}
		}
	}
}

// docForms are what one document says of one entity node: its mentions,
// by class, and the names it gave it.
type docForms struct {
	mentions int
	votes    [3]int
	explicit bool // votes were written as <mentions:CLASS>
	names    []string
}

// nodeQuads is what the quads of an entity node say of it (parseNode).
type nodeQuads struct {
	name    string
	class   schema.Class
	types   []quad.Value // every object of its <type>, finer classes too
	aliases []string
	docs    map[string]*docForms
}

// quadsOf returns the quads with v in direction d.
func (s *Store) quadsOf(ctx context.Context, d quad.Direction, v quad.Value) ([]quad.Quad, error) {
	ref := s.qs.ValueOf(v)
	if ref == nil {
		return nil, nil
	}
	it := s.qs.QuadIterator(d, ref)
	defer it.Close()
	var out []quad.Quad
	err := cgraph.Iterate(ctx, it).Each(func(r cgraph.Ref) {
		out = append(out, s.qs.Quad(r))
		s.readQuads(1)
	})
	if err != nil {
		return nil, fmt.Errorf("read the quads of %s: %w", v, err)
	}
	return out, nil
}

// readQuadsCheck is how many quads the long reads of Consolidate read
// between two looks whether bolt's mapped pages are over budget: each
// quad read faults in a few pages of the index, the log and the values.
const readQuadsCheck = 1 << 10

// readQuads counts n quads read by the caller, which holds s.mu for
// writing (Consolidate), and drops the mapped pages when due: the reads
// of Consolidate go over much of the store, outside any write transaction
// (see mmap.go), and the quads of one common node ("U.S.") are a hundred
// thousand. It may be called inside an iteration: with s.mu held no
// commit can remap the file meanwhile, and the iterator's own read
// transaction holds the map, so no second one is opened
// (releaseMappedInTx).
func (s *Store) readQuads(n int) {
	s.quadsRead += n
	if s.quadsRead >= readQuadsCheck {
		s.quadsRead = 0
		if s.bolt != nil && overBudget() {
			_ = releaseMappedInTx(s.bolt) // best effort: on failure the pages only stay resident
		}
	}
}

// entryOf makes the registry entry of a node read from the store.
func entryOf(id string, n *nodeQuads) *entry {
	en := newEntry(id, n.class, n.name)
	for d, f := range n.docs {
		en.docs[d] = true
		for _, name := range slices.Compact(slices.Sorted(slices.Values(f.names))) {
			en.spell[name]++
		}
		for i, v := range f.votes {
			en.votes[i] += v
		}
	}
	for _, a := range n.aliases {
		en.aliases[a] = true
	}
	return en
}

// loadRegistry reads the registry of every entity node of the store: the
// nodes of each class from the object index, then each node's own quads.
// It reads every entity quad once (about 7 s on Reuters-21578's 33,000
// entities on bolt).
func (s *Store) loadRegistry(ctx context.Context) (*registry, error) {
	r := newRegistry()
	for _, c := range schema.Classes {
		nodes, err := path.StartPath(s.qs, quad.IRI(c)).In(iriType).Iterate(ctx).AllValues(s.qs)
		if err != nil {
			return nil, fmt.Errorf("list the entities of class %s: %w", c, err)
		}
		for _, v := range nodes {
			id := literal(v)
			if _, ok := r.entries[id]; ok {
				continue
			}
			n, _, _, err := s.readNodeAll(ctx, id, false)
			if err != nil {
				return nil, err
			}
			r.entries[id] = entryOf(id, n)
		}
	}
	return r, nil
}
