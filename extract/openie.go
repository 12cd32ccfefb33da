package extract

import (
	"context"
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
// format; see `kg extract --format openie`). It uses the same chunks as
// the fact patterns, but any noun phrase can be an argument, pronouns
// included, and the relation is the verb group as written, with its
// auxiliaries, negation, particle and, for a prepositional object, the
// preposition ("served as", "was loved by").
func (x *Extractor) OpenIE(ctx context.Context, text string) ([]Tuple, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	toks, err := x.tag.tag(text, 0)
	if err != nil {
		return nil, err
	}
	s := &sentence{span: span{0, len(text)}, doc: text, toks: toks}
	us := chunk(toks, nil)
	subjects := make([]*unit, len(us))
	var out []Tuple
	for v := range us {
		u := us[v]
		if u.kind != uVerb || u.head < 0 || !strings.HasPrefix(toks[u.head].Tag, "VB") {
			continue
		}
		subj, conf := openSubject(toks, us, v, subjects)
		subjects[v] = subj
		if subj == nil {
			continue
		}
		if t, ok := s.openTuple(us, v, subj, conf); ok {
			out = append(out, t)
		}
	}
	return append(out, s.appositionTuples(us)...), nil
}

// appositionTuples states "Mason Richey, a professor at X," as (Mason
// Richey; is; a professor at X): a name, a comma, and a noun phrase opened
// by an article, closed by a comma or the end of the sentence.
func (s *sentence) appositionTuples(us []unit) []Tuple {
	var out []Tuple
	for i := 0; i+2 < len(us); i++ {
		a, c, b := us[i], us[i+1], us[i+2]
		if a.kind != uNP || c.kind != uComma || b.kind != uNP || a.pron || b.pron {
			continue
		}
		if last := s.toks[a.t1-1]; last.Tag != "NNP" && last.Tag != "NNPS" {
			continue
		}
		if w := strings.ToLower(s.toks[b.t0].Text); w != "a" && w != "an" && w != "the" {
			continue
		}
		end := b.t1
		for k := i + 3; k+1 < len(us) && us[k].kind == uPrep && us[k+1].kind == uNP; k += 2 {
			end = us[k+1].t1 // "a professor at Ewha University in Seoul"
		}
		out = append(out, Tuple{Confidence: 0.6, Relation: "is", Args: []string{s.text(a.t0, a.t1), s.text(b.t0, end)}})
	}
	return out
}

// openSubject finds the subject of verb group v for open extraction and how
// sure that is: the noun phrase right before the verb (0.9), the head of a
// relative clause ("an opening that led to …", 0.7), the subject of an
// earlier coordinated verb or of the verb governing an infinitive (0.7).
func openSubject(toks []token, us []unit, v int, subjects []*unit) (*unit, float64) {
	k := v - 1
	for k >= 0 && us[k].kind == uOther && toks[us[k].t0].Tag == "RB" {
		k--
	}
	if us[v].inf {
		if k >= 0 && us[k].kind == uVerb {
			return subjects[k], 0.7
		}
		return nil, 0
	}
	switch {
	case k < 0:
		return nil, 0
	case us[k].kind == uNP:
		return &us[k], 0.9
	case us[k].kind == uOther && isRelativePronoun(toks[us[k].t0]):
		j := k - 1
		if j >= 0 && us[j].kind == uComma {
			j--
		}
		if j >= 0 && us[j].kind == uNP {
			return &us[j], 0.7
		}
	case us[k].kind == uComma || us[k].kind == uConj:
		for p := k - 1; p >= 0; p-- {
			if us[p].kind == uVerb && !us[p].inf {
				if subjects[p] != nil {
					return subjects[p], 0.7
				}
				return nil, 0
			}
		}
	}
	return nil, 0
}

func isRelativePronoun(t token) bool {
	switch strings.ToLower(t.Text) {
	case "who", "which", "that", "whom":
		return t.Tag == "WDT" || t.Tag == "WP" || t.Tag == "IN"
	}
	return false
}

// openTuple reads the arguments of verb group v: the noun phrase after it
// (or, when there is none, the noun phrase of its first preposition, which
// then joins the relation), then each prepositional phrase up to the next
// verb or clause boundary. A reporting verb takes the rest of the sentence
// as its object ("indicated that organic compounds could carry current").
func (s *sentence) openTuple(us []unit, v int, subj *unit, conf float64) (Tuple, bool) {
	vu := us[v]
	rel := s.text(vu.t0, vu.t1)
	if vu.inf && v > 0 && us[v-1].kind == uVerb {
		rel = s.text(us[v-1].t0, vu.t1) // "seek to weaken"
	}
	t := Tuple{Confidence: conf, Relation: rel, Args: []string{s.text(subj.t0, subj.t1)}}
	j := v + 1
	for j < len(us) && us[j].kind == uOther && s.toks[us[j].t0].Tag == "RB" {
		j++
	}
	thatClause := j+2 < len(us) && strings.EqualFold(s.toks[us[j].t0].Text, "that") && us[j].kind != uNP &&
		us[j+1].kind == uNP && us[j+2].kind == uVerb // "indicated that prices could fall"
	if reporting[lemma(s.toks[vu.head].Text)] || thatClause {
		k := j
		if k < len(us) && us[k].kind != uNP && strings.EqualFold(s.toks[us[k].t0].Text, "that") {
			t.Relation += " that"
			k++
		}
		if k < len(us) {
			if rest := s.clauseText(us[k].t0); rest != "" {
				t.Args = append(t.Args, rest)
				t.Confidence -= 0.1
				return t, true
			}
		}
	}
	switch {
	case j < len(us) && us[j].kind == uNP:
		t.Args = append(t.Args, s.text(us[j].t0, us[j].t1))
		j++
	case j+1 < len(us) && us[j].kind == uPrep && us[j+1].kind == uNP:
		t.Relation += " " + s.toks[us[j].t0].Text
		t.Args = append(t.Args, s.text(us[j+1].t0, us[j+1].t1))
		t.Confidence -= 0.1
		j += 2
	case j+2 < len(us) && us[j].kind == uPrep && us[j+1].kind == uPrep && us[j+2].kind == uNP:
		t.Relation += " " + s.text(us[j].t0, us[j+1].t1) // "switched over to"
		t.Args = append(t.Args, s.text(us[j+2].t0, us[j+2].t1))
		t.Confidence -= 0.15
		j += 3
	default:
		return Tuple{}, false
	}
	for ; j+1 < len(us) && len(t.Args) < 4; j += 2 {
		if us[j].kind != uPrep || us[j+1].kind != uNP {
			break
		}
		t.Args = append(t.Args, s.text(us[j].t0, us[j+1].t1))
	}
	return t, true
}

// clauseText returns the sentence from token i to its end, final
// punctuation excluded.
func (s *sentence) clauseText(i int) string {
	end := len(s.toks)
	for end > i && (s.toks[end-1].Tag == "." || s.toks[end-1].Tag == "''" || s.toks[end-1].Text == "''") {
		end--
	}
	return s.text(i, end)
}
