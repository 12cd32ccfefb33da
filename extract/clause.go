package extract

import (
	"slices"
	"strings"
	"unicode"
)

// A clause is one predicate of a sentence with its arguments, read off the
// dependency tree in the manner of PredPatt and ClausIE: the verb (or the
// noun or adjective of a copula), who does it (its subject, after the
// passive is turned active, a relative pronoun replaced by its noun, a
// missing subject taken from the clause that controls or coordinates it),
// and what it is done to (objects and prepositional objects).
type clause struct {
	head    int   // the predicate's token: a verb, or the noun or adjective of a copula
	subj    []int // the subject's head tokens (coordinated subjects: several)
	args    []arg // objects, in sentence order
	passive bool  // a passive without an agent: subj is the one it was done to
	cop     bool  // a copula: "X is chairman of Y", "X is a firm"
	relHead int   // for a relative or participle clause, the noun it modifies, else -1
	words   []int // the verb group as written: auxiliaries, "not", the verb, its particle
}

// arg is one object of a clause.
type arg struct {
	tok  int    // the head token of the argument's phrase
	prep string // its preposition ("" for a direct object)
	rel  string // obj, iobj, obl, nmod (of a copula's noun), ccomp (what a speaker says)
}

// isPredicate reports whether token i heads a clause: a verb that is not
// an auxiliary or an attributive participle, or a noun, adjective or name
// with a copula.
func (s *sentence) isPredicate(i int) bool {
	t := s.toks[i]
	if !isWordText(t.Text) {
		return false // "Boliden AB <BLDS ST> forecast …": a ticker's bracket is no predicate
	}
	if s.child(i, "cop") >= 0 {
		return true
	}
	if t.UPOS != "VERB" {
		return false
	}
	switch s.rel(i) {
	case "amod", "aux", "cop", "compound", "fixed", "flat", "case", "mark", "det", "discourse":
		return false
	}
	return true
}

// clauses returns the clauses of the sentence, in order of their heads.
func (s *sentence) clauses() []clause {
	var out []clause
	for i := range s.toks {
		if !s.isPredicate(i) {
			continue
		}
		out = append(out, s.clauseAt(i))
	}
	return out
}

// clauseAt reads the clause headed by token p.
func (s *sentence) clauseAt(p int) clause {
	c := clause{head: p, relHead: -1, cop: s.child(p, "cop") >= 0}
	c.words = s.verbGroup(p)
	subj, passive := s.subjectOf(p, 0)
	c.subj, c.passive = subj, passive
	agent := -1
	for _, k := range s.kids[p] {
		switch {
		case s.hasRel(k, "obl:agent"):
			agent = k
		case s.hasRel(k, "obj", "iobj"):
			if s.verbalCase(k) || s.deicticTime(k) {
				continue // "faced charges following raids", "published last year": a circumstance read as an object
			}
			for _, o := range s.conjuncts(k) {
				c.args = append(c.args, arg{tok: o, rel: s.rel(k)})
			}
		case s.hasRel(k, "obl", "obl:npmod"):
			prep := s.caseOf(k)
			if s.isTime(k) || prep == "according" || prep == "according to" || timePreps[prep] || s.verbalCase(k) {
				continue // a time, a source ("according to published reports"), a circumstance ("despite …", "given the costs", "following the talks")
			}
			for _, o := range s.conjuncts(k) {
				c.args = append(c.args, arg{tok: o, prep: prep, rel: "obl"})
			}
		case c.cop && s.hasRel(k, "nmod"):
			prep := s.caseOf(k)
			if prep == "" {
				continue
			}
			for _, o := range s.conjuncts(k) {
				c.args = append(c.args, arg{tok: o, prep: prep, rel: "nmod"})
			}
		case s.hasRel(k, "ccomp") && (sayVerbs[s.lemmaOf(p)] || denyVerbs[s.lemmaOf(p)]):
			c.args = append(c.args, arg{tok: k, rel: "ccomp"})
		}
	}
	// A relative clause: its pronoun stands for the noun it modifies.
	if s.hasRel(p, "acl:relcl", "acl") {
		c.relHead = s.antecedentOf(p)
	}
	if s.hasRel(p, "acl:relcl") {
		s.relative(&c)
	}
	if c.passive && agent < 0 {
		agent = s.byPhrase(p)
	}
	// The passive turned active: "AT&T was bought by SBC" → SBC buy AT&T.
	if c.passive && agent >= 0 {
		var patients []arg
		for _, t := range c.subj {
			patients = append(patients, arg{tok: t, rel: "obj"})
		}
		c.args = append(patients, c.args...)
		c.subj = s.conjuncts(agent)
		c.passive = false
	}
	slices.SortStableFunc(c.args, func(a, b arg) int { return a.tok - b.tok })
	return c
}

