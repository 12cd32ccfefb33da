package extract

import (
	"strings"

	"kg/article"
	"kg/schema"
)

// discourse is what the reader remembers while going through a document in
// order, to resolve pronouns and plural descriptions: the last person named
// outside quotations, the last group of entities named together ("Putin and
// Kim") per class and of any class, and the entity that was last the
// subject of a fact.
type discourse struct {
	ents        []entity
	lastPerson  int
	lastSubject int // an organization or place; "it" refers to it
	subjectSent int // the sentence lastSubject was the subject in
	lastGroup   []int
	groupOf     map[schema.Class][]int
}

func newDiscourse(ents []entity) *discourse {
	return &discourse{ents: ents, lastPerson: -1, lastSubject: -1, groupOf: map[schema.Class][]int{}}
}

// Pronoun and description classes, as data.
var (
	personPronouns = setOf("he", "she", "him", "his", "her", "hers", "himself", "herself")
	pluralPronouns = setOf("they", "them", "their", "theirs", "themselves", "both")
	thingPronouns  = setOf("it", "its", "itself")
	// expletiveVerbs follow an "it" that refers to nothing: "it makes sense", "it is likely".
	expletiveVerbs = setOf("be", "make", "seem", "appear", "remain", "take", "matter", "look", "become", "rain")
	// pluralNouns name a group of people or of places already named:
	// "the two leaders", "the men", "both countries".
	pluralNouns = map[string]schema.Class{
		"leaders": schema.Person, "men": schema.Person, "women": schema.Person, "presidents": schema.Person,
		"sides": "", "countries": schema.Place, "nations": schema.Place, "governments": schema.Place,
		"neighbours": schema.Place, "neighbors": schema.Place, "allies": "",
	}
)

// resolve fills the entities of noun phrase i of sentence s when it is a
// pronoun or a plural description ("the two leaders"), outside quotations
// (there "he" is someone the speaker talks about). Noun phrases are resolved
// in text order, interleaved with reading the sentence's facts, so "it" can
// refer to the subject of a fact earlier in the same sentence.
func (d *discourse) resolve(s *sentence, us []unit, i int, ms []Mention) {
	u := &us[i]
	if u.kind != uNP || len(u.ents) > 0 || s.inQuote(u.head) {
		return
	}
	word := strings.ToLower(s.toks[u.head].Text)
	switch {
	case u.pron && personPronouns[word]:
		if p := d.personBefore(s, ms, u.t0); p >= 0 {
			u.ents, u.coref = []int{p}, true
		}
	case (u.pron || u.t1-u.t0 == 1) && pluralPronouns[word]:
		if len(d.lastGroup) > 0 {
			u.ents, u.coref = append([]int(nil), d.lastGroup...), true
		}
	case u.pron && thingPronouns[word]:
		// only a subject ("it has no plans to"), not an expletive ("it makes
		// sense", "it is difficult") nor an object ("called it …"), and only
		// for the subject of this sentence or the one before
		if d.lastSubject >= 0 && s.idx-d.subjectSent <= 1 && i+1 < len(us) && us[i+1].kind == uVerb &&
			!expletiveVerbs[lemma(s.toks[us[i+1].head].Text)] {
			u.ents, u.coref = []int{d.lastSubject}, true
		}
	case !u.pron && isPluralDescription(s, u):
		g := d.lastGroup
		if class := pluralNouns[word]; class != "" {
			g = d.groupOf[class]
		}
		if len(g) > 0 {
			u.ents, u.coref = append([]int(nil), g...), true
		}
	}
}

// isPluralDescription reports whether NP u is "the (two) leaders", "both
// countries", "the men": a definite plural noun from pluralNouns with
// nothing but a determiner or number before it.
func isPluralDescription(s *sentence, u *unit) bool {
	if _, ok := pluralNouns[strings.ToLower(s.toks[u.head].Text)]; !ok {
		return false
	}
	for _, t := range s.toks[u.t0:u.head] {
		if t.Tag != "DT" && t.Tag != "CD" && t.Tag != "PDT" {
			return false
		}
	}
	return u.head > u.t0 // "leaders" alone is any leaders
}

// personBefore returns the person a "he"/"she" at token tok refers to: the
// last person named before it in the sentence outside quotations, else the
// last one named before the sentence.
func (d *discourse) personBefore(s *sentence, ms []Mention, tok int) int {
	p := -1
	for _, m := range s.mentions(ms) {
		if m.tok1 <= tok && !s.inQuote(m.tok0) && d.ents[m.entity].Class == schema.Person {
			p = m.entity
		}
	}
	if p >= 0 {
		return p
	}
	return d.lastPerson
}

// remember records what sentence s names, for the sentences after it; call
// it once the sentence is read.
// Headlines, captions and credits are left out: a pronoun in the body does
// not refer back to them.
func (d *discourse) remember(s *sentence, us []unit, ms []Mention) {
	if s.kind != article.Body {
		return
	}
	for _, m := range s.mentions(ms) {
		if !s.inQuote(m.tok0) && d.ents[m.entity].Class == schema.Person {
			d.lastPerson = m.entity
		}
	}
	for _, u := range us {
		if u.kind == uNP && len(u.ents) >= 2 && !u.coref && !s.inQuote(u.head) {
			d.lastGroup = append([]int(nil), u.ents...)
			if c := d.ents[u.ents[0]].Class; d.sameClass(u.ents, c) {
				d.groupOf[c] = d.lastGroup
			}
		}
	}
}

// noteSubject records the subject of a fact just read in sentence s, so
// "it" can refer to an organization or place that was last the subject.
func (d *discourse) noteSubject(s *sentence, e int) {
	if c := d.ents[e].Class; c == schema.Organization || c == schema.Place {
		d.lastSubject, d.subjectSent = e, s.idx
	}
}

func (d *discourse) sameClass(es []int, c schema.Class) bool {
	for _, e := range es {
		if d.ents[e].Class != c {
			return false
		}
	}
	return true
}
