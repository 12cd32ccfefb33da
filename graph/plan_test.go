package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/path"
	"github.com/cayleygraph/cayley/graph/shape"
	"github.com/cayleygraph/quad"
	"github.com/prometheus/client_golang/prometheus"

	"kg/schema"
)

// planGraph is a news-shaped graph in N-Quads: n people with names,
// aliases and types, who meet each other (both ways, labelled with the
// documents that say so, some by two documents), work for organizations,
// supply literals, and are mentioned in documents; statements point at
// them. Person 0 is the best connected.
func planGraph(n int) string {
	var b strings.Builder
	w := func(s, p, o, label string) {
		if label != "" {
			label = " " + label
		}
		fmt.Fprintf(&b, "%s %s %s%s .\n", s, p, o, label)
	}
	for i := range n {
		p := fmt.Sprintf("<person/p%d>", i)
		doc := fmt.Sprintf("<doc/d%d>", i%7)
		w(p, "<name>", fmt.Sprintf("%q", fmt.Sprint("Person ", i)), "")
		w(p, "<alias>", fmt.Sprintf("%q", fmt.Sprint("P", i%10)), "") // shared by every tenth
		w(p, "<type>", "<Person>", "")
		w(p, "<mentioned_in>", doc, doc)
		w(p, "<mentions>", fmt.Sprintf(`"%d"^^<http://www.w3.org/2001/XMLSchema#integer>`, i%5+1), doc)
		for _, j := range []int{0, (i + 1) % n, (i * 7) % n} {
			if j == i {
				continue
			}
			q := fmt.Sprintf("<person/p%d>", j)
			w(p, "<meet>", q, doc)
			w(q, "<meet>", p, doc)
			if i%3 == 0 {
				w(p, "<meet>", q, "<doc/extra>")
			}
		}
		org := fmt.Sprintf("<organization/o%d>", i%4)
		w(p, "<works_for>", org, doc)
		w(p, "<supply>", fmt.Sprintf("%q", fmt.Sprint("thing ", i%3)), doc)
		st := fmt.Sprintf("<stmt/s%d>", i)
		w(st, "<type>", "<Statement>", doc)
		w(st, "<subject>", p, doc)
		w(st, "<object>", org, doc)
		w(st, "<predicate>", "<works_for>", doc)
		w(st, "<evidence>", fmt.Sprintf("%q", fmt.Sprintf("Person %d works for o%d.", i, i%4)), doc)
	}
	for j := range 4 {
		org := fmt.Sprintf("<organization/o%d>", j)
		w(org, "<name>", fmt.Sprintf("%q", fmt.Sprint("Org ", j)), "")
		w(org, "<type>", "<Organization>", "")
	}
	for d := range 7 {
		doc := fmt.Sprintf("<doc/d%d>", d)
		w(doc, "<type>", "<Document>", doc)
		w(doc, "<title>", fmt.Sprintf("%q", fmt.Sprint("Title ", d)), doc)
	}
	return b.String()
}

