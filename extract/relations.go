package extract

import (
	"strings"

	"kg/schema"
)

// fact is a relation found in one sentence, before it becomes a record.
type fact struct {
	subj, obj     int    // entity indices; obj -1 for a literal object
	objText       string // literal object
	pred          string // canonical predicate
	predText      string // surface form
	quals         map[string]int
	neg           bool
	modality      schema.Modality
	attributed    int    // entity the fact is attributed to, or -1
	attributedLit string // attribution that names no entity ("analysts")
	confidence    float64
}

// clause is what a fact inherits from the words around its verb.
type clause struct {
	neg        bool
	modality   schema.Modality
	attributed int
	attrLit    string
}

// Verb classes, by lemma. Data, not code: each list is one pattern family.
var (
	// ditransitive verbs take a recipient before the object: "gave Ukraine aid".
	ditransitive = setOf("give", "send", "sell", "offer", "hand", "grant", "lend", "pay", "owe", "promise", "show", "tell", "award")
	// withVerbs take the recipient as object and the thing "with": "provided the United States with shells".
	withVerbs = setOf("provide", "supply", "equip", "arm", "furnish", "present")
	// toVerbs take the recipient "to": "sold weapons to Poland".
	toVerbs = setOf("give", "sell", "send", "supply", "provide", "deliver", "export", "transfer", "offer", "lend", "pay", "hand", "ship", "donate", "grant", "leak")
	// reciprocal verbs state a symmetric fact of a coordinated subject: "X and Y met".
	reciprocal = setOf("meet", "talk", "hold talks", "confer", "clash", "negotiate")
	// denyVerbs take a clause their subject says is false: "denied that it had sold drones".
	denyVerbs = setOf("deny", "reject", "dismiss", "refute")
	// reporting verbs introduce what someone says or claims; they are not facts themselves.
	reporting = setOf("say", "tell", "add", "claim", "allege", "report", "state", "note", "argue", "insist", "believe", "think", "warn", "announce", "suggest")
	// futureVerbs govern a "to" infinitive that has not happened yet: "plans to provide".
	futureVerbs = setOf("plan", "promise", "pledge", "vow", "intend", "aim", "agree", "decide", "threaten", "expect", "prepare", "will")
	// hedgeVerbs govern an infinitive the text only wishes or tries: "seek to weaken".
	hedgeVerbs = setOf("want", "hope", "seek", "try", "attempt", "wish", "appear", "seem", "tend")
	// hedgeWords make a clause uncertain.
	hedgeWords = setOf("may", "might", "could", "can", "likely", "unlikely", "possibly", "perhaps", "probably", "able", "difficult", "imagine")
	// futureModals put a clause in the future.
	futureModals = setOf("will", "would", "shall", "'ll")
	// claimNouns head noun phrases whose "that" clause is someone's claim: "U.S. claims that …".
	claimNouns = setOf("claim", "claims", "allegation", "allegations", "accusation", "accusations", "report", "reports", "assertion", "suggestion", "suggestions")
	// meetNouns state a meeting of the parties "between" them: "summit between X and Y".
	meetNouns = setOf("summit", "summits", "meeting", "meetings", "talks", "negotiations")
	// roleTitles map a title before a name to a role fact about the place before it.
	roleTitles = map[string]string{
		"president": "president_of", "leader": "leader_of", "prime minister": "leader_of", "premier": "leader_of",
		"chancellor": "leader_of", "king": "leader_of", "queen": "leader_of", "supreme leader": "leader_of",
	}
	// controlNouns govern an infinitive whose subject is the clause's: "has no plans to".
	controlNouns = setOf("plan", "plans", "intention", "decision", "promise", "pledge", "attempt", "bid", "effort")
	// timeWords head phrases of time, which are no objects: "arrived on Monday".
	timeWords = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
		"november", "december", "today", "yesterday", "tomorrow", "week", "weekend", "month", "year",
		"morning", "afternoon", "evening", "night", "time", "day", "hours", "minutes", "days", "weeks", "months", "years")
	// skipLemmas are verbs that state no relation between two parties.
	skipLemmas = setOf("be", "become", "seem", "appear", "get")
)

