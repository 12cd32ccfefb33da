package eval

// The Python semantics kg eval needs to agree with ../shared/eval/score.py
// figure for figure and line for line: JSON values as Python's json module
// reads them (objects keep their key order), str() and repr() of those
// values, truthiness, str.lower(), \w and \s of Python's re module, and
// score.py's norm() and stem().

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// pyDict is a JSON object as Python reads it: keys in the order they first
// appear; a repeated key keeps its first place and takes the last value.
type pyDict struct {
	keys []string
	vals map[string]any
}

// get is Python's d.get(k): the value, or nil (None) when k is absent.
func (d *pyDict) get(k string) any {
	if d == nil {
		return nil
	}
	return d.vals[k]
}

// lookup is get that also tells whether k is present.
func (d *pyDict) lookup(k string) (any, bool) {
	if d == nil {
		return nil, false
	}
	v, ok := d.vals[k]
	return v, ok
}

// jsonNumber is a JSON number as written. Python reads one with a fraction
// or an exponent as a float, any other as an int.
type jsonNumber string

func (n jsonNumber) isFloat() bool { return strings.ContainsAny(string(n), ".eE") }

// parseJSON decodes one JSON value into nil, bool, jsonNumber, string, []any
// and *pyDict, and fails on anything after it, as json.loads does.
func parseJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if errors.Is(err, io.EOF) {
		return nil, errors.New("no JSON value")
	}
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("extra data after the JSON value (at byte %d)", dec.InputOffset())
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return decodeObject(dec)
		}
		list := []any{}
		for dec.More() {
			v, err := decodeValue(dec)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		_, err := dec.Token() // ]
		return list, err
	case json.Number:
		return jsonNumber(t), nil
	default: // nil, bool, string
		return t, nil
	}
}

func decodeObject(dec *json.Decoder) (*pyDict, error) {
	d := &pyDict{vals: map[string]any{}}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		k, _ := tok.(string) // the decoder allows only strings as keys
		v, err := decodeValue(dec)
		if err != nil {
			return nil, err
		}
		if _, seen := d.vals[k]; !seen {
			d.keys = append(d.keys, k)
		}
		d.vals[k] = v
	}
	_, err := dec.Token() // }
	return d, err
}

// truthy is Python's bool(v).
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case jsonNumber:
		f, err := strconv.ParseFloat(string(x), 64)
		return err != nil || f != 0
	case []any:
		return len(x) > 0
	case *pyDict:
		return len(x.keys) > 0
	}
	return true
}

// pyStr is Python's str(v).
func pyStr(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case jsonNumber:
		return pyNumber(x)
	}
	return pyRepr(v)
}

