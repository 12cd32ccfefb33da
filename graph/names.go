package graph

import (
	"slices"
	"strings"
	"unicode"

	"kg/schema"
)

// Names across documents: the rules the registry (registry.go) reads
// names by. They are tables of words, so that a rule is a line of data.

// nameKey is the form under which the spellings of one name compare equal
// across documents: the words of its Slug (so "U.S." and "US", "Moody's"
// and "Moodys" agree), without "and" ("S&P", "Standard & Poor's"), in
// American spelling ("Organisation" → "organization"), without a leading
// article or honorific ("The World Bank", "Mr Reagan") and without
// trailing company forms or generic bodies ("Trans World Airlines Inc",
// "USAir Group", "the Labour Party", "Federal Reserve Board"), as long as
// a word remains. Two entity nodes whose names have one key are one
// entity.
func nameKey(name string) string {
	return strings.Join(keyWords(name), " ")
}

// keyWords returns the words of nameKey(name).
func keyWords(name string) []string {
	ws := fullKeyWords(name)
	for len(ws) > 1 && trailingWords[ws[len(ws)-1]] {
		ws = ws[:len(ws)-1]
	}
	return ws
}

// fullKey is nameKey with the company forms and bodies kept: what names
// of other classes than organizations compare by, so that "Singapore Co
// Ltd" is not Singapore, nor "Morton Ltd" a Morton.
func fullKey(name string) string {
	return strings.Join(fullKeyWords(name), " ")
}

func fullKeyWords(name string) []string {
	ws := slugWords(name)
	for len(ws) > 1 && leadingWords[ws[0]] {
		ws = ws[1:]
	}
	return ws
}

// slugWords returns the words of a name's Slug, in American spelling,
// without "and".
func slugWords(name string) []string {
	var ws []string
	for _, w := range strings.Split(schema.Slug(name), "_") {
		if w != "" && w != "and" {
			ws = append(ws, schema.AmericanSpelling(w))
		}
	}
	return ws
}

// leadingWords are dropped from the front of a key.
var leadingWords = wordSet("the mr mrs ms messrs mme dr")

// trailingWords are dropped from the end of a key: company forms, and the
// generic bodies that a name is often given with and without ("USAir
// Group", "Labour Party", "Federal Reserve Board", "Federal Reserve
// System").
var trailingWords = wordSet(`inc incorporated corp corporation co cos company companies ltd limited
	plc llc lp ag sa nv bv gmbh spa group party board system`)

// genericWords are the heads that name no particular body on their own:
// a node named only by one ("Co", "the Bank", "Commission", "Senate") is
// no entity of the store (see registry.go: its mentions join the one
// entity of their document with that head, or become text).
var genericWords = wordSet(`co cos corp inc incorporated ltd limited plc llc lp ag sa nv bv gmbh spa
	company companies corporation firm group unit division
	subsidiary bank commission senate house treasury agency ministry department government
	board council committee party office administration community association authority bureau
	court exchange union cabinet army navy police federation institute university club fund
	trust embassy parliament assembly legislature state city county province region country
	nation capital district area republic`)

// initialsSkip are the words an acronym leaves out ("Organization of
// Petroleum Exporting Countries" → OPEC).
var initialsSkip = wordSet("of the for on in at to de du des la le der die das del y et")

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// isGenericKey reports whether a key names no particular entity: empty,
// or one generic word.
func isGenericKey(key string) bool {
	return key == "" || genericWords[key]
}

// headWords are the words by which a document refers back to an entity
// with a generic word: the last word of its key ("the Commission" for
// the Securities and Exchange Commission), the company forms and bodies
// after it ("the company", "the group" for USAir Group Inc) and, in "X of
// Y", the first ("the Bank" for the Bank of Japan).
func headWords(name string) []string {
	ws := slugWords(name)
	for len(ws) > 1 && leadingWords[ws[0]] {
		ws = ws[1:]
	}
	k := keyWords(name) // a prefix of ws
	var heads []string
	if len(k) > 1 {
		heads = append(heads, k[len(k)-1])
	}
	heads = append(heads, ws[len(k):]...)
	if len(ws) > 2 && ws[1] == "of" {
		heads = append(heads, ws[0])
	}
	return heads
}

// isAcronym reports whether a spelling is written as an acronym: two to
// six capitals, perhaps with periods or an ampersand, no lower case
// ("EC", "U.S.", "S&P", "OPEC").
func isAcronym(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			n++
		case r == '.' || r == '&':
		default:
			return false
		}
	}
	return n >= 2 && n <= 6
}

