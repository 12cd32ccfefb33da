//go:build unix

package serve_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"kg/article"
	"kg/extract"
	"kg/graph"
	"kg/serve"
)

// TestBrowser drives the explorer in headless Chromium as a person would:
// it types part of a name into the search box, clicks the completion,
// reads the entity panel (facts with their sentences and dates, quotes),
// waits for a neighbour to be drawn, clicks the edge between them on the
// canvas and reads the evidence sentence and the fact's date in the side
// panel; then types a from date after the fact's, sees its edge hidden,
// and a to date in its month, and sees it drawn again. The store is
// built from the repository's testdata/ by extract and graph in-process.
// The screenshot is written to the test's temp dir (logged), and also to
// $KG_EXPLORER_SCREENSHOT when set (how docs/explorer.png is made).
//
// It skips when no Chromium is found (Debian package chromium; or set
// $KG_CHROMIUM) and under -short.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped under -short")
	}
	bin := findChromium()
	if bin == "" {
		t.Skip("headless Chromium not found: install the Debian package chromium (apt-get install chromium) or set KG_CHROMIUM; .ci/run installs it")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	start := time.Now()

	const person, neighbour = "Elena Marquez", "Tomas Berger"
	store := testdataStore(t, ctx)
	meet := edgeOf(t, ctx, store, "person/elena_marquez", "person/tomas_berger", "meet")
	want := sentences(meet)
	spans := meet.Spans()
	if len(spans) == 0 {
		t.Fatalf("testdata gives the meet fact of %s and %s no date; the time filter test needs one", person, neighbour)
	}
	facts, quotes := panelOf(t, ctx, store, "person/elena_marquez")
	srv, err := serve.New(ctx, store, serve.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv) // 127.0.0.1, a free port
	defer ts.Close()

	dir := t.TempDir()
	b := startBrowser(t, ctx, bin, filepath.Join(dir, "profile"))
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			shot := filepath.Join(dir, "failed.png")
			if b.screenshot(ctx, shot) == nil {
				t.Logf("screenshot of the failure: %s", shot)
			}
			t.Fatalf("%s: %v\n%s", what, err, b.log())
		}
	}
	step("set viewport", b.page.call(ctx, "Emulation.setDeviceMetricsOverride",
		map[string]any{"width": 1400, "height": 860, "deviceScaleFactor": 1, "mobile": false}, nil))
	step("open the page", b.page.call(ctx, "Page.navigate", map[string]any{"url": ts.URL + "/"}, nil))
	step("page ready", b.waitFor(ctx, "the page to start", `window.kg && kg.ready && typeof cytoscape === "function"`))

	// Type into the search box and pick the completion with the mouse.
	var box rect
	step("find the search box", b.eval(ctx, rectOf(`document.getElementById("search")`), &box))
	step("focus the search box", b.click(ctx, box.X+box.W/2, box.Y+box.H/2))
	step("type", b.page.call(ctx, "Input.insertText", map[string]any{"text": "Elena Marq"}, nil))
	item := `document.querySelector('#suggest:not([hidden]) li[data-id="person/elena_marquez"]')`
	step("completion", b.waitFor(ctx, "the completion "+person, item))
	step("find the completion", b.eval(ctx, rectOf(item), &box))
	step("click the completion", b.click(ctx, box.X+box.W/2, box.Y+box.H/2))

	// The entity panel shows the entity's facts with their sentences, and
	// its quotes: text, not "[object HTMLDivElement]" or "null".
	step("entity panel", b.waitFor(ctx, "the entity panel of "+person,
		`document.getElementById("details").dataset.kind === "entity" && document.getElementById("details").dataset.id === "person/elena_marquez"`))
	var entityPanel string
	step("read the entity panel", b.eval(ctx, `document.getElementById("details").innerText`, &entityPanel))
	checkEntityPanel(t, entityPanel, person, facts, quotes)
	if !strings.Contains(entityPanel, meet.Date()) {
		t.Errorf("the entity panel lacks the date of the meet fact, %s", meet.Date())
	}

	// The neighbourhood is drawn, with the neighbour in it.
	step("graph", b.waitFor(ctx, neighbour+" in the graph",
		fmt.Sprintf(`kg.graphReady && kg.cy.nodes().some(n => n.data("label") === %q && n.visible())`, neighbour)))
	var edge struct {
		rect
		ID    string
		Count int
	}
	// The point of the edge to click: along its curve, away from every node
	// (a node drawn over the edge would take the click).
	step("find the edge", b.eval(ctx, fmt.Sprintf(`(() => {
		const es = kg.cy.edges().filter(e => e.data("label") === "meet" &&
			[e.source().data("label"), e.target().data("label")].sort().join("|") === %q);
		if (!es.length) return {Count: 0};
		const e = es[0], a = e.renderedSourceEndpoint(), b = e.renderedTargetEndpoint(), m = e.renderedMidpoint();
		const c = {x: 2 * m.x - (a.x + b.x) / 2, y: 2 * m.y - (a.y + b.y) / 2}; // quadratic control point
		const boxes = kg.cy.nodes(":visible").map(n => n.renderedBoundingBox({includeLabels: false}));
		let best = null, bestGap = -Infinity;
		for (let t = 0.15; t <= 0.85; t += 0.05) {
			const p = {x: (1-t)*(1-t)*a.x + 2*(1-t)*t*c.x + t*t*b.x, y: (1-t)*(1-t)*a.y + 2*(1-t)*t*c.y + t*t*b.y};
			const gap = Math.min(...boxes.map(bb => Math.max(bb.x1 - p.x, p.x - bb.x2, bb.y1 - p.y, p.y - bb.y2)));
			if (gap > bestGap) { best = p; bestGap = gap; }
		}
		const r = document.getElementById("cy").getBoundingClientRect();
		return {X: r.left + best.x, Y: r.top + best.y, ID: e.id(), Count: kg.cy.elements().length};
	})()`, person+"|"+neighbour), &edge))
	if edge.ID == "" {
		t.Fatalf("no meet edge between %s and %s in the graph\n%s", person, neighbour, b.log())
	}
	// Click the edge on the canvas: the panel shows its sentences.
	step("click the edge", b.click(ctx, edge.X, edge.Y))
	step("evidence", b.waitFor(ctx, "the edge's evidence",
		fmt.Sprintf(`document.getElementById("details").dataset.kind === "fact" && document.getElementById("details").dataset.id === %q`, edge.ID)))
	var panel string
	step("read the panel", b.eval(ctx, `document.getElementById("details").innerText`, &panel))
	for _, s := range append(want, "positive", "asserted", meet.Date()) {
		if !strings.Contains(panel, s) {
			t.Errorf("the evidence panel lacks %q; it reads:\n%s", s, panel)
		}
	}

	shot := filepath.Join(dir, "explorer.png")
	step("screenshot", b.screenshot(ctx, shot))
	t.Logf("search → graph (%d elements) → edge → evidence in %.1f s; screenshot %s", edge.Count, time.Since(start).Seconds(), shot)
	if dst := os.Getenv("KG_EXPLORER_SCREENSHOT"); dst != "" {
		data, _ := os.ReadFile(shot)
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Error(err)
		}
	}

	// The time filter: from the day after the meeting, its edge is hidden
	// while facts of later days stay drawn; up to the end of the
	// meeting's month, it is drawn again and the later facts are hidden.
	visible := func(yes bool) string {
		return fmt.Sprintf(`kg.cy.getElementById(%q).visible() === %v`, edge.ID, yes)
	}
	others := fmt.Sprintf(`kg.cy.edges().filter(e => e.id() !== %q && e.visible()).length`, edge.ID)
	after := spans[len(spans)-1].To.AddDate(0, 0, 1).Format(time.DateOnly)
	step("type a from date", b.typeInto(ctx, "from", after))
	step("the edge hidden", b.waitFor(ctx, "the meet edge hidden from "+after+", later facts drawn", visible(false)+" && "+others+" > 0"))
	var note string
	step("read the range note", b.eval(ctx, `document.getElementById("dates-note").textContent`, &note))
	if !strings.Contains(note, "facts in range") {
		t.Errorf("the dates note reads %q, want a count of the facts in range", note)
	}
	month := spans[0].From.Format("2006-01")
	step("clear the from date", b.typeInto(ctx, "from", ""))
	step("type a to date", b.typeInto(ctx, "to", month))
	step("the edge drawn again", b.waitFor(ctx, "the meet edge drawn again up to "+month+", fewer facts drawn",
		visible(true)+" && kg.cy.edges().some(e => !e.visible())"))
	var drawn, all int
	step("count drawn edges", b.eval(ctx, others+" + 1", &drawn))
	step("count edges", b.eval(ctx, `kg.cy.edges().length`, &all))
	t.Logf("time filter: the meet edge hidden from %s, drawn again up to %s with %d of %d edges", after, month, drawn, all)
}

