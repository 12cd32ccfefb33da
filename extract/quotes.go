package extract

import (
	"sort"
	"strings"

	"kg/article"
	"kg/schema"
)

// quoteCandidate is a direct quotation: the text between quotation marks.
type quoteCandidate struct {
	start, end int // the words inside the marks, offsets into the document text
	block      int
	speaker    int // entity index, or -1
	indirect   bool
}

// findQuotes finds the direct quotations of the body blocks and their
// speakers: "…," said X / "…," X said / X said: "…" / "…," he said (the
// most recent speaker, else the most recent person outside quotations); a
// quotation without attribution continues the one before it in the same
// paragraph, or in the paragraph before when it opens its paragraph. It
// marks every token of the sentences with the quotation it is in.
func findQuotes(d *article.Document, sents []*sentence, ms []Mention, ents []entity) []*quoteCandidate {
	var qs []*quoteCandidate
	for bi, b := range d.Blocks {
		if b.Kind != article.Body {
			continue
		}
		for _, sp := range quoteSpans(d.Text[b.Start:b.End], b.Start) {
			if len(strings.Fields(d.Text[sp.Start:sp.End])) >= 4 {
				qs = append(qs, &quoteCandidate{start: sp.Start, end: sp.End, block: bi, speaker: -1})
			}
		}
	}
	for _, s := range sents {
		s.quotes = qs
		s.quote = make([]int, len(s.toks))
		for i, t := range s.toks {
			s.quote[i] = -1
			for qi, q := range qs {
				if t.Start >= q.start && t.End <= q.end {
					s.quote[i] = qi
				}
			}
		}
	}
	lastSpeaker, lastPerson := -1, -1
	var indirect []*quoteCandidate
	qi := 0
	for _, s := range sents {
		for ; qi < len(qs) && qs[qi].start < s.End; qi++ {
			q := qs[qi]
			q.speaker = attribute(q, s, sents, ms, ents, lastSpeaker, lastPerson)
			if q.speaker < 0 && qi > 0 {
				prev := qs[qi-1]
				opens := strings.TrimSpace(d.Text[d.Blocks[q.block].Start:q.start])
				if prev.block == q.block || prev.block == q.block-1 && len(opens) <= 3 {
					q.speaker = prev.speaker
				}
			}
			if q.speaker >= 0 {
				lastSpeaker = q.speaker
			}
		}
		if s.kind == article.Body {
			us := chunk(s.toks, s.mentions(ms)) // read once for both
			if q := s.reportedSpeech(us, lastSpeaker, lastPerson); q != nil {
				indirect = append(indirect, q)
			}
			if e := s.speakerOutsideQuotes(us); e >= 0 {
				lastSpeaker = e
			}
		}
		for i, m := range s.mentions(ms) {
			if m.Class == schema.Person && ents[m.entity].Class == schema.Person && !s.inQuote(m.tok0) {
				lastPerson = s.mentions(ms)[i].entity
			}
		}
	}
	return append(qs, indirect...)
}

// reportedSpeech returns the indirect quote of a sentence without quotation
// marks that reports what someone said: "…, said Andrei Lankov, a Korea
// expert." / "…, he said." (the words before the attribution) or "Lankov
// also said that Russia may …" (the words after it). The speaker must be an
// entity, or "he"/"she" for the last speaker (else the last person named).
func (s *sentence) reportedSpeech(us []unit, lastSpeaker, lastPerson int) *quoteCandidate {
	for i := range s.toks {
		if s.inQuote(i) || s.toks[i].Tag == "''" {
			return nil // a direct quotation is quoted as such
		}
	}
	speaker := func(u unit) int {
		if len(u.ents) > 0 {
			return u.ents[0]
		}
		if w := strings.ToLower(s.toks[u.head].Text); u.pron && (w == "he" || w == "she") {
			if lastSpeaker >= 0 {
				return lastSpeaker
			}
			return lastPerson
		}
		return -1
	}
	quote := func(a, b, who int) *quoteCandidate {
		for b > a && (s.toks[b-1].Tag == "." || s.toks[b-1].Text == ",") {
			b--
		}
		if who < 0 || b-a < 4 {
			return nil
		}
		return &quoteCandidate{start: s.toks[a].Start, end: s.toks[b-1].End, block: s.block, speaker: who, indirect: true}
	}
	n := len(us)
	for n > 0 && us[n-1].kind == uOther {
		n--
	}
	// "…, said X" / "…, X said" / "…, said X, a professor at Y."
	for c := n - 3; c >= 1; c-- {
		if us[c].kind != uComma {
			continue
		}
		a, b := us[c+1], us[c+2]
		switch {
		case a.kind == uVerb && isSayVerb(s.toks[a.head].Text) && b.kind == uNP:
			return quote(0, us[c].t0, speaker(b))
		case a.kind == uNP && b.kind == uVerb && isSayVerb(s.toks[b.head].Text) && c+3 >= n:
			return quote(0, us[c].t0, speaker(a))
		}
	}
	// "X said (that) …"
	for p, u := range us {
		if u.kind != uVerb || !isSayVerb(s.toks[u.head].Text) || p+1 >= n {
			continue
		}
		subj := reporterNP(us, p)
		if subj == nil {
			return nil
		}
		k := p + 1
		if strings.EqualFold(s.toks[us[k].t0].Text, "that") {
			k++
		}
		if k >= n {
			return nil
		}
		return quote(us[k].t0, us[n-1].t1, speaker(*subj))
	}
	return nil
}