// sentenceFacts finds the facts of one sentence.
func (x *Extractor) sentenceFacts(s *sentence, ms []Mention, ents []entity, dis *discourse) []fact {
	us := chunk(s.toks, s.mentions(ms))
	base := s.baseClause(us, ms)
	var out []fact
	subjects := make([]*unit, len(us))
	resolved := 0 // noun phrases before this one have been through coreference
	resolveUpTo := func(end int) {
		for ; resolved < end; resolved++ {
			dis.resolve(s, us, resolved, ms)
		}
	}
	for v := range us {
		if us[v].kind != uVerb || us[v].head < 0 || !strings.HasPrefix(s.toks[us[v].head].Tag, "VB") {
			continue
		}
		resolveUpTo(v)
		if reducedRelative(s.toks, us, v) {
			continue // "a trade agreement signed in 2023"
		}
		subj := findSubject(s.toks, us, v, subjects)
		subjects[v] = subj
		if subj == nil || len(subj.ents) == 0 {
			continue
		}
		if len(subj.ents) == 1 && !s.inQuote(us[v].head) {
			dis.noteSubject(s, subj.ents[0])
		}
		next := v + 1 // the verb's objects are resolved too, up to the next verb
		for next < len(us) && us[next].kind != uVerb {
			next++
		}
		resolveUpTo(next)
		cl := s.verbClause(us, v, base, ms)
		facts := s.verbFacts(us, v, subj, cl, ents)
		if subj.coref {
			for i := range facts {
				facts[i].confidence -= 0.15 // the subject was a pronoun
			}
		}
		out = append(out, facts...)
	}
	resolveUpTo(len(us))
	defer dis.remember(s, us, ms)
	// nouns presuppose what they name: "this week's summit between X and Y"
	// is the writer's fact even in a sentence that reports someone's view
	nominal := clause{modality: schema.Asserted, attributed: -1}
	if base.modality == schema.Hypothetical {
		nominal.modality = schema.Hypothetical
	}
	out = append(out, s.nominalFacts(us, nominal, ms)...)
	out = append(out, s.roleFacts(ms, x.gaz, ents)...)
	return out
}

// findSubject returns the subject of verb group v: the noun phrase before
// it; for a verb coordinated with an earlier one ("has given …, sold …, and
// provided …"), that verb's subject; for an infinitive, the subject of the
// verb that governs it; for a passive with "by", nothing (verbFacts swaps).
func findSubject(toks []token, us []unit, v int, subjects []*unit) *unit {
	u := us[v]
	k := v - 1
	for k >= 0 && us[k].kind == uOther && toks[us[k].t0].Tag == "RB" {
		k--
	}
	if u.inf {
		// control: "promised to deepen", "unlikely to provide", "has no plans to
		// provide"; a purpose clause after an object ("shells to fill …") has
		// no subject here.
		p := v - 1
		if p >= 0 && (us[p].kind == uOther && hedgeWords[strings.ToLower(toks[us[p].t0].Text)] ||
			us[p].kind == uNP && (controlNouns[strings.ToLower(toks[us[p].head].Text)] || hedgeWords[strings.ToLower(toks[us[p].head].Text)])) {
			p--
		}
		if p >= 0 && us[p].kind == uVerb {
			return subjects[p]
		}
		return nil
	}
	if k >= 0 && us[k].kind == uNP && (!us[k].pron || len(us[k].ents) > 0) {
		if k >= 2 && len(us[k].ents) > 0 && us[k-1].kind == uPrep && us[k-2].kind == uNP && nounPreps[strings.ToLower(toks[us[k-1].t0].Text)] && finite(toks, u) {
			// "Customers in Europe and North America give …": the noun
			// phrase before the verb is the object of a preposition; the
			// subject is the noun phrase the preposition hangs on
			return &us[k-2]
		}
		return &us[k]
	}
	if a := appositionSubject(us, k); a != nil {
		return a
	}
	if k >= 0 && (us[k].kind == uComma || us[k].kind == uConj) {
		tag := toks[u.head].Tag
		if tag != "VBD" && tag != "VBN" && tag != "VBZ" && tag != "VBP" {
			return nil
		}
		for p := k - 1; p >= 0; p-- {
			if us[p].kind == uVerb && subjects[p] != nil && sameForm(toks[us[p].head].Tag, tag) {
				return subjects[p]
			}
			if us[p].kind == uVerb && subjects[p] == nil && !us[p].inf {
				return nil
			}
		}
	}
	return nil
}

