package extract

import (
	"kg/article"
	"kg/schema"
)

// Coreference: who a pronoun or a definite description stands for, decided
// while reading the document in order.
//
//   - he, she (him, his, her, …): the nearest person named before it in the
//     sentence, else the person that was the subject of the latest sentence
//     with one, else the latest person named — but never a person named only
//     inside a quotation for a pronoun outside one, and never the subject of
//     the pronoun's own clause for its object ("Putin met him");
//   - they (them, their): the latest group of entities named together
//     ("Putin and Kim"), two sentences back at most;
//   - it (its): the organization or place that was last a subject, this
//     sentence or the one before; never an expletive ("it is likely that");
//   - "the company", "the firm", "the group" …: the organization last named
//     as a subject, five sentences back at most;
//   - I, me, my inside a quotation: its speaker (once quotes are attributed).
//
// A pronoun with no antecedent that agrees with it (person, organization or
// place; one or many) stays unresolved: its facts are dropped, not guessed.
type discourse struct {
	ents []entity
	// per class, the latest entity named (outside quotations) and the
	// latest that was a subject, with the sentence
	last, lastSubj map[schema.Class]mark
	group          []int // the latest entities named together
	groupSent      int
	speaker        mark   // the latest person who spoke: "…," he said is most likely them again
	speakerLit     string // when that one has no name: "the band's spokesman"
	orgs           []mark // the organizations named, in order
}

// mark is an entity seen at a sentence.
type mark struct {
	ent, sent int
}

func newDiscourse(ents []entity) *discourse {
	return &discourse{ents: ents, last: map[schema.Class]mark{}, lastSubj: map[schema.Class]mark{}, groupSent: -10, speaker: mark{-1, -10}}
}

// spoke records that person e spoke in sentence s.
func (d *discourse) spoke(s *sentence, e int) {
	if e >= 0 && d.ents[e].Class == schema.Person {
		d.speaker, d.speakerLit = mark{e, s.idx}, ""
	}
}

// spokeUnnamed records that a speaker the text does not name ("the band's
// spokesman") spoke in sentence s: a "…," he said after it is them, not
// the last person named.
func (d *discourse) spokeUnnamed(s *sentence, lit string) {
	d.speaker, d.speakerLit = mark{-1, s.idx}, lit
}

// unnamedSpeaker returns the speaker without a name whom a "he said" in
// sentence s stands for, or "".
func (d *discourse) unnamedSpeaker(s *sentence) string {
	if d.speaker.ent < 0 && d.speakerLit != "" && s.idx-d.speaker.sent <= 4 {
		return d.speakerLit
	}
	return ""
}

// Pronouns and descriptions, by what they can stand for.
var (
	personPronouns = setOf("he", "she", "him", "his", "her", "hers", "himself", "herself")
	pluralPronouns = setOf("they", "them", "their", "theirs", "themselves")
	thingPronouns  = setOf("it", "its", "itself")
	firstPronouns  = setOf("i", "me", "my", "mine", "myself")
	// pluralNouns name a group already named: "the two leaders", "both
	// countries", with the class its members must have ("any": all).
	pluralNouns = map[string]schema.Class{
		"leaders": schema.Person, "men": schema.Person, "women": schema.Person, "presidents": schema.Person,
		"ministers": schema.Person, "sides": "any", "countries": schema.Place, "nations": schema.Place,
		"neighbours": schema.Place, "neighbors": schema.Place, "allies": "any", "companies": schema.Organization,
		"firms": schema.Organization, "groups": schema.Organization, "parties": "any", "pair": "any", "two": "any",
	}
	// genericOrgNouns stand for the organization last a subject, whatever
	// its name: "the company said".
	genericOrgNouns = setOf("company", "firm", "group", "concern", "corporation", "giant", "operator", "maker", "unit")
	// orgNouns head a definite description of an organization already named.
	orgNouns = setOf("company", "firm", "group", "bank", "carrier", "airline", "club", "concern", "maker",
		"manufacturer", "producer", "retailer", "insurer", "lender", "operator", "giant", "corporation", "utility",
		"conglomerate", "subsidiary", "unit", "party", "agency", "regulator", "watchdog", "team", "band", "studio",
		"network", "broadcaster", "newspaper", "channel", "chain", "brewer", "miner", "refiner", "distributor")
)

