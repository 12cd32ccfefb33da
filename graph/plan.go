package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/shape"
	"github.com/cayleygraph/quad"
)

// Query plans on Cayley's KV stores (bolt).
//
// g.V().Has("<name>","X").Out("<meet>") is, as a Cayley shape,
//
//	NodesFrom{Object, Quads{Predicate: <meet>, Subject: NodesFrom{Subject, Quads{Object: "X", Predicate: <name>}}}}
//
// and Cayley v0.7.7 builds it on its KV quad store as
//
//	HasA(object, And(LinksTo(subject, HasA(subject, And(Quads(object "X"), Quads(predicate <name>)))), Quads(predicate <meet>)))
//
// A KV store keeps two indexes, (subject, predicate) and (object,
// predicate, subject), and three things go wrong:
//
//  1. kv.QuadStore.OptimizeShape turns a set of fixed directions into an
//     index scan only when they fill a whole index: (subject, predicate)
//     from an IRI does, but Has's (object, predicate), a prefix of the
//     second index, does not, so Has stays an And of two quad iterators.
//  2. There is no predicate index: Quads(predicate P) is a scan of every
//     quad, sized the store's quad count, while a prefix scan is guessed
//     at half the store and a LinksTo at 20 times its source.
//  3. So the And under Out(<meet>) weighs a LinksTo "of 32 M" against a
//     predicate scan "of 1.6 M", and drives the scan: every quad of the
//     store is read and checked against the name (7 s on 1.6 M quads).
//
// From an IRI, g.V(IRI).Out(P) is one (subject, predicate) index key and
// fast; but the next hop, .Out("<name>"), is again a LinksTo, which reads
// every quad of each node (its whole subject prefix, thousands for a
// well-known entity) to keep the one <name>: 50–100 ms for two hops.
//
// planner wraps the KV store and is the shape.Optimizer Cayley's
// shape.Optimize finds on it, so every query built from shapes (Gizmo
// through Store.Query, kg query and its REPL, kg serve's v1 and v2
// endpoints, GraphQL, path.Path) gets its plans. It turns both shapes —
// a set of quads with fixed directions (QuadsAction) and the quads
// leaving a set of nodes with fixed directions (NodesFrom over a node
// shape) — into a traversal that reads the index by its longest prefix of
// known directions: Has("<name>","X") reads the index key (X, <name>),
// then each node it gives is followed by its key (node, <meet>), and so
// on. A traversal checks membership (Contains) by the same index from the
// other end, and sizes a fixed scan by counting it (up to countCap), so
// that an And around it is driven from the small side.
type planner struct {
	cgraph.QuadStore                // the KV store; everything but planning
	kv               *kv.QuadStore  // the same store
	indexes          []kv.QuadIndex // the store's indexes, as written in its metadata
}

var (
	_ shape.Optimizer       = (*planner)(nil)
	_ cgraph.BatchQuadStore = (*planner)(nil)
)

// countCap bounds how many quads sizing a fixed scan reads; a larger scan
// keeps Cayley's estimate.
const countCap = 256

// fanout is how many quads a traversal expects per source node (Cayley's
// LinksTo guesses 20).
const fanout = 20

// newPlanner wraps a Cayley KV quad store; other stores are returned as
// they are (memstore keeps exact per-direction indexes, and the SQL
// backends plan in SQL).
func newPlanner(qs cgraph.QuadStore, indexes []kv.QuadIndex) cgraph.QuadStore {
	k, ok := qs.(*kv.QuadStore)
	if !ok || len(indexes) == 0 {
		return qs
	}
	return &planner{QuadStore: qs, kv: k, indexes: indexes}
}

// ValuesOf looks up many values at once, as the KV store does.
func (p *planner) ValuesOf(ctx context.Context, vals []cgraph.Ref) ([]quad.Value, error) {
	return p.kv.ValuesOf(ctx, vals)
}

