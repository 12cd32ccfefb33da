package syntax

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// normReplacer maps typographic punctuation of news text to the forms of
// the treebank, so that “quotes”, ’s and — dashes parse like EWT.
var normReplacer = strings.NewReplacer(
	"\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u00ab", `"`, "\u00bb", `"`,
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u00b4", "'", "\u2032", "'",
	"\u2014", "--", "\u2013", "--", "\u2012", "--", "\u2015", "--",
	"\u2026", "...", "\u00a0", " ",
)

// normForm returns the form used for features and lexicon look-ups.
func normForm(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return normReplacer.Replace(s)
		}
	}
	return s
}

// lowerForm lower-cases a normalized form and maps digits to '0', the key
// for word features.
func lowerForm(s string) string {
	simple := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') || ('1' <= c && c <= '9') {
			simple = false
			break
		}
	}
	if simple {
		return s
	}
	return strings.Map(func(r rune) rune {
		if '0' <= r && r <= '9' {
			return '0'
		}
		return unicode.ToLower(r)
	}, s)
}

// shape summarizes the spelling of a word: runs of upper-case letters
// become "X", lower-case "x", digits "d", others are kept; runs longer
// than one are marked with a second letter. "McDonald's" -> "XxXx'x".
func shape(s string) string {
	var b strings.Builder
	prev, run := rune(0), 0
	for _, r := range s {
		c := r
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		}
		if c == prev {
			run++
			if run == 1 {
				b.WriteRune(c)
			}
			continue
		}
		prev, run = c, 0
		b.WriteRune(c)
		if b.Len() > 12 {
			break
		}
	}
	return b.String()
}
