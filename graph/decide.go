package graph

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"kg/schema"
)

// How the registry decides which nodes are one entity (decide), and the
// rules by which a name stands for another.

// cluster is a set of entries the registry takes for one entity.
type cluster struct {
	members []*entry // sorted by id
	key     string
	words   []string
	class   schema.Class
	votes   [3]int
	spell   map[string]int
	docs    map[string]bool
	aliases map[string]bool // keys of the members' aliases and spellings, but the cluster's own
	level   int             // the level of its best spelling
	misspel []string        // its misspellingKeys
}

// summarize fills in a cluster's sums from its members.
func (c *cluster) summarize() {
	c.spell, c.docs, c.aliases = map[string]int{}, map[string]bool{}, map[string]bool{}
	c.votes = [3]int{}
	for _, m := range c.members {
		for s, n := range m.spell {
			c.spell[s] += n
		}
		for i, v := range m.votes {
			c.votes[i] += v
		}
		for d := range m.docs {
			c.docs[d] = true
		}
	}
	c.class = voteClass(c.votes, c.members[0].class)
	name := c.name()
	c.key = nameKey(name)
	c.words = strings.Fields(c.key)
	c.level = spellingLevel(name, c.class, c.spell)
	if c.class != schema.Person && len(c.words) > 1 {
		c.misspel = misspellingKeys(c.words)
	}
	for _, m := range c.members {
		for a := range m.aliases {
			c.addAlias(a)
		}
		for s := range m.spell {
			c.addAlias(s)
		}
		c.addAlias(m.name)
	}
}

func (c *cluster) addAlias(a string) {
	if k := nameKey(a); k != c.key && k != "" {
		c.aliases[k] = true
	}
}

// voteClass is the class with the most mentions; a tie keeps the class of
// the first member, if it is one of the tied, else the first of
// schema.Classes.
func voteClass(votes [3]int, first schema.Class) schema.Class {
	best := -1
	for i, v := range votes {
		if best < 0 || v > votes[best] || v == votes[best] && schema.Classes[i] == first && schema.Classes[best] != first {
			best = i
		}
	}
	if votes[best] == 0 && classOf(first) >= 0 {
		return first
	}
	return schema.Classes[best]
}

// name is the spelling that names the cluster: the best of its spellings
// by level and documents (betterSpelling); the name of its first member
// when it has none.
func (c *cluster) name() string {
	best, bestLevel := "", -1
	for _, s := range sortedKeys(c.spell) {
		l := spellingLevel(s, c.class, c.spell)
		if best == "" || betterSpelling(s, best, l, bestLevel, c.spell[s], c.spell[best]) {
			best, bestLevel = s, l
		}
	}
	if best == "" {
		best = c.members[0].name
	}
	return best
}

// short reports whether a cluster's names are all short forms that a
// fuller name may stand behind: a person's single word, an acronym.
func (c *cluster) short() bool {
	return c.class == schema.Person && len(c.words) == 1 || c.level == levelAcronym
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	})
}

// Thresholds of the registry's decisions.
const (
	// dominance: a short name shared by several known entities joins
	// the one named in more documents than all the others together and
	// in this many times as many as the next ("Reagan": Ronald Reagan in
	// 21 documents; Nancy Reagan, Michael Reagan and fragments such as
	// "Besides Reagan" in one each), else it stays apart ("Kim": Kim Jong
	// Un and Duyeon Kim, in one document each).
	dominance = 4
	// crossClass, crossClassDocs: a name of one class may join an entity
	// of another (non-person) class by an alias only when it is named in
	// at most crossClassDocs documents and that entity in crossClass
	// times as many ("America", an organization in 3 documents, joins the
	// place United States, in 4,367).
	crossClass     = 10
	crossClassDocs = 5
	// minPlaceDocs: a place named before an organization's name is a
	// place of at least this many documents.
	minPlaceDocs = 5
	// misspelled: a name one letter from another is that other's
	// misspelling when the other is named in this many times as many
	// documents.
	misspelled = 10
	// maxRounds bounds the rounds of decide; each round joins what the
	// previous one made unambiguous.
	maxRounds = 8
)

