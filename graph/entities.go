package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/cayley/graph/path"
	"github.com/cayleygraph/quad"

	"kg/schema"
)

// EntitiesNamed returns the stored entities of class c that have name as
// their canonical name or as an alias, sorted by id. Both are object-index
// lookups, so the cost does not grow with the store. Cross-document
// resolution uses it to bind a short name ("Putin") that a document never
// spells out to the one known entity it stands for.
func (s *Store) EntitiesNamed(ctx context.Context, c schema.Class, name string) ([]schema.Entity, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	seen := map[string]bool{}
	var out []schema.Entity
	for _, p := range []quad.IRI{iriName, iriAlias} {
		nodes, err := path.StartPath(s.qs, quad.String(name)).In(p).Has(iriType, prop(string(c))).
			Iterate(ctx).AllValues(s.qs)
		if err != nil {
			return nil, fmt.Errorf("graph: look up entities named %q: %w", name, err)
		}
		for _, n := range nodes {
			id := strings.Trim(n.String(), "<>")
			if seen[id] {
				continue
			}
			seen[id] = true
			canonical, err := path.StartPath(s.qs, n).Out(iriName).Iterate(ctx).Limit(1).AllValues(s.qs)
			if err != nil {
				return nil, fmt.Errorf("graph: look up name of %s: %w", id, err)
			}
			e := schema.Entity{ID: id, Class: c}
			if len(canonical) > 0 {
				e.Name = literal(canonical[0])
			}
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}
