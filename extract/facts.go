package extract

import (
	"slices"
	"strings"

	"kg/schema"
)

// fact is a relation found in one sentence, before it becomes a record.
type fact struct {
	subj, obj     int    // entity indices; obj -1 for a literal object
	objText       string // literal object
	pred          string // canonical predicate
	predText      string // surface form
	quals         map[string]string
	neg           bool
	modality      schema.Modality
	attributed    int    // entity the fact is attributed to, or -1
	attributedLit string // attribution that names no entity ("analysts")
	confidence    float64
	when          []int // the tokens of the clause's time expression
	ahead         bool  // the time is of something yet to happen, whatever the fact's modality ("plans to leave in July")
}

// vacuousNouns make no object of their own: "said in a statement", "in
// this image released by", "in an interview".
var vacuousNouns = setOf("statement", "image", "photo", "picture", "photograph", "video", "file", "handout",
	"interview", "comment", "comments", "way", "thing", "lot", "part", "one", "respect", "term", "terms", "case", "fact")

// Verb frames that move an argument into a qualifier, by lemma: data.
var (
	// recipientVerbs take a recipient beside the thing given: "sold
	// weapons to Poland", "paid the SEC $250m".
	recipientVerbs = setOf("give", "send", "sell", "offer", "hand", "grant", "lend", "pay", "owe", "promise", "supply",
		"provide", "deliver", "export", "transfer", "ship", "donate", "award", "leak", "loan", "return")
	// withVerbs take the recipient as object and the thing "with": "provided the United States with shells".
	withVerbs = setOf("provide", "supply", "equip", "arm", "furnish", "present")
	// reciprocalVerbs state a symmetric fact of coordinated subjects: "X and Y met".
	reciprocalVerbs = setOf("meet", "talk", "confer", "clash", "negotiate", "merge", "agree", "fight", "compete")
	// chainGovernors are the verbs whose "to" complement makes a fact of its
	// own with them ("agreed to pay", "plans to sell", "refused to sign").
	chainGovernors = func() map[string]bool {
		m := map[string]bool{}
		for _, set := range []map[string]bool{negVerbs, futureVerbs, hedgeVerbs} {
			for w := range set {
				m[w] = true
			}
		}
		delete(m, "be")
		delete(m, "will")
		return m
	}()
)

// clauseFacts states the facts of clause c of sentence s: one per subject
// entity and argument, with the clause's polarity, modality and speaker.
func (r *reading) clauseFacts(s *sentence, c clause) []fact {
	st := s.stanceOf(c.head)
	if st.question {
		return nil
	}
	subjects, coref := r.subjectEntities(s, c)
	owned := -1 // "Revlon's bid expired": the bid is the owner's, and what the clause is about
	if len(subjects) == 0 && len(c.subj) == 1 {
		if subjects = r.ownerOf(s, c.subj[0]); len(subjects) > 0 {
			owned = c.subj[0]
		}
	}
	if len(subjects) == 0 {
		return nil
	}
	base := fact{obj: -1, neg: st.neg, modality: st.modality, attributed: -1, confidence: 0.8}
	r.attribution(s, c, st, subjects, &base)
	if coref {
		base.confidence -= 0.15
	}
	if st.quote >= 0 {
		base.confidence -= 0.1
	}
	base.when = s.timeOf(c.head)
	var out []fact
	add := func(f fact) {
		for _, sub := range subjects {
			if f.obj == sub {
				continue
			}
			g := f
			g.subj = sub
			out = append(out, g)
		}
	}
	facts := r.argumentFacts(s, c, base)
	if owned >= 0 && len(facts) == 0 && !c.cop {
		f := base
		verb, surface := s.predicateBase(c)
		f.objText, f.confidence = s.phrase(owned), 0.6
		if k := s.child(owned, "nmod:poss"); k >= 0 {
			f.objText = s.phraseWithout(owned, k) // (Xstrata, fail, "bid for WMC"), not "Xstrata's bid …"
		}
		facts = append(facts, r.withPredicate(f, verb, surface)) // (Revlon, expire, "bid")
	}
	for _, f := range facts {
		add(f)
	}
	if len(subjects) >= 2 && !c.passive && r.reciprocal(s, c) {
		// "Putin and Kim met": each met the other
		for a := 0; a < len(subjects); a++ {
			for b := a + 1; b < len(subjects); b++ {
				f := base
				f.subj, f.obj = subjects[a], subjects[b]
				f.pred, f.predText = r.reciprocalPredicate(s, c)
				out = append(out, f)
			}
		}
	}
	if g, ok := r.chainFact(s, c); ok {
		g.when = base.when
		g.ahead = base.modality == schema.Future || base.modality == schema.Hedged || base.modality == schema.Hypothetical
		g.attributed, g.attributedLit = base.attributed, base.attributedLit
		if coref {
			g.confidence -= 0.15
		}
		add(g)
	}
	return out
}

