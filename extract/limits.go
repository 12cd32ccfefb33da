package extract

import (
	"fmt"
	"strings"
)

// Limits that keep one hostile input from taking all the time or memory of
// a run. A news article is a few KiB; a megabyte of text is a book, a log
// file or a dump, and prose's tagger grows worse than linearly with the
// length of one sentence.
const (
	// maxTextBytes bounds the cleaned text of one document: Extract
	// refuses a longer one with ErrTextTooLong.
	maxTextBytes = 1 << 20
	// maxRawTextBytes bounds the text of one article before cleaning
	// (which copies it several times): Clean refuses a longer one with
	// ErrTextTooLong.
	maxRawTextBytes = 4 * maxTextBytes
	// maxSentenceBytes bounds one sentence handed to the tagger: a longer
	// run of text without a sentence end (a table, a list, a single line of
	// words) is cut at white space into pieces of at most this size.
	maxSentenceBytes = 2000
)

// ErrTextTooLong is returned by Clean, the Reader and Extract for a text
// longer than an article can be.
var ErrTextTooLong = fmt.Errorf("text too long for one article (over %d MiB, or %d MiB before cleaning), skipped; split it into articles", maxTextBytes>>20, maxRawTextBytes>>20)

// rawPartsBytes is the length of the texts of parts.
func rawPartsBytes(parts []cleanPart) int {
	n := 0
	for _, p := range parts {
		n += len(p.text)
	}
	return n
}

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