// speakerOutsideQuotes returns the last entity the sentence has speaking
// outside quotation marks: ", said X", ", X said", "X, a professor, said
// that …", or -1.
func (s *sentence) speakerOutsideQuotes(us []unit) int {
	if e, _, ok := s.trailingAttribution(us); ok && e >= 0 {
		return e
	}
	speaker := -1
	for p, u := range us {
		if u.kind != uVerb || s.inQuote(u.head) || !isSayVerb(s.toks[u.head].Text) {
			continue
		}
		if subj := reporter(us, p); subj != nil {
			speaker = subj.ents[0]
		}
	}
	return speaker
}

// quoteSpans returns the spans inside quotation marks in text (which starts
// at offset base): straight quotes pair up in order; curly ones open and
// close. A quotation still open at the end of the paragraph ends there.
func quoteSpans(text string, base int) []span {
	var out []span
	open := -1
	for i := 0; i < len(text); {
		switch {
		case text[i] == '"':
			if open < 0 {
				open = i + 1
			} else {
				out = append(out, span{base + open, base + i})
				open = -1
			}
			i++
		case strings.HasPrefix(text[i:], "\u201c"):
			open = i + 3
			i += 3
		case strings.HasPrefix(text[i:], "\u201d"):
			if open >= 0 {
				out = append(out, span{base + open, base + i})
				open = -1
			}
			i += 3
		default:
			i++
		}
	}
	if open >= 0 && open < len(text) {
		out = append(out, span{base + open, base + len(text)})
	}
	return out
}

func (s *sentence) inQuote(tok int) bool { return s.quote != nil && s.quote[tok] >= 0 }

// attribute finds the speaker named next to quotation q, which overlaps
// sentence s: after it (", said X" / ", X said" / ", he said") or before it
// ("X said:").
func attribute(q *quoteCandidate, s *sentence, sents []*sentence, ms []Mention, ents []entity, lastSpeaker, lastPerson int) int {
	// the sentence holding the closing mark: attribution after the quotation
	cs := s
	for _, t := range sents[s.idx:] {
		if t.Start <= q.end && q.end <= t.End+1 {
			cs = t
			break
		}
	}
	after := cs.tokensFrom(q.end + 1)
	resolve := func(i int, s *sentence) int {
		if e := s.entityAt(i, ms); e >= 0 {
			return e
		}
		switch strings.ToLower(s.toks[i].Text) {
		case "he", "she":
			if lastSpeaker >= 0 {
				return lastSpeaker
			}
			return lastPerson
		}
		return -1
	}
	if i := after; i >= 0 {
		for i < len(cs.toks) && (cs.toks[i].Text == "," || cs.toks[i].Tag == "''") {
			i++
		}
		if i+1 < len(cs.toks) && isSayVerb(cs.toks[i].Text) {
			if e := resolve(i+1, cs); e >= 0 {
				return e
			}
		}
		if i+1 < len(cs.toks) {
			if e := resolve(i, cs); e >= 0 {
				if j := cs.mentionEnd(i, ms); j < len(cs.toks) && isSayVerb(cs.toks[j].Text) {
					return e
				}
			}
		}
	}
	// attribution before the quotation: X said: "…"
	os := s
	before := os.tokensBefore(q.start - 1)
	for i := before; i >= 1 && i > before-4; i-- {
		if isSayVerb(os.toks[i].Text) {
			j := i - 1
			for j > 0 && os.toks[j].Tag == "RB" {
				j--
			}
			if e := os.entityEndingAt(j, ms); e >= 0 {
				return e
			}
			if e := resolve(j, os); e >= 0 {
				return e
			}
		}
	}
	return -1
}

// tokensFrom returns the first token starting at or after offset, or -1.
func (s *sentence) tokensFrom(offset int) int {
	for i, t := range s.toks {
		if t.Start >= offset {
			return i
		}
	}
	return -1
}

// tokensBefore returns the last token ending at or before offset, or -1.
func (s *sentence) tokensBefore(offset int) int {
	last := -1
	for i, t := range s.toks {
		if t.End <= offset {
			last = i
		}
	}
	return last
}

// entityAt returns the entity of a mention starting at token i, or -1.
func (s *sentence) entityAt(i int, ms []Mention) int {
	for _, m := range s.mentions(ms) {
		if m.tok0 == i {
			return m.entity
		}
	}
	return -1
}

// entityEndingAt returns the entity of a mention ending at token i, or -1.
func (s *sentence) entityEndingAt(i int, ms []Mention) int {
	for _, m := range s.mentions(ms) {
		if m.tok1 == i+1 {
			return m.entity
		}
	}
	return -1
}

// mentionEnd returns the token after the mention starting at i (i+1 for a
// pronoun).
func (s *sentence) mentionEnd(i int, ms []Mention) int {
	for _, m := range s.mentions(ms) {
		if m.tok0 == i {
			return m.tok1
		}
	}
	return i + 1
}

// quoteRecords turns quotations into records, in text order.
func quoteRecords(qs []*quoteCandidate, ents []entity, text, docID string) []schema.Quote {
	out := make([]schema.Quote, 0, len(qs))
	for _, q := range qs {
		r := schema.Quote{ID: schema.QuoteID(docID, q.start, q.end), Text: text[q.start:q.end], Document: docID, Start: q.start, End: q.end, Indirect: q.indirect}
		if q.speaker >= 0 {
			r.Speaker, r.SpeakerID = ents[q.speaker].Name, entID(ents[q.speaker])
		}
		out = append(out, r)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	return out
}