// subjectEntities returns the entities of the clause's subject, and
// whether a pronoun or description was resolved to find them. A subject
// that names no entity (or a pronoun that resolved to none) gives none.
func (r *reading) subjectEntities(s *sentence, c clause) ([]int, bool) {
	var out []int
	coref := false
	for _, t := range c.subj {
		ents := s.entitiesAt(t, r.ms)
		if len(ents) == 0 {
			return nil, false // one coordinated subject that is no entity: the clause is about more than entities
		}
		coref = coref || s.ment[t] < 0
		out = appendUnique(out, ents...)
	}
	return out, coref
}

// attributeNouns name something an entity has — its shares, profits, bid,
// sales — so that what they do or undergo is a fact about the entity:
// "Elan's shares plunged 70%" → Elan plunge 70%; "suspended sales of
// Tysabri" → suspend Tysabri.
var attributeNouns = setOf("share", "shares", "stock", "stocks", "profit", "profits", "earnings", "revenue", "revenues",
	"sales", "sale", "bid", "offer", "price", "prices", "stake", "income", "loss", "losses", "output", "production",
	"economy", "exports", "imports", "dividend", "turnover", "deficit", "surplus", "debt", "assets", "unit", "units",
	"business", "operations", "plan", "plans", "takeover", "use", "marketing", "distribution", "supply", "supplies",
	"control", "rights", "products", "brand", "subsidiary", "division")

// ownerOf returns the entities that own the attribute noun at token t:
// "Revlon's bid", "Elan shares", "shares in Elan and Biogen Idec".
func (r *reading) ownerOf(s *sentence, t int) []int {
	if s.toks[t].UPOS != "NOUN" || !attributeNouns[s.lemmaOf(t)] {
		return nil
	}
	if k := s.child(t, "nmod:poss"); k >= 0 && len(s.entitiesAt(k, r.ms)) == 0 {
		return nil // "the company's sales in Asia": the owner is no entity
	}
	var out []int
	for _, k := range s.kids[t] {
		if s.hasRel(k, "nmod:poss", "compound") || s.hasRel(k, "nmod") && (s.caseOf(k) == "in" || s.caseOf(k) == "of") {
			for _, c := range s.conjuncts(k) {
				ents := s.entitiesAt(c, r.ms)
				if len(ents) == 1 && s.caseOf(k) == "in" && r.ents[ents[0]].Class == schema.Place {
					continue // "sales in Asia" are where they are, not Asia's ("shares in Elan" are Elan's)
				}
				if len(ents) == 1 && (s.ment[c] < 0 || !r.ms[s.ment[c]].demonym) {
					out = appendUnique(out, ents[0])
				}
			}
		}
	}
	return out
}

// attribution sets who a fact is attributed to and whether a party's own
// report of its own past action is a fact ("WMC said it made net profits",
// "Jacobs said he sold the stake": asserted, attributed to the speaker).
func (r *reading) attribution(s *sentence, c clause, st stance, subjects []int, f *fact) {
	switch {
	case st.quote >= 0:
		q := r.quotes[st.quote]
		f.attributed, f.attributedLit = q.speaker, q.speakerLit
	case st.speaker >= 0:
		if ents := s.entitiesAt(st.speaker, r.ms); len(ents) == 1 {
			f.attributed = ents[0]
		} else if s.toks[st.speaker].UPOS == "NOUN" {
			f.attributedLit = s.phrase(st.speaker) // "analysts", "the government"
		}
		if f.attributed >= 0 && f.modality == schema.Reported && !st.neg && len(subjects) == 1 && subjects[0] == f.attributed &&
			st.content >= 0 && s.pastTense(c.head) {
			f.modality = schema.Asserted
		}
	}
}

// pastTense reports whether clause p tells of the past: a past verb, or a
// perfect ("has sold", "had made"), with no modal.
func (s *sentence) pastTense(p int) bool {
	for _, k := range s.children(p, "aux", "aux:pass") {
		switch s.lower(k) {
		case "has", "have", "had", "was", "were", "did":
		default:
			return false
		}
	}
	switch s.toks[p].Tag {
	case "VBD":
		return true
	case "VBN":
		return s.child(p, "aux", "aux:pass") >= 0
	}
	return false
}