// appositionSubject returns the entity NP before an apposition that ends
// at the comma k: "Daniel Okafor, an engineer at the council, said …".
func appositionSubject(us []unit, k int) *unit {
	if k < 0 || us[k].kind != uComma {
		return nil
	}
	for j := k - 1; j > 0 && j > k-8; j-- {
		switch us[j].kind {
		case uComma:
			if us[j-1].kind == uNP && len(us[j-1].ents) > 0 && j+1 < k && us[j+1].kind == uNP && len(us[j+1].ents) == 0 {
				return &us[j-1]
			}
			return nil
		case uVerb, uConj:
			return nil
		}
	}
	return nil
}

// reducedRelative reports whether verb group v is a bare participle right
// after a noun phrase, in a clause that has its finite verb already: it
// modifies that noun ("… under an agreement signed in 2023") and states no
// fact of its own here.
func reducedRelative(toks []token, us []unit, v int) bool {
	u := us[v]
	if u.inf || u.t1-u.t0 != 1 || toks[u.head].Tag != "VBN" || v == 0 || us[v-1].kind != uNP {
		return false
	}
	for p := v - 2; p >= 0; p-- {
		if us[p].kind == uVerb && finite(toks, us[p]) {
			return true // the clause has its verb already
		}
	}
	return false // "Norway supplied cranes …" tagged as a participle: the main verb
}

// nounPreps are prepositions that attach a noun phrase to a noun ("customers
// in Europe"), unlike subordinators ("that", "if", "because").
var nounPreps = setOf("of", "in", "from", "at", "with", "for", "on", "by", "under", "near", "across", "over",
	"between", "among", "around", "behind", "beyond", "inside", "outside", "within", "without", "about", "against", "along", "amid")

// finite reports whether verb group u can have a subject of its own: it has
// a modal, an auxiliary or a finite verb, not a bare participle ("a deal
// signed in 2023").
func finite(toks []token, u unit) bool {
	if u.modal != "" {
		return true
	}
	for _, t := range toks[u.t0:u.t1] {
		switch t.Tag {
		case "VBD", "VBZ", "VBP":
			return true
		}
	}
	return false
}

func sameForm(a, b string) bool {
	past := func(t string) bool { return t == "VBD" || t == "VBN" }
	return a == b || past(a) && past(b)
}

