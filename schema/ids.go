package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Slug normalizes a name for use in an identifier: lower case, periods and
// apostrophes dropped ("U.S." → "us", "Xi's" → "xis"), every other run of
// characters that are not letters or digits turned into one underscore, and
// no underscore at either end. Letters outside ASCII are kept.
//
//	Slug("Vladimir Putin")        == "vladimir_putin"
//	Slug("U.N. Security Council") == "un_security_council"
func Slug(name string) string {
	var b strings.Builder
	pending := false
	for _, r := range name {
		switch {
		case r == '.' || r == '\'' || r == '\u2019' || r == '\u2018':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if pending && b.Len() > 0 {
				b.WriteByte('_')
			}
			pending = false
			b.WriteRune(unicode.ToLower(r))
		default:
			pending = true
		}
	}
	return b.String()
}

// EntityID is the stable id of the entity of class c with canonical name
// name: the class in lower case, a slash and the Slug of the name
// ("person/vladimir_putin", "place/north_korea"). A user who knows a name
// and its class can type the id.
func EntityID(c Class, name string) string {
	return strings.ToLower(string(c)) + "/" + Slug(name)
}

// NormalizeBody is the form of a document body that DocumentID hashes:
// typographic quotes and dashes made plain, every run of white space one
// space, lower case, trimmed. Two copies of an article that differ only in
// line breaks, letter case or quote style normalize alike.
func NormalizeBody(body string) string {
	body = bodyReplacer.Replace(body)
	return strings.ToLower(strings.Join(strings.Fields(body), " "))
}

var bodyReplacer = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201c", `"`, "\u201d", `"`,
	"\u2013", "-", "\u2014", "-", "\u00a0", " ",
)

// DocumentID is the stable id of a document with the given body: the first
// 16 hex digits of the SHA-256 of NormalizeBody(body).
func DocumentID(body string) string {
	return hashHex(NormalizeBody(body))
}

// FactKey identifies what a relation says, independent of where it is said:
// subject, predicate, object, qualifiers, polarity, modality and attribution.
// For symmetric predicates the two sides are put in a fixed order, so
// "A meets B" and "B meets A" have one key.
func FactKey(r Relation) string {
	subj := firstNonEmpty(r.SubjectID, "lit:"+LiteralKey(r.Subject))
	obj := firstNonEmpty(r.ObjectID, "lit:"+LiteralKey(r.Object))
	if IsSymmetric(r.Predicate) && obj < subj {
		subj, obj = obj, subj
	}
	quals := make([]string, 0, len(r.Qualifiers))
	for k, v := range r.Qualifiers {
		quals = append(quals, k+"="+strings.ToLower(v))
	}
	sort.Strings(quals)
	return strings.Join([]string{
		subj, r.Predicate, obj, strings.Join(quals, ","),
		string(r.Polarity), string(r.Modality), strings.ToLower(r.AttributedTo),
	}, "\x1f")
}

// LiteralKey is the form of a literal phrase that fact keys compare: its
// words in lower case, in American spelling, punctuation dropped
// ("defence cooperation" and "Defense co-operation" differ only in the
// hyphen; "U.S.-led sanctions" → "us led sanctions").
func LiteralKey(s string) string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != '\'' && r != '\u2019'
	})
	out := words[:0]
	for _, w := range words {
		w = strings.NewReplacer(".", "", "'", "", "\u2019", "").Replace(w)
		if w != "" {
			out = append(out, AmericanSpelling(w))
		}
	}
	return strings.Join(out, " ")
}

// FactID is the stable id of the fact r states (a hash of FactKey). The same
// fact found in several sentences or documents has one FactID.
func FactID(r Relation) string {
	return hashHex(FactKey(r))
}

// StatementID is the stable id of one occurrence of a fact: the fact and the
// evidence that supports it.
func StatementID(r Relation, ev Evidence) string {
	return hashHex(FactKey(r), ev.Document, itoa(ev.Start), itoa(ev.End))
}

// QuoteID is the stable id of a quote: its document and its offsets.
func QuoteID(document string, start, end int) string {
	return hashHex("quote", document, itoa(start), itoa(end))
}

func hashHex(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x1e")))
	return hex.EncodeToString(h[:8])
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func itoa(n int) string { return strconv.Itoa(n) }
