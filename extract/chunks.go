package extract

import (
	"strings"

	"kg/schema"
)

// unitKind is the kind of a chunk of a sentence.
type unitKind int

const (
	uOther unitKind = iota
	uNP             // a noun phrase, possibly naming entities
	uVerb           // a verb group: modals, adverbs, auxiliaries, the main verb, a particle
	uPrep           // a preposition
	uComma          // ","
	uConj           // a coordinating conjunction
)

// unit is one chunk of a sentence: a noun phrase, a verb group, a
// preposition or a punctuation mark.
type unit struct {
	kind    unitKind
	t0, t1  int   // tokens [t0, t1) of the sentence
	ents    []int // NP: the entities it names; several for "Russia and North Korea"
	lead    int   // NP: entity of a mention that opens the NP and is followed by more nouns ("Ukraine non-lethal aid"), or -1
	leadEnd int   // NP: token after that leading mention
	pron    bool  // NP: a pronoun or "each other"
	head    int   // NP: the head token; verb group: the main verb
	neg     bool  // verb group: not, n't, never
	modal   string
	passive bool // verb group: a form of "be" before a past participle
	inf     bool // verb group: "to" + verb
	part    string
	coref   bool // NP: its entities come from a pronoun or description (coref.go)
}

var npTags = setOf("DT", "PDT", "PRP$", "CD", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "POS")

// chunk cuts a tagged sentence into units. mentionAt maps the first token
// of every mention to its end token and entity.
func chunk(toks []token, ments []Mention) []unit {
	at := map[int]Mention{}
	for _, m := range ments {
		at[m.tok0] = m
	}
	var us []unit
	for i := 0; i < len(toks); {
		t := toks[i]
		switch {
		case t.Tag == "PRP" || (strings.EqualFold(t.Text, "each") && i+1 < len(toks) && toks[i+1].Text == "other"):
			n := 1
			if t.Tag != "PRP" {
				n = 2
			}
			us = append(us, unit{kind: uNP, t0: i, t1: i + n, head: i + n - 1, pron: true, lead: -1})
			i += n
		case isNPToken(toks, i) || hasKey(at, i):
			u := npUnit(toks, at, i)
			us = append(us, u)
			i = u.t1
		case isVerbStart(toks, i):
			u := verbUnit(toks, i)
			us = append(us, u)
			i = u.t1
		case t.Tag == "IN" || t.Tag == "TO":
			us = append(us, unit{kind: uPrep, t0: i, t1: i + 1, head: i})
			i++
		case t.Text == ",":
			us = append(us, unit{kind: uComma, t0: i, t1: i + 1})
			i++
		case t.Tag == "CC":
			us = append(us, unit{kind: uConj, t0: i, t1: i + 1})
			i++
		default:
			us = append(us, unit{kind: uOther, t0: i, t1: i + 1})
			i++
		}
	}
	return coordinate(toks, mergeOf(toks, us))
}

func hasKey(m map[int]Mention, k int) bool { _, ok := m[k]; return ok }

// isNPToken reports whether token i can be part of a noun phrase. A
// participle right before a noun is an adjective ("neighbouring Poland").
func isNPToken(toks []token, i int) bool {
	t := toks[i]
	if npTags[t.Tag] && !(t.Tag == "DT" && strings.EqualFold(t.Text, "that")) {
		return true
	}
	if (t.Tag == "VBG" || t.Tag == "VBN") && i+1 < len(toks) && strings.HasPrefix(toks[i+1].Tag, "NN") {
		return participleAdjective(toks, i)
	}
	return t.Tag == "RB" && i+1 < len(toks) && strings.HasPrefix(toks[i+1].Tag, "JJ") && i > 0 && toks[i-1].Tag == "DT"
}

// participleAdjective decides whether the participle at i, before a noun,
// modifies it ("neighbouring Poland", "to fill dwindling reserves") rather
// than heading a verb group ("has given Peru aid", ", given Peru aid").
func participleAdjective(toks []token, i int) bool {
	if i == 0 {
		return true
	}
	p := toks[i-1]
	switch {
	case p.Tag == "MD" || p.Tag == "RB" || strings.HasPrefix(p.Tag, "VB") && isAux(p.Text):
		return false
	case p.Text == "," || p.Tag == "CC":
		return toks[i+1].Tag == "NN" || toks[i+1].Tag == "NNS" // ", and provided Chile" is a verb
	}
	return true
}

