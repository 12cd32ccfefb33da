package graph

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// exporter writes the store (or, for the graph formats, the part of it
// opts.Filter selects) to w in one format.
type exporter func(ctx context.Context, s *Store, w io.Writer, opts ExportOptions) error

// exporters maps format names to their writers; each lives in its own file
// (export_<name>.go). The graph formats render a Model (export_model.go)
// through modelExporter, so filters apply once for all of them.
var exporters = map[string]exporter{
	"jsonl":     exportJSONL,
	"nquads":    exportNQuads,
	"jsonld":    modelExporter(writeJSONLD),
	"graphml":   modelExporter(writeGraphML),
	"gexf":      modelExporter(writeGEXF),
	"dot":       modelExporter(writeDOT),
	"csv":       modelExporter(writeCSV),
	"cytoscape": modelExporter(writeCytoscape),
}

// rawFormats are the formats that dump the whole store and take no Filter.
var rawFormats = map[string]bool{"jsonl": true, "nquads": true}

// IsGraphFormat reports whether format renders the entity graph (a Model)
// and so takes a Filter: every format but "jsonl" and "nquads", which take
// only Filter.Dates.
func IsGraphFormat(format string) bool {
	_, ok := exporters[format]
	return ok && !rawFormats[format]
}

// ExportOptions are the settings of an export beside its format.
type ExportOptions struct {
	// Filter selects the part of the graph the graph formats draw (see
	// IsGraphFormat). "jsonl" and "nquads" dump the whole store and
	// reject a Filter with any field set but Dates, which keeps the
	// facts dated within a range in them too.
	Filter Filter

	// Base is an absolute IRI prefix, DefaultBase when "". "nquads"
	// writes every IRI of the store under it
	// (<https://kg.example/person/vladimir_putin>: N-Quads allows no
	// relative IRIs; ImportWith with the same Base reads them back);
	// "jsonld" uses it as @base. Other formats ignore it.
	Base string
}

// modelExporter adapts a writer of the Model to an exporter.
func modelExporter(write func(w io.Writer, m *Model, opts ExportOptions) error) exporter {
	return func(ctx context.Context, s *Store, w io.Writer, opts ExportOptions) error {
		m, err := s.graph(ctx, opts.Filter)
		if err != nil {
			return err
		}
		return write(w, m, opts)
	}
}

// ExportFormats returns the names of the formats Export knows, sorted.
func ExportFormats() []string {
	names := make([]string, 0, len(exporters))
	for name := range exporters {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Export writes the whole store to w in format with default options (see
// ExportWith).
func (s *Store) Export(ctx context.Context, w io.Writer, format string) error {
	return s.ExportWith(ctx, w, format, ExportOptions{})
}

// ExportWith writes the store to w in format: "nquads" (every quad, lines
// sorted byte-wise), "jsonl" (the JSON Lines records of DESIGN.md §3), or
// one of the graph formats, which draw the Model that opts.Filter selects:
// "jsonld" (JSON-LD, schema.org terms), "graphml", "gexf", "dot"
// (Graphviz), "csv" (Neo4j import: nodes, an empty line, relationships;
// see WriteNeo4jCSV) and "cytoscape" (Cytoscape.js elements JSON). The
// output is deterministic whatever the backend.
func (s *Store) ExportWith(ctx context.Context, w io.Writer, format string, opts ExportOptions) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ex, ok := exporters[format]
	if !ok {
		return fmt.Errorf("graph: unknown export format %q (known: %s)", format, strings.Join(ExportFormats(), ", "))
	}
	if f := opts.Filter; rawFormats[format] && f != (Filter{Dates: f.Dates}) {
		return fmt.Errorf("graph: export %s: filters other than dates apply to the graph formats only (%s), not to a whole-store dump", format, strings.Join(graphFormats(), ", "))
	}
	if err := ex(ctx, s, w, opts); err != nil {
		return fmt.Errorf("graph: export %s: %w", format, err)
	}
	return nil
}

// graphFormats returns the names of the graph formats, sorted.
func graphFormats() []string {
	var out []string
	for _, f := range ExportFormats() {
		if IsGraphFormat(f) {
			out = append(out, f)
		}
	}
	return out
}

// allQuads reads every quad of the store.
func (s *Store) allQuads(ctx context.Context) ([]quad.Quad, error) {
	it := s.qs.QuadsAllIterator()
	defer it.Close()
	var out []quad.Quad
	err := cgraph.Iterate(ctx, it).Each(func(ref cgraph.Ref) {
		out = append(out, s.qs.Quad(ref))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
