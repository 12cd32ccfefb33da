package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"kg/graph"
)

type importOptions struct {
	store storeFlags
	base  string
}

func newImportCommand() *command {
	var opts importOptions
	fs := newFlagSet("import")
	opts.store.register(fs)
	fs.StringVar(&opts.base, "base", "", "the `IRI` the dump was written under (kg export --format nquads --base IRI; default "+graph.DefaultBase+"); removed from every IRI")
	return &command{
		name:    "import",
		summary: "add the quads of an N-Quads dump to the store",
		usage:   "kg import [--db PATH] [--backend NAME] FILE|-",
		details: `
Reads N-Quads (as written by 'kg export --format nquads') from FILE or, for
-, from standard input, and adds them to the store, creating it if needed.
IRIs under https://kg.example/ (or --base) become the store's own
relative IRIs again; other IRIs are kept as they are.
Quads already in the store are not added twice. Prints how many quads were
added.`,
		examples: []string{
			"kg import --db copy.db kg.nq      # kg.nq written by: kg export --format nquads -o kg.nq",
			"kg export --db a.db | kg import --db b.db -",
		},
		flags: fs,
		run: func(ctx context.Context, args []string, std stdio) error {
			return runImport(ctx, opts, args, std)
		},
	}
}

func runImport(ctx context.Context, opts importOptions, args []string, std stdio) error {
	if len(args) != 1 {
		return usagef("import: want one N-Quads file or - for stdin (see 'kg import --help')")
	}
	var in io.Reader = std.in
	name := args[0]
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		defer f.Close()
		in = f
	}
	store, err := graph.Open(ctx, opts.store.options(false))
	if err != nil {
		return err
	}
	n, err := store.ImportWith(ctx, in, graph.ImportOptions{Base: opts.base})
	if cerr := store.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close store %s: %w", opts.store.db, cerr)
	}
	if err != nil {
		return fmt.Errorf("import %s: %w", name, err)
	}
	fmt.Fprintf(std.out, "%s added to %s\n", plural(n, "quad"), opts.store.db)
	return nil
}
