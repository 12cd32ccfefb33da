package syntax

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The lemmatizer looks a word up by (form, XPOS), then by (lower-cased
// form, XPOS), in a table learnt from the training data (the most frequent
// lemma, ties to the smaller string). Words not in the table go through
// English suffix rules for their tag, which propose candidate lemmas in
// order of preference and keep the first that is a known word: a lemma of
// the training data or a word of the embedded SCOWL word list. When no
// candidate is known, a spelling heuristic decides ("issued" gives
// "issue", never "issu").

//go:embed data/words.txt.gz
var wordListGz []byte

var (
	wordListOnce sync.Once
	wordList     map[string]struct{}
)

// englishWords returns the embedded word list, decoded once.
func englishWords() map[string]struct{} {
	wordListOnce.Do(func() {
		wordList = map[string]struct{}{}
		zr, err := gzip.NewReader(bytes.NewReader(wordListGz))
		if err != nil {
			panic("syntax: embedded word list: " + err.Error())
		}
		sc := bufio.NewScanner(zr)
		for sc.Scan() {
			wordList[sc.Text()] = struct{}{}
		}
	})
	return wordList
}

type lemmatizer struct {
	table map[string]string // form + "\t" + xpos -> lemma
	known map[string]struct{}
}

// newLemmatizer learns the exception table from sentences with gold
// lemmas and tags.
func newLemmatizer(sents []Sentence) *lemmatizer {
	counts := map[string]map[string]int{}
	count := func(key, lemma string) {
		m := counts[key]
		if m == nil {
			m = map[string]int{}
			counts[key] = m
		}
		m[lemma]++
	}
	for _, s := range sents {
		for _, t := range s.Tokens {
			if t.Lemma == "_" || t.Lemma == "" {
				continue
			}
			f := normForm(t.Form)
			count(f+"\t"+t.XPOS, t.Lemma)
			if low := strings.ToLower(f); low != f {
				count(low+"\t"+t.XPOS, t.Lemma)
			}
		}
	}
	l := &lemmatizer{table: map[string]string{}, known: map[string]struct{}{}}
	for key, m := range counts {
		lemmas := make([]string, 0, len(m))
		for lemma := range m {
			lemmas = append(lemmas, lemma)
		}
		slices.Sort(lemmas)
		best := lemmas[0]
		for _, x := range lemmas {
			if m[x] > m[best] {
				best = x
			}
		}
		l.table[key] = best
		l.known[strings.ToLower(best)] = struct{}{}
	}
	return l
}

// IsWord reports whether w, in lower case, is an English word of the
// embedded word list (SCOWL: common words and their inflections, no
// proper names): "security" is, "F-Secure" and "Xstrata" are not.
func IsWord(w string) bool {
	_, ok := englishWords()[strings.ToLower(w)]
	return ok
}

func (l *lemmatizer) isWord(w string) bool {
	if _, ok := l.known[w]; ok {
		return true
	}
	_, ok := englishWords()[w]
	return ok
}

// lemma returns the lemma of form with the Penn tag xpos.
func (l *lemmatizer) lemma(form, xpos string) string {
	if form == "" {
		return "_"
	}
	f := normForm(form)
	if f != form && !strings.ContainsFunc(form, unicode.IsLetter) {
		return form // typographic punctuation is its own lemma
	}
	if x, ok := l.table[f+"\t"+xpos]; ok {
		return x
	}
	low := strings.ToLower(f)
	if low != f {
		if x, ok := l.table[low+"\t"+xpos]; ok {
			if xpos == "NNP" || xpos == "NNPS" {
				return matchCase(x, f)
			}
			return x
		}
	}
	switch xpos {
	case "NNP":
		return f
	case "NNPS":
		return matchCase(l.rules(low, "NNS"), f)
	}
	if !isPlainWord(low) {
		return low
	}
	return l.rules(low, xpos)
}

// matchCase gives lemma the capitalization of the start of form.
func matchCase(lemma, form string) string {
	if strings.HasPrefix(form, lemma) || !strings.HasPrefix(strings.ToLower(form), strings.ToLower(lemma)) {
		return lemma
	}
	return form[:len(lemma)]
}

func isPlainWord(s string) bool {
	if len(s) < 3 {
		return false
	}
	for _, r := range s {
		if r >= utf8.RuneSelf || !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// rules lemmatizes a lower-case ASCII word that the table does not know.
func (l *lemmatizer) rules(x, xpos string) string {
	var cands []string
	var fallback string
	switch xpos {
	case "NNS", "VBZ":
		cands, fallback = pluralCands(x, xpos == "NNS")
	case "VBD", "VBN":
		cands, fallback = stemCands(x, "ed")
	case "VBG":
		cands, fallback = stemCands(x, "ing")
	case "JJR", "RBR":
		cands, fallback = stemCands(x, "er")
	case "JJS", "RBS":
		cands, fallback = stemCands(x, "est")
	default:
		return x
	}
	for _, c := range cands {
		if len(c) >= 2 && l.isWord(c) {
			return c
		}
	}
	return fallback
}

func pluralCands(x string, noun bool) ([]string, string) {
	n := len(x)
	switch {
	case !strings.HasSuffix(x, "s") || strings.HasSuffix(x, "ss") || strings.HasSuffix(x, "us") || strings.HasSuffix(x, "is"):
		return nil, x
	case strings.HasSuffix(x, "ies") && n > 4:
		return []string{x[:n-3] + "y", x[:n-1]}, x[:n-3] + "y"
	case strings.HasSuffix(x, "ves"):
		return []string{x[:n-1], x[:n-3] + "f", x[:n-3] + "fe"}, x[:n-1]
	case strings.HasSuffix(x, "es"):
		var c []string
		if noun && strings.HasSuffix(x, "ses") {
			c = append(c, x[:n-2]+"is") // analyses -> analysis
		}
		c = append(c, x[:n-1], x[:n-2])
		fb := x[:n-1]
		for _, suf := range []string{"sses", "ches", "shes", "xes", "zes", "oes"} {
			if strings.HasSuffix(x, suf) {
				fb = x[:n-2]
			}
		}
		return c, fb
	}
	return []string{x[:n-1]}, x[:n-1]
}

const vowels = "aeiou"

func isVowel(c byte) bool { return strings.IndexByte(vowels, c) >= 0 }

// cvc says whether s ends consonant, vowel, consonant (not w, x or y), the
// shape after which English doubles a final consonant or keeps a silent e.
func cvc(s string) bool {
	n := len(s)
	if n < 3 {
		return false
	}
	a, b, c := s[n-3], s[n-2], s[n-1]
	return !isVowel(a) && isVowel(b) && !isVowel(c) && !strings.ContainsRune("wxy", rune(c))
}

// stemCands proposes lemmas of a word ending in suffix (ed, ing, er, est).
func stemCands(x, suffix string) ([]string, string) {
	if !strings.HasSuffix(x, suffix) || len(x) < len(suffix)+2 {
		return nil, x
	}
	st := x[:len(x)-len(suffix)]
	n := len(st)
	last := st[n-1]
	// tried -> try, died -> die, happier -> happy
	if suffix != "ing" && last == 'i' {
		return []string{st[:n-1] + "y", st + "e"}, st[:n-1] + "y"
	}
	// dying -> die, trying -> try
	if suffix == "ing" && last == 'y' && n == 2 {
		return []string{st[:1] + "ie", st}, st[:1] + "ie"
	}
	if suffix == "ed" && last == 'e' { // agreed, freed
		return []string{st + "e"}, st + "e"
	}
	if n >= 3 && last == st[n-2] && !isVowel(last) {
		un := st[:n-1]
		if strings.IndexByte("lsfz", last) >= 0 {
			return []string{st, un}, st // called, passed; cancelled via un
		}
		return []string{un, st}, un // stopped, planned
	}
	var c []string
	if cvc(st) {
		c = append(c, st+"e") // hoped -> hope, writing -> write
	}
	c = append(c, st, st+"e")
	if needsE(st) {
		return c, st + "e"
	}
	return c, st
}

// needsE guesses from spelling that a stem lost a silent e: issu(e),
// lov(e), forc(e), criticis(e), creat(e).
func needsE(st string) bool {
	for _, suf := range []string{"u", "v", "c", "z", "dg", "rs", "ns", "ps", "ls", "is", "ys", "iz", "yz", "ut", "ur", "uat", "iat", "rat", "lat", "nat", "cat", "gat", "vat", "mat", "pat", "ok", "id", "ib", "ag", "ang", "ng"} {
		if strings.HasSuffix(st, suf) {
			return suf != "ng" || strings.HasSuffix(st, "ang") || strings.HasSuffix(st, "eng") || strings.HasSuffix(st, "ung")
		}
	}
	return cvc(st) && len(st) <= 4
}