// resolve fills s.ref with the entities the pronouns and descriptions of
// sentence s stand for, then remembers what s names. Headlines, captions
// and credits are read but not remembered: a pronoun in the body does not
// refer back to them.
func (d *discourse) resolve(s *sentence, ms []Mention) {
	s.ref = make([][]int, len(s.toks))
	body := s.kind == article.Body || s.kind == article.Subtitle
	for i := range s.toks {
		if e := d.antecedent(s, ms, i, body); len(e) > 0 {
			s.ref[i] = e
		}
	}
	if s.kind == article.Body {
		d.remember(s, ms)
	}
}

// antecedent returns the entities token i of sentence s stands for, if it
// is a pronoun or description that resolves.
//
// Outside the body (a headline, a caption) only antecedents in the same
// sentence count: a pronoun there does not refer back to the body.
func (d *discourse) antecedent(s *sentence, ms []Mention, i int, body bool) []int {
	if !body {
		d = &discourse{ents: d.ents, last: map[schema.Class]mark{}, lastSubj: map[schema.Class]mark{}, groupSent: -10}
	}
	if s.ment[i] >= 0 {
		return nil
	}
	w := s.lower(i)
	inQuote := s.inQuote(i)
	switch {
	case personPronouns[w] && s.toks[i].UPOS == "PRON" && !inQuote:
		if h := s.toks[i].Head; h >= 0 && sayVerbs[s.lemmaOf(h)] && s.hasRel(i, "nsubj") && s.idx-d.speaker.sent <= 4 {
			if d.speaker.ent >= 0 {
				return []int{d.speaker.ent} // "…," he said: the one who spoke last
			}
			if d.speakerLit != "" {
				return nil // … who has no name: no entity (the quotation gets the phrase)
			}
		}
		if e := d.personFor(s, ms, i); e >= 0 {
			return []int{e}
		}
	case pluralPronouns[w] && s.toks[i].UPOS == "PRON" && !inQuote:
		if g := s.groupBefore(ms, i, d.ents, "any"); len(g) >= 2 {
			return g
		}
		if len(d.group) >= 2 && s.idx-d.groupSent <= 2 {
			d.groupSent = s.idx // named again: "The firms took action … The companies said …"
			return append([]int(nil), d.group...)
		}
	case thingPronouns[w] && s.toks[i].UPOS == "PRON" && !inQuote:
		if s.expletive(i) || w == "it" && !s.hasRel(i, "nsubj", "nsubj:pass") {
			// an object "it" is more often a thing than a party: "called it a deal"
			return nil
		}
		if e := d.thingBefore(s, ms, i); e >= 0 {
			return []int{e}
		}
		best := mark{-1, -10}
		for _, c := range []schema.Class{schema.Organization, schema.Place} {
			if m, ok := d.lastSubj[c]; ok && m.sent > best.sent {
				best = m
			}
		}
		if best.ent >= 0 && s.idx-best.sent <= 1 {
			return []int{best.ent}
		}
	case firstPronouns[w] && inQuote:
		if q := s.quotes[s.quote[i]]; q.speaker >= 0 && d.ents[q.speaker].Class == schema.Person {
			return []int{q.speaker}
		}
	case pluralNouns[s.lower(i)] != "" && s.toks[i].UPOS == "NOUN" && !inQuote && s.definite(i):
		// "the two leaders", "both countries": the latest group of that class
		if g := s.groupBefore(ms, i, d.ents, pluralNouns[s.lower(i)]); len(g) >= 2 {
			return g
		}
		if len(d.group) >= 2 && s.idx-d.groupSent <= 2 && (pluralNouns[s.lower(i)] == "any" || d.ents[d.group[0]].Class == pluralNouns[s.lower(i)]) {
			d.groupSent = s.idx // named again: "The firms took action … The companies said …"
			return append([]int(nil), d.group...)
		}
	case orgNouns[s.lemmaOf(i)] && s.toks[i].UPOS == "NOUN" && !inQuote && s.definite(i):
		// "the party": the latest organization whose name has that head
		// ("Labour Party"); "the company": the latest organization subject
		for k := len(d.orgs) - 1; k >= 0 && s.idx-d.orgs[k].sent <= 15; k-- {
			if hasWord(d.ents[d.orgs[k].ent].Name, s.lemmaOf(i)) {
				return []int{d.orgs[k].ent}
			}
		}
		if m, ok := d.lastSubj[schema.Organization]; ok && s.idx-m.sent <= 2 && genericOrgNouns[s.lemmaOf(i)] {
			return []int{m.ent}
		}
	}
	return nil
}

