package graph

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// importBatch is how many quads Import writes per transaction.
const importBatch = 10000

// ImportError is returned by Import for a line it cannot parse.
type ImportError struct {
	Line int   // 1-based line number in the input
	Err  error // what is wrong with it
}

func (e *ImportError) Error() string { return fmt.Sprintf("graph: import: line %d: %v", e.Line, e.Err) }

// Unwrap returns the parse error.
func (e *ImportError) Unwrap() error { return e.Err }

// ImportOptions are the settings of ImportWith.
type ImportOptions struct {
	// Base is the IRI prefix a dump was written with (ExportOptions.Base;
	// "" is DefaultBase, as for Export): it is removed from every IRI
	// that starts with it, and what escapeIRI encoded is decoded, so the
	// store gets its relative IRIs back. Other IRIs are read as they are
	// (a dump of relative IRIs, as kg wrote before, included).
	Base string
}

// Import reads an N-Quads dump (as written by Export "nquads", IRIs under
// DefaultBase) and adds its quads in batches, skipping quads already stored. Typed integer and float
// literals become numbers again, so a dump imported into an empty store
// exports identically. It returns the number of quads added; on error the
// batches written before the bad line stay written.
func (s *Store) Import(ctx context.Context, r io.Reader) (int, error) {
	return s.ImportWith(ctx, r, ImportOptions{})
}

// ImportWith is Import with options: a dump written with a Base
// (ExportOptions.Base) is read back with the same Base.
func (s *Store) ImportWith(ctx context.Context, r io.Reader, opts ImportOptions) (int, error) {
	if s.readOnly {
		return 0, ErrReadOnly
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reg, s.regChecked = nil, false // the entity registry does not follow an import
	// Totals that cannot count any quads (bolt's) are dropped before the
	// first batch and counted at the end, so an import cut short leaves a
	// store without totals, which Stats scans.
	exact := s.totals != nil && s.totals.exact()
	if s.totals != nil && !exact {
		if err := s.totals.set(ctx, s, nil); err != nil {
			return 0, fmt.Errorf("graph: import: %w", err)
		}
	}
	before, err := s.cayleyStats(ctx)
	if err != nil {
		return 0, fmt.Errorf("graph: import: %w", err)
	}
	added := func() int {
		after, err := s.cayleyStats(ctx)
		if err != nil {
			return 0
		}
		return int(after.Quads.Size - before.Quads.Size)
	}
	base := opts.Base
	if base == "" {
		base = DefaultBase
	}
	br := bufio.NewReader(r)
	batch := make([]quad.Quad, 0, importBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		write := s.apply
		if exact {
			write = func(q []quad.Quad) error { return s.totals.add(ctx, s, q) }
		}
		if err := write(batch); err != nil {
			return fmt.Errorf("graph: import: %w", err)
		}
		batch = batch[:0]
		return nil
	}
	for line := 1; ; line++ {
		text, rerr := br.ReadString('\n')
		if rerr != nil && !errors.Is(rerr, io.EOF) {
			return added(), fmt.Errorf("graph: import: line %d: %w", line, rerr)
		}
		if t := strings.TrimSpace(text); t != "" && !strings.HasPrefix(t, "#") {
			q, err := nquads.Parse(t)
			if err == nil && !q.IsValid() {
				err = errors.New("incomplete quad")
			}
			if err != nil {
				if ferr := flush(); ferr != nil {
					return added(), ferr
				}
				return added(), &ImportError{Line: line, Err: err}
			}
			for _, d := range quad.Directions {
				q.Set(d, withoutBase(q.Get(d), base))
			}
			if batch = append(batch, q); len(batch) == importBatch {
				if err := flush(); err != nil {
					return added(), err
				}
			}
		}
		if rerr != nil {
			break
		}
	}
	if err := flush(); err != nil {
		return added(), err
	}
	if exact {
		return added(), nil
	}
	if err := s.recount(ctx); err != nil {
		return added(), fmt.Errorf("graph: import: count: %w", err)
	}
	return added(), nil
}
