package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"kg/graph"

	"kg/internal/testkit"
)

// statsJSON returns the counts of kg stats --json.
func statsJSON(t *testing.T, db string) graph.Stats {
	t.Helper()
	var st struct {
		Entities int64 `json:"entities"`
		Facts    int64 `json:"facts"`
	}
	if err := json.Unmarshal([]byte(mustKG(t, "stats", "--db", db, "--json").stdout), &st); err != nil {
		t.Fatal(err)
	}
	return graph.Stats{Entities: st.Entities, Facts: st.Facts}
}

// python returns a Python interpreter that imports module, or skips.
// Debian's python3-* packages live in /usr/bin/python3, which may not be
// the python3 first on PATH.
func python(t *testing.T, module, pkg string) string {
	t.Helper()
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(py, "-c", "import "+module).Run() == nil {
			return py
		}
	}
	t.Skipf("no python3 with %s: skipping the %s check (apt-get install %s)", module, module, pkg)
	return ""
}

// networkxCounts reads a GraphML or GEXF file with networkx and prints
// its entity nodes (class not Literal) and the store edges its edges stand
// for (an edge's documents, twice for a symmetric fact): what kg stats
// calls entities and facts.
const networkxCounts = `
import sys, networkx as nx
G = nx.read_graphml(sys.argv[1]) if sys.argv[1].endswith(".graphml") else nx.read_gexf(sys.argv[1])
ents = sum(1 for _, d in G.nodes(data=True) if d.get("class") != "Literal")
facts = sum(d["documents"] * (2 if d["symmetric"] else 1) for _, _, d in G.edges(data=True))
print(ents, facts)
`

// TestExportGraphFormats builds the sample articles (and the two seed
// articles when ../shared/seeds is there), writes every format, and checks
// with the real tools where they are installed: networkx reads the GraphML
// and GEXF with as many entity nodes as kg stats has entities and edges
// standing for as many direct edges as kg stats has facts; dot renders the
// DOT; the csv goes to two files.
func TestExportGraphFormats(t *testing.T) {
	stores := map[string][]string{"testdata": {filepath.Join("..", "..", "testdata")}}
	if testkit.HasShared("seeds") {
		stores["seeds"] = []string{filepath.Join(testkit.SharedRoot(), "seeds", "000_f8b20b585b8eaca7.txt"), filepath.Join(testkit.SharedRoot(), "seeds", "001_3ebc4e8f6ec20546.txt")}
	} else {
		t.Log("seed articles not found (../shared/seeds): checking testdata only")
	}
	for name, inputs := range stores {
		t.Run(name, func(t *testing.T) {
			db := tempDB(t)
			mustKG(t, append([]string{"build", "--db", db}, inputs...)...)
			st := statsJSON(t, db)
			dir := t.TempDir()
			for _, f := range graph.ExportFormats() {
				out := filepath.Join(dir, "kg."+f)
				mustKG(t, "export", "--db", db, "--format", f, "-o", out)
				if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
					t.Errorf("export --format %s -o %s: %v", f, out, err)
				}
			}
			for _, csv := range []string{"nodes.csv", "relationships.csv"} {
				if _, err := os.Stat(filepath.Join(dir, "kg.csv", csv)); err != nil {
					t.Errorf("csv -o DIR: %v", err)
				}
			}
			t.Run("networkx", func(t *testing.T) {
				py := python(t, "networkx", "python3-networkx")
				want := strconv.FormatInt(st.Entities, 10) + " " + strconv.FormatInt(st.Facts, 10)
				for _, f := range []string{"graphml", "gexf"} {
					out, err := exec.Command(py, "-c", networkxCounts, filepath.Join(dir, "kg."+f)).Output()
					if got := strings.TrimSpace(string(out)); err != nil || got != want {
						t.Errorf("networkx %s: entities, facts = %q (%v); kg stats: %s", f, got, err, want)
					}
				}
			})
			t.Run("dot", func(t *testing.T) {
				if _, err := exec.LookPath("dot"); err != nil {
					t.Skip("Graphviz dot not found: skipping the render check (apt-get install graphviz)")
				}
				svg := filepath.Join(dir, "kg.svg")
				if out, err := exec.Command("dot", "-Tsvg", "-o", svg, filepath.Join(dir, "kg.dot")).CombinedOutput(); err != nil || len(out) > 0 {
					t.Errorf("dot -Tsvg: %v\n%s", err, out)
				}
			})
		})
	}
}