// personFor resolves a he or she at token i: the nearest person before it
// in the sentence (not inside a quotation; not the subject of its own
// clause when it is an object), else the latest person subject, else the
// latest person named.
func (d *discourse) personFor(s *sentence, ms []Mention, i int) int {
	own := -1 // the subject of the pronoun's clause, which an object pronoun is not
	if s.hasRel(i, "obj", "iobj", "obl") {
		if h := s.toks[i].Head; h >= 0 {
			if k := s.child(h, "nsubj"); k >= 0 && s.ment[k] >= 0 {
				own = ms[s.ment[k]].entity
			}
		}
	}
	for j := i - 1; j >= 0; j-- {
		if m := s.ment[j]; m >= 0 && !s.inQuote(j) {
			if e := ms[m].entity; d.ents[e].Class == schema.Person && e != own {
				return e
			}
		}
	}
	// A person the sentence names after the pronoun is someone else: "He
	// produces fine groundstrokes to leave Roddick chasing shadows".
	later := map[int]bool{}
	for j := i + 1; j < len(s.toks); j++ {
		if m := s.ment[j]; m >= 0 {
			later[ms[m].entity] = true
		}
	}
	if m, ok := d.lastSubj[schema.Person]; ok && s.idx-m.sent <= 3 && m.ent != own && !later[m.ent] {
		return m.ent
	}
	if m, ok := d.last[schema.Person]; ok && s.idx-m.sent <= 5 && m.ent != own && !later[m.ent] {
		return m.ent
	}
	return -1
}

// groupBefore returns the entities named together ("Elan and Biogen Idec")
// last before token i in its sentence, outside quotations, all of class c
// ("any": of any class).
func (s *sentence) groupBefore(ms []Mention, i int, ents []entity, c schema.Class) []int {
	var best []int
	for k := 0; k < i; k++ {
		if s.inQuote(k) || s.hasRel(k, "conj") || s.ment[k] < 0 {
			continue
		}
		var group []int
		for _, j := range s.conjuncts(k) {
			m := s.ment[j]
			if j >= i || m < 0 || ms[m].demonym || c != "any" && ents[ms[m].entity].Class != c {
				group = nil
				break
			}
			group = appendUnique(group, ms[m].entity)
		}
		if len(group) >= 2 {
			best = group
		}
	}
	return best
}

// thingBefore returns the organization or place an "it" at token i refers
// to inside its own sentence: the nearest one before it that is a subject
// ("Chile denied that it had sold …"), outside quotations.
func (d *discourse) thingBefore(s *sentence, ms []Mention, i int) int {
	for j := i - 1; j >= 0; j-- {
		m := s.ment[j]
		if m < 0 || s.inQuote(j) || !s.subjectOfRoot(j) {
			continue
		}
		if e := ms[m].entity; d.ents[e].Class == schema.Organization || d.ents[e].Class == schema.Place {
			return e
		}
	}
	return -1
}

// emptyObjects are the objects of "it makes …" and "it takes …" whose
// "it" stands for nothing: "it makes sense", "it takes time".
var emptyObjects = setOf("sense", "time", "year", "month", "week", "day", "hour", "minute", "effort", "courage", "place")

// expletive reports whether "it" at token i refers to nothing: "it is
// likely that", "it seems", "it was announced that", "it makes sense to".
func (s *sentence) expletive(i int) bool {
	if s.hasRel(i, "expl") {
		return true
	}
	h := s.toks[i].Head
	if h < 0 || !s.hasRel(i, "nsubj", "nsubj:pass") {
		return false
	}
	if s.child(h, "ccomp", "csubj", "xcomp") >= 0 && (s.child(h, "cop") >= 0 || s.isPassive(h)) {
		return true
	}
	switch s.lemmaOf(h) {
	case "seem", "appear", "rain", "matter", "happen", "emerge", "remain", "look":
		return true
	case "take", "make":
		// "it makes sense", "it took years to": an empty subject; "it made
		// net profits", "it took a stake": the company
		if o := s.child(h, "obj"); o >= 0 && emptyObjects[s.lemmaOf(o)] {
			return true
		}
		return s.child(h, "xcomp", "ccomp", "csubj", "advcl") >= 0 && s.child(h, "obj") < 0
	}
	return false
}