// mergePlan is what Consolidate does: the clusters whose nodes change, and the
// generic nodes, each document of which joins an entity or becomes text.
type mergePlan struct {
	clusters []*finalCluster
	generic  []*genericNode
}

// finalCluster is one entity after consolidation: its id, name and class,
// and the nodes it is made of.
type finalCluster struct {
	id, name string
	class    schema.Class
	members  []*entry
	parts    []genericPart // documents of generic nodes that join it
}

// genericNode is a node whose name is only a generic head, and what each
// of its documents becomes: the entity the document names with that head,
// or text.
type genericNode struct {
	entry *entry
	to    map[string]*finalCluster // document → entity; absent: text
}

type genericPart struct {
	entry *entry
	doc   string
}

// unionFind joins entries by index.
type unionFind []int

func (u unionFind) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

// union joins i and j; the smaller index is the root, so the result does
// not depend on the order of unions.
func (u unionFind) union(i, j int) bool {
	a, b := u.find(i), u.find(j)
	if a == b {
		return false
	}
	if b < a {
		a, b = b, a
	}
	u[b] = a
	return true
}

// decide decides which entries are one entity, with their names and classes.
func (r *registry) decide() *mergePlan {
	ids := sortedKeys(r.entries)
	entries := make([]*entry, len(ids))
	for i, id := range ids {
		entries[i] = r.entries[id]
	}
	uf, generic := joinByKey(entries)
	var clusters []*cluster
	prev := map[int]*cluster{}
	for round := 0; ; round++ {
		clusters, prev = buildClusters(entries, uf, generic, prev)
		if round == maxRounds || !bindShort(clusters, entries, uf) {
			break
		}
	}
	p := &mergePlan{}
	final := map[*entry]*finalCluster{}
	for _, c := range clusters {
		f := &finalCluster{name: c.name(), class: c.class, members: c.members}
		f.id = schema.EntityID(f.class, f.name)
		for _, m := range c.members {
			final[m] = f
		}
		p.clusters = append(p.clusters, f)
	}
	p.generic = bindGeneric(generic, clusters, final)
	for _, g := range p.generic {
		for _, d := range sortedKeys(g.to) {
			g.to[d].parts = append(g.to[d].parts, genericPart{g.entry, d})
		}
	}
	p.clusters = slices.DeleteFunc(p.clusters, func(f *finalCluster) bool { return !f.changes() })
	return p
}

// joinByKey joins the entries whose names are one (nameKey): the
// organizations by their key, every class by the key with company forms
// kept (fullKey), so that "Reagan" the organization and "Reagan" the
// person are one entity (of the class most mentions give), and "Trans
// World Airlines Inc" is Trans World Airlines, but "Singapore Co Ltd" is
// not the place. It returns the joins and the generic entries, which
// join nothing.
func joinByKey(entries []*entry) (unionFind, []*entry) {
	uf := make(unionFind, len(entries))
	byKey, byFull := map[string]int{}, map[string]int{}
	var generic []*entry
	join := func(m map[string]int, key string, i int) {
		if j, ok := m[key]; ok {
			uf.union(i, j)
		} else {
			m[key] = i
		}
	}
	for i, e := range entries {
		uf[i] = i
		name := e.bestName()
		key, full := nameKey(name), fullKey(name)
		org := voteClass(e.votes, e.class) == schema.Organization
		if !org {
			key = full
		}
		if isGenericKey(key) {
			generic = append(generic, e)
			continue
		}
		if org {
			join(byKey, key, i)
		}
		join(byFull, full, i)
	}
	return uf, generic
}

// bestName is the spelling that names an entry on its own.
func (e *entry) bestName() string {
	c := &cluster{members: []*entry{e}, spell: e.spell}
	c.class = voteClass(e.votes, e.class)
	return c.name()
}

