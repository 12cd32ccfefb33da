package extract

import (
	"kg/article"
	"kg/schema"
)

// stance is how the text states a clause: denied or not, as a fact, a
// report, a hope, a plan or a condition, and who says so.
type stance struct {
	neg      bool
	modality schema.Modality
	speaker  int  // the token of the one who says so (the subject of "said"), or -1
	quote    int  // the quotation the clause is in, or -1
	content  int  // the head of the reported clause ("sold" in "he said he sold"), or -1
	question bool // a question: never a fact
}

// stanceOf reads the stance of the clause headed by p from the tree: its
// own negation and modal; then up the chain of clauses that govern it —
// "refused to sign" (negated), "plans to sell" (future), "wants to",
// "is likely to" (hedged), "if …" (hypothetical), "said that …",
// "denied that …" (reported; denied is negated), "has no plans to"
// (negated, future) — each governor adding its own negation and modal.
func (s *sentence) stanceOf(p int) stance {
	st := stance{modality: schema.Asserted, speaker: -1, quote: -1, content: -1}
	if s.quote != nil && s.quote[p] >= 0 {
		st.quote = s.quote[p]
		st.modality = schema.Reported
	}
	q := p
	obligation := false // "did not have to meet": the meeting is not denied
	for n := 0; q >= 0 && n < 12; n++ {
		s.localStance(q, &st, obligation)
		obligation = false
		if v := s.sayingAside(q); v >= 0 {
			// "Russia will help, Putin said": the verb of saying hangs on
			// the clause it reports
			st.modality = worse(st.modality, schema.Reported)
			st.setSpeaker(s, v, q)
		}
		h := s.toks[q].Head
		if h < 0 {
			if s.isQuestion() {
				st.question = true
			}
			if m := s.child(q, "mark"); m >= 0 && s.lower(m) == "to" && s.kind == article.Headline {
				st.modality = worse(st.modality, schema.Future) // a headline's "Hingis to make return"
			}
			if v := s.trailingSpeaker(); v >= 0 && st.speaker < 0 && st.quote < 0 && q < v {
				// "Chile sold weapons to Peru, said Elena Marquez."
				st.modality = worse(st.modality, schema.Reported)
				st.speaker, st.content = v, q
			}
			break
		}
		switch {
		case s.hasRel(q, "xcomp"):
			s.governorStance(h, &st)
			obligation = s.lemmaOf(h) == "have" || s.lemmaOf(h) == "need"
		case s.hasRel(q, "ccomp"):
			lem := s.lemmaOf(h)
			switch {
			case denyVerbs[lem]:
				st.neg = !st.neg // "denied that it had sold": the subject says it did not
				st.modality = worse(st.modality, schema.Reported)
				st.setSpeaker(s, h, q)
			case sayVerbs[lem]:
				st.modality = worse(st.modality, schema.Reported)
				st.setSpeaker(s, h, q)
			case beliefVerbs[lem]:
				st.modality = worse(st.modality, schema.Hedged)
			case futureVerbs[lem]:
				st.modality = worse(st.modality, schema.Future)
			}
		case s.hasRel(q, "advcl"):
			if m := s.child(q, "mark"); m >= 0 {
				switch s.lower(m) {
				case "if", "unless", "whether", "lest":
					st.modality = worse(st.modality, schema.Hypothetical)
				case "to", "so":
					st.modality = worse(st.modality, schema.Hedged) // a purpose: "to settle charges"
				}
			}
		case s.hasRel(q, "acl"):
			if controlNouns[s.lemmaOf(h)] {
				st.modality = worse(st.modality, schema.Future)
				if d := s.child(h, "det"); d >= 0 && s.lower(d) == "no" {
					st.neg = !st.neg // "has no plans to sell"
				}
			} else if claimNouns[s.lemmaOf(h)] {
				st.modality = worse(st.modality, schema.Reported) // "claims that …"
				s.claimant(h, q, &st)
			} else {
				return st // a participle or relative clause states its own fact
			}
		case s.hasRel(q, "acl:relcl"):
			return st
		case s.hasRel(q, "conj"):
			// a coordinated verb shares its head's auxiliaries and governors
		case s.hasRel(q, "parataxis"):
			if sayVerbs[s.lemmaOf(h)] {
				st.modality = worse(st.modality, schema.Reported)
				st.setSpeaker(s, h, q)
			}
			return st
		default:
			return st
		}
		q = h
	}
	return st
}

// sayingAside returns a verb of saying that is a parenthetical dependent of
// clause q ("…, Putin said", "…, said Putin"), or -1.
func (s *sentence) sayingAside(q int) int {
	for _, k := range s.children(q, "parataxis", "advcl") {
		if sayVerbs[s.lemmaOf(k)] && s.child(k, "ccomp", "obj") < 0 && s.child(k, "nsubj") >= 0 {
			return k
		}
	}
	return -1
}