// planStores returns a memstore (planned by Cayley alone) and a bolt store
// (planned by planner), both holding graph.
func planStores(t *testing.T, graph string) (mem, bolt *Store) {
	t.Helper()
	ctx := context.Background()
	mem = mustOpen(t, Options{Path: MemoryPath})
	bolt = mustOpen(t, Options{Path: filepath.Join(t.TempDir(), "kg.db")})
	for _, s := range []*Store{mem, bolt} {
		if _, err := s.Import(ctx, strings.NewReader(graph)); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := bolt.qs.(*planner); !ok {
		t.Fatalf("bolt store is planned by %T, want *planner", bolt.qs)
	}
	return mem, bolt
}

// TestPlanSameAnswers runs Gizmo queries of every shape the planner
// rewrites (and some it does not) on a memstore, which Cayley plans alone,
// and on bolt, which planner plans: the answers must be the same
// multisets, tags included.
func TestPlanSameAnswers(t *testing.T) {
	mem, bolt := planStores(t, planGraph(60))
	ctx := context.Background()
	for _, q := range []string{
		`g.V().Has("<name>","Person 0").Out("<meet>").Out("<name>").All()`,
		`g.V().Has("<name>","Person 3").Out("<meet>").Out("<name>").All()`,
		`g.V().Has("<name>","Nobody").Out("<meet>").All()`,
		`g.V().Has("<alias>","P3").Out("<meet>").Out("<name>").All()`,
		`g.V().Has("<alias>","P3").In("<meet>").Out("<name>").All()`,
		`g.V().Has("<name>","Person 5").In("<subject>").Out("<evidence>").All()`,
		`g.V().Has("<name>","Person 5").In(["<subject>","<object>"]).Out("<evidence>").All()`,
		`g.V().Has("<name>","Org 1").In("<works_for>").Out("<name>").All()`,
		`g.V().Has("<name>","Org 1").In("<works_for>").Has("<alias>","P1").Out("<name>").All()`,
		`g.V().Has("<type>","<Person>").Has("<alias>","P7").Out("<name>").All()`,
		`g.V().Has("<type>","<Organization>").All()`,
		`g.V("<person/p4>").Out("<meet>").Out("<name>").All()`,
		`g.V("<person/p4>").Out("<meet>").Unique().Out("<name>").All()`,
		`g.V("<person/p4>").Out(["<meet>","<works_for>"]).Out("<name>").All()`,
		`g.V("<person/p4>").Out("<meet>", "pred").Out("<name>").All()`,
		`g.V("<person/p4>").Both("<meet>").Out("<name>").All()`,
		`g.V("<person/p4>").Out().All()`,
		`g.V("<person/p4>").Has("<type>","<Person>").All()`,
		`g.V("<person/p4>","<person/p5>").Out("<works_for>").Out("<name>").All()`,
		`g.V().Has("<name>","Person 2").Tag("who").Out("<meet>").Tag("met").Out("<works_for>").Out("<name>").All()`,
		`g.V().Has("<name>","Person 2").Out("<meet>").Save("<name>","name").Save("<mentions>","n").All()`,
		`g.V().Has("<name>","Person 2").Out("<meet>").SaveOpt("<alias>","alias").All()`,
		`g.V().Has("<name>","Person 2").Out("<meet>").Out("<meet>").Is("<person/p0>").All()`,
		`g.V().Has("<name>","Person 2").Out("<meet>").Out("<works_for>").Back("").All()`,
		`var p = g.V().Has("<name>","Person 9"); p.Out("<meet>").Has("<type>","<Person>").Out("<name>").All()`,
		`var m = g.M().Out("<meet>"); g.V().Has("<name>","Person 9").Follow(m).Follow(m).Out("<name>").All()`,
		`g.V().Has("<name>","Person 9").FollowRecursive("<works_for>").All()`,
		`g.V().Has("<name>","Person 1").Out("<meet>").Intersect(g.V().Has("<alias>","P0")).All()`,
		`g.V().Has("<name>","Person 1").Out("<meet>").Union(g.V().Has("<name>","Person 8")).Out("<name>").All()`,
		`g.V().Has("<name>","Person 1").Out("<meet>").Except(g.V().Has("<alias>","P0")).Out("<name>").All()`,
		`g.V().Has("<name>","Person 3").LabelContext("<doc/extra>").Out("<meet>").All()`,
		`g.V().Has("<name>","Person 3").Out("<meet>").Labels().All()`,
		`g.V().Has("<name>","Person 3").OutPredicates().All()`,
		`g.V().Has("<name>","Person 3").Out("<meet>").InPredicates().All()`,
		`g.Emit(g.V().Has("<name>","Person 6").Out("<meet>").Out("<name>").Limit(2).Count())`,
		`g.Emit(g.V().Has("<name>","Person 6").Out("<meet>").Count())`,
		`g.V().Has("<name>","Person 6").Out("<meet>").HasR("<meet>","<person/p0>").All()`,
		`g.V().Has("<mentions>", gt(3)).Has("<alias>","P4").All()`,
		`g.V().Has("<title>","Title 2").In("<mentioned_in>").Out("<name>").All()`,
		`g.V().Has("<name>", regex("^Person 1")).Out("<works_for>").All()`,
		`g.V().Out("<works_for>").Unique().All()`,
		`g.V("Person 1", "Person 2", "Nobody").In("<name>").All()`,
		`g.V("<person/p4>").Out(["<meet>","<works_for>"], "pred").Out("<name>").All()`,
		`g.V("<person/p1>","<person/p2>").Tag("src").Out("<meet>").Tag("dst").Out("<name>").All()`,
		`g.V("<doc/d1>","<doc/d2>").Tag("d").Out(["<title>","<type>"], "p").All()`,
		`g.V("P1", "P2").Tag("alias").In("<alias>").Out("<name>").All()`,
	} {
		t.Run(q, func(t *testing.T) {
			want := answers(t, ctx, mem, q)
			got := answers(t, ctx, bolt, q)
			if !slices.Equal(got, want) {
				t.Errorf("bolt (planned) and memstore differ:\n got  %v\n want %v", got, want)
			}
			if len(want) == 0 && !strings.Contains(q, "Nobody") {
				t.Errorf("no answer on memstore either: the query tests nothing")
			}
		})
	}
}

// answers runs q and returns its results as sorted JSON texts.
func answers(t *testing.T, ctx context.Context, s *Store, q string) []string {
	t.Helper()
	res, err := s.Query(ctx, "gizmo", q, 0)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	out := make([]string, len(res))
	for i, r := range res {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = string(b)
	}
	slices.Sort(out)
	return out
}

// plan returns the optimized iterator tree Cayley runs for p on s, built
// as Gizmo builds it (path → shape → iterator) and optimized as
// cgraph.Iterate does before the first result.
func plan(t *testing.T, s *Store, p *path.Path) cgraph.IteratorShape {
	t.Helper()
	it, _ := cgraph.AsShape(shape.BuildIterator(s.qs, p.Shape())).Optimize(context.Background())
	return it
}

// traversalOf returns it as a planned traversal, failing the test when it
// is some other iterator.
func traversalOf(t *testing.T, it cgraph.IteratorShape, what string) *traversalIt {
	t.Helper()
	tr, ok := it.(*traversalIt)
	if !ok {
		t.Fatalf("%s is %s (%T), want a planned traversal", what, it, it)
	}
	return tr
}

// wantScan checks that tr reads the index whose leading directions are
// dirs, and that its fixed values are fixed.
func wantScan(t *testing.T, s *Store, tr *traversalIt, what string, dirs []quad.Direction, fixed map[quad.Direction]quad.Value) {
	t.Helper()
	if got := tr.t.next.index.Dirs[:tr.t.next.prefix]; !slices.Equal(got, dirs) {
		t.Errorf("%s reads index prefix %v, want %v (%s)", what, got, dirs, tr)
	}
	if len(tr.t.fixed) != len(fixed) {
		t.Errorf("%s fixes %d directions, want %d (%s)", what, len(tr.t.fixed), len(fixed), tr)
	}
	for d, v := range fixed {
		refs := tr.t.fixed[d]
		if len(refs) != 1 || cgraph.ToKey(refs[0]) != cgraph.ToKey(s.qs.ValueOf(v)) {
			t.Errorf("%s fixes %s to %v, want %v", what, d, refs, v)
		}
	}
}

// TestPlanStartsFromName checks the plan of the name-start form on bolt:
// g.V().Has("<name>", X).Out(P).Out("<name>") must be driven from the
// index key (X, <name>) and follow each node by its (node, P) key — not
// from a scan of all quads with predicate P, which is what Cayley's own
// plan does. The same for an alias and for In.
func TestPlanStartsFromName(t *testing.T) {
	_, s := planStores(t, planGraph(60))
	name, alias, meet, worksFor := quad.IRI("name"), quad.IRI("alias"), quad.IRI("meet"), quad.IRI("works_for")
	so, sp := []quad.Direction{quad.Object, quad.Predicate}, []quad.Direction{quad.Subject, quad.Predicate}

	top := traversalOf(t, plan(t, s, path.StartPath(s.qs).Has(name, quad.String("Person 3")).Out(meet).Out(name)), "Out(<name>)")
	if top.t.start != quad.Subject || top.t.goal != quad.Object {
		t.Errorf("Out(<name>) goes %s → %s, want subject → object", top.t.start, top.t.goal)
	}
	wantScan(t, s, top, "Out(<name>)", sp, map[quad.Direction]quad.Value{quad.Predicate: name})
	hop := traversalOf(t, top.from, "Out(<meet>)")
	wantScan(t, s, hop, "Out(<meet>)", sp, map[quad.Direction]quad.Value{quad.Predicate: meet})
	start := traversalOf(t, hop.from, "Has(<name>)")
	if start.from != nil || start.t.goal != quad.Subject {
		t.Errorf("Has(<name>) = %s, want the subjects of an index scan", start)
	}
	wantScan(t, s, start, "Has(<name>)", so, map[quad.Direction]quad.Value{quad.Object: quad.String("Person 3"), quad.Predicate: name})
	if st, err := start.Stats(context.Background()); err != nil || st.Size != (cgraph.Size{Size: 1, Exact: true}) {
		t.Errorf("Has(<name>) is sized %+v, %v; want exactly 1 (counted)", st.Size, err)
	}

	in := traversalOf(t, plan(t, s, path.StartPath(s.qs).Has(alias, quad.String("P3")).In(worksFor)), "In(<works_for>)")
	if in.t.start != quad.Object || in.t.goal != quad.Subject {
		t.Errorf("In goes %s → %s, want object → subject", in.t.start, in.t.goal)
	}
	wantScan(t, s, in, "In(<works_for>)", so, map[quad.Direction]quad.Value{quad.Predicate: worksFor})
	wantScan(t, s, traversalOf(t, in.from, "Has(<alias>)"), "Has(<alias>)", so,
		map[quad.Direction]quad.Value{quad.Object: quad.String("P3"), quad.Predicate: alias})
}

// TestPlanReadsLittle runs the name-start form as Gizmo text through
// Store.Query (the path of kg query, its REPL and kg serve) on a bolt store
// of some thousands of quads, and counts the quads Cayley reads from the
// store (its cayley_kv_primitive_fetch metric): a plan that scans all
// <meet> quads reads thousands; the index plan reads a few per node.
func TestPlanReadsLittle(t *testing.T) {
	graph := planGraph(400)
	_, s := planStores(t, graph)
	ctx := context.Background()
	before := primitiveFetches(t)
	res, err := s.Query(ctx, "gizmo", `g.V().Has("<name>","Person 3").Out("<meet>").Out("<name>").All()`, 0)
	if err != nil {
		t.Fatal(err)
	}
	read := primitiveFetches(t) - before
	if len(res) == 0 {
		t.Fatal("no answer")
	}
	quads := strings.Count(graph, "\n")
	if limit := 20 * (len(res) + 2); read > float64(limit) {
		t.Errorf("the query read %.0f quads of %d for %d results; want at most %d", read, quads, len(res), limit)
	}
}

// primitiveFetches returns Cayley's count of quads read from KV stores.
func primitiveFetches(t *testing.T) float64 {
	t.Helper()
	mfs, err := prometheus.DefaultGatherer.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == "cayley_kv_primitive_fetch" {
			return mf.GetMetric()[0].GetCounter().GetValue()
		}
	}
	t.Fatal("no cayley_kv_primitive_fetch metric")
	return 0
}