// definite reports whether nominal i has "the" (or "this") before it and no
// name or number of its own: "the company", not "a company" nor "the
// company's shares" used as a name.
func (s *sentence) definite(i int) bool {
	d := s.child(i, "det")
	if d < 0 {
		return false
	}
	switch s.lower(d) {
	case "the", "this", "both":
	default:
		return false
	}
	for _, k := range s.kids[i] {
		if s.hasRel(k, "compound", "flat", "appos") || s.hasRel(k, "nummod") && pluralNouns[s.lower(i)] == "" {
			return false
		}
	}
	return true
}

// remember records what sentence s names: the latest entity of each
// class, the latest subject of each class, the latest group named together.
func (d *discourse) remember(s *sentence, ms []Mention) {
	for i := range s.toks {
		if s.inQuote(i) {
			continue
		}
		ents := s.entitiesAt(i, ms)
		if len(ents) != 1 || s.ment[i] >= 0 && ms[s.ment[i]].demonym {
			continue // "Russian" names a place but does not make it the topic
		}
		e := ents[0]
		c := d.ents[e].Class
		d.last[c] = mark{e, s.idx}
		if c == schema.Organization && s.ment[i] >= 0 {
			d.orgs = append(d.orgs, mark{e, s.idx})
		}
		if s.hasRel(i, "nsubj", "nsubj:pass") || s.subjectOfRoot(i) {
			d.lastSubj[c] = mark{e, s.idx}
		}
	}
	for i := range s.toks {
		if s.inQuote(i) || s.hasRel(i, "conj") {
			continue
		}
		var group []int
		for _, c := range s.conjuncts(i) {
			if es := s.entitiesAt(c, ms); len(es) == 1 && (s.ref[c] == nil || s.toks[c].UPOS == "PRON") && (s.ment[c] < 0 || !ms[s.ment[c]].demonym) {
				group = appendUnique(group, es[0]) // "he and fellow investor Carl Pohlad"
			}
		}
		if len(group) >= 2 {
			d.group, d.groupSent = group, s.idx
		}
	}
}

// subjectOfRoot reports whether token i is in the subject phrase of a
// clause: a name inside "Russian President Vladimir Putin" is its subject's
// head or a flat or compound part of it.
func (s *sentence) subjectOfRoot(i int) bool {
	for n := 0; i >= 0 && n < 4; n++ {
		if s.hasRel(i, "nsubj", "nsubj:pass") {
			return true
		}
		if !s.hasRel(i, "flat", "compound", "appos") {
			return false
		}
		i = s.toks[i].Head
	}
	return false
}

// entitiesAt returns the entities token i names: the entity of the mention
// it is part of, or those its pronoun or description resolved to.
func (s *sentence) entitiesAt(i int, ms []Mention) []int {
	if m := s.ment[i]; m >= 0 && (!ms[m].demonym || s.toks[i].Tag == "NNPS" || s.toks[i].Tag == "NNS") {
		// a demonym names its place only as a plural noun ("the Russians"),
		// not as the adjective of a phrase ("Kenyan Transport Minister …")
		return []int{ms[m].entity}
	}
	if s.ref != nil && s.ref[i] != nil {
		return s.ref[i]
	}
	// "North Korean leader Kim Jong Un", "Mr Leslie": the name is a
	// dependent of the word that heads the phrase
	if s.toks[i].UPOS == "NOUN" || s.toks[i].UPOS == "PROPN" {
		for _, k := range s.kids[i] {
			if m := s.ment[k]; m >= 0 && !ms[m].demonym && s.hasRel(k, "appos", "flat", "compound") && k > i {
				return []int{ms[m].entity}
			}
		}
	}
	return nil
}
