package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"kg/article"
	"kg/extract"
	"kg/graph"
	"kg/ingest"
)

type buildOptions struct {
	store   storeFlags
	format  string
	workers int
	batch   int
}

func newBuildCommand() *command {
	var opts buildOptions
	fs := newFlagSet("build")
	opts.store.register(fs)
	fs.StringVar(&opts.format, "format", "", "input `FORMAT`: txt, html or jsonl (default: chosen by each file's extension, else sniffed)")
	fs.IntVar(&opts.workers, "workers", runtime.NumCPU(), "extract `N` documents at once (default: the number of CPUs)")
	fs.IntVar(&opts.batch, "batch", ingest.DefaultDocuments, "write at most `N` documents per transaction")
	return &command{
		name:    "build",
		summary: "extract facts from articles and add them to the store",
		usage:   "kg build [--db PATH] [--backend NAME] [--format FORMAT] [--workers N] PATH...",
		details: `
PATH is a file, a directory (read recursively) or - for standard input.
Formats: .txt (one article), .html/.htm (the article body of a page, with
its title, author and date), .jsonl/.ndjson (one article per line: "text"
or "body", optional "id", "title", "date", "url", "author", "dateline";
Reuters-21578's fields too), each perhaps gzip-compressed (.gz). A bad line
of a JSON Lines file is reported and the rest of the file is read.

Documents are read as a stream, extracted by --workers goroutines at once
and written by one writer in input order, many documents per transaction
(at most --batch, and about 40,000 quads; a transaction is committed at
least every 2 seconds), so memory stays bounded whatever the size of the
input, and the store is the same whatever the number of workers. At the
end, the nodes that name one entity across documents ("Putin", "Vladimir
Putin"; "SEC", "Securities and Exchange Commission"; "Texaco Inc",
"Texaco") are joined into one, named and classed by what most documents
say, so the store is also the same whatever the order of the inputs; on a
store this kg process did not write from empty, reading its entities
first takes a few seconds (about 5 s for Reuters-21578).
A document already in the store is skipped. A near-duplicate of a stored
document (the same story with other spelling, furniture or line breaks) is
stored and linked to it both ways (<duplicate_of>, "duplicates" in the
jsonl export); each link is reported on stderr. A file that cannot be read
is reported on stderr and the run goes on.

On a terminal, a progress line on stderr shows documents, words/s,
entities and facts extracted, errors and the time left. The summary line at
the end counts what happened; the exit status is 1 when any input failed.
Ctrl-C stops reading and commits the documents already extracted; a run
killed outright loses at most its last transaction. Either way, run the
same command again to finish: what is stored is skipped.`,
		examples: []string{
			"kg build testdata",
			"kg build --db /tmp/news.db ../shared/seeds/*.txt",
			"cat article.txt | kg build -",
			"kg build --format txt notes/article.text",
			"kg build --workers 4 ../shared/corpus/reuters21578.jsonl.gz",
		},
		flags: fs,
		run: func(ctx context.Context, args []string, std stdio) error {
			return runBuild(ctx, opts, args, std)
		},
	}
}

// buildCounts is what a build did, for the summary line: documents of this
// run, and what the store holds afterwards (entities merge across
// documents, so per-document counts would overstate them).
type buildCounts struct {
	ingest.Counts
	after   graph.Stats
	added   int64 // quads this run added
	elapsed time.Duration
}

func (c buildCounts) String() string {
	dups := ""
	if c.Duplicates > 0 {
		dups = fmt.Sprintf(", %s", plural(c.Duplicates, "near-duplicate"))
	}
	secs := c.elapsed.Seconds()
	rate := ""
	if secs > 0 {
		rate = fmt.Sprintf(", %.0f documents/s, %.0f words/s", float64(c.Read)/secs, float64(c.Words)/secs)
	}
	joined := ""
	if c.Merged > 0 || c.Dissolved > 0 {
		joined = fmt.Sprintf("; %s joined into others, %s removed", plural(c.Merged, "entity node"), plural(c.Dissolved, "generic node"))
	}
	return fmt.Sprintf("%s read: %d stored, %d already present%s, %d failed%s; store: %s, %s, %s, %s (%d new) (%.1f s%s)",
		plural(c.Read, "document"), c.Stored, c.Present, dups, c.Failed, joined,
		plural(int(c.after.Entities), "entity"), plural(int(c.after.Facts), "fact"), plural(int(c.after.Quotes), "quote"),
		plural(int(c.after.Quads), "quad"), c.added, secs, rate)
}