// pyRepr is Python's repr(v).
func pyRepr(v any) string {
	switch x := v.(type) {
	case string:
		return pyReprString(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = pyRepr(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case []string:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = pyReprString(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case *pyDict:
		parts := make([]string, len(x.keys))
		for i, k := range x.keys {
			parts[i] = pyReprString(k) + ": " + pyRepr(x.vals[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return pyStr(v)
}

// pyReprString quotes s as Python's repr does: single quotes unless s holds
// a single quote and no double quote; escapes for the backslash, the quote,
// control characters and characters Python does not print.
func pyReprString(s string) string {
	q := '\''
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		q = '"'
	}
	var b strings.Builder
	b.WriteRune(q)
	for _, r := range s {
		switch {
		case r == q || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < ' ' || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x7f || unicode.IsPrint(r):
			// Python prints all but the categories C* and Z*, space
			// excepted: what unicode.IsPrint accepts.
			b.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	b.WriteRune(q)
	return b.String()
}

// pyNumber is str() of the int or float Python reads from a JSON number.
func pyNumber(n jsonNumber) string {
	s := string(n)
	if !n.isFloat() {
		if strings.Trim(s, "-0") == "" {
			return "0" // -0 is the int 0
		}
		return s
	}
	f, _ := strconv.ParseFloat(s, 64) // out of range: ±Inf, as Python
	return pyFloat(f)
}

// pyFloat is Python's repr of a float: the shortest digits that read back,
// positional with at least one decimal when the exponent is in [-4, 16),
// else d.ddde±XX.
func pyFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	s := strconv.FormatFloat(f, 'e', -1, 64) // -d.ddde±XX
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	mant, e, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(e)
	digits := strings.Replace(mant, ".", "", 1)
	switch {
	case exp >= 16 || exp < -4:
		out := digits[:1]
		if len(digits) > 1 {
			out += "." + digits[1:]
		}
		esign := "+"
		if exp < 0 {
			esign, exp = "-", -exp
		}
		return fmt.Sprintf("%s%se%s%02d", sign, out, esign, exp)
	case exp < 0:
		return sign + "0." + strings.Repeat("0", -exp-1) + digits
	case len(digits) <= exp+1:
		return sign + digits + strings.Repeat("0", exp+1-len(digits)) + ".0"
	default:
		return sign + digits[:exp+1] + "." + digits[exp+1:]
	}
}

// pyIsSpace is Python's str.isspace for one character, which is also what
// \s matches in its re module: Go's unicode.IsSpace plus the information
// separators U+001C..U+001F.
func pyIsSpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// pyIsWord is what \w matches in Python's re module for str patterns:
// letters, numbers (any numeric character) and the underscore.
func pyIsWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// pyLower is Python's str.lower(): the simple lowercase mapping, plus the
// two rules Python adds from SpecialCasing.txt: İ becomes i + combining dot
// above, and a capital sigma at the end of a word becomes ς.
func pyLower(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		switch r {
		case 'İ':
			b.WriteString("i\u0307")
		case 'Σ':
			if finalSigma(rs, i) {
				b.WriteRune('ς')
			} else {
				b.WriteRune('σ')
			}
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// finalSigma is Python's rule for the capital sigma at rs[i]: a cased
// letter before it and none after it, skipping case-ignorable characters.
func finalSigma(rs []rune, i int) bool {
	j := i - 1
	for j >= 0 && caseIgnorable(rs[j]) {
		j--
	}
	if j < 0 || !cased(rs[j]) {
		return false
	}
	j = i + 1
	for j < len(rs) && caseIgnorable(rs[j]) {
		j++
	}
	return j == len(rs) || !cased(rs[j])
}

// cased is the Unicode Cased property.
func cased(r rune) bool {
	return unicode.In(r, unicode.Lu, unicode.Ll, unicode.Lt, unicode.Other_Lowercase, unicode.Other_Uppercase)
}

// caseIgnorable is the Unicode Case_Ignorable property: marks, format
// characters, modifiers, and the word-internal punctuation of Word_Break
// MidLetter, MidNumLet and Single_Quote.
func caseIgnorable(r rune) bool {
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk) {
		return true
	}
	switch r {
	case '\'', '.', ':', 0xb7, 0x387, 0x55f, 0x5f4, 0x2018, 0x2019, 0x2024, 0x2027,
		0xfe13, 0xfe52, 0xfe55, 0xff07, 0xff0e, 0xff1a:
		return true
	}
	return false
}

var (
	quoteFolder = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", `"`, "\u201d", `"`)
	// iriLocal finds an IRI in angle brackets and keeps its local name
	// (score.py's r"<[^>]*[/#:]([^>/#:]+)>"; Go's leftmost-first matching
	// picks the same submatch Python's backtracking does).
	iriLocal = regexp.MustCompile(`<[^>]*[/#:]([^>/#:]+)>`)
)

// normText is score.py's norm(): NFKC, lowercase, curly quotes folded,
// IRIs reduced to their local name, possessive 's and periods dropped, _ -
// and / made spaces, every other character but word characters, spaces
// and the apostrophe made a space, spaces collapsed, and one leading
// article (the, a, an) dropped. A list is its items' str() joined by
// spaces; None is "".
func normText(v any) string {
	var s string
	switch x := v.(type) {
	case nil:
		return ""
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = pyStr(e)
		}
		s = strings.Join(parts, " ")
	default:
		s = pyStr(v)
	}
	s = quoteFolder.Replace(pyLower(norm.NFKC.String(s)))
	if strings.ContainsRune(s, '<') {
		s = iriLocal.ReplaceAllString(s, "${1}")
	}
	s = strings.ReplaceAll(s, "'s ", " ")
	s = strings.ReplaceAll(s, "'s", "")
	s = strings.ReplaceAll(s, ".", "")
	s = strings.Map(func(r rune) rune {
		if r == '_' || r == '-' || r == '/' || !(pyIsWord(r) || pyIsSpace(r) || r == '\'') {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.FieldsFunc(s, pyIsSpace), " ")
	for _, article := range []string{"the ", "a ", "an "} {
		if strings.HasPrefix(s, article) {
			return s[len(article):]
		}
	}
	return s
}

// stem is score.py's stem(): drop a plural ending (ies → y, es, s) from a
// word of more than four characters.
func stem(w string) string {
	if utf8.RuneCountInString(w) <= 4 {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "es"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}
