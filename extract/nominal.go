package extract

import (
	"strings"

	"kg/schema"
)

// Facts stated by noun phrases, not verbs: a title before a name ("Russian
// President Vladimir Putin" → president_of Russia), an apposition
// ("Wallace Cheung, an analyst at DBS Vickers" → works_for DBS Vickers;
// "F-Secure, a Finnish security firm" → be "Finnish security firm"), a
// description before a name ("Minneapolis investor Irwin Jacobs" →
// located_in Minneapolis, role "investor"), a possessive or "in" of an
// organization or place ("Seoul's Kookmin University", "Ewha University in
// Seoul" → located_in Seoul), and "summit between X and Y" → meet. Nouns
// presuppose what they name: these facts hold even in a sentence that
// reports someone's words, but not in a hypothetical or a question.

// roleNouns map a title or job noun to the role predicate it states with an
// organization or place: "president of", "chairman of", "analyst at".
var roleNouns = map[string]string{
	"president": "president_of", "vice-president": "president_of", "leader": "leader_of", "prime minister": "leader_of",
	"premier": "leader_of", "chancellor": "leader_of", "king": "leader_of", "queen": "leader_of", "head": "leader_of",
	"chief": "leader_of", "chairman": "leader_of", "chairwoman": "leader_of", "chair": "leader_of", "boss": "leader_of",
	"chief executive": "leader_of", "ceo": "leader_of", "governor": "leader_of", "mayor": "leader_of",
	"founder": "founder_of", "co-founder": "founder_of", "owner": "owner_of",
	"spokesman": "spokesperson_for", "spokeswoman": "spokesperson_for", "spokesperson": "spokesperson_for",
	"member": "member_of", "director": "director_of", "manager": "works_for", "analyst": "works_for",
	"economist": "works_for", "professor": "works_for", "researcher": "works_for", "official": "works_for",
	"executive": "works_for", "lawyer": "works_for", "employee": "works_for", "editor": "works_for",
	"correspondent": "works_for", "fellow": "works_for", "minister": "minister_of", "secretary": "works_for",
	"coach": "works_for", "manager of": "works_for", "striker": "member_of", "player": "member_of",
	"captain": "leader_of", "partner": "works_for", "adviser": "works_for", "advisor": "works_for",
	"strategist": "works_for", "dealer": "works_for", "trader": "works_for", "consultant": "works_for",
	"expert": "works_for", "scientist": "works_for", "engineer": "works_for", "representative": "works_for",
	"ambassador": "works_for", "envoy": "works_for", "commissioner": "works_for", "deputy": "works_for",
	"treasurer": "works_for", "officer": "works_for", "drummer": "member_of", "singer": "member_of",
	"guitarist": "member_of", "bassist": "member_of", "vocalist": "member_of", "midfielder": "member_of",
	"defender": "member_of", "goalkeeper": "member_of", "forward": "member_of", "winger": "member_of",
}

// roleTitles map a title before a name to a role fact about the place before it.
var roleTitles = map[string]string{
	"president": "president_of", "leader": "leader_of", "prime minister": "leader_of", "premier": "leader_of",
	"chancellor": "leader_of", "king": "leader_of", "queen": "leader_of", "supreme leader": "leader_of",
}

// meetNouns state a meeting of the parties "between" them: "summit between X and Y".
var meetNouns = setOf("summit", "meeting", "talks", "negotiation", "negotiations", "meetings", "summits")

