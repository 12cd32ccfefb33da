package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"kg/schema"
)

// graphGoldens names the golden file of each graph format.
var graphGoldens = map[string]string{
	"jsonld":    "export.jsonld",
	"graphml":   "export.graphml",
	"gexf":      "export.gexf",
	"dot":       "export.dot",
	"csv":       "export.csv",
	"cytoscape": "export.cytoscape.json",
}

// fixtureStore returns a memstore holding the fixture.
func fixtureStore(t *testing.T) *Store {
	t.Helper()
	s := mustOpen(t, Options{Path: MemoryPath})
	writeAll(t, s, fixture())
	return s
}

func exportWith(t *testing.T, s *Store, format string, opts ExportOptions) string {
	t.Helper()
	var buf bytes.Buffer
	if err := s.ExportWith(context.Background(), &buf, format, opts); err != nil {
		t.Fatalf("ExportWith(%s, %+v): %v", format, opts, err)
	}
	return buf.String()
}

func TestGraphFormatsGolden(t *testing.T) {
	s := fixtureStore(t)
	for _, f := range ExportFormats() {
		if !IsGraphFormat(f) {
			continue
		}
		t.Run(f, func(t *testing.T) {
			name, ok := graphGoldens[f]
			if !ok {
				t.Fatalf("format %s has no golden file; add it to graphGoldens", f)
			}
			golden(t, name, exportWith(t, s, f, ExportOptions{}))
		})
	}
	t.Run("dot include-negated", func(t *testing.T) {
		golden(t, "export-negated.dot", exportWith(t, s, "dot", ExportOptions{Filter: Filter{IncludeNegated: true}}))
	})
}

// TestGraphMatchesStats holds the counts the graph formats promise against
// Stats on every backend: the unfiltered Model has one entity node per
// entity (Stats.Entities), and its edges stand for exactly the direct
// edges of the store (the sum of Edge.StoreEdges is Stats.Facts).
func TestGraphMatchesStats(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			writeAll(t, s, fixture())
			m, err := s.Graph(context.Background(), Filter{})
			if err != nil {
				t.Fatal(err)
			}
			st := mustStats(t, s)
			ents, facts := modelCounts(m)
			if ents != int(st.Entities) || facts != int(st.Facts) {
				t.Errorf("model: %d entity nodes, %d store edges; Stats: %d entities, %d facts", ents, facts, st.Entities, st.Facts)
			}
		})
	}
}

// modelCounts returns the entity nodes and the sum of StoreEdges of m.
func modelCounts(m *Model) (entities, storeEdges int) {
	for _, n := range m.Nodes {
		if n.Class != ClassLiteral {
			entities++
		}
	}
	for _, e := range m.Edges {
		storeEdges += e.StoreEdges()
	}
	return entities, storeEdges
}