// RefsOf looks up many nodes at once, as the KV store does.
func (p *planner) RefsOf(ctx context.Context, nodes []quad.Value) ([]cgraph.Ref, error) {
	return p.kv.RefsOf(ctx, nodes)
}

// OptimizeShape replaces QuadsAction and NodesFrom shapes that an index
// can drive by traversals; it leaves every other shape to Cayley.
func (p *planner) OptimizeShape(s shape.Shape) (shape.Shape, bool) {
	var t *traversal
	switch s := s.(type) {
	case shape.QuadsAction:
		t = p.fromQuadsAction(s)
	case shape.NodesFrom:
		t = p.fromNodesFrom(s)
	}
	if t == nil {
		return s, false
	}
	return t, true
}

// fromQuadsAction plans a set of quads with fixed directions, or returns
// nil when no index starts with one of them.
func (p *planner) fromQuadsAction(s shape.QuadsAction) *traversal {
	t := &traversal{p: p, goal: s.Result, fixed: make(map[quad.Direction][]cgraph.Ref, len(s.Filter)), save: s.Save}
	for d, v := range s.Filter {
		t.fixed[d] = []cgraph.Ref{v}
	}
	if t.next = p.plan(dirs(t.fixed, quad.Any), quad.Any); t.next.prefix == 0 {
		return nil
	}
	t.contains = p.plan(dirs(t.fixed, t.goal), t.goal)
	return t
}

// fromNodesFrom plans the quads linked to a set of nodes (one filter on a
// shape that is no fixed set) with other directions fixed, or with every
// direction fixed to one or more values, or returns nil when the shape is
// not of that form.
func (p *planner) fromNodesFrom(s shape.NodesFrom) *traversal {
	q, ok := s.Quads.(shape.Quads)
	if !ok {
		return nil
	}
	t := &traversal{p: p, goal: s.Dir, fixed: make(map[quad.Direction][]cgraph.Ref, len(q))}
	seen := make(map[quad.Direction]bool, len(q))
	for _, f := range q {
		if seen[f.Dir] || f.Dir == quad.Any {
			return nil // two constraints on one direction: leave it to Cayley
		}
		seen[f.Dir] = true
		switch v := f.Values.(type) {
		case shape.Fixed:
			t.fixed[f.Dir] = v
			continue
		case shape.Save:
			// Tagged: every node (SaveVia, Out(p, "tag") from every
			// node) or fixed ones (g.V(…).Tag("t").Out(p),
			// Out(p, "tag")) — the quad's value in that direction is
			// the tag's.
			fixed, isFixed := v.From.(shape.Fixed)
			if _, all := v.From.(shape.AllNodes); all || isFixed {
				if t.save == nil {
					t.save = make(map[quad.Direction][]string)
				}
				t.save[f.Dir] = v.Tags
				if isFixed {
					t.fixed[f.Dir] = fixed
				}
				continue
			}
		case shape.AllNodes:
			return nil // a traversal from every node is no better than Cayley's plan
		}
		if t.from != nil || shape.IsNull(f.Values) {
			return nil
		}
		t.from, t.start = f.Values, f.Dir
	}
	if len(t.fixed) == 0 {
		return nil // nothing fixed: a plain LinksTo
	}
	if t.from == nil {
		// All fixed, some to several values (a QuadsAction holds one
		// each): g.V("b01:…", "b02:…").In("<lsh>").
		if t.next = p.plan(dirs(t.fixed, quad.Any), quad.Any); t.next.prefix == 0 {
			return nil
		}
		t.contains = p.plan(dirs(t.fixed, t.goal), t.goal)
		return t
	}
	t.next = p.plan(dirs(t.fixed, t.start), t.start)
	t.contains = p.plan(dirs(t.fixed, t.goal), t.goal)
	return t
}

