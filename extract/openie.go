package extract

import (
	"context"
	"slices"
	"strings"
)

// Tuple is one open-extraction tuple: a relation phrase and its arguments
// as they stand in the sentence, without entities or canonical predicates.
// Args[0] is the subject; the others are the object and any prepositional
// arguments ("in 1941").
type Tuple struct {
	Confidence float64
	Relation   string
	Args       []string
}

// OpenIE extracts open tuples from one sentence (the CaRB benchmark's
// format; see `kg extract --format openie`) from the same clauses as the
// facts: any noun phrase can be an argument, pronouns included; the
// relation is the verb group as written, with its auxiliaries, negation,
// particle, the infinitive's governor ("agreed to buy") and, when the
// first argument is prepositional, its preposition ("served as", "was
// loved by"). The passive keeps its voice here: CaRB's tuples do.
func (x *Extractor) OpenIE(ctx context.Context, text string) ([]Tuple, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	toks, err := tokenize(text, 0)
	if err != nil {
		return nil, err
	}
	labels := x.ner.TagDocument([][]string{nerWords(toks)}, nil)[0]
	x.parse(toks, nameSpans(toks, labels, x.isDemonym(toks)))
	s := &sentence{span: span{0, len(text)}, doc: text, toks: toks}
	s.buildTree()
	var out []Tuple
	for i := range s.toks {
		if !s.isPredicate(i) {
			continue
		}
		if t, ok := s.openTuple(i); ok {
			out = append(out, t)
		}
	}
	for i := range s.toks {
		if s.hasRel(i, "appos") && nominal(s.toks[s.toks[i].Head].UPOS) {
			// "Mason Richey, a professor at X," → (Mason Richey; is; a professor at X)
			out = append(out, Tuple{Confidence: 0.5, Relation: "is", Args: []string{s.phrase(s.toks[i].Head), s.openPhrase(i)}})
		}
	}
	return out, nil
}

// openTuple reads the tuple of the clause headed by p.
func (s *sentence) openTuple(p int) (Tuple, bool) {
	subj := -1
	conf := 0.9
	if k := s.child(p, "nsubj", "csubj"); k >= 0 {
		subj = k
	} else if sub, _ := s.subjectOf(p, 0); len(sub) > 0 {
		subj, conf = sub[0], 0.7
	}
	if subj < 0 {
		return Tuple{}, false
	}
	if s.hasRel(p, "acl:relcl") && relativePronouns[s.lower(subj)] {
		subj, conf = s.toks[p].Head, 0.75
	}
	words := s.verbGroup(p)
	rel := s.wordsText(words)
	if g := s.toks[p].Head; g >= 0 && s.hasRel(p, "xcomp") && s.toks[g].UPOS == "VERB" {
		rel = s.wordsText(s.verbGroup(g)) + " to " + rel // "agreed to buy"
		conf -= 0.05
	}
	t := Tuple{Confidence: conf, Relation: rel, Args: []string{s.openPhrase(subj)}}
	if s.child(p, "cop") >= 0 {
		t.Args = append(t.Args, s.predicateText(p))
	}
	var objs, rest []int
	for _, k := range s.kids[p] {
		switch {
		case s.hasRel(k, "obj", "iobj"), s.hasRel(k, "xcomp") && s.toks[k].UPOS != "VERB":
			objs = append(objs, k) // "elected president"
		case s.hasRel(k, "obl", "obl:agent", "obl:npmod", "obl:tmod", "ccomp"):
			rest = append(rest, k)
		}
	}
	for _, k := range objs {
		t.Args = append(t.Args, s.openPhrase(k))
	}
	joined := len(objs) > 0 || s.child(p, "cop") >= 0
	for _, k := range rest {
		// a phrase before the verb ("During the 1730s, …") keeps its preposition
		first := !joined && k > p
		if k > p {
			joined = true
		}
		if s.hasRel(k, "ccomp") {
			text := s.clauseText(k) // without its "that"
			if m := s.child(k, "mark"); first && m >= 0 && s.lower(m) == "that" {
				t.Relation += " " + s.toks[m].Text // "indicated that | the study | prices could fall"
			}
			t.Args = append(t.Args, text)
			t.Confidence -= 0.1
			continue
		}
		prep := s.caseOf(k)
		text := s.openPhrase(k)
		if first && prep != "" {
			// no object: the first preposition joins the relation ("served
			// as"), with an adverb between them ("switched over to")
			c := s.child(k, "case")
			for _, a := range s.children(p, "advmod", "compound:prt") {
				if a > p && a < c && a == c-1 && !slices.Contains(words, a) {
					t.Relation += " " + s.toks[a].Text
				}
			}
			t.Relation += " " + prep
			text = strings.TrimSpace(strings.TrimPrefix(text, s.toks[c].Text))
		}
		t.Args = append(t.Args, text)
	}
	if len(t.Args) < 2 {
		if s.child(p, "xcomp") >= 0 {
			return Tuple{}, false // "agreed to buy X": the infinitive's tuple says it
		}
		// one argument only: on CaRB such a tuple is mostly a clause whose
		// object the parse lost, so it ranks below every tuple with two
		t.Confidence *= 0.15
	}
	return t, true
}

// openPhrase is the text of the phrase headed by k with its modifiers, its
// preposition and its coordinated parts, but not clauses hanging on it.
func (s *sentence) openPhrase(k int) string {
	a, b := s.subtree(k, "acl:relcl", "appos", "punct", "parataxis", "advcl")
	return s.text(a, b)
}

// wordsText is the text of tokens ws (in order), joined by single spaces.
func (s *sentence) wordsText(ws []int) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = s.toks[w].Text
	}
	return strings.Join(parts, " ")
}