// verbFacts reads the objects of verb group v and states its facts.
func (s *sentence) verbFacts(us []unit, v int, subj *unit, cl clause, ents []entity) []fact {
	vu := us[v]
	verb := s.toks[vu.head]
	lem := lemma(verb.Text)
	if skipLemmas[lem] || reporting[lem] {
		return nil
	}
	phrase, text := lem, verb.Text
	if vu.part != "" {
		phrase, text = lem+" "+vu.part, text+" "+vu.part
	}
	j := v + 1
	for j < len(us) && us[j].kind == uOther && s.toks[us[j].t0].Tag == "RB" {
		j++
	}
	var obj *unit
	if j < len(us) && us[j].kind == uNP {
		obj = &us[j]
		j++
	}
	pps := s.prepPhrases(us, j)
	recipient := -1
	objText := ""
	if obj != nil && len(obj.ents) == 0 && controlNouns[strings.ToLower(s.toks[obj.head].Text)] &&
		j < len(us) && us[j].kind == uVerb && us[j].inf {
		return nil // "has no plans to visit": the infinitive states the fact
	}
	if obj != nil && !obj.pron && strings.EqualFold(s.toks[obj.t0].Text, "no") {
		cl.neg = true // "has no plans", "sold no weapons"
	}
	if obj != nil && obj.pron && len(obj.ents) == 0 {
		if !reciprocal[phrase] {
			return nil
		}
		obj = nil // "met each other"
	}
	if vu.passive {
		by, ok := pps["by"]
		if !ok || len(by.ents) == 0 {
			return nil
		}
		obj, subj = subj, by
		delete(pps, "by")
	}
	if obj != nil {
		switch {
		case ditransitive[lem] && obj.lead >= 0:
			recipient, objText = obj.lead, s.text(obj.leadEnd, obj.t1)
		case withVerbs[lem] && len(obj.ents) > 0 && pps["with"] != nil:
			recipient, objText = obj.ents[0], s.npText(pps["with"])
			delete(pps, "with")
		case len(obj.ents) == 0:
			light := phrase + " " + strings.ToLower(s.toks[obj.head].Text)
			if with := pps["with"]; with != nil && len(with.ents) > 0 && isVocab(light) {
				phrase, text, obj = light, text+" "+s.toks[obj.head].Text, with
				delete(pps, "with")
			} else if isVocab(light) && reciprocal[light] {
				return s.reciprocalFacts(subj, light, text+" "+s.toks[obj.head].Text, cl)
			} else {
				objText = s.npText(obj)
			}
		}
	} else {
		if reciprocal[phrase] && len(subj.ents) >= 2 && pps["with"] == nil {
			return s.reciprocalFacts(subj, phrase, text, cl)
		}
		for _, prep := range []string{"with", "to", "on", "for", "against", "at", "in", "from"} {
			if pp := pps[prep]; pp != nil {
				obj, phrase, text = pp, phrase+" "+prep, text+" "+prep
				delete(pps, prep)
				break
			}
		}
		if obj == nil {
			if reciprocal[phrase] {
				return s.reciprocalFacts(subj, phrase, text, cl)
			}
			return nil
		}
		if len(obj.ents) == 0 {
			objText = s.npText(obj)
		}
	}
	if recipient < 0 && toVerbs[lem] {
		if to := pps["to"]; to != nil && len(to.ents) > 0 {
			recipient = to.ents[0]
		}
	}
	pred := canonicalPhrase(phrase)
	if p, ok := schema.LookupPredicate(pred); ok && p.Role && objText != "" {
		// a role holds between entities: "joined the offshoring drive" is no
		// membership, so the verb keeps its own lemma
		pred = schema.LemmaPredicate(phrase)
	}
	if objText != "" && !hasNoun(s.toks, obj) {
		return nil // "calls an": no noun, no object
	}
	var out []fact
	for _, sub := range subj.ents {
		base := fact{subj: sub, obj: -1, objText: objText, pred: pred, predText: text, neg: cl.neg,
			modality: cl.modality, attributed: cl.attributed, attributedLit: cl.attrLit, confidence: 0.7}
		if recipient >= 0 {
			base.quals = map[string]int{"recipient": recipient}
		}
		if objText != "" {
			out = append(out, base)
			continue
		}
		for _, o := range obj.ents {
			if o == sub {
				continue
			}
			f := base
			f.obj, f.objText, f.confidence = o, "", 0.8
			out = append(out, f)
		}
	}
	return out
}

// hasNoun reports whether noun phrase u has a noun, a number or a name: a
// phrase of determiners and adjectives alone is a chunking accident.
func hasNoun(toks []token, u *unit) bool {
	if u == nil {
		return false
	}
	for _, t := range toks[u.t0:u.t1] {
		if strings.HasPrefix(t.Tag, "NN") || t.Tag == "CD" || t.Tag == "PRP" {
			return true
		}
	}
	return false
}

// reciprocalFacts states "X and Y met" as X meet Y for every pair.
func (s *sentence) reciprocalFacts(subj *unit, phrase, text string, cl clause) []fact {
	var out []fact
	for a := 0; a < len(subj.ents); a++ {
		for b := a + 1; b < len(subj.ents); b++ {
			out = append(out, fact{subj: subj.ents[a], obj: subj.ents[b], pred: canonicalPhrase(phrase), predText: text,
				neg: cl.neg, modality: cl.modality, attributed: cl.attributed, attributedLit: cl.attrLit, confidence: 0.75})
		}
	}
	return out
}