func TestGraphFilters(t *testing.T) {
	s := fixtureStore(t)
	// A literal node's id is the slug of schema.LiteralKey, which spells
	// words the American way (and so turns "artillery" into "artilery").
	shells := "literal/" + schema.Slug(schema.LiteralKey("artillery shells"))
	// The earliest statement of a symmetric fact gives its direction: d1's
	// "Putin met Kim".
	tests := []struct {
		name      string
		f         Filter
		wantNodes []string
		wantEdges []string // source predicate target
	}{
		{"all", Filter{},
			[]string{shells, un, lankov, kim, putin, korea, us},
			[]string{"putin meet kim", "korea supply " + shells}},
		{"include negated", Filter{IncludeNegated: true},
			[]string{shells, "literal/weapons", un, lankov, kim, putin, korea, us},
			[]string{"putin meet kim", "putin supply literal/weapons", "korea supply " + shells}},
		{"min confidence", Filter{MinConfidence: 0.85},
			[]string{un, lankov, kim, putin, korea, us},
			[]string{"putin meet kim"}},
		{"document d2", Filter{Document: "doc/d2"},
			[]string{un, kim, putin, us},
			[]string{"putin meet kim"}},
		{"entity by name, 1 hop", Filter{Entity: "South Korea", Hops: 1},
			[]string{shells, korea},
			[]string{"korea supply " + shells}},
		{"entity by id, 0 hops", Filter{Entity: putin},
			[]string{putin}, nil},
		{"entity ignoring case, negated", Filter{Entity: "vladimir putin", Hops: 1, IncludeNegated: true},
			[]string{"literal/weapons", kim, putin},
			[]string{"putin meet kim", "putin supply literal/weapons"}},
	}
	short := strings.NewReplacer(kim, "kim", putin, "putin", korea, "korea")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := s.Graph(context.Background(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var nodes, edges []string
			for _, n := range m.Nodes {
				nodes = append(nodes, n.ID)
			}
			for _, e := range m.Edges {
				edges = append(edges, short.Replace(e.Source+" "+e.Predicate+" "+e.Target))
			}
			if !slices.Equal(nodes, tt.wantNodes) || !slices.Equal(edges, tt.wantEdges) {
				t.Errorf("Graph(%+v):\n nodes %q\n edges %q\nwant\n nodes %q\n edges %q", tt.f, nodes, edges, tt.wantNodes, tt.wantEdges)
			}
		})
	}
	t.Run("document keeps its own evidence", func(t *testing.T) {
		m, err := s.Graph(context.Background(), Filter{Document: "d2"})
		if err != nil || len(m.Edges) != 1 {
			t.Fatalf("Graph(d2) = %+v, %v", m, err)
		}
		if e := m.Edges[0]; len(e.Evidence) != 1 || e.Sentence() != sentMeet2 || e.StoreEdges() != 2 {
			t.Errorf("d2 meet edge: evidence %+v, %d store edges; want the one d2 sentence, 2 store edges", e.Evidence, e.StoreEdges())
		}
	})
	for _, f := range []Filter{{Document: "nope"}, {Entity: "Nobody"}} {
		if _, err := s.Graph(context.Background(), f); !errors.Is(err, ErrNotFound) {
			t.Errorf("Graph(%+v) error = %v, want ErrNotFound", f, err)
		}
	}
	if err := s.ExportWith(context.Background(), &bytes.Buffer{}, "nquads", ExportOptions{Filter: Filter{Entity: putin}}); err == nil {
		t.Error("nquads export with a filter: no error, want one saying filters apply to graph formats")
	}
}

// TestGraphFormatsWellFormed checks what every tool needs whether or not it
// is installed: XML that parses with every data key declared, JSON that
// parses, CSV with the Neo4j headers, DOT with balanced quotes. An empty
// store gives an empty but valid graph in every format.
func TestGraphFormatsWellFormed(t *testing.T) {
	empty := mustOpen(t, Options{Path: MemoryPath})
	for _, s := range []*Store{fixtureStore(t), empty} {
		for _, f := range []string{"graphml", "gexf"} {
			out := exportWith(t, s, f, ExportOptions{Filter: Filter{IncludeNegated: true}})
			checkXMLKeys(t, f, out)
		}
		for _, f := range []string{"jsonld", "cytoscape"} {
			var v map[string]any
			if err := json.Unmarshal([]byte(exportWith(t, s, f, ExportOptions{})), &v); err != nil {
				t.Errorf("%s: %v", f, err)
			}
		}
		csv := exportWith(t, s, "csv", ExportOptions{})
		nodes, rels, ok := strings.Cut(csv, "\n\n")
		if !ok || !strings.HasPrefix(nodes, "id:ID,name,:LABEL,class,aliases") ||
			!strings.HasPrefix(rels, ":START_ID,:END_ID,:TYPE,predicate,polarity,modality,confidence") {
			t.Errorf("csv: want nodes, an empty line, relationships; got\n%s", csv)
		}
		dot := exportWith(t, s, "dot", ExportOptions{})
		if !strings.Contains(dot, "digraph kg {") || strings.Count(dot, `"`)%2 != 0 {
			t.Errorf("dot output is no balanced digraph:\n%s", dot)
		}
	}
	if got := dotQuote("say \"hi\"\\\nnow"); got != `"say \"hi\"\\\nnow"` {
		t.Errorf("dotQuote = %s", got)
	}
}

// checkXMLKeys parses GraphML or GEXF and checks that every data value
// names a declared key or attribute.
func checkXMLKeys(t *testing.T, format, doc string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(doc))
	declared := map[string]bool{}
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Errorf("%s: not well-formed XML: %v", format, err)
			}
			return
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		get := func(name string) string {
			for _, a := range el.Attr {
				if a.Name.Local == name {
					return a.Value
				}
			}
			return ""
		}
		switch el.Name.Local {
		case "key", "attribute":
			declared[get("id")] = true
		case "data":
			if k := get("key"); !declared[k] {
				t.Errorf("%s: data key %q not declared", format, k)
			}
		case "attvalue":
			if k := get("for"); !declared[k] {
				t.Errorf("%s: attvalue for %q not declared", format, k)
			}
		}
	}
}

// TestNQuadsBase: a dump written under another base is read back with
// that base, and a dump of relative IRIs (as kg wrote before its exports
// were valid N-Quads) is still read without options.
func TestNQuadsBase(t *testing.T) {
	ctx := context.Background()
	s := fixtureStore(t)
	const base = "https://news.example.org/kg/"
	plain := exportString(t, s, "nquads")
	based := exportWith(t, s, "nquads", ExportOptions{Base: base})
	if strings.Contains(based, "<person/") || strings.Contains(based, DefaultBase) || !strings.Contains(based, "<"+base+"person/vladimir_putin> <"+base+"name> ") {
		t.Errorf("dump under %s:\n%s", base, based)
	}
	fresh := mustOpen(t, Options{Path: MemoryPath})
	if _, err := fresh.ImportWith(ctx, strings.NewReader(based), ImportOptions{Base: base}); err != nil {
		t.Fatal(err)
	}
	if got := exportString(t, fresh, "nquads"); got != plain {
		t.Errorf("import --base of the dump under %s differs from the default dump:\n got %s\nwant %s", base, got, plain)
	}
	old := mustOpen(t, Options{Path: MemoryPath})
	if _, err := old.Import(ctx, strings.NewReader(relative(plain))); err != nil {
		t.Fatal(err)
	}
	if got := exportString(t, old, "nquads"); got != plain {
		t.Errorf("import of a relative dump differs:\n got %s\nwant %s", got, plain)
	}
}

// pythonWith returns a Python interpreter that imports module, or skips.
// Debian's python3-* packages live in /usr/bin/python3, which may not be
// the python3 first on PATH.
func pythonWith(t *testing.T, module, pkg string) string {
	t.Helper()
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(py, "-c", "import "+module).Run() == nil {
			return py
		}
	}
	t.Skipf("no python3 with %s: skipping the %s check (apt-get install %s)", module, module, pkg)
	return ""
}