// changes reports whether consolidating a cluster changes the store.
func (f *finalCluster) changes() bool {
	if len(f.members) != 1 || len(f.parts) > 0 {
		return true
	}
	m := f.members[0]
	return m.id != f.id || m.name != f.name
}

// buildClusters makes a cluster of each set of joined entries, but the
// generic ones, by the root of its set; a set that did not change since
// the clusters prev keeps its cluster.
func buildClusters(entries []*entry, uf unionFind, generic []*entry, prev map[int]*cluster) ([]*cluster, map[int]*cluster) {
	skip := map[*entry]bool{}
	for _, g := range generic {
		skip[g] = true
	}
	byRoot := map[int]*cluster{}
	var out []*cluster
	for i, e := range entries {
		if skip[e] {
			continue
		}
		root := uf.find(i)
		c := byRoot[root]
		if c == nil {
			c = &cluster{}
			byRoot[root] = c
			out = append(out, c)
		}
		c.members = append(c.members, e)
	}
	for root, c := range byRoot {
		if p := prev[root]; p != nil && len(p.members) == len(c.members) {
			*c = *p
			continue
		}
		c.summarize()
	}
	return out, byRoot
}

// clusterIndex finds clusters by key, alias, last word, initials and first word.
type clusterIndex struct {
	byKey       map[string][]*cluster
	byAlias     map[string][]*cluster
	byLastWord  map[string][]*cluster // persons of two words or more
	byFirstWord map[string][]*cluster // persons of two words or more
	byInitials  map[string][]*cluster // organizations and places of two words or more
	firstWords  []string              // sorted first words of organizations of two words or more
	byFirst     map[string][]*cluster
	byDeletion  map[string][]*cluster // organizations and places of two words or more, by misspellingKeys
}

func indexClusters(clusters []*cluster) *clusterIndex {
	x := &clusterIndex{byKey: map[string][]*cluster{}, byAlias: map[string][]*cluster{}, byLastWord: map[string][]*cluster{}, byFirstWord: map[string][]*cluster{},
		byInitials: map[string][]*cluster{}, byFirst: map[string][]*cluster{}, byDeletion: map[string][]*cluster{}}
	for _, c := range clusters {
		x.byKey[c.key] = append(x.byKey[c.key], c)
		for a := range c.aliases {
			x.byAlias[a] = append(x.byAlias[a], c)
		}
		if len(c.words) < 2 {
			continue
		}
		switch c.class {
		case schema.Person:
			w := c.words[len(c.words)-1]
			x.byLastWord[w] = append(x.byLastWord[w], c)
			x.byFirstWord[c.words[0]] = append(x.byFirstWord[c.words[0]], c)
		default:
			in := initials(c.key)
			x.byInitials[in] = append(x.byInitials[in], c)
			for _, k := range c.misspel {
				x.byDeletion[k] = append(x.byDeletion[k], c)
			}
			if c.class == schema.Organization {
				if _, ok := x.byFirst[c.words[0]]; !ok {
					x.firstWords = append(x.firstWords, c.words[0])
				}
				x.byFirst[c.words[0]] = append(x.byFirst[c.words[0]], c)
			}
		}
	}
	slices.Sort(x.firstWords)
	return x
}

// candidate is an entity a cluster may join, with the weight of the
// evidence for it (documents).
type candidate struct {
	c        *cluster
	weight   int
	eligible bool // it may be chosen, not only weigh against the others
}

// bindShort joins each cluster that a name rule binds to one other
// cluster; it reports whether it joined any. The decisions of a round are
// all taken before any join.
func bindShort(clusters []*cluster, entries []*entry, uf unionFind) bool {
	x := indexClusters(clusters)
	index := map[*entry]int{}
	for i, e := range entries {
		index[e] = i
	}
	type join struct{ a, b *cluster }
	var joins []join
	for _, c := range clusters {
		if t := x.target(c); t != nil {
			joins = append(joins, join{c, t})
		}
	}
	joined := false
	for _, j := range joins {
		if uf.union(index[j.a.members[0]], index[j.b.members[0]]) {
			joined = true
		}
	}
	return joined
}