// dirs returns the directions of fixed, plus also unless it is quad.Any.
func dirs(fixed map[quad.Direction][]cgraph.Ref, also quad.Direction) map[quad.Direction]bool {
	out := make(map[quad.Direction]bool, len(fixed)+1)
	for d := range fixed {
		out[d] = true
	}
	if also != quad.Any {
		out[also] = true
	}
	return out
}

// scanPlan is how a traversal reads quads: from index by its first prefix
// directions (the values of each taken from the fixed sets, or the node
// at hand for the direction that has none), every other constraint checked
// on each quad. prefix 0 means no index fits: the store's QuadIterator on
// the node's direction is read instead.
type scanPlan struct {
	index  kv.QuadIndex
	prefix int
}

// plan picks the index whose leading directions are all known, the most
// of them, and that includes need among them (unless need is quad.Any).
func (p *planner) plan(known map[quad.Direction]bool, need quad.Direction) scanPlan {
	var best scanPlan
	for _, ind := range p.indexes {
		n := 0
		for n < len(ind.Dirs) {
			if !known[ind.Dirs[n]] {
				break
			}
			n++
		}
		if need != quad.Any && !slices.Contains(ind.Dirs[:n], need) {
			continue
		}
		if n > best.prefix {
			best = scanPlan{index: ind, prefix: n}
		}
	}
	return best
}

// traversal is the shape of a planned read: the quads whose fixed
// directions hold one of the fixed values and, when from is set, whose
// start direction holds a node of from; its results are the nodes in the
// goal direction of those quads, one per quad (as Cayley's HasA gives
// them), tagged per save.
type traversal struct {
	p        *planner
	from     shape.Shape // nodes in the start direction; nil: none
	start    quad.Direction
	goal     quad.Direction
	fixed    map[quad.Direction][]cgraph.Ref
	save     map[quad.Direction][]string
	next     scanPlan // for listing: known are fixed (and start)
	contains scanPlan // for Contains: known are fixed and goal
}

var _ shape.Shape = (*traversal)(nil)

// BuildIterator builds the traversal's iterator.
func (t *traversal) BuildIterator(qs cgraph.QuadStore) cgraph.Iterator {
	it := &traversalIt{t: t, size: cgraph.Size{Size: -1}}
	if t.from != nil {
		it.from = cgraph.AsShape(t.from.BuildIterator(qs))
	}
	return cgraph.NewLegacy(it, nil)
}

// Optimize optimizes the source shape.
func (t *traversal) Optimize(r shape.Optimizer) (shape.Shape, bool) {
	if t.from == nil {
		return t, false
	}
	from, ok := t.from.Optimize(r)
	if shape.IsNull(from) {
		return nil, true
	}
	if !ok {
		return t, false
	}
	t2 := *t
	t2.from = from
	return &t2, true
}

// traversalIt is a traversal bound to its source iterator.
type traversalIt struct {
	t    *traversal
	from cgraph.IteratorShape // nil when the traversal has no source
	size cgraph.Size          // counted size of a traversal without source; Size -1 until counted
}

var _ cgraph.IteratorShape = (*traversalIt)(nil)

func (it *traversalIt) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Traversal(%s", it.t.goal)
	if it.from != nil {
		fmt.Fprintf(&b, " from %s", it.t.start)
	}
	dirs := make([]string, 0, len(it.t.fixed))
	for d := range it.t.fixed {
		dirs = append(dirs, d.String())
	}
	slices.Sort(dirs)
	fmt.Fprintf(&b, ", fixed %s, index %s)", strings.Join(dirs, ","), it.t.next)
	return b.String()
}

func (s scanPlan) String() string {
	if s.prefix == 0 {
		return "none"
	}
	dirs := make([]string, s.prefix)
	for i, d := range s.index.Dirs[:s.prefix] {
		dirs[i] = d.String()
	}
	return "[" + strings.Join(dirs, " ") + "]"
}