// argumentFacts states the facts of clause c's arguments (for each, an
// entity or a literal object), before subjects are filled in.
func (r *reading) argumentFacts(s *sentence, c clause, base fact) []fact {
	p := c.head
	lem := s.lemmaOf(p)
	verb, surface := s.predicateBase(c)
	args := c.args
	var recipient *arg
	if recipientVerbs[lem] && !c.cop {
		for i, a := range args {
			if a.rel == "iobj" || a.rel == "obl" && a.prep == "to" {
				recipient = &args[i]
				break
			}
		}
		if recipient == nil {
			// "sold weapons to Peru" with "to Peru" hung on the object
			for _, a := range args {
				if a.rel == "obj" {
					for _, k := range s.children(a.tok, "nmod") {
						if s.caseOf(k) == "to" {
							args = append(args, arg{tok: k, prep: "to", rel: "obl"})
							recipient = &args[len(args)-1]
						}
					}
				}
			}
		}
	}
	hasObj := false
	for _, a := range args {
		hasObj = hasObj || a.rel == "obj"
	}
	var out []fact
	for i := range args {
		a := args[i]
		if recipient != nil && &args[i] == recipient && hasObj {
			continue // the recipient is a qualifier of the thing given
		}
		f := base
		phrase, text := verb, surface
		switch {
		case a.rel == "ccomp":
			phrase, text = verb, s.toks[p].Text // "said …", "denied that …"
			f.objText = s.clauseText(a.tok)
			f.confidence = 0.7
			out = append(out, r.withPredicate(f, phrase, text))
			continue
		case a.prep != "":
			phrase, text = verb+" "+a.prep, surface+" "+a.prep
		}
		if a.rel == "obj" && controlNouns[s.lemmaOf(a.tok)] && s.child(a.tok, "acl") >= 0 {
			continue // "has no plans to sell": the infinitive states the fact
		}
		if sayVerbs[lem] && a.rel != "ccomp" {
			continue // what a verb of saying has for object is its words, or its speaker ("said the Wall Street Journal")
		}
		if !r.objectOf(s, a.tok, &f) {
			continue
		}
		if d := s.child(a.tok, "det"); d >= 0 && s.lower(d) == "no" {
			f.neg = !f.neg // "sold no weapons"
		}
		if a.rel == "obj" && recipient != nil && recipient.tok != a.tok {
			r.setQualifier(s, &f, "recipient", recipient.tok)
			if s.toks[recipient.tok].Head == a.tok && f.obj < 0 {
				f.objText = s.phraseWithout(a.tok, recipient.tok)
			}
		}
		if withVerbs[lem] && a.rel == "obj" && f.obj >= 0 {
			if w := findArg(args, "with"); w != nil {
				g := base
				if r.objectOf(s, w.tok, &g) {
					g.quals = map[string]string{"recipient": r.ents[f.obj].Name}
					out = append(out, r.withPredicate(g, verb, surface)) // "provided the US with shells": shells to the US
					continue
				}
			}
		}
		if a.rel == "obl" && a.prep == "with" && withVerbs[lem] && hasObj {
			continue // read with the object above
		}
		out = append(out, r.withPredicate(f, phrase, text))
		if a.rel == "obj" && f.obj < 0 {
			// "suspended sales of Tysabri", "sold its stake in Gillette":
			// the entity that owns what the verb acts on
			for _, o := range r.ownerOf(s, a.tok) {
				g := f
				g.obj, g.objText = o, ""
				out = append(out, r.withPredicate(g, phrase, text))
			}
		}
		// "took legal action against the government", "held talks with X",
		// "took a stake in X": the noun joins the verb when the entity is
		// in a prepositional phrase after it (on the verb or on the noun)
		if a.rel == "obj" && f.obj < 0 && s.toks[a.tok].UPOS == "NOUN" && !sayVerbs[lem] {
			// A phrase on the verb joins the noun only when the verb is
			// light ("held talks with"); "bought ferries from Norway" is
			// bought from Norway. A phrase on the noun always does ("took
			// a stake in X", "made a bid for X").
			own := args
			if !lightVerbs[lem] {
				own = nil
			}
			for _, b := range append(own, s.nounArgs(a.tok)...) {
				g := base
				if b.prep != "" && b.rel != "obj" && !timePreps[b.prep] && (recipient == nil || b.tok != recipient.tok) && r.objectOf(s, b.tok, &g) && g.obj >= 0 {
					out = append(out, r.withPredicate(g, verb+" "+s.lower(a.tok)+" "+b.prep, surface+" "+s.toks[a.tok].Text+" "+b.prep))
				}
			}
		}
	}
	if len(out) == 0 && len(args) == 0 {
		out = append(out, r.bareFacts(s, c, base, verb, surface)...)
	}
	return out
}