// target is the cluster c is a name of, or nil: by the first rule that
// finds candidates, the one candidate, or one that dominates the others.
func (x *clusterIndex) target(c *cluster) *cluster {
	for _, rule := range []func(*cluster) []candidate{x.byAliasRule, x.byAcronymRule, x.byTruncationRule, x.byMisspellingRule} {
		if cands := rule(c); len(cands) > 0 {
			return dominant(cands)
		}
	}
	return nil
}

// byAliasRule: clusters that gave c's name as an alias, and for a person,
// those that c's full name ends with behind a title ("Agriculture
// Commissioner Frans Andriessen": Frans Andriessen), and for an
// organization, the one c names behind a place and that a document called
// c ("U.S. Federal Reserve", alias "Federal Reserve": Federal Reserve). A
// person's single word has a rule of its own (byPersonWord).
func (x *clusterIndex) byAliasRule(c *cluster) []candidate {
	if c.class == schema.Person && len(c.words) == 1 {
		return x.byPersonWord(c)
	}
	var out []candidate
	add := func(o *cluster) {
		if o != c && !slices.ContainsFunc(out, func(k candidate) bool { return k.c == o }) {
			out = append(out, candidate{o, len(o.docs), true})
		}
	}
	for _, o := range x.byAlias[c.key] {
		if x.aliasCompatible(c, o) {
			add(o)
		}
	}
	for i := 1; len(c.words)-i >= 2; i++ {
		tail := strings.Join(c.words[i:], " ")
		for _, o := range x.byKey[tail] {
			switch {
			case c.class == schema.Person && o.class == schema.Person:
				add(o)
			case c.class == schema.Organization && o.class == schema.Organization && c.aliases[o.key] && x.isPlace(strings.Join(c.words[:i], " ")):
				add(o)
			}
		}
	}
	return out
}

// byPersonWord: for a person's single word, every person of two words or
// more whose last word ("Reagan": Ronald Reagan, Nancy Reagan) or first
// word ("Kim": Kim Jong Un) it is, or who was called by it, weighed by
// their documents; the one chosen must end with the word or have been
// called by it (a first name alone is no evidence: "Richard").
func (x *clusterIndex) byPersonWord(c *cluster) []candidate {
	var out []candidate
	for _, group := range [][]*cluster{x.byLastWord[c.key], x.byFirstWord[c.key], x.byAlias[c.key]} {
		for _, o := range group {
			if o == c || o.class != schema.Person || len(o.words) < 2 || slices.ContainsFunc(out, func(k candidate) bool { return k.c == o }) {
				continue
			}
			eligible := o.words[len(o.words)-1] == c.key || o.aliases[c.key]
			out = append(out, candidate{o, len(o.docs), eligible})
		}
	}
	return out
}

// aliasCompatible reports whether c may join o, which gave c's name as an
// alias. A name fuller than a short one (a person's single word, an
// acronym) or an abbreviation of o's name (abbreviates) may, if a
// place's, only when it is not a part of o's name (its words are o's
// words in order: isSubsequence), and else only when it is: a place's
// other names are other words ("Britain", "West Germany" of Germany),
// but a document that calls Kansas City "Kansas" or the Mississippi River
// "the Mississippi" does not make the state one with the city and the
// river; an organization's or a person's are parts of its name
// ("Federal Reserve" of "U.S. Federal Reserve", "Shell" of "Royal Dutch
// Shell"), not a subsidiary's name. Then, of its own class, a short name always and a fuller one only a
// cluster with at least a fourth of its documents; of another class (no
// person's), a name of a few documents (crossClassDocs, no company form)
// with crossClass times its documents: a tagging slip ("America" as an
// organization), not an entity of its own ("United", the airline, in 22
// documents).
func (x *clusterIndex) aliasCompatible(c, o *cluster) bool {
	if !c.short() && !abbreviates(c, o) && (c.class == schema.Place) == isSubsequence(c.words, o.words) {
		return false
	}
	if c.class != o.class {
		return c.class != schema.Person && o.class != schema.Person && len(c.docs) <= crossClassDocs &&
			len(o.docs) >= crossClass*len(c.docs) && fullKey(c.name()) == c.key
	}
	return c.short() || dominance*len(o.docs) >= len(c.docs)
}

