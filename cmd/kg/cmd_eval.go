package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"kg/article"
	"kg/eval"
	"kg/graph"
)

type evalOptions struct {
	store   storeFlags
	dbSet   bool // --db was given
	gold    string
	jsonl   string
	format  string
	verbose bool
	json    bool
}

func newEvalCommand() *command {
	var opts evalOptions
	fs := newFlagSet("eval")
	opts.store.register(fs)
	fs.StringVar(&opts.gold, "gold", "", "gold `FILE` (JSON in the format of ../shared/eval/gold/seed-summit.json); required")
	fs.StringVar(&opts.jsonl, "jsonl", "", "score the records in `DUMP` ('kg export --format jsonl' output; - for stdin) instead of a store")
	fs.StringVar(&opts.format, "format", "", "input `FORMAT` of PATH arguments: txt, html or jsonl (default: chosen by each file's extension, else sniffed)")
	fs.BoolVar(&opts.verbose, "verbose", false, "also list the asserted facts that match no gold relation")
	fs.BoolVar(&opts.json, "json", false, "print only the figures, as one JSON object")
	return &command{
		name:    "eval",
		summary: "score the store, a jsonl dump or articles against a gold file",
		usage:   "kg eval --gold FILE.json [--db PATH | --jsonl DUMP | PATH...] [--verbose] [--json]",
		details: `
Scores facts against a gold file in the format of
../shared/eval/gold/seed-summit.json (entities with class and aliases;
required, optional and forbidden relations; quotes; document metadata)
exactly as ../shared/eval/score.py does: the same problem lines, the same
figures in the same order and format.

What is scored: the store (--db PATH, the default), through the records
'kg export --format jsonl' writes; a dump of those records (--jsonl DUMP);
or the articles named by PATH arguments (files, directories, - for stdin),
extracted and merged in memory as 'kg build' merges them in a store; no
store on disk is touched.

Output: one line per problem (ENTITY missing, duplicate, junk, unmatched,
conflated, wrong class; RELATION missing, forbidden, duplicate; QUOTE
missing, misattributed; DOCUMENT metadata missing or wrong; with --verbose
also RELATION unmatched), then one line of figures: entity precision,
recall, F1 and class accuracy, duplicate, junk or unmatched entities,
conflations (two gold entities merged into one); relation precision over
the distinct asserted positive facts, recall, F1, how many were asserted,
duplicate facts, violations (forbidden facts asserted, or a fact that
happened stored as negated); quotes found with the right speaker, quotes
given to a wrong speaker; document metadata.

Exit status: 0 when scoring ran, whatever the figures; 1 when some PATH
could not be read or extracted (the others are scored); 2 for a usage
error, a gold file or dump that cannot be read, or a store that cannot be
opened.`,
		examples: []string{
			"kg eval --gold ../shared/eval/gold/seed-summit.json ../shared/seeds/*.txt",
			"kg eval --gold mine.json --db news.db --json",
			"kg export --format jsonl | kg eval --gold mine.json --jsonl -",
		},
		flags: fs,
		run: func(ctx context.Context, args []string, std stdio) error {
			fs.Visit(func(f *flag.Flag) { opts.dbSet = opts.dbSet || f.Name == "db" })
			return runEval(ctx, opts, args, std)
		},
	}
}

func runEval(ctx context.Context, opts evalOptions, args []string, std stdio) error {
	if opts.gold == "" {
		return usagef("eval: no gold file; give --gold FILE.json (see 'kg eval --help')")
	}
	sources := 0
	for _, given := range []bool{opts.dbSet, opts.jsonl != "", len(args) > 0} {
		if given {
			sources++
		}
	}
	if sources > 1 {
		return usagef("eval: score one thing: --db PATH, --jsonl DUMP or PATH arguments")
	}
	if opts.format != "" && len(args) == 0 {
		return usagef("eval: --format is the input format of PATH arguments; give some")
	}
	data, err := os.ReadFile(opts.gold)
	if err != nil {
		return usagef("eval: gold file %s: %v", opts.gold, article.Cause(err))
	}
	gold, err := eval.ParseGold(data)
	if err != nil {
		return usagef("eval: gold file %s: %v", opts.gold, err)
	}

	var (
		dump   []byte
		what   string // names the dump in messages
		failed int
	)
	switch {
	case opts.jsonl == "-":
		what = "standard input"
		if dump, err = io.ReadAll(std.in); err != nil {
			return usagef("eval: read %s: %v", what, err)
		}
	case opts.jsonl != "":
		what = opts.jsonl
		if dump, err = os.ReadFile(opts.jsonl); err != nil {
			return usagef("eval: dump %s: %v", what, article.Cause(err))
		}
	case len(args) > 0:
		what = "the extracted records"
		if dump, failed, err = extractDump(ctx, args, opts.format, std); err != nil {
			return err
		}
	default:
		what = "the export of " + opts.store.db
		if dump, err = exportDump(ctx, opts.store); err != nil {
			return err
		}
	}
	recs, err := eval.ParseRecords(dump)
	if err != nil {
		return usagef("eval: %s: %v", what, err)
	}

	figs, problems := eval.Score(gold, recs, opts.verbose)
	if err := eval.Write(std.out, figs, problems, opts.json); err != nil {
		return fmt.Errorf("eval: write: %w", err)
	}
	if failed > 0 {
		return inputsFailed{failed}
	}
	return nil
}

// exportDump is the jsonl export of the store, opened read-only.
func exportDump(ctx context.Context, sf storeFlags) ([]byte, error) {
	store, err := graph.Open(ctx, sf.options(true))
	if err != nil {
		return nil, err
	}
	defer store.Close()
	var buf bytes.Buffer
	if err := store.Export(ctx, &buf, "jsonl"); err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	return buf.Bytes(), nil
}

// extractDump runs the document loop of kg build on paths into a store in
// memory and returns its jsonl export and how many inputs failed (each
// reported on stderr).
func extractDump(ctx context.Context, paths []string, format string, std stdio) ([]byte, int, error) {
	store, n, err := buildInMemory(ctx, paths, format, std)
	if err != nil {
		return nil, n.Failed, err
	}
	defer store.Close()
	var buf bytes.Buffer
	if err := store.Export(ctx, &buf, "jsonl"); err != nil {
		return nil, n.Failed, fmt.Errorf("eval: %w", err)
	}
	return buf.Bytes(), n.Failed, nil
}