// bareFacts states a clause without objects: a copula's description ("X is
// a security firm") or a time for an object ("was elected in 1997").
func (r *reading) bareFacts(s *sentence, c clause, base fact, verb, surface string) []fact {
	f := base
	switch {
	case c.cop:
		if !r.objectOf(s, c.head, &f) {
			return nil
		}
		if f.obj < 0 {
			f.objText = s.predicateText(c.head)
		}
		cop := s.child(c.head, "cop")
		return []fact{r.withPredicate(f, "be", s.toks[cop].Text)}
	case len(base.when) > 0 && s.child(c.head, "xcomp", "ccomp") < 0: // "plans to open a branch later this year": the time is the opening's
		a, b := base.when[0], base.when[len(base.when)-1]+1
		prep := ""
		if k := s.child(s.toks[base.when[0]].Head, "case"); k >= 0 && k == a {
			prep = s.lower(k)
			a++
		}
		f.objText = s.text(a, b)
		f.confidence = 0.6
		if prep != "" {
			return []fact{r.withPredicate(f, verb+" "+prep, surface+" "+prep)}
		}
		return []fact{r.withPredicate(f, verb, surface)}
	}
	return nil
}

// chainFact states "agreed to pay", "plans to sell", "refused to sign" as a
// fact of its own, with the governing verb's stance: the agreement, the
// plan and the refusal happened, whatever becomes of the payment.
func (r *reading) chainFact(s *sentence, c clause) (fact, bool) {
	p := c.head
	g := s.toks[p].Head
	if g < 0 || !s.hasRel(p, "xcomp") || s.toks[g].UPOS != "VERB" || !chainGovernors[s.lemmaOf(g)] || s.isPassive(g) ||
		s.controller(g, p) >= 0 { // "called on Mr Brown to open up": the opening is not the caller's
		return fact{}, false
	}
	st := s.stanceOf(g)
	if st.question {
		return fact{}, false
	}
	verb, surface := s.predicateBase(c)
	for _, a := range c.args {
		f := fact{obj: -1, neg: st.neg, modality: st.modality, attributed: -1, confidence: 0.75}
		if a.rel == "ccomp" || !r.objectOf(s, a.tok, &f) {
			continue
		}
		phrase := s.lemmaOf(g) + " to " + verb
		text := s.toks[g].Text + " to " + surface
		if a.prep != "" {
			phrase, text = phrase+" "+a.prep, text+" "+a.prep
		}
		f.pred, f.predText = schema.LemmaPredicate(phrase), text
		return f, true
	}
	return fact{}, false
}

// predicateBase returns the lemma phrase and the surface form of clause
// c's predicate, before any preposition: "buy", "take over" ("took
// over"); a passive without its agent "be elected" ("elected"); a copula's
// noun or adjective "chairman", "responsible".
func (s *sentence) predicateBase(c clause) (lemma, surface string) {
	p := c.head
	lemma, surface = s.lemmaOf(p), s.toks[p].Text
	if prt := s.particle(p); prt != "" {
		lemma, surface = lemma+" "+prt, surface+" "+s.toks[s.child(p, "compound:prt")].Text
	}
	switch {
	case c.cop:
		lemma, surface = s.lower(p), s.toks[p].Text
		if s.toks[p].UPOS == "NOUN" {
			lemma = s.lemmaOf(p)
		}
	case c.passive:
		lemma = "be " + strings.ToLower(s.toks[p].Text)
		if prt := s.particle(p); prt != "" {
			lemma += " " + prt
		}
	}
	return lemma, surface
}

// withPredicate sets a fact's canonical predicate from its lemma phrase. A
// role holds between entities: "joined the offshoring drive" is no
// membership, so with a literal object a role verb keeps its own lemma.
func (r *reading) withPredicate(f fact, phrase, text string) fact {
	f.pred, f.predText = canonicalPredicate(phrase), text
	if p, ok := schema.LookupPredicate(f.pred); ok && p.Role && f.obj < 0 {
		f.pred = schema.LemmaPredicate(phrase)
	}
	return f
}