// abbreviates reports whether c's name is one word, the initials of o's
// name with or without its company forms and bodies: "FHLBB" of the
// Federal Home Loan Bank Board, "FSLIC" of the Federal Savings and Loan
// Insurance Corp, "ICO Inc" of the International Coffee Organization. Such
// a name is an acronym, though written in five capitals it reads as a
// headline's word, or though it has a company form.
func abbreviates(c, o *cluster) bool {
	if len(c.words) != 1 || len(o.words) < 2 {
		return false
	}
	return c.key == initials(o.key) || c.key == initials(fullKey(o.name()))
}

// isSubsequence reports whether the words of a are words of b, in order.
func isSubsequence(a, b []string) bool {
	i := 0
	for _, w := range b {
		if i < len(a) && a[i] == w {
			i++
		}
	}
	return i == len(a)
}

// isPlace reports whether key is a name of a place that documents name
// (minPlaceDocs at least): "U.S.", "Ontario", not a stray "Central".
func (x *clusterIndex) isPlace(key string) bool {
	for _, o := range append(x.byKey[key], x.byAlias[key]...) {
		if o.class == schema.Place && len(o.docs) >= minPlaceDocs {
			return true
		}
	}
	return false
}

// byAcronymRule: for an acronym no cluster gave as an alias, the
// organizations and places of its initials that documents name with it
// ("TWA": Trans World Airlines), weighed by those documents.
func (x *clusterIndex) byAcronymRule(c *cluster) []candidate {
	if c.level != levelAcronym || c.class == schema.Person {
		return nil
	}
	var out []candidate
	for _, o := range x.byInitials[acronymLetters(c.key)] {
		if n := cooccur(c, o); o != c && n > 0 {
			out = append(out, candidate{o, n, true})
		}
	}
	return out
}

// byTruncationRule: for an organization of one word that is the start of
// the first word of organizations' fuller names ("Fed": Federal Reserve,
// Federal Deposit Insurance Corp), those that documents name with it at
// least twice, weighed by those documents.
func (x *clusterIndex) byTruncationRule(c *cluster) []candidate {
	if c.class != schema.Organization || len(c.words) != 1 || len(c.key) < 3 || c.level == levelAcronym {
		return nil
	}
	var out []candidate
	i, _ := slices.BinarySearch(x.firstWords, c.key)
	for ; i < len(x.firstWords) && strings.HasPrefix(x.firstWords[i], c.key); i++ {
		if x.firstWords[i] == c.key {
			continue
		}
		for _, o := range x.byFirst[x.firstWords[i]] {
			if n := cooccur(c, o); n >= 2 {
				out = append(out, candidate{o, n, true})
			}
		}
	}
	return out
}

// byMisspellingRule: for an organization or place of two words or more,
// those of its class whose name is its name with one long word (six
// letters or more) spelled one letter otherwise, and that documents name
// misspelled-times as often ("Securities and Exchange Comission", in one
// document: the Securities and Exchange Commission, in 636). A person's
// name spelled otherwise may be another person's.
func (x *clusterIndex) byMisspellingRule(c *cluster) []candidate {
	if c.class == schema.Person || len(c.words) < 2 {
		return nil
	}
	var out []candidate
	for _, k := range c.misspel {
		for _, o := range x.byDeletion[k] {
			if o == c || o.class != c.class || len(o.docs) < misspelled*len(c.docs) || !oneLetterApart(c.words, o.words) ||
				slices.ContainsFunc(out, func(k candidate) bool { return k.c == o }) {
				continue
			}
			out = append(out, candidate{o, len(o.docs), true})
		}
	}
	return out
}

