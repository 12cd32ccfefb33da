package ingest

import (
	"context"

	"kg/extract"
	"kg/graph"
	"kg/schema"
)

// runKnown answers extract.Resolve from the store and from the entities of
// the documents this run has passed to the writer already (stored or still
// in a batch being written).
type runKnown struct {
	store *graph.Store
	seen  map[string][]schema.Entity // class + "\x00" + name or alias
}

var _ extract.Known = (*runKnown)(nil)

func newRunKnown(store *graph.Store) *runKnown {
	return &runKnown{store: store, seen: map[string][]schema.Entity{}}
}

// EntitiesNamed returns the entities of class c named or aliased name, from
// the store and from this run, each once.
func (k *runKnown) EntitiesNamed(ctx context.Context, c schema.Class, name string) ([]schema.Entity, error) {
	out, err := k.store.EntitiesNamed(ctx, c, name)
	if err != nil {
		return nil, err
	}
	for _, e := range k.seen[string(c)+"\x00"+name] {
		dup := false
		for _, o := range out {
			dup = dup || o.ID == e.ID
		}
		if !dup {
			out = append(out, e)
		}
	}
	return out, nil
}

// add records the entities of one document.
func (k *runKnown) add(ents []schema.Entity) {
	for _, e := range ents {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			key := string(e.Class) + "\x00" + n
			have := false
			for _, o := range k.seen[key] {
				have = have || o.ID == e.ID
			}
			if !have {
				k.seen[key] = append(k.seen[key], schema.Entity{ID: e.ID, Name: e.Name, Class: e.Class})
			}
		}
	}
}
