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

// exporter writes the whole store to w in one format.
type exporter func(ctx context.Context, s *Store, w io.Writer) error

// exporters maps format names to their writers; each lives in its own file
// (export_<name>.go).
var exporters = map[string]exporter{
	"jsonl":  exportJSONL,
	"nquads": exportNQuads,
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

// Export writes the whole store to w in format: "nquads" (every quad,
// lines sorted byte-wise) or "jsonl" (the JSON Lines records of DESIGN.md
// §3). The output is deterministic whatever the backend.
func (s *Store) Export(ctx context.Context, w io.Writer, format string) error {
	ex, ok := exporters[format]
	if !ok {
		return fmt.Errorf("graph: unknown export format %q (known: %s)", format, strings.Join(ExportFormats(), ", "))
	}
	if err := ex(ctx, s, w); err != nil {
		return fmt.Errorf("graph: export %s: %w", format, err)
	}
	return nil
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
