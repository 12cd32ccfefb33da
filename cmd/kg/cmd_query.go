package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"kg/graph"
)

type queryOptions struct {
	store storeFlags
	lang  string
	limit int
	file  string
}

func newQueryCommand() *command {
	var opts queryOptions
	fs := newFlagSet("query")
	opts.store.register(fs)
	fs.StringVar(&opts.lang, "lang", "gizmo", "query `LANGUAGE`: gizmo")
	fs.IntVar(&opts.limit, "limit", 100, "return at most `N` results; 0 for no limit")
	fs.StringVar(&opts.file, "f", "", "read the query from `FILE` (- for stdin)")
	return &command{
		name:    "query",
		summary: "run a Gizmo query on the store and print the results as JSON",
		usage:   "kg query [--db PATH] [--lang gizmo] [--limit N] [-f FILE] [QUERY]",
		details: `
The query comes from the QUERY argument, from -f FILE, or from standard
input when it is not a terminal; on a terminal kg reads queries one per
line at a "kg> " prompt (:quit or Ctrl-D to leave). Results are printed as
{"result": [...]}, like Cayley's HTTP API. The store is opened read-only.

Start from an entity's IRI, <class/slug_of_name> such as
<person/elena_marquez>, or from its name, g.V().Has("<name>", NAME): both
read the store's index, whatever its size.`,
		examples: []string{
			`kg query 'g.V("<person/elena_marquez>").Out("<meet>").Out("<name>").All()'`,
			`kg query 'g.V().Has("<name>","Elena Marquez").Out("<meet>").Out("<name>").All()'`,
			`kg query --limit 5 'g.V("<person/elena_marquez>").In("<subject>").Out("<evidence>").All()'`,
			`kg query -f queries/quotes.js`,
			`kg query          # interactive, on a terminal`,
		},
		flags: fs,
		run: func(ctx context.Context, args []string, std stdio) error {
			return runQuery(ctx, opts, args, std)
		},
	}
}

func runQuery(ctx context.Context, opts queryOptions, args []string, std stdio) error {
	if opts.lang != "gizmo" {
		return usagef("query: unknown language %q (want gizmo)", opts.lang)
	}
	if opts.limit < 0 {
		return usagef("query: --limit must be 0 or more")
	}
	var text string
	switch {
	case len(args) > 0 && opts.file != "":
		return usagef("query: give the query as an argument or with -f, not both")
	case len(args) > 0:
		text = strings.Join(args, " ")
	case opts.file == "-":
		b, err := io.ReadAll(std.in)
		if err != nil {
			return fmt.Errorf("read query from stdin: %w", err)
		}
		text = string(b)
	case opts.file != "":
		b, err := os.ReadFile(opts.file)
		if err != nil {
			return fmt.Errorf("read query: %w", err)
		}
		text = string(b)
	case isTerminal(std.in):
		// REPL below.
	default:
		b, err := io.ReadAll(std.in)
		if err != nil {
			return fmt.Errorf("read query from stdin: %w", err)
		}
		text = string(b)
	}
	interactive := len(args) == 0 && opts.file == "" && isTerminal(std.in)
	if !interactive && strings.TrimSpace(text) == "" {
		return usagef("query: empty query; give one as an argument, with -f FILE or on stdin (see 'kg query --help')")
	}

	store, err := graph.Open(ctx, opts.store.options(true))
	if err != nil {
		return err
	}
	defer store.Close()
	if interactive {
		return repl(ctx, store, opts, std)
	}
	return runOneQuery(ctx, store, opts, text, std.out)
}

// runOneQuery runs text and prints its results.
func runOneQuery(ctx context.Context, store *graph.Store, opts queryOptions, text string, out io.Writer) error {
	res, err := store.Query(ctx, opts.lang, text, opts.limit)
	if err != nil {
		return fmt.Errorf("query: %w", err)
	}
	return printResult(out, res)
}

// printResult writes results as indented JSON {"result": [...]}.
func printResult(w io.Writer, res []any) error {
	if res == nil {
		res = []any{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // IRIs such as <person/x> stay readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(map[string]any{"result": res}); err != nil {
		return fmt.Errorf("write result: %w", err)
	}
	return nil
}

// repl reads queries one per line from std.in, prompting with "kg> ", and
// prints each result; errors are printed and the loop goes on. :quit, :q or
// the end of the input ends it.
func repl(ctx context.Context, store *graph.Store, opts queryOptions, std stdio) error {
	sc := bufio.NewScanner(std.in)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for {
		fmt.Fprint(std.out, "kg> ")
		if !sc.Scan() {
			fmt.Fprintln(std.out)
			return sc.Err()
		}
		line := strings.TrimSpace(sc.Text())
		switch line {
		case "":
			continue
		case ":quit", ":q", ":exit":
			return nil
		}
		if err := runOneQuery(ctx, store, opts, line, std.out); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			fmt.Fprintf(std.err, "kg: %v\n", err)
		}
	}
}

// isTerminal reports whether r is a terminal (a character device).
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