func TestExportFilters(t *testing.T) {
	db := tempDB(t)
	mustKG(t, "build", "--db", db, filepath.Join("..", "..", "testdata"))
	r := mustKG(t, "export", "--db", db, "--format", "cytoscape", "--entity", "Elena Marquez", "--hops", "1")
	var cy struct {
		Elements struct {
			Nodes []struct {
				Data struct{ ID string } `json:"data"`
			} `json:"nodes"`
		} `json:"elements"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &cy); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, n := range cy.Elements.Nodes {
		ids = append(ids, n.Data.ID)
	}
	if !contains(ids, "person/elena_marquez") || !contains(ids, "person/tomas_berger") || contains(ids, "place/kenya") {
		t.Errorf("neighbourhood of Elena Marquez = %q; want her and Tomas Berger, not Kenya", ids)
	}
	plain := mustKG(t, "export", "--db", db, "--format", "dot").stdout
	negated := mustKG(t, "export", "--db", db, "--format", "dot", "--include-negated").stdout
	if strings.Contains(plain, "not visit") || !strings.Contains(negated, `"not visit (future)"`) {
		t.Errorf("--include-negated: want Berger's negated visit only with the flag")
	}
	csv := mustKG(t, "export", "--db", db, "--format", "csv").stdout
	if nodes, rels, ok := strings.Cut(csv, "\n\n"); !ok || !strings.HasPrefix(nodes, "id:ID,") || !strings.HasPrefix(rels, ":START_ID,") {
		t.Errorf("csv on stdout: want the nodes table, an empty line, the relationships table")
	}
}

func TestExportUsageErrors(t *testing.T) {
	db := tempDB(t)
	mustKG(t, "build", "--db", db, filepath.Join("..", "..", "testdata", "01_lisbon_summit.txt"))
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"hops without entity", []string{"--format", "dot", "--hops", "2"}, "--hops needs --entity"},
		{"filter on a dump", []string{"--format", "jsonl", "--entity", "Elena Marquez"}, "apply to the graph formats"},
		{"base on dot", []string{"--format", "dot", "--base", "https://kg.example/"}, "--base applies to nquads and jsonld"},
		{"relative base", []string{"--format", "nquads", "--base", "kg/"}, "absolute IRI"},
		{"confidence", []string{"--format", "gexf", "--min-confidence", "2"}, "from 0 to 1"},
		{"unknown entity", []string{"--format", "dot", "--entity", "Nobody Atall"}, `entity "Nobody Atall": not found`},
		{"unknown document", []string{"--format", "dot", "--doc", "feedface"}, `document "feedface": not found`},
		{"bad from", []string{"--format", "jsonl", "--from", "2023-13"}, `--from "2023-13": want a date YYYY, YYYY-MM or YYYY-MM-DD`},
		{"bad to", []string{"--format", "gexf", "--to", "Sept 14"}, `--to "Sept 14": want a date`},
		{"interval for a bound", []string{"--format", "gexf", "--to", "2023/2024"}, `--to "2023/2024": want a date`},
		{"from after to", []string{"--format", "nquads", "--from", "2023-09-14", "--to", "2023-08"}, "--from 2023-09-14 is after --to 2023-08"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := kg(t, "", append([]string{"export", "--db", db}, tt.args...)...)
			if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("kg export %s: status %d, stderr %q; want 2 and %q", strings.Join(tt.args, " "), r.code, r.stderr, tt.want)
			}
		})
	}
}

// TestExportNQuadsBase: the default N-Quads dump holds absolute IRIs
// under https://kg.example/ (RDF tools reject relative ones) and imports
// back without flags; a dump under another --base imports back with the
// same --base. Both give the original store.
func TestExportNQuadsBase(t *testing.T) {
	db := tempDB(t)
	mustKG(t, "build", "--db", db, filepath.Join("..", "..", "testdata", "01_lisbon_summit.txt"))
	want := mustKG(t, "export", "--db", db, "--format", "nquads").stdout
	if !strings.HasPrefix(want, "<https://kg.example/doc/") || strings.Contains(want, "<person/") || strings.Contains(want, "<name>") {
		t.Errorf("default dump is not absolute: %.80s", want)
	}
	fresh := tempDB(t)
	if r := kg(t, want, "import", "--db", fresh, "-"); r.code != 0 {
		t.Fatalf("import: %d %s", r.code, r.stderr)
	}
	if got := mustKG(t, "export", "--db", fresh, "--format", "nquads").stdout; got != want {
		t.Errorf("export → import → export differs (%d vs %d bytes)", len(got), len(want))
	}
	if r := mustKG(t, "query", "--db", fresh, `g.V("<person/elena_marquez>").Out("<name>").All()`); !strings.Contains(r.stdout, "Elena Marquez") {
		t.Errorf("the imported store lost its own IRIs: %s", r.stdout)
	}

	const base = "https://news.example.org/kg/"
	based := mustKG(t, "export", "--db", db, "--format", "nquads", "--base", base).stdout
	if !strings.HasPrefix(based, "<"+base) {
		t.Fatalf("--base dump: %.80s", based)
	}
	other := tempDB(t)
	if r := kg(t, based, "import", "--db", other, "--base", base, "-"); r.code != 0 {
		t.Fatalf("import --base: %d %s", r.code, r.stderr)
	}
	if got := mustKG(t, "export", "--db", other, "--format", "nquads").stdout; got != want {
		t.Errorf("dump after import --base differs (%d vs %d bytes)", len(got), len(want))
	}
}

// toastArticle is dated 14 September 2023 (a Thursday), as the seed
// article is, and holds its sentence "the men toasted their friendship on
// Wednesday" and one that names the day before its subject.
const toastArticle = `Putin and Kim toast their friendship
Send a link to a friend
[September 14, 2023]
By Josh Smith
SEOUL (Reuters) - Calling each other "comrade", the men toasted their friendship on Wednesday after Putin showed Kim around Russia's most modern space launch facility.

On Wednesday, Russian President Vladimir Putin toasted North Korean leader Kim Jong Un.
`

// TestExportDates: "toasted ... on Wednesday" in an article of Thursday 14
// September 2023 is a fact of 2023-09-13, which --from/--to keep or leave
// out in every format; the article's other facts are dated by the article.
func TestExportDates(t *testing.T) {
	dir := t.TempDir()
	article := filepath.Join(dir, "toast.txt")
	if err := os.WriteFile(article, []byte(toastArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	db := tempDB(t)
	mustKG(t, "build", "--db", db, article)
	type when struct{ Text, Value, Reported string }
	ids := map[string]string{} // relation → fact id
	relations := func(args ...string) map[string]when {
		out := map[string]when{}
		r := mustKG(t, append([]string{"export", "--db", db, "--format", "jsonl"}, args...)...)
		for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
			var rec struct {
				Type, ID, Subject, Predicate, Object string
				When                                 when
			}
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Fatal(err)
			}
			if rec.Type == "relation" {
				out[rec.Subject+" "+rec.Predicate+" "+rec.Object] = rec.When
				ids[rec.Subject+" "+rec.Predicate+" "+rec.Object] = rec.ID
			}
		}
		return out
	}
	const toast = "Vladimir Putin toast Kim Jong Un"
	all := relations()
	if w := all[toast]; w.Value != "2023-09-13" || !strings.EqualFold(w.Text, "on Wednesday") {
		t.Fatalf("%s: when = %+v, want on Wednesday = 2023-09-13; relations: %v", toast, w, all)
	}
	for name, w := range all {
		if name != toast && w.Reported != "2023-09-14" && w.Value == "" {
			t.Errorf("%s: when = %+v, want the article's date as reported", name, w)
		}
	}
	for _, tt := range []struct {
		args      []string
		wantToast bool
		wantOther bool // the facts reported on 2023-09-14
	}{
		{[]string{"--from", "2023-09-13", "--to", "2023-09-13"}, true, false},
		{[]string{"--from", "2023-09-14"}, false, true},
		{[]string{"--to", "2023-09-13"}, true, false},
		{[]string{"--from", "2023-09", "--to", "2023"}, true, true},
		{[]string{"--to", "2023-08"}, false, false},
	} {
		got := relations(tt.args...)
		_, toasted := got[toast]
		if toasted != tt.wantToast || (len(got) > 1 || len(got) == 1 && !toasted) != tt.wantOther {
			t.Errorf("export %s: relations %v; want the toast %v, the facts of 2023-09-14 %v", strings.Join(tt.args, " "), got, tt.wantToast, tt.wantOther)
		}
	}
	gexf := mustKG(t, "export", "--db", db, "--format", "gexf", "--from", "2023-09-13", "--to", "2023-09-13").stdout
	if !strings.Contains(gexf, `mode="dynamic" timeformat="date"`) || !strings.Contains(gexf, `label="toast" weight="1" start="2023-09-13" end="2023-09-13"`) ||
		strings.Count(gexf, "<edge ") != 1 {
		t.Errorf("gexf of 2023-09-13: want a dynamic graph with the one toast edge on that day:\n%s", gexf)
	}
	// The toast, by its fact id, its DOT edge, or its date in N-Quads.
	for f, mark := range map[string]string{"csv": ids[toast], "graphml": ids[toast], "cytoscape": ids[toast],
		"jsonld": ids[toast], "gexf": ids[toast], "nquads": `"2023-09-13"`,
		"dot": `"person/vladimir_putin" -> "person/kim_jong_un" [label="toast"`} {
		if got := mustKG(t, "export", "--db", db, "--format", f).stdout; !strings.Contains(got, mark) {
			t.Fatalf("%s: no %s to look for", f, mark)
		}
		if got := mustKG(t, "export", "--db", db, "--format", f, "--from", "2023-09-14").stdout; strings.Contains(got, mark) {
			t.Errorf("%s --from 2023-09-14 holds the toast of 2023-09-13 (%s)", f, mark)
		}
	}
}