// TestQueriesWhileWriting reads a bolt store through planned queries in
// one goroutine while another writes batches that grow the file, as kg
// build's resolution does beside its writer. bolt's writer remaps a
// growing file only when no read transaction is open, and blocks new ones
// while it waits: a query that held one read transaction while opening
// another would deadlock: this test then fails after two minutes (and the
// store cannot close, so go test's -timeout ends the run).
func TestQueriesWhileWriting(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t, Options{Path: filepath.Join(t.TempDir(), "kg.db")})
	writeAll(t, s, fixture())
	wrote, read := make(chan error, 1), make(chan error, 1)
	var writing atomic.Bool
	writing.Store(true)
	go func() {
		defer writing.Store(false)
		base := fixture()
		for i := range 60 {
			var xs []*schema.Extraction
			for j := range 40 {
				x := *base[j%2]
				x.Document.ID = fmt.Sprintf("grow%d-%d", i, j)
				x.Document.Title = strings.Repeat("padding to grow the file ", 40)
				x.Relations = renamed(x.Relations, x.Document.ID)
				xs = append(xs, &x)
			}
			if _, err := s.WriteBatch(ctx, xs); err != nil {
				wrote <- err
				return
			}
		}
		wrote <- nil
	}()
	go func() {
		for reads := 0; writing.Load() || reads == 0; reads++ {
			if _, err := s.EntitiesNamed(ctx, schema.Person, "Putin"); err != nil {
				read <- err
				return
			}
			q := `g.V().Has("<name>","Vladimir Putin").Out("<meet>").Has("<type>","<Person>").Out("<name>").All()`
			if _, err := s.Query(ctx, "gizmo", q, 0); err != nil {
				read <- err
				return
			}
		}
		read <- nil
	}()
	timeout := time.After(2 * time.Minute)
	for range 2 {
		select {
		case err := <-wrote:
			if err != nil {
				t.Fatal(err)
			}
		case err := <-read:
			if err != nil {
				t.Fatal(err)
			}
		case <-timeout:
			t.Fatal("queries and writes still running after 2 minutes: deadlocked")
		}
	}
}
