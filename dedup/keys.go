package dedup

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// keyTokens returns the key tokens of a document body, each kind sorted and
// without repeats: what tells two stories built from one template apart
// when their words are the same (schema.KeysAgree).
//
//   - numbers: a run of digits, with the thousands commas dropped, a
//     decimal point kept, trailing decimal zeros dropped and a multiplier
//     applied, whether a word ("1.5 billion", "two billion", "15 mln") or a
//     suffix ("£1.5bn", "$300m"): "1,500 million", "1.5 billion" and
//     "1.5bn" are all "1500000000". A fraction stays one ("3/8"), and a
//     whole number joined to it by a hyphen, Reuters' way with rates, is
//     one with it ("6-3/8"). Other suffixes are dropped ("1980s" → "1980",
//     "5th" → "5");
//   - names: capitalized words that do not start a sentence (the first
//     word of the body or of a paragraph, or the word after a full stop,
//     question or exclamation mark that does not end an abbreviation such
//     as "U.S." or "Mr."), folded to lower case without accents, inner
//     periods or a possessive "'s" ("U.S." → "us", "Reuters'" →
//     "reuters"), and not a function word ("The", "But"). A body written
//     in capitals has no names: there every word looks like one.
func keyTokens(body string) (names, numbers []string) {
	toks := keyScan(body)
	upper, lettered := 0, 0
	for _, t := range toks {
		if r, _ := utf8.DecodeRuneInString(t.text); unicode.IsLetter(r) {
			lettered++
			if strings.ToUpper(t.text) == t.text {
				upper++
			}
		}
	}
	allCaps := lettered > 0 && upper*2 > lettered
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		r, _ := utf8.DecodeRuneInString(t.text)
		switch {
		case unicode.IsDigit(r):
			num, used := keyNumber(toks, i)
			if num != "" {
				numbers = append(numbers, num)
			}
			i += used - 1
		case unicode.IsLetter(r):
			if n, ok := spelledNumbers[strings.ToLower(t.text)]; ok {
				if i+1 < len(toks) && toks[i+1].gap == " " {
					if shift, ok := keyMultipliers[strings.ToLower(toks[i+1].text)]; ok && len(toks[i+1].text) > 2 {
						numbers = append(numbers, canonicalNumber(n, "", shift))
						i++
						continue
					}
				}
				if n != "1" && n != "100" {
					numbers = append(numbers, n)
					continue
				}
			}
			if allCaps || t.start || !unicode.IsUpper(r) {
				continue
			}
			if name := keyName(t.text); name != "" {
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	slices.Sort(numbers)
	return slices.Compact(names), slices.Compact(numbers)
}

// keyToken is a word or number of a body as written (accents folded).
type keyToken struct {
	text  string
	gap   string // what separates it from the previous token, spaces as one " "
	start bool   // it starts a sentence
}

// keyScan cuts text into runs of letters and digits; a period, comma,
// apostrophe or slash between two of them joins them ("U.S", "1,500.5",
// "3/8", "Reuters's"). A sentence starts at the start of text, after a
// period, question or exclamation mark that does not end an abbreviation
// (keyAbbreviation), at a paragraph break (a blank line, or a line break
// before an indent), at an opening double quote and after a dateline's
// dash.
func keyScan(text string) []keyToken {
	var (
		toks  []keyToken
		cur   []byte
		gap   []byte
		start = true
	)
	rs := []rune(text)
	alnum := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if lig := ligature(r); lig != "" {
			cur = append(cur, lig...)
			continue
		}
		r = foldRune(r)
		switch {
		case r == 0:
			continue
		case alnum(r):
			cur = utf8.AppendRune(cur, r)
			continue
		case (r == '.' || r == ',' || r == '\'' || r == '/') && len(cur) > 0 && i+1 < len(rs) && alnum(foldRune(rs[i+1])):
			cur = utf8.AppendRune(cur, r)
			continue
		}
		// r separates.
		if len(cur) > 0 {
			toks = append(toks, keyToken{string(cur), string(gap), start})
			cur, gap, start = cur[:0], gap[:0], false
		}
		switch {
		case r == '.' || r == '!' || r == '?':
			if len(toks) == 0 || r != '.' || !keyAbbreviation(toks[len(toks)-1].text) {
				start = true
			}
		case (r == '"' || r == '\u201c') && (len(gap) == 0 || gap[len(gap)-1] == ' ' || gap[len(gap)-1] == '('):
			start = true // a quotation opens
		case (r == '-' || r == '\u2013' || r == '\u2014') && strings.HasSuffix(strings.TrimRight(string(gap), " "), ")"):
			start = true // after a dateline: "SEOUL (Reuters) - Whatever …"
		case r == '\n' && i+1 < len(rs) && (rs[i+1] == '\n' || rs[i+1] == ' ' && i+2 < len(rs) && rs[i+2] == ' ' || rs[i+1] == '\t'):
			start = true
		}
		if unicode.IsSpace(r) {
			r = ' '
		}
		if r != ' ' || len(gap) == 0 || gap[len(gap)-1] != ' ' {
			gap = utf8.AppendRune(gap, r)
		}
	}
	if len(cur) > 0 {
		toks = append(toks, keyToken{string(cur), string(gap), start})
	}
	return toks
}

// keyAbbreviation reports whether a period after word ends an
// abbreviation rather than a sentence: a single letter ("J."), a word with
// periods inside ("U.S."), or a title or company form ("Mr.", "Corp.").
func keyAbbreviation(word string) bool {
	return utf8.RuneCountInString(word) == 1 || strings.Contains(word, ".") || keyAbbreviations[strings.ToLower(word)]
}

var keyAbbreviations = setOf("mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "gov", "sen", "rep", "rev",
	"lt", "col", "capt", "sgt", "co", "corp", "inc", "ltd", "bros", "no", "vs", "jan", "feb", "mar", "apr",
	"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")

// keyStopwords are words written with a capital that name nothing.
var keyStopwords = setOf("the", "a", "an", "and", "but", "or", "nor", "so", "yet", "if", "in", "on", "at", "of",
	"for", "to", "by", "from", "with", "as", "it", "its", "he", "she", "we", "they", "you", "i", "his", "her",
	"their", "our", "my", "your", "this", "that", "these", "those", "there", "mr", "mrs", "ms", "dr")

// keyName returns the key token of a capitalized word: lower case, no
// periods, no possessive, not a function word; "" when nothing is left.
func keyName(word string) string {
	w := strings.ToLower(word)
	w = strings.TrimSuffix(w, "'s")
	w = strings.Trim(strings.ReplaceAll(w, ".", ""), "',/")
	if utf8.RuneCountInString(w) < 2 || keyStopwords[w] {
		return ""
	}
	return w
}

// keyMultipliers are the words and suffixes that multiply a number: the
// power of ten.
var keyMultipliers = map[string]int{
	"thousand": 3, "million": 6, "mln": 6, "billion": 9, "bln": 9, "trillion": 12, "trn": 12,
	"k": 3, "m": 6, "mn": 6, "bn": 9, "tn": 12,
}

// spelledNumbers are the numbers written as words that count before a
// multiplier ("two billion").
var spelledNumbers = map[string]string{
	"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
	"nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15", "twenty": "20", "thirty": "30",
	"forty": "40", "fifty": "50", "hundred": "100", "a": "1",
}

// keyNumber returns the canonical number that starts at toks[i] (a token
// starting with a digit) and how many tokens it takes: 1, or 2 with a
// multiplier word or the fraction of a whole number.
func keyNumber(toks []keyToken, i int) (string, int) {
	t := toks[i].text
	end := 0
	for end < len(t) && (t[end] >= '0' && t[end] <= '9' || t[end] == '.' || t[end] == ',' || t[end] == '/') {
		end++
	}
	digits, suffix := strings.Trim(t[:end], ".,/"), strings.ToLower(t[end:])
	if strings.Contains(digits, "/") {
		return digits, 1
	}
	if i+1 < len(toks) && toks[i+1].gap == "-" && !strings.ContainsAny(digits, ".,") && suffix == "" {
		if next := toks[i+1].text; strings.Contains(next, "/") && strings.Trim(next, "0123456789/") == "" {
			return strings.TrimLeft(digits, "0") + "-" + next, 2
		}
	}
	whole, frac, _ := strings.Cut(strings.ReplaceAll(digits, ",", ""), ".")
	if shift, ok := keyMultipliers[suffix]; ok {
		return canonicalNumber(whole, frac, shift), 1
	}
	if suffix == "" && i+1 < len(toks) && (toks[i+1].gap == " " || toks[i+1].gap == "-") {
		if shift, ok := keyMultipliers[strings.ToLower(toks[i+1].text)]; ok && len(toks[i+1].text) > 2 {
			return canonicalNumber(whole, frac, shift), 2
		}
	}
	return canonicalNumber(whole, frac, 0), 1
}

// canonicalNumber returns whole.frac × 10^shift in decimal, without
// leading zeros or trailing decimal zeros.
func canonicalNumber(whole, frac string, shift int) string {
	for shift > 0 {
		if frac != "" {
			whole, frac = whole+frac[:1], frac[1:]
		} else {
			whole += "0"
		}
		shift--
	}
	whole = strings.TrimLeft(whole, "0")
	frac = strings.TrimRight(frac, "0")
	if whole == "" {
		whole = "0"
	}
	if frac != "" {
		return whole + "." + frac
	}
	return whole
}

// setOf is the set of words.
func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
