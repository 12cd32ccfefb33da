package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a half-open byte range [Start, End) of the document text.
type span struct{ Start, End int }

// splitSentences cuts text (which starts at offset base of the document
// text) into sentences. A sentence ends at '.', '!' or '?' (with any closing
// quotes or brackets after it) followed by white space and a word that can
// start a sentence: a capital letter, a digit or an opening quote. A period
// after a known abbreviation ("Mr.", "Jan.") or a single initial ("J.") does
// not end a sentence, nor does one after a dotted acronym ("U.S.") unless a
// common sentence opener ("The", "He", …) follows. Rules instead of prose's
// Punkt model: no model to decode per call, and offsets come for free.
func splitSentences(text string, base int) []span {
	var out []span
	start := skipSpace(text, 0)
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		end := i + 1
		for end < len(text) && strings.ContainsRune(`"')]`, rune(text[end])) {
			end++
		}
		for _, q := range []string{"\u201d", "\u2019"} {
			if strings.HasPrefix(text[end:], q) {
				end += len(q)
			}
		}
		next := skipSpace(text, end)
		if next == end || next >= len(text) {
			continue
		}
		if !startsSentence(text[next:]) || (c == '.' && !periodEnds(text[start:i], text[next:])) {
			continue
		}
		out = append(out, span{base + start, base + trimRightSpace(text, end)})
		start = next
		i = next - 1
	}
	if start < len(text) {
		if e := trimRightSpace(text, len(text)); e > start {
			out = append(out, span{base + start, base + e})
		}
	}
	return out
}

// startsSentence reports whether s begins like a sentence.
func startsSentence(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	if r == '"' || r == '\u201c' || r == '\'' || r == '\u2018' || r == '(' {
		r, _ = utf8.DecodeRuneInString(s[n:])
	}
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// periodEnds decides whether the period closing before (the text of the
// sentence so far, period excluded) ends the sentence, given what follows.
func periodEnds(before, after string) bool {
	word := before[strings.LastIndexAny(before, " \t\n(\"\u201c")+1:]
	if strings.HasSuffix(before, "..") { // an ellipsis: "interest... [but]"
		return startsSentence(after) && !strings.HasPrefix(after, "[")
	}
	lw := strings.ToLower(word)
	if companySuffixes[lw] {
		return sentenceOpeners[firstWord(after)] // "… Allegheny International Inc. In August …"
	}
	if abbreviations[lw] {
		return false
	}
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(word)[0]) {
		return false // an initial: "J. Smith"
	}
	if strings.Count(word, ".") >= 1 && !strings.ContainsAny(word, "aeiouy") || isDottedAcronym(word) {
		return sentenceOpeners[firstWord(after)]
	}
	return true
}

// firstWord is the word text opens with.
func firstWord(text string) string {
	if i := strings.IndexAny(text, " \t\n,"); i > 0 {
		return text[:i]
	}
	return text
}

// companySuffixes close a company's name: their period ends a sentence
// when a sentence opener follows, as a dotted acronym's does.
var companySuffixes = setOf("inc", "corp", "co", "ltd", "plc", "bros")

// isDottedAcronym matches "U.S", "U.N", "e.g" (the final period excluded).
func isDottedAcronym(w string) bool {
	if !strings.Contains(w, ".") {
		return false
	}
	for _, part := range strings.Split(w, ".") {
		if utf8.RuneCountInString(part) != 1 {
			return false
		}
	}
	return true
}

// abbreviations are words whose period does not end a sentence.
var abbreviations = setOf(
	"mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "sgt", "maj", "adm", "cmdr",
	"sen", "rep", "gov", "pres", "rev", "st", "jr", "sr", "mt", "ft", "no", "nos", "vs", "etc",
	"inc", "corp", "co", "ltd", "bros", "dept", "univ", "assn", "est", "approx", "fig",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"a.m", "p.m", "e.g", "i.e",
)

// sentenceOpeners are words that, after a dotted acronym, show that the
// acronym closed the sentence ("… to the U.S. The talks …").
var sentenceOpeners = setOf(
	"The", "A", "An", "He", "She", "It", "They", "We", "I", "This", "That", "These", "Those",
	"But", "And", "In", "On", "At", "His", "Her", "Their", "Its", "There", "If", "When", "While",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func skipSpace(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}

func trimRightSpace(s string, end int) int {
	for end > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return end
}