// byPhrase finds the agent of passive p by the words when the parse gives
// none: "by" right after the verb, then the last name of the noun phrase
// it opens ("ratified by Labour's ruling National Executive Committee in
// a break …" → the committee). It returns that name's head token, or -1.
func (s *sentence) byPhrase(p int) int {
	i := p + 1
	for i < len(s.toks) && s.toks[i].UPOS == "ADV" {
		i++
	}
	if i >= len(s.toks) || s.lower(i) != "by" {
		return -1
	}
	agent := -1
	for j := i + 1; j < len(s.toks) && j < i+10; j++ {
		t := s.toks[j]
		if t.UPOS == "PUNCT" || t.UPOS == "ADP" && t.Tag != "POS" || t.UPOS == "AUX" {
			break
		}
		if t.UPOS == "PROPN" && (j+1 >= len(s.toks) || s.toks[j+1].UPOS != "PROPN" || s.toks[j+1].Tag == "POS") {
			agent = j // the last word of a name
		}
	}
	return agent
}

// relative fills a relative clause's gap with the noun it modifies: "the
// firm, which Xstrata bid for" (the pronoun), "the stake the company sold"
// (no pronoun: the object).
func (s *sentence) relative(c *clause) {
	n := c.relHead
	for i, t := range c.subj {
		if relativePronouns[s.lower(t)] {
			c.subj[i] = n
			return
		}
	}
	for i, a := range c.args {
		if relativePronouns[s.lower(a.tok)] {
			c.args[i].tok = n
			return
		}
	}
	if len(c.subj) == 0 {
		c.subj = s.conjuncts(n)
		return
	}
	hasObj := false
	for _, a := range c.args {
		hasObj = hasObj || a.rel == "obj"
	}
	if !hasObj && !c.cop {
		c.args = append(c.args, arg{tok: n, rel: "obj"})
	}
}

var relativePronouns = setOf("who", "whom", "which", "that", "whose")

// antecedentOf returns the noun a relative or participle clause p modifies:
// its head, when the parse hangs it on a noun; else the noun phrase just
// before it ("said Mr Leslie, who was elected …", hung on "said").
func (s *sentence) antecedentOf(p int) int {
	h := s.toks[p].Head
	if h >= 0 && nominal(s.toks[h].UPOS) {
		return h
	}
	a, _ := s.subtree(p)
	for k := a - 1; k >= 0; k-- {
		if s.toks[k].UPOS == "PUNCT" {
			continue
		}
		if nominal(s.toks[k].UPOS) {
			for n := 0; n < 4 && s.hasRel(k, "flat", "compound") && s.toks[k].Head >= 0; n++ {
				k = s.toks[k].Head // the phrase's head: "Mr" of "Mr Leslie"
			}
			return k
		}
		break
	}
	return h
}

