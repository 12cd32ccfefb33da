package extract

import (
	"strings"

	"kg/article"
)

// maxTextBytes bounds the text of one document Extract reads
// (article.MaxTextBytes; longer ones give article.ErrTextTooLong).
const maxTextBytes = article.MaxTextBytes

// maxSentenceBytes bounds one sentence handed to the tagger: a longer run
// of text without a sentence end (a table, a list, a single line of words)
// is cut at white space into pieces of at most this size; the tagger grows
// worse than linearly with the length of one sentence.
const maxSentenceBytes = 2000

// capSentences cuts every sentence of sents longer than maxSentenceBytes at
// white space (or, in a run without any, at a character boundary) into
// pieces of at most that many bytes. text is the document text the spans
// index.
func capSentences(text string, sents []span) []span {
	long := false
	for _, s := range sents {
		if s.End-s.Start > maxSentenceBytes {
			long = true
			break
		}
	}
	if !long {
		return sents
	}
	out := make([]span, 0, len(sents)+1)
	for _, s := range sents {
		for s.End-s.Start > maxSentenceBytes {
			piece := text[s.Start : s.Start+maxSentenceBytes]
			cut := strings.LastIndexAny(piece, " \t\n")
			if cut <= 0 {
				cut = maxSentenceBytes
				for cut > 1 && !runeStart(text[s.Start+cut]) {
					cut--
				}
			}
			if end := trimRightSpace(piece, cut); end > 0 {
				out = append(out, span{s.Start, s.Start + end})
			}
			s.Start = s.Start + skipSpace(text[s.Start:s.End], cut)
		}
		if s.End > s.Start {
			out = append(out, s)
		}
	}
	return out
}

// runeStart reports whether b can begin a UTF-8 encoded character.
func runeStart(b byte) bool { return b&0xC0 != 0x80 }
