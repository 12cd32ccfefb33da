package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"kg/article"
	"kg/schema"
)

// quoteCandidate is a direct quotation (the text between quotation marks)
// or, indirect, the reported words of "X said (that) …".
type quoteCandidate struct {
	start, end int // the words inside the marks, offsets into the document text
	block      int
	speaker    int    // entity index, or -1
	speakerLit string // a speaker that names no entity: "REM spokesman"
	indirect   bool
	attributed bool // a verb of saying next to it names the speaker (not a continuation)
}

// quoteSpans returns the spans inside quotation marks in text (which starts
// at offset base): straight quotes pair up in order, curly ones open and
// close. A quotation still open at the end of the paragraph ends there, and
// so does one still open where a straight mark plainly opens a new one —
// after a space and before a word: a quotation running over several
// paragraphs opens each with a mark and closes only the last, and a scrape
// that joins the paragraphs gives `said: "We tried. "Obviously we failed.
// I hope so."`, three quotations, not one and a gap.
func quoteSpans(text string, base int) []span {
	var out []span
	open := -1
	for i := 0; i < len(text); {
		switch {
		case text[i] == '"':
			if open >= 0 && opensQuote(text, i) {
				end := i
				for end > open && text[end-1] == ' ' {
					end--
				}
				out = append(out, span{base + open, base + end})
				open = i + 1
			} else if open < 0 {
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

// opensQuote tells whether the straight mark at i can only open a
// quotation: it follows a sentence's end and a space ('. "') and a letter
// or digit follows it.
func opensQuote(text string, i int) bool {
	if i < 2 || i+1 >= len(text) || text[i-1] != ' ' {
		return false
	}
	switch text[i-2] {
	case '.', '!', '?':
	default:
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i+1:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// findQuoteSpans finds the direct quotations of the body blocks (four
// words or more) and marks every token of the sentences with the
// quotation it is in.
func findQuoteSpans(d *article.Document, sents []*sentence) []*quoteCandidate {
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
	return qs
}

func (s *sentence) inQuote(tok int) bool { return s.quote != nil && s.quote[tok] >= 0 }

// attributeQuotes gives the quotations that end in sentence s their
// speaker: the subject of the verb of saying that governs the quotation or
// stands beside it outside the marks ("…," said Duyeon Kim; "…," he said;
// Lankov said: "…"), resolved like any subject. A quotation with no such
// verb continues the speaker of the quotation before it, when that one is
// in the same paragraph or the paragraph just before and the new one opens
// its paragraph.
func (r *reading) attributeQuotes(s *sentence) {
	for qi, q := range r.quotes {
		if q.speaker >= 0 || q.indirect || q.end < s.Start || q.end > s.End+1 {
			continue
		}
		if e, lit := r.quoteSpeaker(s, qi); e >= 0 || lit != "" {
			q.speaker, q.speakerLit, q.attributed = e, lit, true
			continue
		}
		if qi > 0 {
			prev := r.quotes[qi-1]
			opens := strings.TrimSpace(r.d.Text[r.d.Blocks[q.block].Start:q.start])
			if (prev.speaker >= 0 || prev.speakerLit != "") && (prev.block == q.block || prev.block == q.block-1 && len(opens) <= 3) {
				q.speaker, q.speakerLit = prev.speaker, prev.speakerLit
			}
		}
	}
}

// quoteSpeaker finds the speaker of quotation qi in sentence s, which holds
// its end: a verb of saying outside the marks whose subject names an
// entity, or a speaker with no name ("an REM spokesman", "Mr Blair's
// official spokesman") — the one whose subtree holds the quotation first,
// else the nearest to it.
func (r *reading) quoteSpeaker(s *sentence, qi int) (int, string) {
	best, bestLit, bestDist := -1, "", len(s.toks)+1
	for v := range s.toks {
		if s.inQuote(v) || !sayVerbs[s.lemmaOf(v)] || s.toks[v].UPOS != "VERB" {
			continue
		}
		subj := s.child(v, "nsubj")
		if subj < 0 {
			continue
		}
		e, lit := r.speakerAt(s, subj)
		if e < 0 && lit == "" && personPronouns[s.lower(subj)] {
			lit = r.dis.unnamedSpeaker(s) // "…," he said, after "the band's spokesman said …"
		}
		if e < 0 && lit == "" {
			continue
		}
		if dist := s.quoteDistance(v, qi); dist < bestDist {
			best, bestLit, bestDist = e, lit, dist
		}
	}
	if bestDist <= 6 {
		return best, bestLit
	}
	return r.quoteSpeakerBeside(s, qi), ""
}

// speakerAt returns who the subject at token t is: an entity, or the
// phrase of a speaker without a name ("REM spokesman"), or neither.
func (r *reading) speakerAt(s *sentence, t int) (int, string) {
	switch ents := s.entitiesAt(t, r.ms); {
	case len(ents) == 1:
		return ents[0], ""
	case len(ents) > 1 && !s.hasRel(t, "conj"):
		// "the two firms said in a statement": together, not one of them
		names := make([]string, len(ents))
		for i, e := range ents {
			names[i] = r.ents[e].Name
		}
		return -1, strings.Join(names, " and ")
	}
	if s.toks[t].UPOS == "NOUN" && speakerNouns[s.lemmaOf(t)] {
		return -1, s.phrase(t)
	}
	return -1, ""
}

// speakerNouns head the phrases of speakers the text does not name.
var speakerNouns = setOf("spokesman", "spokeswoman", "spokesperson", "official", "source", "analyst", "executive",
	"minister", "lawyer", "statement", "spokesmen", "officials", "sources", "analysts", "aide", "adviser", "advisor",
	"economist", "diplomat", "police", "prosecutor", "witness", "expert", "experts", "insider", "director", "chairman")

// quoteSpeakerBeside finds the speaker of quotation qi by the words beside
// its marks, when the parse does not tie a verb of saying to it: right
// after it ("…," said X / "…," X said / "…," he said), or right before it
// (X said: "…").
func (r *reading) quoteSpeakerBeside(s *sentence, qi int) int {
	first, last := -1, -1
	for i := range s.toks {
		if s.quote[i] == qi {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if last < 0 {
		return -1
	}
	skip := func(i, step int) int {
		for i >= 0 && i < len(s.toks) && (s.toks[i].UPOS == "PUNCT" || s.hasRel(i, "advmod")) {
			i += step
		}
		return i
	}
	speakerAt := func(i int) (int, int) {
		// the entity a phrase from i names ("Alex Folkes", "spokesman Alex
		// Folkes", "he"), and the token after the phrase
		for k := i; k >= 0 && k < len(s.toks) && k < i+4 && s.toks[k].UPOS != "PUNCT" && !sayVerbs[s.lemmaOf(k)]; k++ {
			if ents := s.entitiesAt(k, r.ms); len(ents) == 1 {
				j := k + 1
				if m := s.ment[k]; m >= 0 {
					j = r.ms[m].tok1
				}
				return ents[0], j
			}
		}
		return -1, i
	}
	i := skip(last+1, 1)
	if i < len(s.toks) && sayVerbs[s.lemmaOf(i)] {
		if e, _ := speakerAt(skip(i+1, 1)); e >= 0 {
			return e // "…," said X
		}
	}
	if e, j := speakerAt(i); e >= 0 && j < len(s.toks) {
		if k := skip(j, 1); k < len(s.toks) && sayVerbs[s.lemmaOf(k)] {
			return e // "…," X said
		}
	}
	if b := skip(first-1, -1); b >= 0 && sayVerbs[s.lemmaOf(b)] {
		for k := b - 1; k >= 0 && k >= b-6; k-- {
			if e, j := speakerAt(k); e >= 0 && j == b {
				return e // X said: "…"
			}
		}
	}
	return -1
}

// quoteDistance is how far verb v is from quotation qi in sentence s: 0
// when the quotation is inside v's subtree (its complement or parataxis),
// else the number of tokens between them.
func (s *sentence) quoteDistance(v, qi int) int {
	first, last := -1, -1
	for i := range s.toks {
		if s.quote[i] == qi {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return len(s.toks)
	}
	for i := first; i <= last; i++ {
		if s.ancestor(v, i) && i != v {
			return 0
		}
	}
	if v > last {
		return v - last
	}
	return first - v
}

// reportedSpeech returns the indirect quote of a sentence without quotation
// marks that reports what someone said: "X said (that) …" or "…, X said":
// the words of the verb's complement, when its subject names an entity.
func (r *reading) reportedSpeech(s *sentence) *quoteCandidate {
	for i := range s.toks {
		if s.inQuote(i) || isQuoteMark(s.toks[i].Text) {
			return nil // a direct quotation is quoted as such
		}
	}
	for v := range s.toks {
		if !sayVerbs[s.lemmaOf(v)] || s.toks[v].UPOS != "VERB" {
			continue
		}
		c := s.child(v, "ccomp", "parataxis")
		if c < 0 && s.hasRel(v, "parataxis", "advcl") && s.child(v, "ccomp", "obj") < 0 {
			c = s.toks[v].Head // "…, Putin said": the verb hangs on what it reports
		}
		subj := s.child(v, "nsubj")
		if c < 0 || subj < 0 {
			continue
		}
		ents := s.entitiesAt(subj, r.ms)
		if len(ents) != 1 {
			continue
		}
		a, b := s.subtree(c, "mark", "parataxis", "punct")
		if c == s.toks[v].Head {
			a, b = s.subtree(c, "parataxis", "advcl", "punct")
		}
		for a < b && s.hasRel(a, "mark") {
			a++
		}
		if b-a < 4 {
			continue
		}
		return &quoteCandidate{start: s.toks[a].Start, end: s.toks[b-1].End, block: s.block, speaker: ents[0], indirect: true, attributed: true}
	}
	return nil
}

func isQuoteMark(t string) bool {
	switch t {
	case `"`, "\u201c", "\u201d", "``", "''":
		return true
	}
	return false
}

// quoteRecords turns quotations into records, in text order.
func quoteRecords(qs []*quoteCandidate, ents []entity, text, docID string) []schema.Quote {
	out := make([]schema.Quote, 0, len(qs))
	for _, q := range qs {
		r := schema.Quote{ID: schema.QuoteID(docID, q.start, q.end), Text: text[q.start:q.end], Document: docID, Start: q.start, End: q.end, Indirect: q.indirect}
		switch {
		case q.speaker >= 0:
			r.Speaker, r.SpeakerID = ents[q.speaker].Name, entID(ents[q.speaker])
		case q.speakerLit != "":
			r.Speaker = q.speakerLit
		}
		out = append(out, r)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	return out
}