// nominalFacts finds the facts sentence s states with noun phrases.
func (r *reading) nominalFacts(s *sentence) []fact {
	if s.isQuestion() {
		return nil
	}
	modality := schema.Asserted
	var out []fact
	add := func(f fact) {
		if f.subj >= 0 && f.subj != f.obj {
			if f.modality == "" {
				f.modality = modality
			}
			out = append(out, f)
		}
	}
	for m := s.m0; m < s.m1; m++ {
		ment := r.ms[m]
		if ment.Class == schema.Person && ment.Title != "" {
			if pred := roleTitles[ment.Title]; pred != "" {
				if place := r.placeBefore(s, ment); place >= 0 {
					add(fact{subj: ment.entity, obj: place, pred: pred, predText: ment.Title, attributed: -1, confidence: 0.85})
				}
			}
		}
	}
	for i := range s.toks {
		switch {
		case s.hasRel(i, "appos"):
			for _, f := range r.appositionFacts(s, s.toks[i].Head, i) {
				add(f)
			}
		case s.hasRel(i, "nmod:poss") || s.hasRel(i, "nmod") && s.caseOf(i) == "in":
			// "Seoul's Kookmin University", "Ewha University in Seoul"
			h := s.toks[i].Head
			e, p := s.entitiesAt(h, r.ms), s.entitiesAt(i, r.ms)
			if len(e) == 1 && r.ents[e[0]].Class == schema.Place && s.caseOf(h) == "in" && s.caseOf(i) == "in" {
				break // "three were in Florida and one in Arkansas": two places of one kind of phrase, side by side
			}
			if len(e) == 1 && len(p) == 1 && s.ment[i] >= 0 && !r.ms[s.ment[i]].demonym && r.ents[p[0]].Class == schema.Place &&
				(r.ents[e[0]].Class == schema.Organization || r.ents[e[0]].Class == schema.Place) && s.ment[h] != s.ment[i] {
				add(fact{subj: e[0], obj: p[0], pred: "located_in", predText: s.caseOrPossessive(i), attributed: -1, confidence: 0.7})
			}
		case s.hasRel(i, "nmod") && s.caseOf(i) == "of" && s.ment[i] >= 0 && s.ment[s.toks[i].Head] >= 0:
			// "John Smith of the Center for Policy Studies": the person's
			// organization (a person "of" a place is only from there)
			h := s.toks[i].Head
			e, o := s.entitiesAt(h, r.ms), s.entitiesAt(i, r.ms)
			if len(e) == 1 && len(o) == 1 && r.ents[e[0]].Class == schema.Person && r.ents[o[0]].Class == schema.Organization &&
				!r.ms[s.ment[i]].demonym && s.ment[h] != s.ment[i] && !s.hasRel(h, "obj", "iobj") { // "free Icahn of TWA": the verb's own "of"
				add(fact{subj: e[0], obj: o[0], pred: "works_for", predText: "of", attributed: -1, confidence: 0.7})
			}
		case s.hasRel(i, "obl") && s.caseOf(i) == "in" && s.ment[i] >= 0:
			// "attend a meeting at the Vostochny Cosmodrome in the Amur
			// region": a place phrase right behind a place named with
			// "at" says where that place is, wherever the parse hung it
			if x := r.placeAtBefore(s, s.child(i, "case")); x >= 0 {
				if p := s.entitiesAt(i, r.ms); len(p) == 1 && p[0] != x && r.ents[p[0]].Class == schema.Place && !r.ms[s.ment[i]].demonym {
					add(fact{subj: x, obj: p[0], pred: "located_in", predText: "in", attributed: -1, confidence: 0.65})
				}
			}
		case meetNouns[s.lower(i)]:
			for _, k := range s.children(i, "nmod") {
				if s.caseOf(k) != "between" {
					continue // "this week's summit between …": the possessive is an nmod too
				}
				var parties []int
				for _, c := range s.conjuncts(k) {
					parties = appendUnique(parties, s.entitiesAt(c, r.ms)...)
				}
				for a := 0; a < len(parties); a++ {
					for b := a + 1; b < len(parties); b++ {
						add(fact{subj: parties[a], obj: parties[b], pred: "meet", predText: s.toks[i].Text + " between", attributed: -1, confidence: 0.75})
					}
				}
			}
		}
	}
	for _, f := range r.descriptionFacts(s) {
		add(f)
	}
	for _, f := range r.eventFacts(s) {
		add(f)
	}
	return out
}

