package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"kg/graph"
)

type exportOptions struct {
	store    storeFlags
	format   string
	output   string
	base     string
	filter   graph.Filter
	from, to string // --from, --to: graph.ParseDate values, into filter.Dates
}

func newExportCommand() *command {
	var opts exportOptions
	fs := newFlagSet("export")
	opts.store.register(fs)
	fs.StringVar(&opts.format, "format", "nquads", "output `FORMAT`: "+strings.Join(graph.ExportFormats(), ", "))
	fs.StringVar(&opts.output, "o", "", "write to `FILE` instead of stdout (written whole or not at all); for csv a directory that gets nodes.csv and relationships.csv")
	fs.StringVar(&opts.filter.Document, "doc", "", "graph formats: only the facts of document `ID` and the entities it mentions")
	fs.StringVar(&opts.filter.Entity, "entity", "", "graph formats: only the neighbourhood of entity `NAME` (canonical name or id, e.g. person/elena_marquez)")
	fs.IntVar(&opts.filter.Hops, "hops", 1, "with --entity: how many edges `N` away from the entity to go")
	fs.Float64Var(&opts.filter.MinConfidence, "min-confidence", 0, "graph formats: only facts with confidence at least `X` (0 to 1)")
	fs.BoolVar(&opts.filter.IncludeNegated, "include-negated", false, "graph formats: also negated, hedged, reported, hypothetical and future facts as edges (marked by polarity and modality)")
	fs.StringVar(&opts.from, "from", "", "every format: only facts dated on or after `DATE` (YYYY, YYYY-MM or YYYY-MM-DD; a month or year from its first day)")
	fs.StringVar(&opts.to, "to", "", "every format: only facts dated on or before `DATE` (YYYY, YYYY-MM or YYYY-MM-DD; a month or year to its last day)")
	fs.StringVar(&opts.base, "base", "", "nquads: write every IRI of the store under this absolute `IRI` (read back with kg import --base); jsonld: the @base (default "+graph.DefaultBase+")")
	return &command{
		name:    "export",
		summary: "write the store as records, N-Quads, or a graph for Gephi, Graphviz, Neo4j, Cytoscape.js or RDF tools",
		usage:   "kg export [--db PATH] [--format " + strings.Join(graph.ExportFormats(), "|") + "] [filters] [-o FILE]",
		details: `
jsonl writes the document, entity, relation and quote records (one JSON
object per line, the records of 'kg extract'); nquads writes every quad, in
a stable order, for 'kg import' or any RDF tool: the store's IRIs
(<person/elena_marquez>, <name>) become absolute under
https://kg.example/ (<https://kg.example/person/elena_marquez>), or
under --base, which 'kg import' maps back. Both dump the whole store.

The graph formats draw entities as nodes and facts as edges: jsonld
(JSON-LD with schema.org terms), graphml and gexf (Gephi, yEd, networkx),
dot (Graphviz), csv (neo4j-admin database import; with -o DIR it writes
DIR/nodes.csv and DIR/relationships.csv, on stdout the nodes table, an
empty line, then the relationships table) and cytoscape (Cytoscape.js
elements JSON). A literal object ("artillery shells") is a node of class
Literal. Only asserted, positive facts are edges unless --include-negated;
--doc, --entity/--hops and --min-confidence cut the graph down. The store
is opened read-only.

--from and --to keep the facts dated within a range, in every format. A
fact's date is the time its sentence names ("on Wednesday" in an article
of 14 September 2023 is 2023-09-13; "in April" is a whole month, "from 1985
to 1987" three years), else the date of the article that reports it; a fact
is kept when its days overlap the range, with the sentences so dated only.
Either bound may be left out. jsonl keeps every document, entity and quote;
nquads leaves out the statements dated outside the range and the direct
edges only they support. gexf is a dynamic graph when facts have dates:
Gephi's timeline plays them.`,
		examples: []string{
			"kg export --format jsonl > kg.jsonl",
			"kg export --format nquads -o kg.nq",
			"kg export --format gexf -o kg.gexf                  # open in Gephi",
			"kg export --format dot --entity 'Elena Marquez' --hops 2 | dot -Tsvg -o graph.svg",
			"kg export --format jsonl --from 2023-09 --to 2023-09   # the facts of September 2023",
			"kg export --format gexf --entity 'Vladimir Putin' --from 2023 -o putin.gexf",
			"kg export --format csv -o neo4j/ && neo4j-admin database import full --nodes=neo4j/nodes.csv --relationships=neo4j/relationships.csv",
			"kg export --format nquads --base https://news.example.org/kg/ -o kg.nq && kg import --db copy.db --base https://news.example.org/kg/ kg.nq",
		},
		flags: fs,
		run: func(ctx context.Context, args []string, std stdio) error {
			return runExport(ctx, opts, args, std)
		},
	}
}