// subjectOf returns the subject of the clause headed by p and whether it
// is passive (the subject is the one the action is done to): its own
// nsubj; for a verb coordinated with another, that verb's; for a
// complement ("agreed to buy"), the controller's (the object of "urged X
// to", else the subject); for a participle on a noun, the noun ("the
// sawmill owned by …": passive); for an adverbial participle ("…, paying
// the SEC"), the subject of the clause it hangs on.
func (s *sentence) subjectOf(p, depth int) ([]int, bool) {
	if depth > 8 {
		return nil, false
	}
	passive := s.isPassive(p)
	if k := s.subjectChild(p); k >= 0 {
		return s.conjuncts(k), passive || s.hasRel(k, "nsubj:pass", "csubj:pass")
	}
	h := s.toks[p].Head
	if h < 0 {
		return nil, passive
	}
	switch {
	case s.hasRel(p, "conj"):
		subj, headPassive := s.subjectOf(h, depth+1)
		if s.child(p, "aux", "aux:pass") < 0 && s.toks[p].Tag == "VBN" && headPassive {
			passive = true // "was arrested and charged with"
		}
		return subj, passive
	case s.hasRel(p, "xcomp"):
		if o := s.child(h, "obj", "iobj"); o >= 0 && objectControl[s.lemmaOf(h)] {
			return s.conjuncts(o), passive
		}
		if o := s.controller(h, p); o >= 0 && !s.hasRel(o, "obj", "iobj") {
			return s.conjuncts(o), passive // "called on Mr Brown to open": Mr Brown
		}
		subj, _ := s.subjectOf(h, depth+1)
		return subj, passive
	case s.hasRel(p, "acl"):
		if s.toks[p].Tag == "VBN" {
			return s.conjuncts(s.antecedentOf(p)), true // "the sawmill owned by the church"
		}
		if s.child(p, "mark") >= 0 && controlNouns[s.lemmaOf(h)] {
			// "has no plans to sell": the subject of the clause that has the plans
			g := s.toks[h].Head
			if g >= 0 && s.isPredicate(g) {
				subj, _ := s.subjectOf(g, depth+1)
				return subj, passive
			}
			return nil, passive
		}
		return s.conjuncts(s.antecedentOf(p)), passive // "a company making chips"
	case s.hasRel(p, "advcl"):
		// a participle or infinitive without a subject of its own: "…,
		// paying the SEC $250m", "after being rejected by Gillette", "to
		// settle charges" — the subject of the clause it hangs on
		if s.toks[p].Tag == "VBG" || s.toks[p].Tag == "VBN" || s.toks[p].Tag == "VB" {
			subj, _ := s.subjectOf(h, depth+1)
			return subj, passive || s.toks[p].Tag == "VBN" && s.child(p, "aux") < 0
		}
	}
	return nil, passive
}

// subjectChild returns the subject dependent of p: when the parse gives
// several (an error), the one nearest before p ("Constitutional Affairs
// Minister Christopher Leslie said": Leslie, not Affairs).
func (s *sentence) subjectChild(p int) int {
	best := -1
	for _, k := range s.children(p, "nsubj", "csubj") {
		if best >= 0 && relativePronouns[s.lower(k)] != relativePronouns[s.lower(best)] {
			if relativePronouns[s.lower(best)] {
				best = k // "Xstrata, which bought …" parsed with two subjects: the name
			}
			continue
		}
		if best < 0 || k < p && (best > p || k > best) {
			best = k
		}
	}
	if best >= 0 && relativePronouns[s.lower(best)] && !s.hasRel(p, "acl:relcl") && s.toks[best].UPOS == "PRON" {
		// a relative clause the parse took for the main one: the pronoun
		// stands for the noun before it
		for k := best - 1; k >= 0; k-- {
			if s.toks[k].UPOS == "PUNCT" {
				continue
			}
			if nominal(s.toks[k].UPOS) {
				for n := 0; n < 4 && s.hasRel(k, "flat", "compound") && s.toks[k].Head >= 0; n++ {
					k = s.toks[k].Head
				}
				return k
			}
			break
		}
	}
	return best
}

// isPassive reports whether clause p is in the passive voice: a passive
// auxiliary or subject.
func (s *sentence) isPassive(p int) bool {
	return s.child(p, "aux:pass", "nsubj:pass", "csubj:pass") >= 0
}