// npUnit reads the noun phrase that starts at token i. A mention is kept
// whole; the NP names an entity when a mention ends it.
func npUnit(toks []token, at map[int]Mention, i int) unit {
	u := unit{kind: uNP, t0: i, lead: -1}
	j := i
	lastEnt, lastEnd := -1, -1
	for j < len(toks) {
		if m, ok := at[j]; ok && m.demonym {
			j = m.tok1 // "Russian President …": an adjective here
			continue
		} else if ok {
			if u.lead < 0 && lastEnt < 0 && j > i && m.Title == "" && toks[j-1].Tag != "POS" &&
				!allTags(toks[i:j], "DT", "PDT", "JJ", "RB", "VBG", "VBN", "CD") {
				break // "Ukraine" after other nouns begins a new NP; "Russia's leader Kim" does not
			}
			if lastEnt >= 0 && lastEnd == j {
				break // two names in a row: "Ukraine Poland" is two NPs
			}
			lastEnt, lastEnd = m.entity, m.tok1
			j = m.tok1
			continue
		}
		if !isNPToken(toks, j) || j > i && toks[j].Tag == "DT" && strings.HasPrefix(toks[j-1].Tag, "NN") {
			break // "rivals a warning" is two NPs
		}
		if lastEnt >= 0 && lastEnd == j && toks[j].Tag != "POS" && u.lead < 0 && len(u.ents) == 0 {
			u.lead, u.leadEnd = lastEnt, j // "Ukraine non-lethal aid", "U.S. claims"
		}
		if toks[j].Tag == "POS" {
			lastEnt = -1
		}
		j++
	}
	if j == i {
		j = i + 1
	}
	u.t1, u.head = j, j-1
	if lastEnt >= 0 && lastEnd == j {
		u.ents = []int{lastEnt}
		if u.lead == lastEnt {
			u.lead = -1
		}
	}
	return u
}

func allTags(toks []token, tags ...string) bool {
	for _, t := range toks {
		ok := false
		for _, tag := range tags {
			ok = ok || t.Tag == tag
		}
		if !ok {
			return false
		}
	}
	return true
}

// isVerbStart reports whether a verb group starts at token i.
func isVerbStart(toks []token, i int) bool {
	t := toks[i]
	if strings.HasPrefix(t.Tag, "VB") || t.Tag == "MD" {
		return true
	}
	if t.Tag == "TO" && i+1 < len(toks) && (toks[i+1].Tag == "VB" || toks[i+1].Tag == "RB" && i+2 < len(toks) && toks[i+2].Tag == "VB") {
		return true
	}
	if t.Tag == "RB" {
		for j := i + 1; j < len(toks) && j < i+4; j++ {
			if toks[j].Tag == "TO" {
				return j+1 < len(toks) && toks[j+1].Tag == "VB"
			}
			if strings.HasPrefix(toks[j].Tag, "VB") || toks[j].Tag == "MD" {
				return true
			}
			if toks[j].Tag != "RB" {
				return false
			}
		}
	}
	return false
}

// verbUnit reads the verb group that starts at token i.
func verbUnit(toks []token, i int) unit {
	u := unit{kind: uVerb, t0: i, head: -1}
	j := i
	for j < len(toks) {
		t := toks[j]
		lw := strings.ToLower(t.Text)
		switch {
		case t.Tag == "MD":
			u.modal = lw
		case t.Tag == "RB":
			if lw == "not" || lw == "n't" || lw == "never" {
				u.neg = true
			}
		case t.Tag == "TO" && u.head < 0 && j+1 < len(toks) && (toks[j+1].Tag == "VB" || toks[j+1].Tag == "RB"):
			u.inf = true
		case strings.HasPrefix(t.Tag, "VB") && u.head >= 0 && !isAux(toks[u.head].Text) && isNPToken(toks, j):
			u.t1 = j
			return u // "to fill dwindling reserves": the participle starts a noun phrase
		case strings.HasPrefix(t.Tag, "VB"):
			if u.head >= 0 && isBe(toks[u.head].Text) && t.Tag == "VBN" {
				u.passive = true
			}
			if u.head >= 0 && t.Tag == "VB" && !isAux(toks[u.head].Text) {
				u.t1 = j
				return u // "help build": two groups
			}
			u.head = j
		case t.Tag == "RP" && u.head >= 0:
			u.part = lw
			j++
			u.t1 = j
			return u
		default:
			u.t1 = j
			if u.head < 0 {
				u.head = j - 1
			}
			return u
		}
		j++
	}
	u.t1 = j
	if u.head < 0 {
		u.head = j - 1
	}
	return u
}