// objectOf fills f's object from the phrase headed by token t: the entity
// it names (a name, or a pronoun or description that resolved), else the
// phrase itself. It reports false for a phrase that is no object: an
// unresolved pronoun, a bare determiner, a relative pronoun.
func (r *reading) objectOf(s *sentence, t int, f *fact) bool {
	if ents := s.entitiesAt(t, r.ms); len(ents) > 0 {
		f.obj, f.objText = ents[0], ""
		return true
	}
	switch s.toks[t].UPOS {
	case "PRON", "DET", "PUNCT", "SCONJ", "CCONJ", "PART", "AUX":
		return false
	}
	if relativePronouns[s.lower(t)] {
		return false
	}
	f.obj, f.objText = -1, s.phrase(t)
	if f.objText == "" || vacuousNouns[s.lemmaOf(t)] && s.child(t, "nmod", "nmod:poss") < 0 {
		return false
	}
	f.confidence = min(f.confidence, 0.7)
	return true
}

// setQualifier sets qualifier k of f to the entity or phrase at token t.
func (r *reading) setQualifier(s *sentence, f *fact, k string, t int) {
	var g fact
	if !r.objectOf(s, t, &g) {
		return
	}
	v := g.objText
	if g.obj >= 0 {
		v = r.ents[g.obj].Name
	}
	if f.quals == nil {
		f.quals = map[string]string{}
	}
	f.quals[k] = v
}

// findArg returns the argument with preposition prep, or nil.
func findArg(args []arg, prep string) *arg {
	for i := range args {
		if args[i].prep == prep {
			return &args[i]
		}
	}
	return nil
}

// clauseText is the text of the clause headed by k without its
// subordinator ("that").
func (s *sentence) clauseText(k int) string {
	a, b := s.subtree(k, "punct")
	for a < b-1 && (s.hasRel(a, "mark") || s.toks[a].UPOS == "PUNCT") {
		a++
	}
	return s.text(a, b)
}

// predicateText is the description a copula states: the noun or adjective
// phrase of head p without its subject, copula and clause-level words ("a
// security firm" of "F-Secure is a security firm").
func (s *sentence) predicateText(p int) string {
	a, b := s.subtree(p, "nsubj", "cop", "punct", "mark", "advcl", "aux", "advmod", "cc", "conj", "parataxis", "ccomp",
		"obl", "csubj", "discourse", "expl", "acl:relcl")
	for a < b-1 && (s.hasRel(a, "det") && s.toks[a].UPOS == "DET") {
		a++
	}
	return s.text(a, b)
}

// timeOf returns the tokens of the time expression of clause p: a
// temporal modifier ("on Wednesday", "last week", "in 1997", "yesterday").
func (s *sentence) timeOf(p int) []int {
	kids := s.kids[p]
	if h := s.toks[p].Head; h >= 0 && s.hasRel(p, "ccomp") && sayVerbs[s.lemmaOf(h)] && h < p {
		// "WMC said it made net profits in 2004": a time after the reported
		// clause, hung on the verb of saying, is the clause's
		for _, k := range s.kids[h] {
			if k > p {
				kids = append(kids[:len(kids):len(kids)], k)
			}
		}
	}
	for _, k := range kids {
		if sayVerbs[s.lemmaOf(p)] && k > p && s.child(p, "ccomp") >= 0 && k > s.child(p, "ccomp") {
			continue // given to the reported clause (above)
		}
		if s.hasRel(k, "obl", "obl:tmod", "nmod:tmod", "obl:npmod") && s.isTime(k) {
			switch s.caseOf(k) {
			case "per", "due":
				continue // "barrels per day" is a rate, "bonds due 1997" a maturity
			case "":
				if !s.hasRel(k, "obl:tmod", "nmod:tmod") && !s.deicticTime(k) && !s.namedTime(k) {
					continue // a bare "a month" is a rate, "eight years" a length, "another good year" a thing
				}
			}
			return s.timePhrase(k)
		}
		if s.hasRel(k, "advmod") {
			switch s.lower(k) {
			case "yesterday", "today", "tomorrow", "tonight":
				return []int{k}
			}
		}
	}
	return nil
}

