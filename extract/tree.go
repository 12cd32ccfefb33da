package extract

import (
	"strings"
)

// The dependency tree of a sentence (Universal Dependencies, from package
// syntax): every token has one head (-1 for the root) and a relation to it;
// kids lists each token's dependents in sentence order.

// buildTree indexes the dependents of every token of s.
func (s *sentence) buildTree() {
	s.kids = make([][]int, len(s.toks))
	for i, t := range s.toks {
		if t.Head >= 0 && t.Head < len(s.toks) {
			s.kids[t.Head] = append(s.kids[t.Head], i)
		}
	}
}

// rel is the relation of token i without its subtype ("nsubj" for
// "nsubj:pass").
func (s *sentence) rel(i int) string {
	r, _, _ := strings.Cut(s.toks[i].Rel, ":")
	return r
}

// child returns the first dependent of i with one of the relations (full
// relations, with subtypes, or universal ones, which match any subtype),
// or -1.
func (s *sentence) child(i int, rels ...string) int {
	for _, k := range s.kids[i] {
		if s.hasRel(k, rels...) {
			return k
		}
	}
	return -1
}

// children returns the dependents of i with one of the relations.
func (s *sentence) children(i int, rels ...string) []int {
	var out []int
	for _, k := range s.kids[i] {
		if s.hasRel(k, rels...) {
			out = append(out, k)
		}
	}
	return out
}

// hasRel reports whether token k's relation is one of rels: a relation
// with a subtype matches itself, a universal relation any of its subtypes.
func (s *sentence) hasRel(k int, rels ...string) bool {
	full := s.toks[k].Rel
	for _, r := range rels {
		if full == r || (!strings.Contains(r, ":") && s.rel(k) == r) {
			return true
		}
	}
	return false
}

// lower is token i's text in lower case.
func (s *sentence) lower(i int) string { return strings.ToLower(s.toks[i].Text) }

// lemmaOf is token i's lemma in lower case (its text when the parser gave
// none).
func (s *sentence) lemmaOf(i int) string {
	l := s.toks[i].Lemma
	if l == "" || l == "_" {
		l = s.toks[i].Text
	}
	return strings.ToLower(l)
}

// caseOf returns the preposition of a nominal dependent i ("in" for "in
// Seoul", "because of" for a fixed expression), or "".
func (s *sentence) caseOf(i int) string {
	c := s.child(i, "case")
	if c < 0 || s.toks[c].Tag == "POS" || !isWordText(s.toks[c].Text) {
		return "" // a possessive's "'s" is no preposition, nor is a bracket the parse hung there
	}
	words := []string{s.lower(c)}
	for _, f := range s.children(c, "fixed") {
		words = append(words, s.lower(f))
	}
	return strings.Join(words, " ")
}

// verbalCase tells whether i's preposition is a verb form ("given the
// costs", "including Chile", "following the talks"): such a phrase is a
// circumstance of the clause, not a prepositional argument of its verb.
func (s *sentence) verbalCase(i int) bool {
	c := s.child(i, "case")
	return c >= 0 && strings.HasPrefix(s.toks[c].Tag, "VB")
}

// subtree returns the tokens [a, b) covered by the subtree of i, leaving out
// the subtrees of its dependents with the relations skip (and trailing or
// leading punctuation).
func (s *sentence) subtree(i int, skip ...string) (a, b int) {
	a, b = i, i+1
	var walk func(j int)
	walk = func(j int) {
		if j < a {
			a = j
		}
		if j+1 > b {
			b = j + 1
		}
		for _, k := range s.kids[j] {
			if s.hasRel(k, skip...) {
				continue
			}
			walk(k)
		}
	}
	walk(i)
	for a < b-1 && s.toks[a].UPOS == "PUNCT" {
		a++
	}
	for b-1 > a && s.toks[b-1].UPOS == "PUNCT" {
		b--
	}
	return a, b
}

// phraseSkip are the dependents a noun phrase's text leaves out: clauses
// that modify it, appositions, coordinated phrases and parentheticals.
var phraseSkip = []string{"acl", "appos", "conj", "cc", "parataxis", "punct", "dep", "advcl", "discourse"}

// phraseSpan is the span of the noun phrase headed by i: its subtree
// without the dependents phraseSkip names. Coordination is left out only
// at the top ("Chile and Peru" are two phrases), not inside a modifier
// ("a highway between Nairobi and Mombasa" is one).
func (s *sentence) phraseSpan(i int) (a, b int) {
	a, b = i, i+1
	for _, k := range s.kids[i] {
		if s.hasRel(k, phraseSkip...) {
			continue
		}
		ka, kb := s.subtree(k, phraseSkipInside...)
		a, b = min(a, ka), max(b, kb)
	}
	for a < b-1 && s.toks[a].UPOS == "PUNCT" {
		a++
	}
	for b-1 > a && s.toks[b-1].UPOS == "PUNCT" {
		b--
	}
	return a, b
}

// phraseSkipInside are what phraseSkip leaves out below the top of a phrase.
var phraseSkipInside = []string{"acl", "appos", "parataxis", "dep", "advcl", "discourse"}

// phrase returns the text of the noun phrase headed by i, without a
// leading determiner, its relative clauses, appositions and conjuncts.
func (s *sentence) phrase(i int) string {
	a, b := s.phraseSpan(i)
	for a < b-1 && (s.toks[a].UPOS == "DET" && s.hasRel(a, "det") || s.toks[a].UPOS == "CCONJ" || s.toks[a].Tag == "POS" ||
		s.toks[a].Head == i && s.hasRel(a, "case", "mark") || s.toks[a].Tag == "PRP$") {
		a++
	}
	return s.text(a, b)
}

// phraseWithout is the phrase headed by i without the subtree of its
// dependent k, when k ends it ("weapons" of "weapons to Peru") or opens it
// ("bid for WMC" of "Xstrata's bid for WMC").
func (s *sentence) phraseWithout(i, k int) string {
	a, b := s.phraseSpan(i)
	ka, kb := s.subtree(k)
	if kb == b && ka > a {
		b = ka
	} else if ka == a && kb < b {
		a = kb
	}
	for a < b-1 && (s.toks[a].UPOS == "DET" && s.hasRel(a, "det") || s.toks[a].Head == i && s.hasRel(a, "case", "mark")) {
		a++
	}
	for b-1 > a && s.toks[b-1].UPOS == "PUNCT" {
		b--
	}
	return s.text(a, b)
}

// text returns the document text of tokens [a, b) of the sentence.
func (s *sentence) text(a, b int) string {
	if a >= b {
		return ""
	}
	return s.doc[s.toks[a].Start:s.toks[b-1].End]
}

// ancestor reports whether a is i or an ancestor of i.
func (s *sentence) ancestor(a, i int) bool {
	for n := 0; i >= 0 && n <= len(s.toks); n++ {
		if i == a {
			return true
		}
		i = s.toks[i].Head
	}
	return false
}

// conjuncts returns i and the tokens coordinated with it ("Putin and Kim":
// both), in sentence order.
func (s *sentence) conjuncts(i int) []int {
	out := []int{i}
	for _, k := range s.children(i, "conj") {
		if s.toks[k].UPOS == s.toks[i].UPOS || nominal(s.toks[k].UPOS) && nominal(s.toks[i].UPOS) {
			out = append(out, s.conjuncts(k)...)
		}
	}
	return out
}

// nominal reports whether a universal part of speech heads a noun phrase.
func nominal(upos string) bool {
	switch upos {
	case "NOUN", "PROPN", "PRON", "NUM", "X", "SYM":
		return true
	}
	return false
}
