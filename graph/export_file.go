package graph

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// ExportFile writes the export in format to the file path, through a
// temporary file renamed into place only when the export succeeded; for
// csv, path is a directory that receives the two Neo4j files.
func (s *Store) ExportFile(ctx context.Context, path, format string, eo ExportOptions) error {
	if format == "csv" {
		return s.exportCSVDir(ctx, path, eo.Filter)
	}
	return writeFileAtomic(path, func(w io.Writer) error {
		return s.ExportWith(ctx, w, format, eo)
	})
}

// exportCSVDir writes dir/nodes.csv and dir/relationships.csv, creating
// dir when needed.
func (s *Store) exportCSVDir(ctx context.Context, dir string, f Filter) error {
	m, err := s.Graph(ctx, f)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	var nodes, rels bytes.Buffer
	if err := m.WriteNeo4jCSV(&nodes, &rels); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("export: %w (with --format csv, -o names a directory)", err)
	}
	for name, buf := range map[string]*bytes.Buffer{CSVNodesFile: &nodes, CSVRelationshipsFile: &rels} {
		err := writeFileAtomic(filepath.Join(dir, name), func(w io.Writer) error {
			_, err := w.Write(buf.Bytes())
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
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
