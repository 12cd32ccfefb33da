package serve

import (
	"cmp"
	"slices"
	"strings"

	"kg/schema"
)

// nameIndex finds entities by a prefix of their canonical name, of an
// alias, or of any word of either ("marq" finds Elena Marquez): a sorted
// slice of lower-cased keys searched by binary search, so a lookup costs
// O(log n + matches) whatever the store size.
type nameIndex struct {
	keys []nameKey
	ents []schema.Entity
}

// nameKey is one searchable string of an entity.
type nameKey struct {
	key  string // lower-cased text, or its tail from one word on
	text string // the name or alias it comes from
	ent  int    // index into nameIndex.ents
	rank int    // matchName, matchAlias or matchWord
}

// Where a key comes from.
const (
	matchName  = iota // the canonical name
	matchAlias        // an alias
	matchWord         // the name or an alias from a later word on
)

// maxScan bounds how many keys one lookup examines (a one-letter query on
// a large store matches many).
const maxScan = 5000

func newNameIndex(ents []schema.Entity) *nameIndex {
	idx := &nameIndex{ents: ents}
	for i, e := range ents {
		idx.add(e.Name, i, matchName)
		for _, a := range e.Aliases {
			idx.add(a, i, matchAlias)
		}
	}
	slices.SortFunc(idx.keys, func(a, b nameKey) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.rank, b.rank), cmp.Compare(a.ent, b.ent))
	})
	return idx
}

// add indexes text and the tail of text from each later word on.
func (idx *nameIndex) add(text string, ent, rank int) {
	low := fold(text)
	if low == "" {
		return
	}
	idx.keys = append(idx.keys, nameKey{key: low, text: text, ent: ent, rank: rank})
	for i := 1; i < len(low); i++ {
		if low[i-1] == ' ' && low[i] != ' ' {
			idx.keys = append(idx.keys, nameKey{key: low[i:], text: text, ent: ent, rank: matchWord})
		}
	}
}

// fold lower-cases s and turns runs of spaces, hyphens and dots into
// single spaces, so "Kim Jong-un" is found by "kim jong un".
func fold(s string) string {
	f := strings.Map(func(r rune) rune {
		switch r {
		case '-', '.', '_', '\t', '\n':
			return ' '
		}
		return r
	}, strings.ToLower(s))
	return strings.Join(strings.Fields(f), " ")
}

// match is one entity a lookup found.
type match struct {
	Entity schema.Entity
	Text   string // the name or alias that matched
	exact  bool   // Text is the query (case and punctuation folded)
	rank   int    // where Text comes from: matchName, matchAlias or matchWord
}

// lookup returns at most limit entities (of class c, when not "") with a
// name, alias or word starting with prefix: those whose canonical name or
// an alias is the query itself first, then the others; each group by
// mentions. So a surname finds the one well-known person who has it as an
// alias before a film title or a one-mention span that merely starts with
// it.
func (idx *nameIndex) lookup(prefix string, c schema.Class, limit int) []match {
	q := fold(prefix)
	if q == "" || limit <= 0 {
		return nil
	}
	best := make(map[int]match)
	i, _ := slices.BinarySearchFunc(idx.keys, q, func(k nameKey, q string) int { return cmp.Compare(k.key, q) })
	for n := 0; i < len(idx.keys) && n < maxScan && strings.HasPrefix(idx.keys[i].key, q); i, n = i+1, n+1 {
		k := idx.keys[i]
		e := idx.ents[k.ent]
		if c != "" && e.Class != c {
			continue
		}
		exact := k.key == q && k.rank != matchWord
		if m, ok := best[k.ent]; !ok || better(exact, k.rank, m) {
			best[k.ent] = match{Entity: e, Text: k.text, exact: exact, rank: k.rank}
		}
	}
	out := make([]match, 0, len(best))
	for _, m := range best {
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b match) int {
		return cmp.Or(-boolCmp(a.exact, b.exact), cmp.Compare(b.Entity.Mentions, a.Entity.Mentions),
			cmp.Compare(a.rank, b.rank), cmp.Compare(a.Entity.Name, b.Entity.Name), cmp.Compare(a.Entity.ID, b.Entity.ID))
	})
	return out[:min(limit, len(out))]
}

// better reports whether a key matching exactly (or not) from source rank
// is a better reason to show an entity than the match m kept so far.
func better(exact bool, rank int, m match) bool {
	if exact != m.exact {
		return exact
	}
	return rank < m.rank
}

// boolCmp orders false before true.
func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