// buildMemoryLimit is the soft limit on the Go runtime's memory that kg
// build sets (debug.SetMemoryLimit) unless GOMEMLIMIT is set. A bolt
// commit on a large store allocates about the pages it rewrites, which on
// Reuters-21578 comes to a live heap of 350 MB at the end of the build; with
// the default GOGC the heap then doubled before a collection, to some
// 650 MB of RSS. Under the limit the collector runs sooner near it instead;
// the live heap stays well below it (a larger one only makes the collector
// run more often, within the runtime's own CPU cap). See README.md,
// "Memory".
const buildMemoryLimit = 512 << 20

func runBuild(ctx context.Context, opts buildOptions, args []string, std stdio) (err error) {
	if len(args) == 0 {
		return usagef("build: no input given; name files, directories or - for stdin (see 'kg build --help')")
	}
	if opts.workers < 1 || opts.batch < 1 {
		return usagef("build: --workers and --batch must be at least 1")
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(buildMemoryLimit))
	}
	store, err := graph.Open(ctx, opts.store.options(false))
	if err != nil {
		return err
	}
	defer func() {
		if cerr := store.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close store %s: %w", opts.store.db, cerr)
		}
	}()
	x, err := extract.New()
	if err != nil {
		return err
	}
	start := time.Now()
	before, err := store.Stats(ctx)
	if err != nil {
		return err
	}
	prog := newProgress(std.err, writesToTerminal(std.err))
	if prog.live {
		go prog.setTotal(countDocuments(args, opts.format))
	}
	n := buildCounts{}
	n.Counts, err = ingest.Run(ctx, store, x, args, ingest.Options{
		Format:   opts.format,
		Stdin:    std.in,
		Workers:  opts.workers,
		Limits:   ingest.Limits{Documents: opts.batch},
		Report:   reporter(ctx, store, prog),
		Progress: prog.show,
	})
	if after, serr := store.Stats(context.WithoutCancel(ctx)); serr == nil {
		n.after, n.added = after, after.Quads-before.Quads
	}
	n.elapsed = time.Since(start)
	prog.printf("%s\n", n)
	if err != nil {
		return err
	}
	if n.Failed > 0 {
		return inputsFailed{n.Failed}
	}
	return nil
}

// buildInMemory runs the document loop of kg build on paths into a store in
// memory (nothing on disk is touched): what kg extract and kg eval read.
// Inputs that fail are reported on stderr and counted.
func buildInMemory(ctx context.Context, paths []string, format string, std stdio) (*graph.Store, ingest.Counts, error) {
	var n ingest.Counts
	x, err := extract.New()
	if err != nil {
		return nil, n, err
	}
	store, err := graph.Open(ctx, graph.Options{Backend: graph.BackendMemstore, Path: graph.MemoryPath})
	if err != nil {
		return nil, n, err
	}
	prog := newProgress(std.err, false)
	n, err = ingest.Run(ctx, store, x, paths, ingest.Options{Format: format, Stdin: std.in, Report: reporter(ctx, store, prog)})
	if err != nil {
		store.Close()
		return nil, n, err
	}
	return store, n, nil
}

// reporter returns the ingest.Options.Report of a command: each input's
// warnings, failure, skip or near-duplicate links, as lines on prog.
func reporter(ctx context.Context, store *graph.Store, prog *progress) func(ingest.Result) {
	return func(r ingest.Result) {
		for _, w := range r.Warnings {
			prog.printf("kg: warning: %s\n", w)
		}
		var ferr *article.FileError
		switch {
		case errors.As(r.Err, &ferr):
			prog.printf("kg: %v\n", ferr)
		case r.Err != nil:
			prog.printf("kg: %s: %v\n", r.Source, r.Err)
		case r.Skipped:
			prog.printf("kg: %s: already present (document %s), skipped\n", r.Source, r.Document)
		}
		for _, dup := range r.Duplicates {
			title, _ := store.DocumentTitle(ctx, dup) // only for the message
			prog.printf("kg: %s: near-duplicate of document %s (%s)\n", r.Source, dup, title)
		}
	}
}

// plural writes "1 entity", "2 entities", "0 quads".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	switch {
	case noun[len(noun)-1] == 'y' && !strings.HasSuffix(noun, "ay"):
		noun = noun[:len(noun)-1] + "ies"
	default:
		noun += "s"
	}
	return fmt.Sprintf("%d %s", n, noun)
}