// timePhrase returns the tokens of the time phrase headed by k, in order:
// its preposition, determiners, modifiers, numbers, possessive ("last
// year's second quarter") and a phrase of time hung on it ("the first
// quarter of 1987"), nothing else ("in 1987 and 115 billion in 1988", "last
// November to HongKong Bank"). When those words are not one stretch of
// text, the head's own stretch is the phrase.
func (s *sentence) timePhrase(k int) []int {
	var keep []int
	var walk func(j int)
	walk = func(j int) {
		keep = append(keep, j)
		for _, c := range s.kids[j] {
			switch {
			case s.hasRel(c, "case", "det", "amod", "nummod", "compound", "advmod", "fixed", "flat", "nmod:poss", "nmod:tmod", "obl:tmod"),
				s.hasRel(c, "nmod", "nmod:unmarked") && s.isTime(c):
				walk(c)
			}
		}
	}
	walk(k)
	slices.Sort(keep)
	for _, d := range s.kids[k] {
		switch s.lower(d) {
		case "last", "this", "next":
			if d < k && d > keep[0] && s.hasRel(d, "amod", "det") {
				// "by almost four-fold last year": a time counted from
				// now starts at its "last", whatever the parse hung before it
				keep = slices.DeleteFunc(keep, func(i int) bool { return i < d })
			}
		}
	}
	for i := 1; i < len(keep); i++ {
		if keep[i] != keep[i-1]+1 && !(keep[i] == keep[i-1]+2 && s.toks[keep[i-1]+1].Tag == "POS") {
			return []int{k}
		}
	}
	return keep
}

// reciprocal reports whether clause c states a symmetric fact of its
// coordinated subjects: "X and Y met", "X and Y held talks" (no one else
// met or talked with).
func (r *reading) reciprocal(s *sentence, c clause) bool {
	if findArg(c.args, "with") != nil {
		return false
	}
	if reciprocalVerbs[s.lemmaOf(c.head)] && !hasObjectArg(c.args) {
		return true
	}
	pred, _ := r.reciprocalPredicate(s, c)
	return schema.IsSymmetric(pred)
}

// reciprocalPredicate is the predicate of a reciprocal clause: the verb,
// or the verb and its noun ("hold talks" → meet).
func (r *reading) reciprocalPredicate(s *sentence, c clause) (string, string) {
	for _, a := range c.args {
		if a.rel == "obj" && s.toks[a.tok].UPOS == "NOUN" {
			return schema.Canonical(s.lemmaOf(c.head) + " " + s.lower(a.tok)), s.toks[c.head].Text + " " + s.toks[a.tok].Text
		}
	}
	return schema.Canonical(s.lemmaOf(c.head)), s.toks[c.head].Text
}

// lightVerbs carry little meaning of their own: their object noun says
// what happened ("held talks with", "took action against", "reached an
// agreement with").
var lightVerbs = setOf("have", "hold", "take", "make", "give", "do", "reach", "conduct", "launch", "file", "open",
	"start", "begin", "resume", "end", "continue", "raise", "lodge", "bring", "seek", "announce", "sign", "strike",
	"enter", "form", "set", "pay", "place", "put", "keep", "play")

// timePreps open phrases of time or circumstance, never a party of a light
// verb: "toasted their friendship after the talks".
var timePreps = setOf("after", "before", "during", "since", "until", "despite", "because", "amid", "following", "throughout", "while")

// nounArgs returns the prepositional phrases on noun n, as arguments.
func (s *sentence) nounArgs(n int) []arg {
	var out []arg
	for _, k := range s.children(n, "nmod") {
		if prep := s.caseOf(k); prep != "" && prep != "of" {
			out = append(out, arg{tok: k, prep: prep, rel: "nmod"})
		}
	}
	return out
}

// hasObjectArg reports whether a clause has a direct object or a "with"
// object: "X and Y met" has none, "X and Y met Z" or "met with Z" has.
func hasObjectArg(args []arg) bool {
	for _, a := range args {
		if a.rel == "obj" || a.rel == "iobj" || a.prep == "with" {
			return true
		}
	}
	return false
}

func appendUnique(out []int, es ...int) []int {
	for _, e := range es {
		dup := false
		for _, o := range out {
			dup = dup || o == e
		}
		if !dup {
			out = append(out, e)
		}
	}
	return out
}

// canonicalPredicate maps a lemma phrase to its predicate: the vocabulary's
// name when it lists the phrase (or, for a phrase with a preposition, the
// verb frame without it when the vocabulary takes that preposition), else
// the phrase itself.
func canonicalPredicate(phrase string) string {
	return schema.Canonical(phrase)
}