func isBe(w string) bool {
	switch strings.ToLower(w) {
	case "be", "is", "are", "was", "were", "been", "being", "'s", "'re", "am":
		return true
	}
	return false
}

func isAux(w string) bool {
	if isBe(w) {
		return true
	}
	switch strings.ToLower(w) {
	case "have", "has", "had", "do", "does", "did", "'ve":
		return true
	}
	return false
}

// mergeOf joins "NP of NP" into one noun phrase when the second names no
// entity ("massive numbers of weapons").
func mergeOf(toks []token, us []unit) []unit {
	var out []unit
	for i := 0; i < len(us); i++ {
		u := us[i]
		for i+2 < len(us) && u.kind == uNP && !u.pron && len(u.ents) == 0 &&
			us[i+1].kind == uPrep && strings.EqualFold(toks[us[i+1].t0].Text, "of") &&
			us[i+2].kind == uNP && !us[i+2].pron && len(us[i+2].ents) == 0 && us[i+2].lead < 0 {
			u.t1, u.head = us[i+2].t1, us[i+2].head
			i += 2
		}
		out = append(out, u)
	}
	return out
}

// coordinate joins entity NPs linked by commas and "and"/"or" into one
// unit naming them all ("Russia, North Korea and China").
func coordinate(toks []token, us []unit) []unit {
	var out []unit
	for i := 0; i < len(us); i++ {
		u := us[i]
		if u.kind != uNP || len(u.ents) == 0 {
			out = append(out, u)
			continue
		}
		j := i
		for {
			k := j + 1
			if k < len(us) && us[k].kind == uComma {
				k++
			}
			if k < len(us) && us[k].kind == uConj && isAndOr(toks[us[k].t0].Text) {
				k++
			}
			if k == j+1 || k >= len(us) || us[k].kind != uNP || len(us[k].ents) == 0 || us[k].lead >= 0 {
				break
			}
			if us[k-1].kind == uComma && !listContinues(toks, us, k) {
				break // "Russia, Ukraine's neighbour" is not a list
			}
			u.ents = append(u.ents, us[k].ents...)
			u.t1, u.head = us[k].t1, us[k].head
			j = k
		}
		out = append(out, u)
		i = j
	}
	return out
}

func isAndOr(w string) bool { return strings.EqualFold(w, "and") || strings.EqualFold(w, "or") }

// listContinues reports whether the comma before unit k is inside a list:
// an "and"/"or" joins another entity NP later on.
func listContinues(toks []token, us []unit, k int) bool {
	for ; k+1 < len(us); k += 2 {
		if us[k+1].kind == uConj && isAndOr(toks[us[k+1].t0].Text) {
			return true
		}
		if us[k+1].kind != uComma {
			return false
		}
	}
	return false
}

// retagVerbs fixes a tagger error common in headlines and short clauses: a
// known verb right after a name tagged as a noun ("Putin and Kim meet in
// Amur region", "Kim send rivals a warning"). It returns a copy when it
// changes anything.
func retagVerbs(toks []token, ments []Mention) []token {
	ends := map[int]bool{}
	for _, m := range ments {
		if !m.demonym {
			ends[m.tok1] = true
		}
	}
	var out []token
	for i, t := range toks {
		if !ends[i] || (t.Tag != "NN" && t.Tag != "NNS") || startsUpper(t.Text) || !verbLexicon[lemma(t.Text)] {
			continue
		}
		if i+1 < len(toks) && strings.HasPrefix(toks[i+1].Tag, "VB") {
			continue
		}
		if out == nil {
			out = append([]token(nil), toks...)
		}
		out[i].Tag = "VBP"
		if t.Tag == "NNS" {
			out[i].Tag = "VBZ"
		}
	}
	if out == nil {
		return toks
	}
	return out
}

// verbLexicon holds the verbs the relation patterns know by lemma.
var verbLexicon = func() map[string]bool {
	m := map[string]bool{}
	for _, set := range []map[string]bool{ditransitive, withVerbs, toVerbs, reciprocal, reporting} {
		for w := range set {
			m[strings.Fields(w)[0]] = true
		}
	}
	for _, p := range schema.Predicates {
		for _, l := range p.Lemmas {
			m[strings.Fields(l)[0]] = true
		}
	}
	for n := range meetNouns {
		delete(m, n) // "summit" is a noun wherever it stands
	}
	return m
}()