// misspellingKeys are the keys a name is indexed and looked up by to find
// names one letter apart: for each long word, the name with that word as
// it is and without each of its letters.
func misspellingKeys(words []string) []string {
	var out []string
	for i, w := range words {
		r := []rune(w)
		if len(r) < 6 {
			continue
		}
		out = append(out, strconv.Itoa(i)+"\x00"+strings.Join(words, " "))
		for j := range r {
			v := slices.Clone(words)
			v[i] = string(r[:j]) + string(r[j+1:])
			out = append(out, strconv.Itoa(i)+"\x00"+strings.Join(v, " "))
		}
	}
	return out
}

// oneLetterApart reports whether two names differ in one word of six
// letters or more, by one letter added, dropped or replaced.
func oneLetterApart(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	diff := -1
	for i := range a {
		if a[i] != b[i] {
			if diff >= 0 {
				return false
			}
			diff = i
		}
	}
	if diff < 0 {
		return false
	}
	x, y := []rune(a[diff]), []rune(b[diff])
	if len(x) < 6 || len(y) < 6 {
		return false
	}
	if len(x) > len(y) {
		x, y = y, x
	}
	switch len(y) - len(x) {
	case 0: // one replaced
		n := 0
		for i := range x {
			if x[i] != y[i] {
				n++
			}
		}
		return n == 1
	case 1: // one added
		i := 0
		for i < len(x) && x[i] == y[i] {
			i++
		}
		return string(x[i:]) == string(y[i+1:])
	}
	return false
}

// cooccur counts the documents that mention both clusters.
func cooccur(a, b *cluster) int {
	if len(a.docs) > len(b.docs) {
		a, b = b, a
	}
	n := 0
	for d := range a.docs {
		if b.docs[d] {
			n++
		}
	}
	return n
}

// dominant returns the candidate with more weight than all the others
// together and dominance times the weight of the next, or nil.
func dominant(cands []candidate) *cluster {
	slices.SortFunc(cands, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(b.weight, a.weight), cmp.Compare(a.c.members[0].id, b.c.members[0].id))
	})
	top, next, rest := cands[0].weight, 0, 0
	for i, k := range cands[1:] {
		if i == 0 {
			next = k.weight
		}
		rest += k.weight
	}
	if top > rest && top >= dominance*next && cands[0].eligible {
		return cands[0].c
	}
	return nil
}

// bindGeneric decides, for each document of each generic node, the entity
// the document names with that head: the one cluster it mentions with a
// name of that head word ("the Commission" in a document naming the
// Securities and Exchange Commission), else none (the mention becomes
// text).
func bindGeneric(generic []*entry, clusters []*cluster, final map[*entry]*finalCluster) []*genericNode {
	if len(generic) == 0 {
		return nil
	}
	wanted := map[string]bool{}
	for _, g := range generic {
		for d := range g.docs {
			wanted[d] = true
		}
	}
	inDoc := map[string][]*cluster{}
	heads := map[*cluster]map[string]bool{}
	for _, c := range clusters {
		for d := range c.docs {
			if wanted[d] {
				inDoc[d] = append(inDoc[d], c)
			}
		}
	}
	headsOf := func(c *cluster) map[string]bool {
		h, ok := heads[c]
		if !ok {
			h = map[string]bool{}
			for s := range c.spell {
				for _, w := range headWords(s) {
					h[w] = true
				}
			}
			heads[c] = h
		}
		return h
	}
	var out []*genericNode
	for _, g := range generic {
		n := &genericNode{entry: g, to: map[string]*finalCluster{}}
		head := nameKey(g.bestName())
		for _, d := range sortedKeys(g.docs) {
			var found *cluster
			count := 0
			for _, c := range inDoc[d] {
				if head != "" && headsOf(c)[head] {
					found, count = c, count+1
				}
			}
			if count == 1 {
				n.to[d] = final[found.members[0]]
			}
		}
		out = append(out, n)
	}
	return out
}