// runPython runs a script with args and returns its standard output.
func runPython(t *testing.T, py, script string, args ...string) string {
	t.Helper()
	cmd := exec.Command(py, append([]string{"-c", script}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", py, err, stderr.String())
	}
	return strings.TrimSpace(string(out))
}

// networkxCounts is a Python script: read a GraphML or GEXF file with
// networkx and print nodes, edges, entity nodes (class not Literal) and
// the store edges the edges stand for (documents, twice when symmetric).
const networkxCounts = `
import sys, networkx as nx
G = nx.read_graphml(sys.argv[1]) if sys.argv[1].endswith(".graphml") else nx.read_gexf(sys.argv[1])
ents = sum(1 for _, d in G.nodes(data=True) if d.get("class") != "Literal")
facts = sum(d["documents"] * (2 if d["symmetric"] else 1) for _, _, d in G.edges(data=True))
print(G.number_of_nodes(), G.number_of_edges(), ents, facts)
`

// TestNetworkxReadsGraphMLAndGEXF reads the GraphML and GEXF of the
// fixture with networkx: node, edge, entity-node and store-edge counts equal
// the Model's, and unfiltered the entity nodes are Stats.Entities and the
// store edges Stats.Facts.
func TestNetworkxReadsGraphMLAndGEXF(t *testing.T) {
	py := pythonWith(t, "networkx", "python3-networkx")
	s := fixtureStore(t)
	st := mustStats(t, s)
	for _, f := range []Filter{{}, {IncludeNegated: true}, {Entity: putin, Hops: 1}} {
		m, err := s.Graph(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		ents, facts := modelCounts(m)
		for _, format := range []string{"graphml", "gexf"} {
			path := filepath.Join(t.TempDir(), "g."+format)
			if err := os.WriteFile(path, []byte(exportWith(t, s, format, ExportOptions{Filter: f})), 0o644); err != nil {
				t.Fatal(err)
			}
			got := runPython(t, py, networkxCounts, path)
			want := strings.Join([]string{strconv.Itoa(len(m.Nodes)), strconv.Itoa(len(m.Edges)), strconv.Itoa(ents), strconv.Itoa(facts)}, " ")
			if got != want {
				t.Errorf("networkx %s %+v: nodes edges entities store-edges = %s, want %s (the model)", format, f, got, want)
			}
			if f == (Filter{}) && (ents != int(st.Entities) || facts != int(st.Facts)) {
				t.Errorf("unfiltered %s: %d entities, %d store edges; Stats: %d, %d", format, ents, facts, st.Entities, st.Facts)
			}
		}
	}
}

func TestGraphvizRendersDOT(t *testing.T) {
	if _, err := exec.LookPath("dot"); err != nil {
		t.Skip("Graphviz dot not found: skipping the render check (apt-get install graphviz)")
	}
	s := fixtureStore(t)
	for _, f := range []Filter{{}, {IncludeNegated: true}} {
		cmd := exec.Command("dot", "-Tsvg")
		cmd.Stdin = strings.NewReader(exportWith(t, s, "dot", ExportOptions{Filter: f}))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil || stderr.Len() > 0 || !bytes.Contains(out, []byte("<svg")) || !bytes.Contains(out, []byte("Vladimir Putin")) {
			t.Errorf("dot -Tsvg (%+v): %v\nstderr: %s", f, err, stderr.String())
		}
	}
}

// rdflibCount is a Python script: parse a file with rdflib in a format
// and print the number of triples (quads) and of rdf:Statement nodes.
const rdflibCount = `
import sys, rdflib
g = rdflib.ConjunctiveGraph()
g.parse(sys.argv[1], format=sys.argv[2])
st = set(g.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement")))
names = set(g.objects(rdflib.URIRef("https://kg.example/person/vladimir_putin"), rdflib.URIRef("https://schema.org/name")))
bad = [str(t) for q in g.quads() for t in q[:3] if isinstance(t, rdflib.URIRef) and any(c in str(t) for c in ' <>"{}|^\\' + chr(96))]
print(len(list(g.quads())), len(st), ";".join(sorted(names)).replace(" ", "_") or "-", len(bad), *bad[:3])
`

func TestRDFLibParsesJSONLDAndNQuads(t *testing.T) {
	py := pythonWith(t, "rdflib", "python3-rdflib")
	s := oddIRIStore(t)
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	t.Run("jsonld", func(t *testing.T) {
		m, err := s.Graph(context.Background(), Filter{IncludeNegated: true})
		if err != nil {
			t.Fatal(err)
		}
		stmts := 0
		for _, e := range m.Edges {
			stmts += len(e.Evidence)
		}
		path := write("g.jsonld", exportWith(t, s, "jsonld", ExportOptions{Filter: Filter{IncludeNegated: true}}))
		f := strings.Fields(runPython(t, py, rdflibCount, path, "json-ld"))
		if len(f) < 4 || f[1] != strconv.Itoa(stmts) || !strings.Contains(f[2], "Vladimir") || f[3] != "0" {
			t.Errorf("rdflib json-ld: triples, statements, Putin's schema:name, invalid IRIs = %q; want %d statements, the name and no invalid IRI", f, stmts)
		}
	})
	t.Run("nquads", func(t *testing.T) {
		dump := exportString(t, s, "nquads") // the default export, odd predicates included
		path := write("g.nq", dump)
		f := strings.Fields(runPython(t, py, rdflibCount, path, "nquads"))
		if len(f) < 4 || f[0] != strconv.Itoa(strings.Count(dump, "\n")) || f[3] != "0" {
			t.Errorf("rdflib nquads: quads, statements, name, invalid IRIs = %q; want %d quads (one per line) and no invalid IRI", f, strings.Count(dump, "\n"))
		}
	})
}

// oddIRIStore returns the fixture store plus a document whose facts have
// predicates no IRI can hold as they are: "<atn>" (a ticker symbol, as
// Reuters copy gives them), "rose 5%" and a quote character.
func oddIRIStore(t *testing.T) *Store {
	t.Helper()
	s := fixtureStore(t)
	odd := fixture()[0]
	odd.Document.ID = "odd"
	for i, p := range []string{"<atn>", "rose 5%", `say "no"`} {
		r := odd.Relations[0]
		r.Predicate = p
		r.Evidence = []schema.Evidence{{Document: "odd", Sentence: "Odd " + p, Start: i, End: i + 1}}
		odd.Relations = append(odd.Relations, r)
	}
	odd.Relations = odd.Relations[1:]
	if _, err := s.Write(context.Background(), odd); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestNQuadsAbsoluteIRIs: the default N-Quads export writes every IRI as
// an absolute IRI under DefaultBase, with what an IRI cannot hold
// percent-encoded, and Import reads it back, without options, to an
// identical store.
func TestNQuadsAbsoluteIRIs(t *testing.T) {
	s := oddIRIStore(t)
	dump := exportString(t, s, "nquads")
	iri := regexp.MustCompile(`<([^>]*)>`)
	invalid := regexp.MustCompile("[\\x00-\\x20<>\"{}|^`\\\\]")
	literal := regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	for _, line := range strings.Split(strings.TrimSpace(dump), "\n") {
		for _, m := range iri.FindAllStringSubmatch(literal.ReplaceAllString(line, `""`), -1) {
			if !strings.HasPrefix(m[1], "http://") && !strings.HasPrefix(m[1], "https://") || invalid.MatchString(m[1]) {
				t.Errorf("not an absolute IRI: <%s> in %s", m[1], line)
			}
		}
	}
	for _, want := range []string{
		"<https://kg.example/person/vladimir_putin> <https://kg.example/name> \"Vladimir Putin\" .",
		"<https://kg.example/%3Catn%3E>", "<https://kg.example/rose%205%25>", "<https://kg.example/say%20%22no%22>",
	} {
		if !strings.Contains(dump, want) {
			t.Errorf("the dump lacks %s", want)
		}
	}
	fresh := mustOpen(t, Options{Path: MemoryPath})
	if _, err := fresh.Import(context.Background(), strings.NewReader(dump)); err != nil {
		t.Fatal(err)
	}
	if got := exportString(t, fresh, "nquads"); got != dump {
		t.Errorf("export → import → export differs:\n got %s\nwant %s", got, dump)
	}
	res, err := fresh.Query(context.Background(), "gizmo", `g.V("<person/vladimir_putin>").Out("<rose 5%>").Out("<name>").All()`, 0)
	if err != nil || len(res) != 1 {
		t.Errorf("the store's own IRIs after the import: %v, %v; want Kim Jong Un by <rose 5%%>", res, err)
	}
}