// trailingSpeaker returns the speaker's token of an attribution that closes
// the sentence — ", said X." or ", X said." — or -1: the words, not the
// parse, which often hangs such a verb anywhere.
func (s *sentence) trailingSpeaker() int {
	n := len(s.toks)
	for n > 0 && s.toks[n-1].UPOS == "PUNCT" {
		n--
	}
	for c := n - 2; c >= 1; c-- {
		if s.toks[c].UPOS == "VERB" && !sayVerbs[s.lemmaOf(c)] || s.toks[c].UPOS == "AUX" {
			return -1 // a clause after the attribution: not a closing one
		}
		if s.toks[c].Text != "," || s.inQuote(c) || c+2 >= n {
			continue
		}
		switch {
		case sayVerbs[s.lemmaOf(c+1)] && nominal(s.toks[c+2].UPOS):
			// ", said Elena Marquez" (and an apposition after it)
			end := c + 3
			for end < n && s.toks[end].Text != "," {
				end++
			}
			return s.nounPhraseHead(c+2, end)
		case nominal(s.toks[c+1].UPOS) || s.toks[c+1].UPOS == "DET":
			// ", Elena Marquez said", ", the transport ministry said on
			// Wednesday", ", the company said in a statement"
			for v := c + 2; v < n && v-c <= 6; v++ {
				if sayVerbs[s.lemmaOf(v)] && s.toks[v].UPOS == "VERB" && s.closingTail(v+1, n) {
					return s.nounPhraseHead(c+1, v)
				}
			}
		}
	}
	return -1
}

// closingTail tells whether tokens [a, b) can close an attribution: a few
// words with no verb ("on Wednesday", "in a statement").
func (s *sentence) closingTail(a, b int) bool {
	if b-a > 4 {
		return false
	}
	for i := a; i < b; i++ {
		if s.toks[i].UPOS == "VERB" || s.toks[i].UPOS == "AUX" {
			return false
		}
	}
	return true
}

// nounPhraseHead returns the token among [a, b) whose head is outside the
// range: the head of the phrase those tokens form.
func (s *sentence) nounPhraseHead(a, b int) int {
	for i := a; i < b; i++ {
		if h := s.toks[i].Head; h < a || h >= b {
			return i
		}
	}
	return a
}

// claimant records whose claim noun n is ("U.S. claims that …", "Iran's
// allegation that …") as the one who says clause q.
func (s *sentence) claimant(n, q int, st *stance) {
	if k := s.child(n, "nmod:poss", "compound"); k >= 0 && st.speaker < 0 {
		st.speaker, st.content = k, q
	}
}

// setSpeaker records the subject of say-verb h as the one who says clause q.
func (st *stance) setSpeaker(s *sentence, h, q int) {
	if st.speaker >= 0 {
		return // the nearest speaker speaks
	}
	if k := s.child(h, "nsubj"); k >= 0 {
		st.speaker = k
		st.content = q
	}
}

// localStance applies clause q's own negation, modal and conditional mark.
func (s *sentence) localStance(q int, st *stance, ignoreNeg bool) {
	if m := s.child(q, "mark"); m >= 0 && s.lower(m) == "that" && m > 0 && s.toks[m-1].UPOS == "NOUN" {
		// "charges that he oversaw the fraud", "on the proviso that she
		// ran": the clause is what the noun before it claims or supposes,
		// however the parse hangs it
		switch n := s.lemmaOf(m - 1); {
		case claimNouns[n]:
			st.modality = worse(st.modality, schema.Reported)
			s.claimant(m-1, q, st)
		case conditionNouns[n]:
			st.modality = worse(st.modality, schema.Hypothetical)
		}
	}
	if s.child(q, "mark") >= 0 && s.lower(s.child(q, "mark")) == "to" {
		for _, k := range s.children(q, "aux", "cop") {
			if s.lemmaOf(k) == "be" && k < q {
				st.modality = worse(st.modality, schema.Future) // "is to face trial"
			}
		}
	}
	for _, k := range s.kids[q] {
		switch {
		case s.hasRel(k, "obl") && (s.caseOf(k) == "according" || s.caseOf(k) == "according to"):
			st.modality = worse(st.modality, schema.Reported) // "…, according to published reports"
			if st.speaker < 0 {
				st.speaker, st.content = k, q
			}
		case s.hasRel(k, "advmod") && negations[s.lower(k)] && !ignoreNeg:
			st.neg = !st.neg
		case s.hasRel(k, "aux"):
			st.modality = worse(st.modality, modalOf(s.lower(k)))
		case s.hasRel(k, "mark") && conditionals[s.lower(k)] && !s.hasRel(q, "ccomp"):
			st.modality = worse(st.modality, schema.Hypothetical)
		case s.hasRel(k, "advmod") && hedgeAdverbs[s.lower(k)]:
			st.modality = worse(st.modality, schema.Hedged)
		}
	}
}

