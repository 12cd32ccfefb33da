// Command benchkg is the Go half of scripts/bench.sh: the measurements a
// shell cannot make.
//
//	benchkg prose -n N FILE     prose's full pipeline (model loaded once), one goroutine, on the first N articles: words/s
//	benchkg words FILE...       count the documents and words of the inputs
//	benchkg extract FILE...     kg's extractor alone (no store), one goroutine, on every document: words/s
//	benchkg rss CMD [ARG...]    run CMD; print "SECONDS PEAK_RSS_KIB" on stderr's last line
//	benchkg gizmo -db DB        Gizmo latency on a built store (p50/p95 per query, in-process and over HTTP) and Stats
//
// Words are counted as kg build counts them: runs of non-space characters of
// each document's cleaned text.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"

	"kg/article"
	"kg/extract"
	"kg/graph"
	"kg/serve"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: benchkg prose|rss|gizmo ...")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "prose":
		err = runProse(os.Args[2:])
	case "words":
		err = runWords(os.Args[2:])
	case "extract":
		err = runExtract(os.Args[2:])
	case "rss":
		err = runRSS(os.Args[2:])
	case "gizmo":
		err = runGizmo(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "benchkg: %v\n", err)
		os.Exit(1)
	}
}

// runWords prints the number of documents and words of the inputs.
func runWords(args []string) error {
	texts, err := readTexts(args, -1)
	if err != nil {
		return err
	}
	words := 0
	for _, t := range texts {
		words += len(strings.Fields(t))
	}
	fmt.Printf("%d %d\n", len(texts), words)
	return nil
}

// readTexts returns the cleaned texts of the first n documents of paths
// (all for n < 0); inputs kg cannot read are passed over.
func readTexts(paths []string, n int) ([]string, error) {
	docs, err := readDocs(paths, n)
	var texts []string
	for _, d := range docs {
		texts = append(texts, d.Text)
	}
	return texts, err
}