// Iterate lists the traversal's results.
func (it *traversalIt) Iterate() cgraph.Scanner {
	if it.from == nil {
		n := &traversalNext{cursor: newCursor(it.t, it.t.next, quad.Any)}
		n.reset(nil)
		return n
	}
	n := &traversalNext{cursor: newCursor(it.t, it.t.next, it.t.start)}
	if it.from != nil {
		n.from = it.from.Iterate()
	}
	return n
}

// Lookup checks values against the traversal.
func (it *traversalIt) Lookup() cgraph.Index {
	c := &traversalContains{cursor: newCursor(it.t, it.t.contains, it.t.goal)}
	if it.from != nil {
		c.from = it.from.Lookup()
	}
	return c
}

// Stats sizes a traversal without source by counting its quads (up to
// countCap); one with a source is fanout times the source.
func (it *traversalIt) Stats(ctx context.Context) (cgraph.IteratorCosts, error) {
	if it.from != nil {
		st, err := it.from.Stats(ctx)
		return cgraph.IteratorCosts{
			NextCost:     st.NextCost + 2,
			ContainsCost: 2*st.ContainsCost + 2,
			Size:         cgraph.Size{Size: fanout * st.Size.Size, Exact: false},
		}, err
	}
	var err error
	if it.size.Size < 0 {
		it.size, err = it.count(ctx)
	}
	return cgraph.IteratorCosts{NextCost: 2, ContainsCost: 2, Size: it.size}, err
}

// count counts the quads of a traversal without source, up to countCap;
// beyond it the size is Cayley's guess for a prefix scan (half the store).
func (it *traversalIt) count(ctx context.Context) (cgraph.Size, error) {
	c := newCursor(it.t, it.t.next, quad.Any)
	c.limit = countCap
	c.reset(nil)
	var n int64
	for n < countCap && c.next(ctx) {
		n++
	}
	c.close()
	if err := c.err; err != nil {
		return cgraph.Size{}, err
	}
	if n < countCap {
		return cgraph.Size{Size: n, Exact: len(c.check) == 0}, nil
	}
	return cgraph.Size{Size: max(countCap, 1+it.t.p.kv.Size()/2), Exact: false}, nil
}

// Optimize optimizes the source iterator.
func (it *traversalIt) Optimize(ctx context.Context) (cgraph.IteratorShape, bool) {
	if it.from == nil {
		return it, false
	}
	from, ok := it.from.Optimize(ctx)
	if iterator.IsNull2(from) {
		return cgraph.AsShape(iterator.NewNull()), true
	}
	if !ok {
		return it, false
	}
	return &traversalIt{t: it.t, from: from, size: it.size}, true
}

// SubIterators returns the source iterator, if any.
func (it *traversalIt) SubIterators() []cgraph.IteratorShape {
	if it.from == nil {
		return nil
	}
	return []cgraph.IteratorShape{it.from}
}

// cursor reads the quads of a scanPlan for one value of its variable
// direction (for a traversal without source, once with none), checking on
// each quad the constraints the index prefix does not cover.
type cursor struct {
	t      *traversal
	plan   scanPlan
	vary   quad.Direction                  // the direction whose value reset sets; quad.Any: none
	slot   int                             // vary's position in the index prefix; -1 if not in it
	combos [][]uint64                      // index prefix values; vary's slot left 0
	check  map[quad.Direction]map[any]bool // fixed directions the prefix does not cover

	limit int // read at most this many quads per scan; 0: all

	active bool         // reset was called: there is a value to read for
	value  cgraph.Ref   // the value of vary
	i      int          // next combination to scan
	buf    []cgraph.Ref // the quads of the current scan not yet returned
	quad   cgraph.Ref   // current quad
	err    error
}

// newCursor prepares the reads of plan, vary being the direction whose
// value each reset gives.
func newCursor(t *traversal, plan scanPlan, vary quad.Direction) *cursor {
	c := &cursor{t: t, plan: plan, vary: vary, slot: -1}
	prefix := plan.index.Dirs[:plan.prefix]
	if vary != quad.Any {
		c.slot = slices.Index(prefix, vary)
	}
	covered := make(map[quad.Direction]bool, len(prefix))
	for i, d := range prefix {
		if i != c.slot {
			covered[d] = true
		}
	}
	for d, vals := range t.fixed {
		if covered[d] {
			continue
		}
		set := make(map[any]bool, len(vals))
		for _, v := range vals {
			set[cgraph.ToKey(v)] = true
		}
		if c.check == nil {
			c.check = make(map[quad.Direction]map[any]bool)
		}
		c.check[d] = set
	}
	c.combos = [][]uint64{make([]uint64, len(prefix))}
	for i, d := range prefix {
		if i == c.slot {
			continue
		}
		var next [][]uint64
		for _, v := range t.fixed[d] {
			id, ok := v.(kv.Int64Value)
			if !ok {
				continue // not a node of this store: no quad holds it
			}
			for _, combo := range c.combos {
				combo = slices.Clone(combo)
				combo[i] = uint64(id)
				next = append(next, combo)
			}
		}
		c.combos = next
	}
	return c
}

// reset starts reading the quads for value v of the variable direction.
func (c *cursor) reset(v cgraph.Ref) {
	c.close()
	c.active, c.value, c.i, c.quad = true, v, 0, nil
}

// next advances to the next quad that meets every constraint.
func (c *cursor) next(ctx context.Context) bool {
	for c.active {
		for len(c.buf) > 0 {
			q := c.buf[0]
			c.buf = c.buf[1:]
			if c.matches(q) {
				c.quad = q
				return true
			}
		}
		if !c.open(ctx) {
			c.active = false
		}
	}
	return false
}

// open reads the quads of the next index combination into buf; false when
// none is left or the read failed (err).
//
// A scan is read whole and its bolt read transaction closed before any
// quad is returned: bolt's writer, remapping a growing file, waits for
// every open read transaction and blocks new ones meanwhile, so a
// goroutine that opened a second read transaction while holding a first
// (a traversal scanning one node's quads from inside another's scan)
// would deadlock with a writer in another goroutine — as kg build's
// resolution reads while its writer commits.
func (c *cursor) open(ctx context.Context) bool {
	var scan cgraph.Scanner
	if c.plan.prefix == 0 {
		// No index fits: read the store's own iterator on the value.
		if c.i > 0 || c.value == nil {
			return false
		}
		c.i++
		scan = cgraph.AsShape(c.t.p.kv.QuadIterator(c.vary, c.value)).Iterate()
	} else {
		vals, ok := c.nextCombo()
		if !ok {
			return false
		}
		scan = cgraph.AsShape(kv.NewQuadIterator(c.t.p.kv, c.plan.index, vals)).Iterate()
	}
	defer scan.Close()
	c.buf = c.buf[:0]
	for (c.limit == 0 || len(c.buf) < c.limit) && scan.Next(ctx) {
		c.buf = append(c.buf, scan.Result())
	}
	if err := scan.Err(); err != nil {
		c.err, c.buf = err, nil
		return false
	}
	return true
}

// nextCombo returns the index prefix values of the next combination;
// false when none is left.
func (c *cursor) nextCombo() ([]uint64, bool) {
	if c.i >= len(c.combos) {
		return nil, false
	}
	vals := c.combos[c.i]
	c.i++
	if c.slot >= 0 {
		id, ok := c.value.(kv.Int64Value)
		if !ok {
			return nil, false // not a node of this store: no quad holds it
		}
		vals = slices.Clone(vals)
		vals[c.slot] = uint64(id)
	}
	return vals, true
}

// matches checks the constraints the index prefix does not cover.
func (c *cursor) matches(q cgraph.Ref) bool {
	for d, set := range c.check {
		if !set[cgraph.ToKey(c.t.p.QuadDirection(q, d))] {
			return false
		}
	}
	return true
}

