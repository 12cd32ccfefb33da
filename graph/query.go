package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/cayley/query"
	_ "github.com/cayleygraph/cayley/query/gizmo" // registers "gizmo"
)

// Query runs text in the query language lang ("gizmo"; any other language
// linked into the program and registered with Cayley works too) and returns
// at most limit results (limit <= 0: no limit). The results are shaped like
// the "result" array of Cayley's HTTP API: g.V(…).Out("<name>").All() gives
// [{"id":"Kim Jong Un"}], tags appear as keys, IRIs keep their brackets
// ("<person/kim_jong_un>"). Cancelling ctx stops the query.
func (s *Store) Query(ctx context.Context, lang, text string, limit int) ([]any, error) {
	l := query.GetLanguage(lang)
	if l == nil || l.Session == nil {
		langs := query.Languages()
		sort.Strings(langs)
		return nil, fmt.Errorf("graph: unknown query language %q (known: %v)", lang, langs)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	it, err := l.Session(s.qs).Execute(ctx, text, query.Options{Limit: limit, Collation: query.JSON})
	if err != nil {
		return nil, fmt.Errorf("graph: %s query: %w", lang, err)
	}
	defer it.Close()
	out := make([]any, 0)
	for it.Next(ctx) {
		if r := it.Result(); r != nil {
			out = append(out, r)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("graph: %s query: %w", lang, err)
	}
	return out, nil
}