// readDocs returns the first n documents of paths (all for n < 0); inputs
// kg cannot read are passed over.
func readDocs(paths []string, n int) ([]*article.Document, error) {
	r := article.NewReader(paths, nil, article.ReadOptions{})
	defer r.Close()
	var docs []*article.Document
	for n < 0 || len(docs) < n {
		d, err := r.Next(context.Background())
		if errors.Is(err, io.EOF) {
			break
		}
		var fe *article.FileError
		if errors.As(err, &fe) {
			continue
		} else if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// runExtract prints the documents, words, seconds and words/s of kg's
// extractor on every document of the inputs, on one goroutine (reading and
// cleaning are not counted).
func runExtract(paths []string) error {
	docs, err := readDocs(paths, -1)
	if err != nil {
		return err
	}
	x, err := extract.New()
	if err != nil {
		return err
	}
	words := 0
	start := time.Now()
	for _, d := range docs {
		if _, err := x.Extract(context.Background(), d); err != nil {
			return fmt.Errorf("%s: %w", d.Meta.Source, err)
		}
		words += len(strings.Fields(d.Text))
	}
	secs := time.Since(start).Seconds()
	fmt.Printf("%d %d %.3f %.0f\n", len(docs), words, secs, float64(words)/secs)
	return nil
}

// runProse prints prose's words/s on the first n articles of a file.
func runProse(args []string) error {
	fs := flag.NewFlagSet("prose", flag.ExitOnError)
	n := fs.Int("n", 1000, "articles to run")
	fs.Parse(args)
	texts, err := readTexts(fs.Args(), *n)
	if err != nil {
		return err
	}
	ref, err := extract.NewProseReference()
	if err != nil {
		return err
	}
	words := 0
	start := time.Now()
	for _, t := range texts {
		if _, err := ref.Run(t); err != nil {
			return err
		}
		words += len(strings.Fields(t))
	}
	secs := time.Since(start).Seconds()
	fmt.Printf("%d %d %.3f %.0f\n", len(texts), words, secs, float64(words)/secs)
	return nil
}

// runRSS runs a command and reports its time and peak RSS. benchkg is small,
// so the peak Linux carries over from it into the child is small too.
func runRSS(args []string) error {
	if len(args) == 0 {
		return errors.New("rss: no command")
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	secs := time.Since(start).Seconds()
	if cmd.ProcessState == nil {
		return err
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	fmt.Fprintf(os.Stderr, "%.3f %d\n", secs, ru.Maxrss)
	if code := cmd.ProcessState.ExitCode(); code > 1 { // 1: some inputs failed, named on stderr
		return fmt.Errorf("%s: exit status %d", args[0], code)
	}
	return nil
}

// runGizmo times Gizmo queries on a store: a name lookup; one and two hops
// from an entity IRI; the same hops from the entity's name
// (g.V().Has("<name>", X)…, the form the README's quick start uses), from
// an alias through In, through Store.Query as kg query runs them and
// through kg serve's v1 and v2 endpoints; and Stats (kg stats). Every
// line is "label<TAB>p50<TAB>p95<TAB>results<TAB>query".
func runGizmo(args []string) error {
	fs := flag.NewFlagSet("gizmo", flag.ExitOnError)
	db := fs.String("db", "kg.db", "store")
	runs := fs.Int("runs", 200, "runs per query")
	http := fs.Bool("http", true, "also time the name-start form through kg serve's v1 and v2 endpoints (builds the explorer's index first)")
	fs.Parse(args)
	ctx := context.Background()
	s, err := graph.Open(ctx, graph.Options{Path: *db, ReadOnly: true})
	if err != nil {
		return err
	}
	defer s.Close()
	iri, name, pred, err := pickEntity(ctx, s)
	if err != nil {
		return err
	}
	st, err := s.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("entity\t%s %q, predicate %s\n", iri, name, pred)
	fmt.Printf("quads\t%d\n", st.Quads)
	fmt.Printf("facts\t%d\n", st.Facts)
	nameStart := fmt.Sprintf(`g.V().Has("<name>",%q).Out(%q).Out("<name>").All()`, name, pred)
	for _, q := range []struct{ label, text string }{
		{"name lookup", fmt.Sprintf(`g.V().Has("<name>",%q).All()`, name)},
		{"one hop", fmt.Sprintf(`g.V(%q).Out(%q).All()`, iri, pred)},
		{"two hops", fmt.Sprintf(`g.V(%q).Out(%q).Out("<name>").All()`, iri, pred)},
		{"name start, one hop", fmt.Sprintf(`g.V().Has("<name>",%q).Out(%q).All()`, name, pred)},
		{"name start, two hops", nameStart},
		{"name start, In, two hops", fmt.Sprintf(`g.V().Has("<name>",%q).Out(%q).In(%q).Out("<name>").All()`, name, pred, pred)},
	} {
		p50, p95, n, err := timeIt(*runs, func() (int, error) {
			res, err := s.Query(ctx, "gizmo", q.text, 0)
			return len(res), err
		})
		if err != nil {
			return fmt.Errorf("%s: %w", q.text, err)
		}
		fmt.Printf("%s\t%s\t%s\t%d results\t%s\n", q.label, ms(p50), ms(p95), n, q.text)
	}
	if *http {
		if err := timeHTTP(ctx, s, nameStart, *runs); err != nil {
			return err
		}
	}
	p50, p95, _, err := timeIt(max(*runs/20, 5), func() (int, error) {
		st, err := s.Stats(ctx)
		return int(st.Facts), err
	})
	if err != nil {
		return err
	}
	fmt.Printf("count facts\t%s\t%s\t%d facts\tStats (kg stats)\n", ms(p50), ms(p95), st.Facts)
	return nil
}

// timeHTTP times query through kg serve's v1 and v2 Gizmo endpoints on a
// loopback server over s.
func timeHTTP(ctx context.Context, s *graph.Store, query string, runs int) error {
	start := time.Now()
	srv, err := serve.New(ctx, s, serve.Options{Limit: 1000})
	if err != nil {
		return err
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	fmt.Printf("serve index\t%.1f s\n", time.Since(start).Seconds())
	for _, ep := range []struct{ label, path string }{
		{"v1 name start, two hops", "/api/v1/query/gizmo"},
		{"v2 name start, two hops", "/api/v2/query?lang=gizmo"},
	} {
		p50, p95, n, err := timeIt(runs, func() (int, error) {
			res, err := http.Post(ts.URL+ep.path, "text/plain", strings.NewReader(query))
			if err != nil {
				return 0, err
			}
			defer res.Body.Close()
			var out struct {
				Result []any  `json:"result"`
				Error  string `json:"error"`
			}
			if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
				return 0, fmt.Errorf("%s: %w", ep.path, err)
			}
			if res.StatusCode != http.StatusOK || out.Error != "" {
				return 0, fmt.Errorf("%s: %s: %s", ep.path, res.Status, out.Error)
			}
			return len(out.Result), nil
		})
		if err != nil {
			return err
		}
		fmt.Printf("%s\t%s\t%s\t%d results\tPOST %s\n", ep.label, ms(p50), ms(p95), n, ep.path)
	}
	return nil
}

// pickEntity finds a person with a direct edge (a fact) and returns its IRI,
// name and the predicate of that edge.
func pickEntity(ctx context.Context, s *graph.Store) (iri, name, pred string, err error) {
	props := map[string]bool{"<name>": true, "<alias>": true, "<type>": true, "<mentioned_in>": true, "<mentions>": true}
	best := 0
	for _, class := range []string{"<Person>", "<Organization>"} {
		people, err := s.Query(ctx, "gizmo", fmt.Sprintf(`g.V().Has("<type>",%q).All()`, class), 1000)
		if err != nil {
			return "", "", "", err
		}
		for _, p := range people {
			id := fmt.Sprint(p.(map[string]any)["id"])
			preds, err := s.Query(ctx, "gizmo", fmt.Sprintf(`g.V(%q).OutPredicates().All()`, id), 0)
			if err != nil {
				return "", "", "", err
			}
			for _, pr := range preds {
				p := fmt.Sprint(pr.(map[string]any)["id"])
				if props[p] {
					continue
				}
				res, err := s.Query(ctx, "gizmo", fmt.Sprintf(`g.V(%q).Out(%q).All()`, id, p), 0)
				if err != nil {
					return "", "", "", err
				}
				if len(res) > best {
					best, iri, pred = len(res), id, p
				}
			}
		}
		if iri != "" {
			break
		}
	}
	if iri == "" {
		return "", "", "", errors.New("gizmo: no entity with a fact in the store")
	}
	res, err := s.Query(ctx, "gizmo", fmt.Sprintf(`g.V(%q).Out("<name>").All()`, iri), 1)
	if err != nil || len(res) == 0 {
		return "", "", "", fmt.Errorf("gizmo: name of %s: %v", iri, err)
	}
	return iri, fmt.Sprint(res[0].(map[string]any)["id"]), pred, nil
}

// timeIt runs f n times and returns the median and 95th percentile time and
// f's last result.
func timeIt(n int, f func() (int, error)) (p50, p95 time.Duration, res int, err error) {
	times := make([]time.Duration, n)
	for i := range times {
		start := time.Now()
		if res, err = f(); err != nil {
			return 0, 0, 0, err
		}
		times[i] = time.Since(start)
	}
	slices.Sort(times)
	return times[n/2], times[n*95/100], res, nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }
