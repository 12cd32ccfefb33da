package extract

import (
	"kg/article"
)

// reading is one document being read: its sentences, mentions, entities
// and quotations, and what coreference has found so far.
type reading struct {
	x      *Extractor
	d      *article.Document
	sents  []*sentence
	ms     []Mention
	ents   []entity
	quotes []*quoteCandidate
	dis    *discourse
}

// discourse reads the document in order: pronouns and descriptions get
// their antecedents, quotations their speakers (a "he said" needs the
// first, an "I" inside a quotation the second), and the sentences without
// quotation marks that report speech become indirect quotes.
func (r *reading) discourse() {
	r.quotes = findQuoteSpans(r.d, r.sents)
	r.dis = newDiscourse(r.ents)
	var indirect []*quoteCandidate
	for _, s := range r.sents {
		r.dis.resolve(s, r.ms)
		r.attributeQuotes(s)
		r.noteSpeakers(s)
		if s.kind == article.Body {
			if q := r.reportedSpeech(s); q != nil {
				indirect = append(indirect, q)
			}
		}
	}
	for _, s := range r.sents { // "I" inside a quotation: its speaker, now known
		for i := range s.toks {
			if s.ref[i] == nil && s.inQuote(i) && firstPronouns[s.lower(i)] {
				s.ref[i] = r.dis.antecedent(s, r.ms, i, true)
			}
		}
	}
	r.quotes = append(r.quotes, indirect...)
}

// noteSpeakers remembers who spoke in sentence s: the speaker of a
// quotation it ends, the subject of a verb of saying, a closing ", said X".
func (r *reading) noteSpeakers(s *sentence) {
	if s.kind != article.Body {
		return
	}
	for _, q := range r.quotes {
		if q.end >= s.Start && q.end <= s.End+1 {
			if q.speaker >= 0 {
				r.dis.spoke(s, q.speaker)
			} else if q.speakerLit != "" {
				r.dis.spokeUnnamed(s, q.speakerLit)
			}
		}
	}
	for v := range s.toks {
		if sayVerbs[s.lemmaOf(v)] && s.toks[v].UPOS == "VERB" && !s.inQuote(v) {
			if k := s.child(v, "nsubj"); k >= 0 {
				if e, lit := r.speakerAt(s, k); e >= 0 {
					r.dis.spoke(s, e)
				} else if lit != "" && !personPronouns[s.lower(k)] {
					r.dis.spokeUnnamed(s, lit)
				}
			}
		}
	}
	if k := s.trailingSpeaker(); k >= 0 {
		if ents := s.entitiesAt(k, r.ms); len(ents) == 1 {
			r.dis.spoke(s, ents[0])
		}
	}
}

// indexMentions records, per token of every sentence, the mention it is
// part of (s.ment, -1 for none).
func (r *reading) indexMentions() {
	for _, s := range r.sents {
		s.ment = make([]int, len(s.toks))
		for i := range s.ment {
			s.ment[i] = -1
		}
		for m := s.m0; m < s.m1; m++ {
			for i := r.ms[m].tok0; i < r.ms[m].tok1 && i < len(s.toks); i++ {
				s.ment[i] = m
			}
		}
	}
}
