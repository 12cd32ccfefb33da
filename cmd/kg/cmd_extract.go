package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"

	"kg/extract"
	"kg/schema"
)

type extractOptions struct {
	format      string // output
	inputFormat string
}

func newExtractCommand() *command {
	var opts extractOptions
	fs := newFlagSet("extract")
	fs.StringVar(&opts.format, "format", "jsonl", "output `FORMAT`: jsonl")
	fs.StringVar(&opts.inputFormat, "input-format", "", "input `FORMAT`: txt (default: chosen by each file's extension)")
	return &command{
		name:    "extract",
		summary: "print the facts found in articles as JSON Lines, without a store",
		usage:   "kg extract [--format jsonl] [--input-format FORMAT] PATH...",
		details: `
PATH is a file, a directory (read recursively) or - for standard input.
For each document, in input order, kg writes one JSON object per line:
the document record, then its entity, relation and quote records (the
records of 'kg export --format jsonl'). Bad inputs are reported on stderr
and skipped; the exit status is then 1.`,
		examples: []string{
			"kg extract testdata/02_water_treaty_quotes.txt",
			"kg extract testdata | grep '\"type\":\"relation\"'",
			"kg extract - < article.txt",
		},
		flags: fs,
		run: func(ctx context.Context, args []string, std stdio) error {
			return runExtract(ctx, opts, args, std)
		},
	}
}

func runExtract(ctx context.Context, opts extractOptions, args []string, std stdio) error {
	if opts.format != "jsonl" {
		return usagef("extract: unknown output format %q (want jsonl)", opts.format)
	}
	if len(args) == 0 {
		return usagef("extract: no input given; name files, directories or - for stdin (see 'kg extract --help')")
	}
	x, err := extract.New()
	if err != nil {
		return err
	}
	w := bufio.NewWriter(std.out)
	var failed int
	err = eachDocument(ctx, args, opts.inputFormat, std, &failed, func(d *extract.Document) error {
		ex, err := x.Extract(ctx, d)
		if err != nil {
			return err
		}
		if err := writeRecords(w, ex); err != nil {
			return fatal{err}
		}
		// Flush per document, so a consumer sees each document whole.
		if err := w.Flush(); err != nil {
			return fatal{fmt.Errorf("write output: %w", err)}
		}
		return nil
	})
	if ferr := w.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("write output: %w", ferr)
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		return inputsFailed{failed}
	}
	return nil
}

// writeRecords writes the JSON Lines records of one extraction: the
// document, its entities, relations and quotes.
func writeRecords(w *bufio.Writer, ex *schema.Extraction) error {
	line := func(v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("document %s: %w", ex.Document.ID, err)
		}
		w.Write(b)
		return w.WriteByte('\n')
	}
	if err := line(ex.Document); err != nil {
		return err
	}
	for _, e := range ex.Entities {
		if err := line(e); err != nil {
			return err
		}
	}
	for _, r := range ex.Relations {
		if err := line(r); err != nil {
			return err
		}
	}
	for _, q := range ex.Quotes {
		if err := line(q); err != nil {
			return err
		}
	}
	return nil
}
