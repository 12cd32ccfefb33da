package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"time"

	"kg/extract"
	"kg/graph"
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
	fs.IntVar(&opts.batch, "batch", defaultBatch.documents, "write at most `N` documents per transaction")
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
input, and the store is the same whatever the number of workers.
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
	read, stored, present, failed int
	duplicates                    int // near-duplicate links made
	after                         graph.Stats
	added                         int64 // quads this run added
	words                         int64 // words of the documents read
	elapsed                       time.Duration
}

func (c buildCounts) String() string {
	dups := ""
	if c.duplicates > 0 {
		dups = fmt.Sprintf(", %s", plural(c.duplicates, "near-duplicate"))
	}
	secs := c.elapsed.Seconds()
	rate := ""
	if secs > 0 {
		rate = fmt.Sprintf(", %.0f documents/s, %.0f words/s", float64(c.read)/secs, float64(c.words)/secs)
	}
	return fmt.Sprintf("%s read: %d stored, %d already present%s, %d failed; store: %s, %s, %s, %s (%d new) (%.1f s%s)",
		plural(c.read, "document"), c.stored, c.present, dups, c.failed,
		plural(int(c.after.Entities), "entity"), plural(int(c.after.Facts), "fact"), plural(int(c.after.Quotes), "quote"),
		plural(int(c.after.Quads), "quad"), c.added, secs, rate)
}

func runBuild(ctx context.Context, opts buildOptions, args []string, std stdio) (err error) {
	if len(args) == 0 {
		return usagef("build: no input given; name files, directories or - for stdin (see 'kg build --help')")
	}
	if opts.workers < 1 || opts.batch < 1 {
		return usagef("build: --workers and --batch must be at least 1")
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
	limits := defaultBatch
	limits.documents = opts.batch
	b := &builder{store: store, x: x, prog: prog, limits: limits, known: newRunKnown(store)}
	err = b.run(ctx, args, opts.format, std.in, opts.workers)
	n := b.counts()
	if after, serr := store.Stats(context.WithoutCancel(ctx)); serr == nil {
		n.after, n.added = after, after.Quads-before.Quads
	}
	n.elapsed = time.Since(start)
	prog.printf("%s\n", n)
	if err != nil {
		return err
	}
	if n.failed > 0 {
		return inputsFailed{n.failed}
	}
	return nil
}

// fatal marks an error that stops a run over the inputs, as opposed to an
// error about one document, which is reported and skipped.
type fatal struct{ err error }

func (f fatal) Error() string { return f.err.Error() }
func (f fatal) Unwrap() error { return f.err }

// eachDocument reads the documents named by paths in order and calls fn for
// each. A file that cannot be read, or a document fn fails on, is reported
// on stderr as "kg: PATH: reason" and counted in *failed, and the loop goes
// on; a fatal error from fn, or cancellation, stops it.
func eachDocument(ctx context.Context, paths []string, format string, std stdio, failed *int, fn func(*extract.Document) error) error {
	r := extract.NewReader(paths, std.in, extract.ReadOptions{
		Format: format,
		Warn: func(path, msg string) {
			fmt.Fprintf(std.err, "kg: warning: %s: %s\n", path, msg)
		},
	})
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		d, err := r.Next(ctx)
		var ferr *extract.FileError
		switch {
		case errors.Is(err, io.EOF):
			return nil
		case errors.As(err, &ferr):
			*failed++
			fmt.Fprintf(std.err, "kg: %v\n", &extract.FileError{Path: ferr.Path, Line: ferr.Line, Err: reason(ferr.Err)})
			continue
		case err != nil:
			return err
		}
		err = fn(d)
		var stop fatal
		switch {
		case err == nil:
		case errors.As(err, &stop):
			return stop.err
		case ctx.Err() != nil:
			return ctx.Err()
		default:
			*failed++
			fmt.Fprintf(std.err, "kg: %s: %v\n", source(d), err)
		}
	}
}

// reason is the cause of a file error without the path an *fs.PathError
// repeats ("no such file or directory", not "open x.txt: no such file …").
func reason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// source names a document in messages: the file (or "-") it came from.
func source(d *extract.Document) string {
	if d.Meta.Source != "" {
		return d.Meta.Source
	}
	return "document " + d.Meta.ID
}

// plural writes "1 entity", "2 entities", "0 quads".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	switch {
	case noun[len(noun)-1] == 'y':
		noun = noun[:len(noun)-1] + "ies"
	default:
		noun += "s"
	}
	return fmt.Sprintf("%d %s", n, noun)
}