// tagResults fills dst with the saved directions of the current quad.
func (c *cursor) tagResults(dst map[string]cgraph.Ref) {
	if c.quad == nil {
		return
	}
	for d, tags := range c.t.save {
		for _, tag := range tags {
			dst[tag] = c.t.p.QuadDirection(c.quad, d)
		}
	}
}

func (c *cursor) close() {
	c.buf = nil
}

// traversalNext lists a traversal's results: for each source node (or
// once, without source), the goal direction of each of its quads.
type traversalNext struct {
	*cursor
	from   cgraph.Scanner // nil: no source
	result cgraph.Ref
}

func (n *traversalNext) String() string { return "TraversalNext" }

// Next advances to the next result.
func (n *traversalNext) Next(ctx context.Context) bool {
	for {
		if n.cursor.next(ctx) {
			n.result = n.t.p.QuadDirection(n.quad, n.t.goal)
			return true
		}
		if n.err != nil || n.from == nil {
			return false
		}
		if !n.from.Next(ctx) {
			n.err = n.from.Err()
			return false
		}
		n.reset(n.from.Result())
	}
}

// NextPath gives the source's other paths to the same node.
func (n *traversalNext) NextPath(ctx context.Context) bool {
	if n.from == nil {
		return false
	}
	ok := n.from.NextPath(ctx)
	if !ok && n.err == nil {
		n.err = n.from.Err()
	}
	return ok
}

func (n *traversalNext) Result() cgraph.Ref { return n.result }

func (n *traversalNext) TagResults(dst map[string]cgraph.Ref) {
	if n.from != nil {
		n.from.TagResults(dst)
	}
	n.tagResults(dst)
}

func (n *traversalNext) Err() error { return n.err }

func (n *traversalNext) Close() error {
	n.close()
	if n.from != nil {
		if err := n.from.Close(); err != nil && n.err == nil {
			n.err = err
		}
	}
	return n.err
}

// traversalContains checks values against a traversal: a quad with the
// value in the goal direction, the fixed values, and (with a source) a
// source node in the start direction.
type traversalContains struct {
	*cursor
	from   cgraph.Index // nil: no source
	result cgraph.Ref
}

func (c *traversalContains) String() string { return "TraversalContains" }

// Contains reports whether v is a result.
func (c *traversalContains) Contains(ctx context.Context, v cgraph.Ref) bool {
	c.result = nil
	c.reset(v)
	return c.nextContains(ctx)
}

// nextContains advances to the next quad of the current value that
// links it to the source.
func (c *traversalContains) nextContains(ctx context.Context) bool {
	for c.cursor.next(ctx) {
		if c.from != nil && !c.from.Contains(ctx, c.t.p.QuadDirection(c.quad, c.t.start)) {
			if err := c.from.Err(); err != nil {
				c.err = err
				return false
			}
			continue
		}
		c.result = c.value
		return true
	}
	return false
}

// NextPath gives the other paths to the current value: the source's, then
// other quads.
func (c *traversalContains) NextPath(ctx context.Context) bool {
	if c.from != nil {
		if c.from.NextPath(ctx) {
			return true
		}
		if err := c.from.Err(); err != nil {
			c.err = err
			return false
		}
	}
	return c.nextContains(ctx)
}

func (c *traversalContains) Result() cgraph.Ref { return c.result }

func (c *traversalContains) TagResults(dst map[string]cgraph.Ref) {
	if c.from != nil {
		c.from.TagResults(dst)
	}
	c.tagResults(dst)
}

func (c *traversalContains) Err() error { return c.err }

func (c *traversalContains) Close() error {
	c.close()
	if c.from != nil {
		if err := c.from.Close(); err != nil && c.err == nil {
			c.err = err
		}
	}
	return c.err
}