// prepPhrases collects the prepositional phrases after unit j, up to the
// next verb group or clause boundary: the first NP after each preposition.
func (s *sentence) prepPhrases(us []unit, j int) map[string]*unit {
	pps := map[string]*unit{}
	for ; j+1 < len(us); j++ {
		if us[j].kind == uVerb || us[j].kind == uComma && j+1 < len(us) && us[j+1].kind == uConj {
			break
		}
		if us[j].kind == uPrep && us[j+1].kind == uNP && (!us[j+1].pron || len(us[j+1].ents) > 0) && !timeWords[strings.ToLower(s.toks[us[j+1].head].Text)] {
			p := strings.ToLower(s.toks[us[j].t0].Text)
			if _, seen := pps[p]; !seen {
				pps[p] = &us[j+1]
			}
		}
	}
	return pps
}

// nominalFacts finds facts stated by nouns: "summit between X and Y" →
// meet; "X, a professor at Y" → works_for; "Y's X" and "X in Y" for
// organizations and places → located_in.
func (s *sentence) nominalFacts(us []unit, cl clause, ms []Mention) []fact {
	var out []fact
	for i := 0; i+2 < len(us); i++ {
		u := us[i]
		if u.kind == uNP && meetNouns[strings.ToLower(s.toks[u.head].Text)] &&
			us[i+1].kind == uPrep && strings.EqualFold(s.toks[us[i+1].t0].Text, "between") && len(us[i+2].ents) >= 2 {
			g := us[i+2]
			for a := 0; a < len(g.ents); a++ {
				for b := a + 1; b < len(g.ents); b++ {
					out = append(out, fact{subj: g.ents[a], obj: g.ents[b], pred: "meet", predText: s.toks[u.head].Text + " between",
						neg: cl.neg, modality: cl.modality, attributed: cl.attributed, attributedLit: cl.attrLit, confidence: 0.75})
				}
			}
		}
	}
	return out
}

// roleFacts states the roles of titles ("Russian President Vladimir Putin"
// → president_of Russia), appositions ("X, a professor at Y" → works_for Y,
// "X, of Y"), possessive places ("Seoul's Kookmin University" →
// located_in Seoul) and "ORG in PLACE".
func (s *sentence) roleFacts(ms []Mention, g *gazetteer, ents []entity) []fact {
	var out []fact
	for _, m := range s.mentions(ms) {
		if m.Class == schema.Person && m.Title != "" {
			if pred := roleTitles[m.Title]; pred != "" {
				if place := s.placeBefore(m, ms, g); place >= 0 {
					out = append(out, fact{subj: m.entity, obj: place, pred: pred, predText: m.Title, modality: schema.Asserted, attributed: -1, confidence: 0.85})
				}
			}
		}
		if m.Class == schema.Person {
			if org := s.appositionOrg(m, ms); org >= 0 {
				out = append(out, fact{subj: m.entity, obj: org, pred: "works_for", predText: "apposition", modality: schema.Asserted, attributed: -1, confidence: 0.7})
			}
		}
		if m.Class == schema.Organization || m.Class == schema.Place {
			if place := s.placeOf(m, ms); place >= 0 && place != m.entity {
				out = append(out, fact{subj: m.entity, obj: place, pred: "located_in", predText: "in", modality: schema.Asserted, attributed: -1, confidence: 0.7})
			}
		}
	}
	return out
}

// placeBefore finds the place a title belongs to: a demonym before it
// ("Russian President") or a possessive ("Russia's President").
func (s *sentence) placeBefore(m Mention, ms []Mention, g *gazetteer) int {
	i := m.tok0 - len(strings.Fields(m.Title))
	if i < 0 || !strings.EqualFold(joinTokens(s.toks[i:i+len(strings.Fields(m.Title))]), m.Title) {
		i = m.tok0 // the title was inside the chunk: "President Vladimir Putin"
		for i > 0 && s.toks[i-1].Tag != "POS" && !isTitleWord(s.toks[i-1].Text, g) {
			break
		}
		i -= len(strings.Fields(m.Title))
	}
	if i <= 0 {
		return -1
	}
	if s.toks[i-1].Tag == "POS" {
		for _, p := range s.mentions(ms) {
			if p.tok1 == i-1 && p.Class == schema.Place {
				return p.entity
			}
		}
	}
	for _, p := range s.mentions(ms) {
		if p.tok1 == i && p.demonym {
			return p.entity
		}
	}
	return -1
}

