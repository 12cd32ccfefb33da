package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"kg/graph"
)

type exportOptions struct {
	store  storeFlags
	format string
	output string
}

func newExportCommand() *command {
	var opts exportOptions
	fs := newFlagSet("export")
	opts.store.register(fs)
	fs.StringVar(&opts.format, "format", "nquads", "output `FORMAT`: "+strings.Join(graph.ExportFormats(), " or "))
	fs.StringVar(&opts.output, "o", "", "write to `FILE` instead of stdout (written whole or not at all)")
	return &command{
		name:    "export",
		summary: "write the whole store as JSON Lines records or N-Quads",
		usage:   "kg export [--db PATH] [--format jsonl|nquads] [-o FILE]",
		details: `
jsonl writes the document, entity, relation and quote records (one JSON
object per line, the records of 'kg extract'); nquads writes every quad, in
a stable order, for 'kg import' or any RDF tool. The store is opened
read-only.`,
		examples: []string{
			"kg export --format jsonl > kg.jsonl",
			"kg export --format nquads -o kg.nq",
			"kg export --db /tmp/news.db --format jsonl | grep '\"type\":\"quote\"'",
		},
		flags: fs,
		run: func(ctx context.Context, args []string, std stdio) error {
			return runExport(ctx, opts, args, std)
		},
	}
}

func runExport(ctx context.Context, opts exportOptions, args []string, std stdio) error {
	if len(args) > 0 {
		return usagef("export: unexpected argument %q (write to a file with -o FILE)", args[0])
	}
	if formats := graph.ExportFormats(); !slices.Contains(formats, opts.format) {
		return usagef("export: unknown format %q (want %s)", opts.format, strings.Join(formats, " or "))
	}
	store, err := graph.Open(ctx, opts.store.options(true))
	if err != nil {
		return err
	}
	defer store.Close()
	if opts.output == "" {
		w := bufio.NewWriter(std.out)
		if err := store.Export(ctx, w, opts.format); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := w.Flush(); err != nil {
			return fmt.Errorf("export: write: %w", err)
		}
		return nil
	}
	return writeFileAtomic(opts.output, func(w io.Writer) error {
		return store.Export(ctx, w, opts.format)
	})
}

// writeFileAtomic writes name through a temporary file in the same
// directory, renamed into place only when write succeeded, so an
// interrupted export never leaves a partial file behind.
func writeFileAtomic(name string, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := bufio.NewWriter(tmp)
	if err := write(w); err != nil {
		return fmt.Errorf("export to %s: %w", name, err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("export to %s: %w", name, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("export to %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export to %s: %w", name, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("export to %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