// governorStance applies what a verb or adjective that takes a "to"
// infinitive says of it: refused, failed (negated); plans, agreed, is set,
// is due, is to (future); wants, hopes, tries, is likely, is expected
// (hedged).
func (s *sentence) governorStance(h int, st *stance) {
	lem := s.lemmaOf(h)
	switch {
	case negVerbs[lem]:
		st.neg = !st.neg
	case futureVerbs[lem] || lem == "be" || lem == "schedule" && s.isPassive(h):
		st.modality = worse(st.modality, schema.Future)
	case hedgeVerbs[lem], hedgeAdjectives[lem]:
		st.modality = worse(st.modality, schema.Hedged)
	case lem == "expect" || lem == "predict" || lem == "tip" || lem == "forecast":
		st.modality = worse(st.modality, schema.Hedged) // "is expected to"
	case lem == "have" || lem == "need":
		st.modality = worse(st.modality, schema.Hedged) // an obligation, not an event
	}
}

// isQuestion reports whether the sentence asks rather than states.
func (s *sentence) isQuestion() bool {
	for i := len(s.toks) - 1; i >= 0; i-- {
		switch s.toks[i].Text {
		case "\"", "'", "\u201d", "\u2019", ")":
			continue
		case "?":
			return true
		}
		return false
	}
	return false
}

func modalOf(modal string) schema.Modality {
	switch modal {
	case "may", "might", "could", "can", "should", "must", "ca":
		return schema.Hedged
	case "would", "'d":
		return schema.Hypothetical
	case "will", "shall", "'ll", "wo":
		return schema.Future
	}
	return schema.Asserted
}

// worse returns the less certain of two modalities: hypothetical, hedged,
// future, reported, asserted, in that order.
func worse(a, b schema.Modality) schema.Modality {
	if modalityRank[b] > modalityRank[a] {
		return b
	}
	return a
}

var modalityRank = map[schema.Modality]int{schema.Asserted: 0, schema.Reported: 1, schema.Future: 2, schema.Hedged: 3, schema.Hypothetical: 4}

// The words that govern a clause's stance, by class: data, one family each.
var (
	// denyVerbs take a clause their subject says is false: "denied that it had sold drones".
	denyVerbs = setOf("deny", "refute", "dispute")
	// negVerbs deny their infinitive: "refused to sign", "failed to turn up".
	negVerbs = setOf("refuse", "fail", "decline", "neglect", "forget", "cease", "stop", "avoid", "omit", "prevent")
	// futureVerbs govern what has not happened yet: "plans to provide", "agreed to buy".
	futureVerbs = setOf("plan", "promise", "pledge", "vow", "intend", "aim", "agree", "decide", "threaten", "prepare",
		"propose", "offer", "vote", "undertake", "resolve", "set", "due", "scheduled", "poised", "going", "about", "will")
	// hedgeVerbs govern what the text only wishes, tries or supposes: "seek to weaken", "appears to".
	hedgeVerbs = setOf("want", "hope", "seek", "try", "attempt", "wish", "appear", "seem", "tend", "consider",
		"like", "prefer", "struggle", "strive", "hesitate", "ask", "urge", "call", "expect", "look", "stand", "encourage",
		"push", "press", "lobby", "campaign", "fight", "battle", "work", "help", "allow", "enable", "permit", "require")
	// hedgeAdjectives govern an infinitive that may not happen: "unlikely to", "able to".
	hedgeAdjectives = setOf("likely", "unlikely", "able", "unable", "willing", "ready", "eager", "keen", "expected",
		"possible", "certain", "sure", "bound", "free", "anxious", "reluctant", "prepared")
	// beliefVerbs take a clause their subject only believes or fears.
	beliefVerbs = setOf("hope", "fear", "expect", "believe", "think", "suspect", "doubt", "wonder", "guess", "assume",
		"suppose", "speculate", "predict", "worry", "feel", "imagine", "estimate", "forecast", "bet")
	// claimNouns head noun phrases whose "that" clause is someone's claim: "U.S. claims that …".
	claimNouns = setOf("claim", "allegation", "accusation", "report", "assertion", "suggestion", "speculation",
		"rumour", "rumor", "fear", "hope", "expectation", "belief", "view", "warning", "charge", "argument",
		"suspicion", "theory", "idea", "impression", "notion", "concern", "worry", "doubt", "evidence", "sign", "indication")
	// conditionNouns take a "that" clause that is only supposed: "on the proviso that …".
	conditionNouns = setOf("proviso", "condition", "assumption", "hypothesis", "premise", "possibility", "prospect", "risk", "chance")
	// conditionals open a clause that states a condition.
	conditionals = setOf("if", "unless", "whether", "lest")
	// hedgeAdverbs make a clause uncertain.
	hedgeAdverbs = setOf("possibly", "perhaps", "probably", "maybe", "reportedly", "allegedly", "apparently",
		"supposedly", "likely", "potentially", "seemingly", "purportedly")
)