// eventNouns map an event noun and the preposition of its other party to
// the predicate phrase of the fact it presupposes: "Xstrata's bid for WMC"
// → Xstrata bid_for WMC, "SBC's acquisition of AT&T" → SBC acquire AT&T,
// "a lawsuit against Microsoft by the EU" → the EU sue Microsoft.
var eventNouns = map[string]string{
	"bid for": "bid for", "offer for": "bid for", "approach for": "bid for", "takeover of": "acquire",
	"acquisition of": "acquire", "purchase of": "acquire", "buyout of": "acquire", "sale of": "sell",
	"merger with": "merge with", "investment in": "invest in", "stake in": "own", "visit to": "visit",
	"attack on": "attack", "lawsuit against": "sue", "suit against": "sue", "action against": "sue",
	"ban on": "ban", "meeting with": "meet", "talks with": "meet", "summit with": "meet",
	"criticism of": "criticise", "support for": "support", "deal with": "sign deal with",
	"agreement with": "sign agreement with", "contract with": "sign contract with", "partnership with": "partner with",
}

// eventAgentCases are the prepositions of the agent of an event noun: "the
// offer from Xstrata", "the acquisition by SBC".
var eventAgentCases = setOf("from", "by")

// hedgedEvents are modifiers that say the event has not happened: "a
// proposed merger", "a possible bid".
var hedgedEvents = setOf("proposed", "planned", "possible", "potential", "rumoured", "rumored", "mooted", "expected",
	"prospective", "likely", "future", "hypothetical")

// completionNouns name a deal that may still be pending: "its buyout of
// Piedmont" says there is a deal, not that Piedmont was bought. Their facts
// are hedged unless the sentence shows the deal done (see completed).
var completionNouns = setOf("acquisition", "purchase", "buyout", "takeover", "merger", "sale")

// completed tells whether the deal that event noun n names is done: it
// hangs on a preposition of time after it ("after its acquisition of Y",
// "since the merger with Z"), has a modifier saying so ("its recent
// purchase of", "last year's takeover of"), or is the object of a verb of
// completing ("completed its acquisition of").
func (s *sentence) completed(n int) bool {
	switch s.caseOf(n) {
	case "after", "since", "following":
		return true
	}
	for _, k := range s.kids[n] {
		switch s.lower(k) {
		case "recent", "completed", "last", "earlier", "former":
			return true
		}
		if s.hasRel(k, "nmod:poss") && s.isTime(k) {
			return true // "last year's takeover"
		}
	}
	if h := s.toks[n].Head; h >= 0 && s.hasRel(n, "obj") {
		switch s.lemmaOf(h) {
		case "complete", "finalize", "finalise", "close", "conclude", "finish":
			return true
		}
	}
	return false
}

// predicateOf returns the nearest clause head above noun n (n itself when
// there is none), whose stance the noun's facts share.
func (s *sentence) predicateOf(n int) int {
	for i, k := s.toks[n].Head, 0; i >= 0 && k < 12; i, k = s.toks[i].Head, k+1 {
		if s.isPredicate(i) {
			return i
		}
	}
	return n
}

// eventFacts states the facts event nouns presuppose: the agent (a
// possessive, or "by"/"from") did the event to the other party (the noun's
// prepositional object).
func (r *reading) eventFacts(s *sentence) []fact {
	var out []fact
	for n := range s.toks {
		if s.toks[n].UPOS != "NOUN" {
			continue
		}
		var agents, patients []int
		prep := ""
		for _, k := range s.kids[n] {
			switch c := s.caseOf(k); {
			case s.hasRel(k, "nmod:poss") || s.hasRel(k, "nmod") && eventAgentCases[c]:
				for _, j := range s.conjuncts(k) {
					agents = appendUnique(agents, s.entitiesAt(j, r.ms)...)
				}
			case s.hasRel(k, "nmod") && eventNouns[s.lemmaOf(n)+" "+c] != "":
				for _, j := range s.conjuncts(k) {
					patients = appendUnique(patients, s.entitiesAt(j, r.ms)...)
				}
				prep = c
			}
		}
		if len(agents) == 0 || len(patients) == 0 {
			continue
		}
		st := s.stanceOf(s.predicateOf(n))
		if st.question || st.modality == schema.Hypothetical {
			continue // "would in no way interfere with USAir's possible buyout"
		}
		modality := schema.Asserted
		for _, k := range s.children(n, "amod") {
			if hedgedEvents[s.lower(k)] {
				modality = schema.Hedged
			}
		}
		if completionNouns[s.lemmaOf(n)] && !s.completed(n) {
			modality = schema.Hedged // "interfere with its buyout of Piedmont": a deal, not yet a purchase
		}
		neg := false
		if d := s.child(n, "det"); d >= 0 && s.lower(d) == "no" {
			neg = true
		}
		pred := canonicalPredicate(eventNouns[s.lemmaOf(n)+" "+prep])
		for _, a := range agents {
			for _, p := range patients {
				out = append(out, fact{subj: a, obj: p, pred: pred, predText: s.toks[n].Text + " " + prep, neg: neg,
					modality: modality, attributed: -1, confidence: 0.65})
			}
		}
	}
	return out
}

