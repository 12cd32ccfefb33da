package extract

import (
	"context"
	"sort"
	"strings"

	"kg/schema"
)

// Known answers which entities other documents have already named: the
// stored entities of class c with name as canonical name or alias.
// graph.Store implements it.
type Known interface {
	EntitiesNamed(ctx context.Context, c schema.Class, name string) ([]schema.Entity, error)
}

// Resolve binds the entities of one document's extraction to entities that
// other documents named in full: a person the document only calls by one
// word ("Putin") becomes the one known person of several words with that
// name or alias (Vladimir Putin), and an acronym the document never expands
// ("KCNA") the one known organization or place with that alias. When more
// than one known entity fits ("Kim": Kim Jong Un and Duyeon Kim), the name
// stays as it is: two different full names are never merged. Relations,
// qualifiers and quotes follow the entities; facts that become equal merge.
func Resolve(ctx context.Context, x *schema.Extraction, known Known) error {
	to := map[string]schema.Entity{} // old id → the known entity
	for _, e := range x.Entities {
		if !resolvable(e) {
			continue
		}
		cands, err := known.EntitiesNamed(ctx, e.Class, e.Name)
		if err != nil {
			return err
		}
		var full []schema.Entity
		for _, c := range cands {
			if c.ID != e.ID && strings.Contains(c.Name, " ") {
				full = append(full, c)
			}
		}
		if len(full) == 1 {
			to[e.ID] = full[0]
		}
	}
	if len(to) == 0 {
		return nil
	}
	x.Entities = rebindEntities(x.Entities, to)
	x.Relations = rebindRelations(x.Relations, to)
	for i, q := range x.Quotes {
		if k, ok := to[q.SpeakerID]; ok {
			x.Quotes[i].Speaker, x.Quotes[i].SpeakerID = k.Name, k.ID
		}
	}
	return nil
}

// resolvable reports whether an entity's name may stand for a fuller known
// one: a person's single word, or an organization's or place's acronym.
func resolvable(e schema.Entity) bool {
	if strings.Contains(e.Name, " ") {
		return false
	}
	if e.Class == schema.Person {
		return true
	}
	return len(e.Name) >= 2 && isAllCaps(e.Name)
}

// rebindEntities renames the entities in to and merges records that now
// share an id; the old name becomes an alias.
func rebindEntities(ents []schema.Entity, to map[string]schema.Entity) []schema.Entity {
	byID := map[string]int{}
	var out []schema.Entity
	for _, e := range ents {
		if k, ok := to[e.ID]; ok {
			e.Aliases = append(e.Aliases, e.Name)
			e.ID, e.Name = k.ID, k.Name
		}
		if i, ok := byID[e.ID]; ok {
			out[i].Mentions += e.Mentions
			out[i].Aliases = append(out[i].Aliases, e.Aliases...)
			continue
		}
		byID[e.ID] = len(out)
		out = append(out, e)
	}
	for i := range out {
		out[i].Aliases = uniqueAliases(out[i].Aliases, out[i].Name)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	return out
}

func uniqueAliases(as []string, name string) []string {
	set := map[string]bool{}
	for _, a := range as {
		if a != name {
			set[a] = true
		}
	}
	return sortedKeys(set)
}

// rebindRelations renames subjects, objects and qualifier values, gives each
// relation its new fact id and merges relations that became one fact.
func rebindRelations(rels []schema.Relation, to map[string]schema.Entity) []schema.Relation {
	names := map[string]string{} // old name → new name, for qualifier values
	for _, r := range rels {
		for _, side := range [][2]string{{r.SubjectID, r.Subject}, {r.ObjectID, r.Object}} {
			if k, ok := to[side[0]]; ok {
				names[side[1]] = k.Name
			}
		}
	}
	byID := map[string]int{}
	var out []schema.Relation
	for _, r := range rels {
		if k, ok := to[r.SubjectID]; ok {
			r.Subject, r.SubjectID = k.Name, k.ID
		}
		if k, ok := to[r.ObjectID]; ok {
			r.Object, r.ObjectID = k.Name, k.ID
		}
		for q, v := range r.Qualifiers {
			if n, ok := names[v]; ok {
				r.Qualifiers[q] = n
			}
		}
		r.ID = schema.FactID(r)
		if i, ok := byID[r.ID]; ok {
			for _, ev := range r.Evidence {
				if !hasEvidence(out[i].Evidence, ev) {
					out[i].Evidence = append(out[i].Evidence, ev)
				}
			}
			out[i].Confidence = max(out[i].Confidence, r.Confidence)
			continue
		}
		byID[r.ID] = len(out)
		out = append(out, r)
	}
	return out
}