func isTitleWord(w string, g *gazetteer) bool { return g.titles[strings.ToLower(w)] }

// appositionOrg finds the organization of "X, a professor at Y", "X, of Y"
// and "X, a Korea expert at Seoul's Y".
func (s *sentence) appositionOrg(m Mention, ms []Mention) int {
	i := m.tok1
	if i >= len(s.toks) || s.toks[i].Text != "," {
		return -1
	}
	for j := i + 1; j < len(s.toks) && j < i+8; j++ {
		t := s.toks[j]
		if t.Tag == "IN" {
			w := strings.ToLower(t.Text)
			if w != "at" && w != "of" && w != "with" && w != "for" && w != "from" {
				return -1
			}
			return s.orgAfter(j+1, ms)
		}
		if !npTags[t.Tag] && !s.isMentionToken(j, ms) {
			return -1
		}
	}
	return -1
}

// orgAfter returns the organization named by the NP that starts at token i
// ("the Center for …", "Seoul's Kookmin University").
func (s *sentence) orgAfter(i int, ms []Mention) int {
	for j := i; j < len(s.toks) && j < i+6; j++ {
		for _, p := range s.mentions(ms) {
			if p.tok0 == j && p.Class == schema.Organization {
				return p.entity
			}
		}
		if !npTags[s.toks[j].Tag] && !s.isMentionToken(j, ms) {
			return -1
		}
	}
	return -1
}

func (s *sentence) isMentionToken(j int, ms []Mention) bool {
	for _, p := range s.mentions(ms) {
		if p.tok0 <= j && j < p.tok1 {
			return true
		}
	}
	return false
}

// placeOf finds the place an organization or place is said to be in:
// "Seoul's Kookmin University", "Ewha University in Seoul",
// "Vostochny Cosmodrome in the far eastern Amur region".
func (s *sentence) placeOf(m Mention, ms []Mention) int {
	if m.tok0 >= 2 && s.toks[m.tok0-1].Tag == "POS" {
		for _, p := range s.mentions(ms) {
			if p.tok1 == m.tok0-1 && p.Class == schema.Place && !p.demonym {
				return p.entity
			}
		}
	}
	i := m.tok1
	if i+1 < len(s.toks) && strings.EqualFold(s.toks[i].Text, "in") {
		for j := i + 1; j < len(s.toks) && j < i+5; j++ {
			for _, p := range s.mentions(ms) {
				if p.tok0 == j && p.Class == schema.Place && !p.demonym {
					return p.entity
				}
			}
			if t := s.toks[j].Tag; t != "DT" && t != "JJ" && t != "RB" {
				return -1
			}
		}
	}
	return -1
}

// canonicalPhrase maps a verb phrase to its predicate: the whole phrase
// when the vocabulary knows it ("hold talks", "meet with"), else the verb
// alone when the vocabulary knows that ("sell to" → sell), else the phrase.
func canonicalPhrase(phrase string) string {
	if isVocab(phrase) {
		return schema.Canonical(phrase)
	}
	if i := strings.IndexByte(phrase, ' '); i > 0 && isVocab(phrase[:i]) {
		return schema.Canonical(phrase[:i])
	}
	return schema.Canonical(phrase)
}

// isVocab reports whether the canonical vocabulary lists a lemma phrase.
func isVocab(phrase string) bool {
	_, ok := schema.LookupPredicate(schema.Canonical(phrase))
	return ok
}

// text returns the document text of tokens [a, b) of the sentence.
func (s *sentence) text(a, b int) string {
	if a >= b {
		return ""
	}
	return s.doc[s.toks[a].Start:s.toks[b-1].End]
}

// npText is a noun phrase's text without a leading determiner.
func (s *sentence) npText(u *unit) string {
	a := u.t0
	for a < u.t1-1 && (s.toks[a].Tag == "DT" || s.toks[a].Tag == "PDT") {
		a++
	}
	return s.text(a, u.t1)
}