// caseOrPossessive names how a place attaches: "in", or "'s".
func (s *sentence) caseOrPossessive(i int) string {
	if c := s.caseOf(i); c != "" {
		return c
	}
	return "'s"
}

// appositionFacts states what an apposition says of the entity it follows:
// "X, an analyst at Y" → X works_for Y and X role "analyst"; "X, a security
// firm" → X be "security firm".
func (r *reading) appositionFacts(s *sentence, head, app int) []fact {
	subj := s.entitiesAt(head, r.ms)
	if len(subj) != 1 || s.ment[app] >= 0 || s.toks[app].UPOS != "NOUN" {
		return nil
	}
	return r.describe(s, subj[0], app, s.phrase(app))
}

// describe states the facts of a description noun d of entity e: its role
// with the organization it names ("analyst at Y", "Y's president"), where
// that organization is ("a professor at Y in Seoul": Y located_in Seoul;
// without one, the entity itself is there), and, when it names no
// organization, the description itself.
func (r *reading) describe(s *sentence, e, d int, text string) []fact {
	var out []fact
	noun := s.lemmaOf(d)
	if c := s.child(d, "compound"); c >= 0 && roleNouns[s.lemmaOf(c)+" "+noun] != "" {
		noun = s.lemmaOf(c) + " " + noun
	}
	role := roleNouns[noun]
	org, orgText, place, placeText, placePP := -1, "", -1, "", false
	for _, k := range s.kids[d] {
		if !s.hasRel(k, "nmod", "nmod:poss", "compound", "amod") {
			continue
		}
		ents := s.entitiesAt(k, r.ms)
		if len(ents) != 1 || ents[0] == e {
			continue
		}
		prep := s.caseOf(k)
		switch c := r.ents[ents[0]].Class; {
		case c == schema.Place && (s.ment[k] >= 0 && r.ms[s.ment[k]].demonym || prep == "from" || prep == "in" || prep == ""):
			if prep == "" && s.hasRel(k, "compound") && role != "" {
				continue // "a Korea expert": what the expertise is about, not where anyone is
			}
			place, placeText, placePP = ents[0], s.toks[k].Text, prep != "" // "a Finnish firm", "an investor from Minneapolis"
		case c == schema.Organization || c == schema.Place && (prep == "of" || prep == "at" || s.hasRel(k, "nmod:poss")):
			org, orgText = ents[0], strings.TrimSpace(s.lemmaOf(d)+" "+prep)
			for _, kk := range s.children(k, "nmod") { // "Ewha University in Seoul"
				if pe := s.entitiesAt(kk, r.ms); len(pe) == 1 && r.ents[pe[0]].Class == schema.Place && s.caseOf(kk) == "in" {
					out = append(out, fact{subj: ents[0], obj: pe[0], pred: "located_in", predText: "in", attributed: -1, confidence: 0.7})
				}
			}
		}
	}
	if org >= 0 {
		if role == "" {
			role = "works_for"
		}
		out = append(out, fact{subj: e, obj: org, pred: role, predText: orgText, attributed: -1, confidence: 0.7})
		switch {
		case place >= 0 && placePP:
			// "a professor at Catholic University in Santiago": the
			// phrase after the organization says where it is
			out = append(out, fact{subj: org, obj: place, pred: "located_in", predText: placeText, attributed: -1, confidence: 0.65})
		case place >= 0 && r.ents[e].Class != schema.Person:
			// "a Finnish unit of Nokia": the unit is in Finland; a person's
			// "Finnish analyst at DBS" says nothing of where DBS is
			out = append(out, fact{subj: e, obj: place, pred: "located_in", predText: placeText, attributed: -1, confidence: 0.65})
		}
		return out
	}
	if place >= 0 {
		out = append(out, fact{subj: e, obj: place, pred: "located_in", predText: placeText, attributed: -1, confidence: 0.65})
	}
	pred := "be"
	if r.ents[e].Class == schema.Person {
		pred = "role"
	}
	return append(out, fact{subj: e, obj: -1, objText: text, pred: pred, predText: "apposition", attributed: -1, confidence: 0.65})
}