// rect is an element's box in page coordinates.
type rect struct{ X, Y, W, H float64 }

func rectOf(el string) string {
	return `(() => { const r = (` + el + `).getBoundingClientRect(); return {X: r.left, Y: r.top, W: r.width, H: r.height}; })()`
}

// testdataStore builds a memstore from ../testdata with extract, as kg
// build does.
func testdataStore(t *testing.T, ctx context.Context) *graph.Store {
	t.Helper()
	store, err := graph.Open(ctx, graph.Options{Path: graph.MemoryPath})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	r := article.NewReader([]string{filepath.Join("..", "testdata")}, nil, article.ReadOptions{})
	n := 0
	for {
		d, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		d.Meta.Source = strings.TrimPrefix(filepath.ToSlash(d.Meta.Source), "../") // as kg build testdata names it
		ex, err := x.Extract(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.Write(ctx, ex); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n == 0 {
		t.Fatal("no articles in ../testdata")
	}
	return store
}

// panelOf returns what the entity panel of id must show, read from the
// store's records: the first sentence of each fact the entity is subject
// or object of, and the text of each quote it is the speaker of.
func panelOf(t *testing.T, ctx context.Context, st *graph.Store, id string) (facts, quotes []string) {
	t.Helper()
	snap, err := st.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range snap.Relations {
		if (r.SubjectID == id || r.ObjectID == id) && len(r.Evidence) > 0 {
			facts = append(facts, r.Evidence[0].Sentence)
		}
	}
	for _, q := range snap.Quotes {
		if q.SpeakerID == id {
			quotes = append(quotes, q.Text)
		}
	}
	if len(facts) == 0 || len(quotes) == 0 {
		t.Fatalf("testdata gives %s %d facts and %d quotes; the panel test needs both", id, len(facts), len(quotes))
	}
	return facts, quotes
}

// checkEntityPanel checks the text of an entity panel: the counts of facts
// and quotes, every fact's sentence and quote, and nothing rendered as
// "[object …]" or "null".
func checkEntityPanel(t *testing.T, panel, name string, facts, quotes []string) {
	t.Helper()
	for _, want := range []string{name, fmt.Sprintf("Facts (%d)", len(facts)), fmt.Sprintf("Quotes (%d)", len(quotes))} {
		if !strings.Contains(strings.ToLower(panel), strings.ToLower(want)) { // headings are shown in capitals
			t.Errorf("the entity panel lacks %q", want)
		}
	}
	for _, s := range append(slices.Clone(facts), quotes...) {
		if !strings.Contains(panel, s) {
			t.Errorf("the entity panel lacks %q", s)
		}
	}
	if strings.Contains(panel, "[object") {
		t.Errorf("the entity panel shows an object where text belongs")
	}
	for _, line := range strings.Split(panel, "\n") {
		if strings.TrimSpace(line) == "null" {
			t.Errorf("the entity panel shows a stray null")
		}
	}
	if t.Failed() {
		t.Logf("the entity panel reads:\n%s", panel)
	}
}

// sentences returns the evidence sentences of an edge.
func sentences(e graph.Edge) []string {
	var out []string
	for _, ev := range e.Evidence {
		out = append(out, ev.Sentence)
	}
	return out
}

// edgeOf returns the asserted fact subject predicate object (either way
// round), as the store holds it.
func edgeOf(t *testing.T, ctx context.Context, st *graph.Store, a, b, pred string) graph.Edge {
	t.Helper()
	m, err := st.Graph(ctx, graph.Filter{Entity: a, Hops: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range m.Edges {
		ends := []string{e.Source, e.Target}
		slices.Sort(ends)
		if e.Predicate == pred && slices.Equal(ends, []string{min(a, b), max(a, b)}) {
			return e
		}
	}
	t.Fatalf("testdata has no %s fact between %s and %s", pred, a, b)
	return graph.Edge{}
}