// isShouted reports whether a spelling is in capitals because the text was
// (a headline: "REUTERS", "WEST GERMANY"), not because it is an acronym.
func isShouted(s string) bool {
	long := 0
	for _, w := range strings.Fields(s) {
		letters := 0
		for _, r := range w {
			if unicode.IsLower(r) {
				return false
			}
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters >= 5 {
			long++
		}
	}
	return long > 0 || len(strings.Fields(s)) > 1 && !isAcronym(s)
}

// initials returns the initials of a key's words, skipping the small words
// an acronym leaves out: "trans world airlines" → "twa".
func initials(key string) string {
	var b strings.Builder
	for _, w := range strings.Fields(key) {
		if !initialsSkip[w] {
			r := []rune(w)
			b.WriteRune(r[0])
		}
	}
	return b.String()
}

// acronymLetters is the key of an acronym without spaces: "S&P" → "sp".
func acronymLetters(key string) string {
	return strings.ReplaceAll(key, " ", "")
}

// Spelling levels: which spelling of an entity names it (spellingLevel).
const (
	levelNone    = iota // generic, or a headline in capitals
	levelAcronym        // "OPEC", "SEC": when nothing fuller is known
	levelShort          // a person's surname, a truncation ("Fed"), a name with a word before a fuller one
	levelFull           // a full name: "Ronald Reagan", "Securities and Exchange Commission", "Japan"
)

// spellingLevel rates a spelling of an entity of class c among its
// spellings (spell: spelling → documents) for naming the entity: a full
// name before a short form, a short form before an acronym, an acronym
// before a generic word or a headline in capitals.
func spellingLevel(s string, c schema.Class, spell map[string]int) int {
	key := keyWords(s)
	switch {
	case isGenericKey(strings.Join(key, " ")):
		return levelNone
	case isShouted(s):
		return levelNone
	case isAcronym(s) || acronymTwin(s, spell):
		return levelAcronym
	case c == schema.Person && len(key) < 2:
		return levelShort
	}
	for o := range spell {
		if o == s || isAcronym(o) || isShouted(o) {
			continue
		}
		ok := keyWords(o)
		if c == schema.Person && len(ok) < 2 {
			continue
		}
		if len(key) == 1 && len(ok) > 1 && (strings.HasPrefix(ok[0], key[0]) || ok[len(ok)-1] == key[0]) {
			// "Fed" beside "Federal Reserve", "Royal" or "Shell" beside
			// "Royal Dutch Shell", "Germany" beside "West Germany": the
			// entity's fuller name (a person's surname is short above)
			return levelShort
		}
		if len(ok) >= 2 && len(ok) < len(key) && slices.Equal(key[len(key)-len(ok):], ok) {
			// "U.S. Federal Reserve", "Agriculture Commissioner Frans
			// Andriessen"; a name that ends with a single word is no
			// qualified form of it: "Royal Dutch Shell" of "Shell",
			// "West Germany" of "Germany".
			return levelShort
		}
	}
	return levelFull
}

// acronymTwin reports whether s is an acronym written in lower case: the
// same name in capitals is a spelling of the entity in at least as many
// documents ("Opec" beside "OPEC"; but "Fed" is the Fed's name, and "FED"
// a headline's).
func acronymTwin(s string, spell map[string]int) bool {
	for o, n := range spell {
		if o != s && n >= spell[s] && isAcronym(o) && schema.Slug(o) == schema.Slug(s) {
			return true
		}
	}
	return false
}

// betterSpelling orders two spellings of one entity by level, then clean
// before one with stray marks ("Point Software Inc>", a ticker's
// bracket), then by the documents that use them, then fewer words, then
// lower case before capitals, then shorter, then alphabetically: a total
// order, so the name an entity gets does not depend on the order
// documents came in.
func betterSpelling(a, b string, la, lb, da, db int) bool {
	if la != lb {
		return la > lb
	}
	if ca, cb := isClean(a), isClean(b); ca != cb {
		return ca
	}
	if da != db {
		return da > db
	}
	if wa, wb := len(strings.Fields(a)), len(strings.Fields(b)); wa != wb {
		return wa < wb
	}
	if ua, ub := upperCount(a), upperCount(b); ua != ub {
		return ua < ub
	}
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// isClean reports whether a name holds only letters, digits, spaces and
// the marks names are written with (. ' & - ,).
func isClean(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(" .'&-,’", r) {
			return false
		}
	}
	return true
}

func upperCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
}