// verbGroup returns the tokens of the verb group of predicate p, in
// sentence order: auxiliaries, copula, negation, the head, its particle.
func (s *sentence) verbGroup(p int) []int {
	out := []int{p}
	for _, k := range s.kids[p] {
		if s.hasRel(k, "aux", "cop", "compound:prt") || s.hasRel(k, "advmod") && negations[s.lower(k)] {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// particle returns the particle of verb p ("over" in "took over"), or "".
func (s *sentence) particle(p int) string {
	if k := s.child(p, "compound:prt"); k >= 0 && isWordText(s.toks[k].Text) {
		return s.lower(k)
	}
	return ""
}

// isWordText reports whether w is spelt as a word: letters, with inner
// hyphens or apostrophes ("co-managed", "o'clock"), nothing else.
func isWordText(w string) bool {
	if w == "" {
		return false
	}
	for i, r := range w {
		switch {
		case unicode.IsLetter(r):
		case (r == '-' || r == '\'' || r == '’') && i > 0 && i < len(w)-1:
		default:
			return false
		}
	}
	return true
}

// isTime reports whether nominal k names a time ("on Monday", "last
// week", "in 1997"): a temporal relation or a head word of time.
func (s *sentence) isTime(k int) bool {
	if s.hasRel(k, "obl:tmod", "nmod:tmod") {
		return true
	}
	w := s.lower(k)
	if timeWords[w] {
		return true
	}
	if s.toks[k].UPOS == "NUM" && len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) && isDigits(w) {
		return true // "in 1997"
	}
	return false
}

// deicticTime reports whether noun k is a time counted from now ("last
// year", "this week", "later this year", "next month"): an adverbial of
// time whatever relation the parse gave it, never what a verb acts on
// ("had a good year" keeps its object).
func (s *sentence) deicticTime(k int) bool {
	if !timeWords[s.lower(k)] || s.toks[k].UPOS != "NOUN" {
		return false
	}
	for _, d := range s.kids[k] {
		switch s.lower(d) {
		case "last", "this", "next", "later", "earlier", "previous", "past", "coming", "every", "each", "same":
			if d < k {
				return true
			}
		}
	}
	return false
}

// namedTime reports whether k names a day, a month or a year by itself
// ("Monday", "March", "1987", "today"), as a bare phrase of time may.
func (s *sentence) namedTime(k int) bool {
	switch w := s.lower(k); {
	case w == "today" || w == "yesterday" || w == "tomorrow" || w == "tonight":
		return true
	case s.toks[k].UPOS == "PROPN" && timeWords[w]:
		return true // weekdays and months
	case s.toks[k].UPOS == "NUM" && len(w) == 4 && isDigits(w):
		return true
	}
	return false
}

// Verb classes, by lemma: data, one pattern family each.
var (
	// sayVerbs report speech; what they govern (ccomp) is the speaker's.
	sayVerbs = setOf("say", "tell", "add", "claim", "allege", "report", "state", "note", "argue", "insist",
		"believe", "think", "warn", "announce", "suggest", "explain", "write", "confirm", "acknowledge", "admit",
		"predict", "estimate", "reply", "stress", "emphasise", "emphasize", "assert", "contend", "maintain", "declare")
	// objectControl verbs give their complement's subject from their
	// object: "urged Iran to stop" (Iran stops).
	objectControl = setOf("urge", "ask", "persuade", "force", "allow", "encourage", "order", "tell", "help",
		"require", "invite", "permit", "enable", "advise", "call", "compel", "pressure", "lead", "expect", "want",
		"let", "make", "see", "watch", "hear", "leave", "get", "cause")
	// controlNouns take an infinitive whose subject is their owner's: "has
	// no plans to sell".
	controlNouns = setOf("plan", "intention", "decision", "promise", "pledge", "attempt", "bid", "effort",
		"offer", "agreement", "proposal", "move", "right", "ability", "chance", "way", "need", "failure", "refusal")
	// negations are the adverbs that deny a clause.
	negations = setOf("not", "n't", "never", "no")
	// timeWords head phrases of time, which are no objects: "arrived on Monday".
	timeWords = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
		"november", "december", "today", "yesterday", "tomorrow", "week", "weekend", "month", "year", "quarter",
		"morning", "afternoon", "evening", "night", "time", "day", "hours", "minutes", "days", "weeks", "months",
		"years", "decade", "decades", "century", "period", "season", "moment", "tonight", "spring", "summer",
		"autumn", "winter", "half", "date")
)

// isDigits reports whether w is all ASCII digits ("1987", not "19.9").
func isDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}