// checkExportOptions reports a usage error for flags that do not fit the
// format, and sets opts.filter.Dates from --from and --to.
func checkExportOptions(opts *exportOptions) error {
	if formats := graph.ExportFormats(); !slices.Contains(formats, opts.format) {
		return usagef("export: unknown format %q (want %s)", opts.format, strings.Join(formats, ", "))
	}
	if err := parseDates(opts); err != nil {
		return err
	}
	f := opts.filter
	f.Dates = graph.DateRange{}
	if f.Entity == "" && f.Hops != 1 {
		return usagef("export: --hops needs --entity NAME")
	}
	if f.Hops < 0 {
		return usagef("export: --hops %d: want 0 or more", f.Hops)
	}
	if f.MinConfidence < 0 || f.MinConfidence > 1 {
		return usagef("export: --min-confidence %g: want a number from 0 to 1", f.MinConfidence)
	}
	if !graph.IsGraphFormat(opts.format) && f != (graph.Filter{Hops: 1}) {
		return usagef("export: --format %s dumps the whole store; --doc, --entity, --hops, --min-confidence and --include-negated apply to the graph formats (jsonld, graphml, gexf, dot, csv, cytoscape); --from and --to to every format", opts.format)
	}
	if opts.base != "" {
		if opts.format != "nquads" && opts.format != "jsonld" {
			return usagef("export: --base applies to nquads and jsonld, not %s", opts.format)
		}
		if u, err := url.Parse(opts.base); err != nil || !u.IsAbs() {
			return usagef("export: --base %q: want an absolute IRI such as %s", opts.base, graph.DefaultBase)
		}
	}
	return nil
}

// parseDates reads --from and --to into opts.filter.Dates: --from from the
// first day of its date, --to to the last day of its.
func parseDates(opts *exportOptions) error {
	var err error
	f := &opts.filter
	if opts.from != "" {
		if f.Dates.From, err = graph.DateBound(opts.from, false); err != nil {
			return usagef("export: --from %q: want a date YYYY, YYYY-MM or YYYY-MM-DD, such as 2023-09-14", opts.from)
		}
	}
	if opts.to != "" {
		if f.Dates.To, err = graph.DateBound(opts.to, true); err != nil {
			return usagef("export: --to %q: want a date YYYY, YYYY-MM or YYYY-MM-DD, such as 2023-09-14", opts.to)
		}
	}
	if r := f.Dates; !r.From.IsZero() && !r.To.IsZero() && r.To.Before(r.From) {
		return usagef("export: --from %s is after --to %s", opts.from, opts.to)
	}
	return nil
}

func runExport(ctx context.Context, opts exportOptions, args []string, std stdio) error {
	if len(args) > 0 {
		return usagef("export: unexpected argument %q (write to a file with -o FILE)", args[0])
	}
	if err := checkExportOptions(&opts); err != nil {
		return err
	}
	if opts.filter.Entity == "" {
		opts.filter.Hops = 0
	}
	store, err := graph.Open(ctx, opts.store.options(true))
	if err != nil {
		return err
	}
	defer store.Close()
	eo := graph.ExportOptions{Filter: opts.filter, Base: opts.base}
	err = exportTo(ctx, store, opts, eo, std.out)
	if errors.Is(err, graph.ErrNotFound) {
		return usagef("%v", err)
	}
	return err
}

// exportTo writes the export to stdout, to the file -o names, or for csv
// with -o to the two files in that directory.
func exportTo(ctx context.Context, store *graph.Store, opts exportOptions, eo graph.ExportOptions, stdout io.Writer) error {
	switch {
	case opts.output == "":
		w := bufio.NewWriter(stdout)
		if err := store.ExportWith(ctx, w, opts.format, eo); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := w.Flush(); err != nil {
			return fmt.Errorf("export: write: %w", err)
		}
		return nil
	}
	return store.ExportFile(ctx, opts.output, opts.format, eo)
}