// descriptionFacts states the description written before a name
// ("Minneapolis investor Irwin Jacobs", "Finnish security firm F-Secure",
// "Tory Edward Turnour", "Constitutional Affairs Minister Christopher
// Leslie", "Microsoft chairman Bill Gates"): the run of nouns, adjectives
// and names right before it. The places it names locate the entity; an
// organization it names with a role noun gives the role; the run itself is
// the entity's role (a person's) or description.
func (r *reading) descriptionFacts(s *sentence) []fact {
	var out []fact
	for m := s.m0; m < s.m1; m++ {
		ment := r.ms[m]
		if ment.demonym || ment.tok0 == 0 {
			continue
		}
		h := s.mentionHead(ment)
		if h < 0 {
			continue
		}
		a := ment.tok0
		for a > 0 && a > ment.tok0-5 && s.describes(a-1, ment.entity, r.ms) && s.modifies(a-1, h) {
			a--
		}
		for a < ment.tok0 && honorifics[s.lower(a)] {
			a++
		}
		if a == ment.tok0 || !s.hasCommonNoun(a, ment.tok0, r.ms) || s.onlyTitle(a, ment) {
			continue
		}
		out = append(out, r.describeBefore(s, ment.entity, a, ment.tok0)...)
	}
	return out
}

// describes reports whether token i can be part of a description written
// before the name of entity e: a noun, adjective, name or number that is
// not another person's name, with no verb or determiner in between.
func (s *sentence) describes(i, e int, ms []Mention) bool {
	switch s.toks[i].UPOS {
	case "NOUN", "ADJ", "PROPN", "NUM":
	default:
		return false
	}
	if s.toks[i].Tag == "POS" || s.inQuote(i) {
		return false
	}
	if m := s.ment[i]; m >= 0 && ms[m].Class == schema.Person && ms[m].entity != e {
		return false
	}
	return true
}

// onlyTitle reports whether the description [a, m.tok0) is the mention's
// title, perhaps after a demonym ("North Korean leader"): its role fact
// says it already.
func (s *sentence) onlyTitle(a int, m Mention) bool {
	if m.Title == "" {
		return false
	}
	for i := a; i < m.tok0; i++ {
		if s.ment[i] < 0 && !strings.Contains(" "+m.Title+" ", " "+s.lower(i)+" ") {
			return false
		}
	}
	return true
}

// modifies reports whether token i belongs to the phrase of the name headed
// by h: inside its subtree ("investor" of "Minneapolis investor Irwin
// Jacobs"), or the noun the name hangs on ("firm" of "security firm
// F-Secure" parsed with the name as its apposition).
func (s *sentence) modifies(i, h int) bool {
	if s.ancestor(h, i) {
		return true
	}
	for g, n := h, 0; g >= 0 && n < 3; g, n = s.toks[g].Head, n+1 {
		if g == i {
			return true
		}
		if !s.hasRel(g, "appos", "flat", "compound", "nmod:desc") {
			return false
		}
	}
	return false
}

