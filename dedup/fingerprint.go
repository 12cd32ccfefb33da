package dedup

import (
	"unicode"
	"unicode/utf8"

	"kg/schema"
)

// ShingleSize is the number of words in a shingle. Measured (see
// schema.DuplicateThreshold): the sample pair scores 1.0, 0.969, 0.977 and
// 0.977 with 3, 4, 5 and 7 words, while the greatest similarity of 20,000
// random Reuters pairs falls from 0.148 (3 words: shared phrases such as
// "the company said" count) to 0.141 (5) and 0.016 (7), and the pairs
// sharing an LSH band from 1,814 to 676 and 488. Five words keep the noise
// low without letting each edit spoil as many shingles as seven do.
const ShingleSize = 5

// Fingerprint returns the MinHash signature of a document body, so that
// copies of one story with other spelling, furniture, punctuation or line
// breaks get similar signatures. The body is
//
//   - folded: lower case; typographic apostrophes, ligatures, full-width
//     forms and accented Latin letters made plain (foldRune);
//   - cut into words: runs of letters and digits; an apostrophe, period or
//     comma between two of them joins ("U.S." → "us", "don't" → "dont",
//     "1,000" → "1000"), any other character separates;
//   - spelled the American way (spellingWords, spellingRules: "defence" →
//     "defense", "signalling" → "signaling", "neighbouring" → "neighboring");
//   - cut into overlapping shingles of ShingleSize words (a body with fewer
//     words is one shingle), each hashed to 64 bits (FNV-1a over the words).
//
// The signature carries the body's key tokens too, its numbers and names
// (keyTokens; schema.Signature.WithKeys), so that two reports from one
// template that differ in their figures or names are not near-duplicates
// (schema.KeysAgree).
//
// The result is nil for a body of fewer than fingerprintMinWords words: a
// duplicate of nothing.
func Fingerprint(body string) schema.Signature {
	return fingerprint(body, ShingleSize)
}

// fingerprint is Fingerprint with k-word shingles.
func fingerprint(body string, k int) schema.Signature {
	words := fingerprintWords(body)
	if len(words) < fingerprintMinWords {
		return nil
	}
	names, numbers := keyTokens(body)
	return WithKeys(NewSignature(shingleHashes(words, k)), names, numbers)
}

// fingerprintMinWords is the fewest words a body needs for a signature.
// Shorter items are mostly notices built from one template (dividends,
// prime rates, quarterly results: "Qtly div 15 cts vs 15 cts prior Pay May
// 11 Record March 31"), whose bodies differ in a figure or two, or not at
// all, from other companies' notices: their text cannot tell one story
// twice from two stories. They are still one document when byte-identical
// (schema.DocumentID).
const fingerprintMinWords = 25

// fingerprintWords returns the folded, American-spelled words of text.
func fingerprintWords(text string) []string {
	var (
		words []string
		cur   []byte
		join  bool // a joiner (apostrophe, period, comma) follows the last letter
	)
	flush := func() {
		if len(cur) > 0 {
			words = append(words, schema.AmericanSpelling(string(cur)))
			cur = cur[:0]
		}
		join = false
	}
	for _, r := range text {
		if lig := ligature(r); lig != "" {
			join = false
			cur = append(cur, lig...)
			continue
		}
		r = foldRune(r)
		switch {
		case r == 0:
			// dropped (a combining mark)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			join = false
			cur = utf8.AppendRune(cur, unicode.ToLower(r))
		case (r == '\'' || r == '.' || r == ',') && len(cur) > 0 && !join:
			join = true
		default:
			flush()
		}
	}
	flush()
	return words
}

// ligatures are the letters that stand for two or more.
var ligatures = map[rune]string{
	'ﬀ': "ff", 'ﬁ': "fi", 'ﬂ': "fl", 'ﬃ': "ffi", 'ﬄ': "ffl", 'ﬅ': "st", 'ﬆ': "st",
	'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ß': "ss",
}

// ligature returns the letters r stands for when it is a ligature.
func ligature(r rune) string {
	if r < 'Æ' {
		return ""
	}
	return ligatures[r]
}

// foldRune makes a character plain: typographic apostrophes straight,
// full-width forms ASCII, accented Latin-1 letters their base letter; it
// returns 0 for a combining mark.
func foldRune(r rune) rune {
	switch {
	case r < 0x80:
		return r
	case r == '\u2019' || r == '\u2018' || r == '\u02bc' || r == '\u2032':
		return '\''
	case r >= 0xff01 && r <= 0xff5e: // full-width ASCII
		return r - 0xfee0
	case unicode.Is(unicode.Mn, r):
		return 0
	case r >= 0xc0 && r <= 0xff:
		if f := latinFold[r-0xc0]; f != '_' {
			return rune(f)
		}
	}
	return r
}

// latinFold maps U+00C0–U+00FF to base letters; '_' keeps the character.
const latinFold = "AAAAAAACEEEEIIIIDNOOOOO_OUUUUY_saaaaaaaceeeeiiiidnooooo_ouuuuy_y"

// shingleHashes returns the 64-bit hashes of the k-word shingles of words
// (FNV-1a over the words, each followed by a space); fewer than k words
// make one shingle.
func shingleHashes(words []string, k int) []uint64 {
	if len(words) == 0 {
		return nil
	}
	n := max(1, len(words)-k+1)
	out := make([]uint64, n)
	for i := range out {
		h := uint64(14695981039346656037)
		for _, w := range words[i:min(i+k, len(words))] {
			for j := 0; j < len(w); j++ {
				h ^= uint64(w[j])
				h *= 1099511628211
			}
			h ^= ' '
			h *= 1099511628211
		}
		out[i] = h
	}
	return out
}
