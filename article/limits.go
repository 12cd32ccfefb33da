package article

import (
	"fmt"
)

// Limits that keep one hostile input from taking all the time or memory of
// a run. A news article is a few KiB; a megabyte of text is a book, a log
// file or a dump, and prose's tagger grows worse than linearly with the
// length of one sentence.
const (
	// MaxTextBytes bounds the cleaned text of one document that later
	// stages accept: the extractor refuses a longer one with
	// ErrTextTooLong.
	MaxTextBytes = 1 << 20
	// maxRawTextBytes bounds the text of one article before cleaning
	// (which copies it several times): Clean refuses a longer one with
	// ErrTextTooLong.
	maxRawTextBytes = 4 * MaxTextBytes
)

// ErrTextTooLong is returned by Clean and the Reader, and by the extractor,
// for a text longer than an article can be.
var ErrTextTooLong = fmt.Errorf("text too long for one article (over %d MiB, or %d MiB before cleaning), skipped; split it into articles", MaxTextBytes>>20, maxRawTextBytes>>20)

// rawPartsBytes is the length of the texts of parts.
func rawPartsBytes(parts []cleanPart) int {
	n := 0
	for _, p := range parts {
		n += len(p.text)
	}
	return n
}