// hasCommonNoun reports whether tokens [a, b) hold a common noun outside
// any mention: a description ("security firm", "investor"), not an
// adjective alone ("epic", "major") nor a list of names.
func (s *sentence) hasCommonNoun(a, b int, ms []Mention) bool {
	for i := a; i < b; i++ {
		if s.ment[i] < 0 && s.toks[i].UPOS == "NOUN" && !honorifics[s.lower(i)] {
			return true
		}
	}
	return false
}

// honorifics stand before a name without describing anyone.
var honorifics = setOf("mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "mr.", "mrs.", "ms.", "dr.", "prof", "prof.")

// describeBefore states the facts of a description written before a name,
// tokens [a, b): the places among them (located_in), an organization with
// a role noun ("Microsoft chairman" → leader_of Microsoft), and the
// description itself.
func (r *reading) describeBefore(s *sentence, e, a, b int) []fact {
	var out []fact
	role := ""
	for i := a; i < b; i++ {
		if s.ment[i] < 0 {
			if p := roleNouns[s.lemmaOf(i)]; p != "" {
				role = p
			}
		}
	}
	for i := a; i < b; i++ {
		m := s.ment[i]
		if m < 0 || i != r.ms[m].tok0 || r.ms[m].entity == e {
			continue
		}
		p := r.ms[m].entity
		switch {
		case r.ents[p].Class == schema.Place:
			out = append(out, fact{subj: e, obj: p, pred: "located_in", predText: s.toks[i].Text, attributed: -1, confidence: 0.65})
		case r.ents[p].Class == schema.Organization && role != "":
			out = append(out, fact{subj: e, obj: p, pred: role, predText: s.text(a, b), attributed: -1, confidence: 0.7})
		}
	}
	pred := "be"
	if r.ents[e].Class == schema.Person {
		pred = "role"
	}
	out = append(out, fact{subj: e, obj: -1, objText: s.text(a, b), pred: pred, predText: "description", attributed: -1, confidence: 0.6})
	return out
}

// placeAtBefore returns the place entity named by the phrase that ends
// right before token c and that "at" introduces ("at the Vostochny
// Cosmodrome"), or -1.
func (r *reading) placeAtBefore(s *sentence, c int) int {
	if c < 1 || s.ment[c-1] < 0 {
		return -1
	}
	m := r.ms[s.ment[c-1]]
	h := s.mentionHead(m)
	if h < 0 || m.demonym || s.caseOf(h) != "at" {
		return -1
	}
	if e := s.entitiesAt(h, r.ms); len(e) == 1 && r.ents[e[0]].Class == schema.Place {
		return e[0]
	}
	return -1
}

// mentionHead returns the token that heads a mention's phrase: the one of
// its tokens whose head lies outside it.
func (s *sentence) mentionHead(m Mention) int {
	for i := m.tok0; i < m.tok1 && i < len(s.toks); i++ {
		h := s.toks[i].Head
		if h < m.tok0 || h >= m.tok1 {
			return i
		}
	}
	return -1
}

// placeBefore finds the place a title belongs to: a demonym before it
// ("Russian President") or a possessive ("Russia's President").
func (r *reading) placeBefore(s *sentence, m Mention) int {
	n := len(strings.Fields(m.Title))
	i := m.tok0 - n
	if i < 0 || !strings.EqualFold(joinTokens(s.toks[i:i+n]), m.Title) {
		i = m.tok0 - n // the title was inside the chunk: "President Vladimir Putin"
	}
	if i <= 0 {
		return -1
	}
	if s.toks[i-1].Tag == "POS" {
		for k := s.m0; k < s.m1; k++ {
			if p := r.ms[k]; p.tok1 == i-1 && p.Class == schema.Place {
				return p.entity
			}
		}
	}
	for k := s.m0; k < s.m1; k++ {
		if p := r.ms[k]; p.tok1 == i && p.demonym {
			return p.entity
		}
	}
	return -1
}
