package article

import (
	"errors"
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"kg/dedup"
	"kg/schema"
)

// ErrNoText reports an input with nothing left after cleaning: only page
// furniture, or no body at all.
var ErrNoText = errors.New("no article text left after cleaning, skipped")

// Clean turns the decoded text of one article into a Document. It
//
//   - normalizes the text: HTML character references decoded ("&#163;" →
//     "£", "&amp;" → "&": scraped text keeps them), line ends to "\n", form
//     feeds to paragraph breaks, other control characters and invalid UTF-8
//     dropped;
//   - drops page furniture (share links, column markers, lone separators,
//     copyright and rights notices, also when run into the last sentence);
//     furnitureTable lists the patterns;
//   - unwraps hard-wrapped lines into paragraphs: a blank line always ends a
//     paragraph; in a hard-wrapped file a line also ends one when the next
//     line's first word would have fitted on it, or when it ends a sentence
//     and the next line starts one that does not read as a continuation;
//   - classifies the paragraphs into blocks: headline, subtitle, byline, date
//     line, body, photo caption (never merged with body text) and credits;
//   - reads the metadata (see meta.go), sets Meta.Source to source and
//     Meta.ID to schema.DocumentID of the body.
//
// Document.Text is the blocks' texts joined by "\n\n"; no block contains a
// line break. Clean returns ErrNoText when no body is left.
func Clean(source, raw string) (*Document, error) {
	return cleanText(source, raw, cleanKnown{})
}

// cleanKnown is what a reader knows about an article besides its text.
type cleanKnown struct {
	// meta holds the metadata fields known from elsewhere (a JSON Lines
	// field, an HTML <meta> tag); metaFill keeps them.
	meta schema.Document
	// title, when not "", is the headline known from elsewhere: it becomes
	// the Headline block in front of the text, and the text is not searched
	// for a headline or subtitle (a short first paragraph stays body).
	title string
}

// cleanText is Clean for a reader that knows some metadata already.
func cleanText(source, raw string, known cleanKnown) (*Document, error) {
	if len(raw) > maxRawTextBytes {
		return nil, ErrTextTooLong
	}
	paras := cleanParagraphs(cleanLines(cleanNormalize(charRefs(raw))))
	parts := make([]cleanPart, len(paras))
	for i, p := range paras {
		parts[i] = cleanPart{text: p}
	}
	return cleanBuild(source, parts, known)
}

// charRef is an HTML character reference closed by its semicolon: numeric
// ("&#163;", "&#xE3;") or named ("&amp;", "&eacute;").
var charRef = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)

// charRefs decodes the HTML character references of a plain text; an
// unknown name stays as written.
func charRefs(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return charRef.ReplaceAllStringFunc(s, html.UnescapeString)
}

// cleanParts builds a Document from paragraphs a reader has already
// separated, such as the block elements of an HTML page. Each paragraph is
// normalized like a text, its white space (line breaks too) collapsed to
// single spaces, and furniture is dropped as in Clean. A part with a kind
// keeps it; the others are classified as Clean classifies paragraphs.
func cleanParts(source string, parts []cleanPart, known cleanKnown) (*Document, error) {
	if rawPartsBytes(parts) > maxRawTextBytes {
		return nil, ErrTextTooLong
	}
	var out []cleanPart
	for _, p := range parts {
		t := strings.Join(strings.Fields(cleanNormalize(p.text)), " ")
		t = furnitureRules.inline.ReplaceAllString(t, " ")
		t = strings.TrimSpace(cleanSpaces(cleanCutTail(t)))
		for i, q := range cleanAddPara(nil, t) {
			kind := p.kind
			if i > 0 {
				kind = "" // credits split off the end
			}
			out = append(out, cleanPart{kind, q})
		}
	}
	return cleanBuild(source, out, known)
}

// cleanBuild classifies parts, assembles the Document and fills its
// metadata, identity and source.
func cleanBuild(source string, parts []cleanPart, known cleanKnown) (*Document, error) {
	title := strings.Join(strings.Fields(cleanNormalize(known.title)), " ")
	parts = cleanClassify(parts, title == "")
	if title != "" {
		if !cleanHasBody(parts) {
			return nil, ErrNoText // the title must not stand in for a missing body
		}
		parts = append([]cleanPart{{Headline, title}}, parts...)
	}
	doc := cleanAssemble(parts)
	if doc == nil {
		return nil, ErrNoText
	}
	doc.Meta = known.meta
	metaFill(doc)
	doc.Meta.Source = source
	doc.Meta.ID = schema.DocumentID(doc.Body())
	doc.Meta.Signature = dedup.Fingerprint(doc.Body()) // for near-duplicates: fingerprint.go
	return doc, nil
}

// cleanNormalize makes line ends "\n", form feeds and paragraph separators
// blank lines, tabs and no-break spaces plain spaces, and drops the
// remaining control characters, byte-order marks, zero-width spaces, soft
// hyphens and invalid UTF-8.
func cleanNormalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
			b.WriteByte('\n')
		case r == '\n' || r == '\v' || r == '\u0085' || r == '\u2028':
			b.WriteByte('\n')
		case r == '\f' || r == '\u2029':
			b.WriteString("\n\n")
		case r == '\t' || r == '\u00a0':
			b.WriteByte(' ')
		case r == '\ufeff' || r == '\u200b' || r == '\u00ad':
		case unicode.IsControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cleanLine is one line of an article after furniture removal.
type cleanLine struct {
	text   string // without leading and trailing spaces; "" for a blank line
	indent int    // leading spaces
	cols   int    // characters in text
}

// cleanLines drops furniture lines (leaving a blank line, which ends a
// paragraph), removes inline markers and cuts furniture off the end of the
// text, and returns the lines that remain.
func cleanLines(text string) []cleanLine {
	// Cut the tail before and after dropping lines: a notice wrapped over
	// lines must be cut whole, and a furniture line may hide one.
	text = cleanCutTail(text)
	raw := strings.Split(text, "\n")
	for i, l := range raw {
		l = furnitureRules.inline.ReplaceAllString(l, " ")
		if furnitureClass(l) != "" {
			l = ""
		}
		raw[i] = l
	}
	raw = strings.Split(cleanCutTail(strings.Join(raw, "\n")), "\n")
	lines := make([]cleanLine, len(raw))
	for i, l := range raw {
		t := strings.TrimRight(l, " ")
		trimmed := strings.TrimLeft(t, " ")
		lines[i] = cleanLine{
			text:   cleanSpaces(trimmed),
			indent: len(t) - len(trimmed),
			cols:   utf8.RuneCountInString(trimmed),
		}
	}
	return lines
}

// cleanTailWindow bounds how far from the end of a text the tail furniture
// is looked for: footers are short, and the search is costly on long texts.
const cleanTailWindow = 2 << 10

// cleanCutTail cuts furniture run into the end of text.
func cleanCutTail(text string) string {
	from := max(0, len(text)-cleanTailWindow)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	if !cleanTailMaybe(text[from:]) {
		return text
	}
	if loc := furnitureRules.tail.FindStringIndex(text[from:]); loc != nil {
		return text[:from+loc[0]]
	}
	return text
}

// cleanTailMaybe is a quick test before the costly tail search: a text can
// end in tail furniture only when it ends in a separator character or holds
// a word every other tail pattern needs. Keep it in step with the tail
// patterns of furnitureTable.
func cleanTailMaybe(window string) bool {
	t := strings.TrimRight(window, " \t\n")
	if r, _ := utf8.DecodeLastRuneInString(t); strings.ContainsRune("|*_=~#•·-", r) {
		return true
	}
	lower := strings.ToLower(window)
	for _, w := range []string{"©", "(c)", "copyright", "reserved", "redistributed", "responsible", "principles", "reuter"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// cleanSpaces collapses runs of spaces.
func cleanSpaces(s string) string {
	if !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// cleanMaxWrap is the widest line a hard-wrapped file has: a file with many
// longer lines has one paragraph per line.
const cleanMaxWrap = 120

// cleanParagraphs joins lines into paragraphs and drops paragraphs that are
// furniture as a whole. Credits run into the end of a paragraph become a
// paragraph of their own.
func cleanParagraphs(lines []cleanLine) []string {
	wrapped := cleanIsWrapped(lines)
	hasLower := false
	for _, l := range lines {
		if strings.IndexFunc(l.text, unicode.IsLower) >= 0 {
			hasLower = true
			break
		}
	}
	var paras []string
	var cur strings.Builder
	add := func(p string) { paras = cleanAddPara(paras, p) }
	for i, l := range lines {
		if l.text == "" {
			continue
		}
		if cur.Len() > 0 {
			if !cleanHyphenEnd(cur.String()) {
				cur.WriteByte(' ')
			}
		}
		cur.WriteString(l.text)
		last := i+1 >= len(lines) || lines[i+1].text == ""
		if last || !wrapped || cleanBreakAfter(lines, i, hasLower) {
			add(strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	add(strings.TrimSpace(cur.String()))
	return paras
}

// cleanAddPara appends paragraph p to paras unless it is empty or furniture
// as a whole. Credits run into the end of p become a paragraph of their own.
func cleanAddPara(paras []string, p string) []string {
	if p == "" || furnitureClass(p) != "" {
		return paras
	}
	if m := cleanRunInCredits.FindStringSubmatchIndex(p); m != nil && m[2] > 0 {
		return append(paras, strings.TrimSpace(p[:m[2]]), p[m[2]:])
	}
	return append(paras, p)
}

// cleanIsWrapped reports whether the text looks hard-wrapped: fewer than one
// line in ten is longer than cleanMaxWrap.
func cleanIsWrapped(lines []cleanLine) bool {
	n, long := 0, 0
	for _, l := range lines {
		if l.text == "" {
			continue
		}
		n++
		if l.cols > cleanMaxWrap {
			long++
		}
	}
	return long*10 < n
}

// cleanHyphenEnd reports whether s ends in a hyphen attached to a word
// ("North Korea-"), so that the next line continues the word.
func cleanHyphenEnd(s string) bool {
	if !strings.HasSuffix(s, "-") || len(s) < 2 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:len(s)-1])
	return r != ' ' && r != '-'
}

// cleanBreakAfter decides whether hard-wrapped line i (followed by a
// non-blank line) ends a paragraph.
func cleanBreakAfter(lines []cleanLine, i int, hasLower bool) bool {
	cur, next := lines[i], lines[i+1]
	switch {
	case next.indent > cur.indent: // an indented first line
		return true
	case cleanStandalone(cur.text, hasLower) || cleanStandalone(next.text, hasLower):
		return true
	case cleanStartsBlock.MatchString(next.text):
		return true
	case captionEnd.MatchString(cur.text):
		return true
	}
	ends := cleanEndsSentence(cur.text)
	first, _, _ := strings.Cut(next.text, " ")
	if !ends && startsLower(first) {
		return false
	}
	room := cleanWidth(lines, i)
	if !ends {
		room -= cleanSlack
	}
	if cur.cols+1+utf8.RuneCountInString(first) <= room {
		return true // the next word would have fitted: the line was cut short
	}
	if !ends {
		return false
	}
	word := strings.TrimFunc(first, func(r rune) bool { return !unicode.IsLetter(r) })
	return !cleanContinuations[word] && !startsLower(first)
}

// cleanSlack is how much room a line that does not end a sentence must
// leave before it counts as cut short: neighbouring columns (a caption next to
// body text) are wrapped at slightly different widths.
const cleanSlack = 8

// cleanWidth is the wrap width around line i: the longest line within four
// lines of it, not crossing a blank line.
func cleanWidth(lines []cleanLine, i int) int {
	w := lines[i].cols
	for j := i - 1; j >= 0 && j >= i-4 && lines[j].text != ""; j-- {
		w = max(w, lines[j].cols)
	}
	for j := i + 1; j < len(lines) && j <= i+4 && lines[j].text != ""; j++ {
		w = max(w, lines[j].cols)
	}
	return w
}

// cleanStandalone reports whether a line is a paragraph of its own: a
// byline, a date line or an all-capitals heading ("UKRAINE FACTOR") in a
// text that has lower-case letters.
func cleanStandalone(s string, hasLower bool) bool {
	if cleanBylineLine.MatchString(s) || metaDateRe.MatchString(s) {
		return true
	}
	if !hasLower || strings.IndexFunc(s, unicode.IsLower) >= 0 || strings.IndexFunc(s, unicode.IsUpper) < 0 {
		return false
	}
	return len(strings.Fields(s)) <= 8 && !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, ",")
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// cleanEndsSentence reports whether s ends with sentence-final punctuation
// (possibly followed by closing quotes or brackets) that is not the period of
// an abbreviation such as "Mr." or "Sept.".
func cleanEndsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'”’)]")
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '!', '?', '…':
		return true
	case '.':
		last := s[strings.LastIndexByte(s, ' ')+1:]
		return !cleanAbbreviations[strings.TrimSuffix(strings.TrimLeft(last, "\"'“‘("), ".")]
	}
	return false
}

// cleanAbbreviations end in a period that does not end a sentence.
var cleanAbbreviations = cleanSet(
	"Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt",
	"Capt", "Cmdr", "Adm", "Prof", "Rev", "Hon", "Jan", "Feb", "Mar", "Apr", "Aug",
	"Sep", "Sept", "Oct", "Nov", "Dec", "No", "Nos", "Mt", "Ft", "Jr", "Sr", "vs",
)

// cleanContinuations are first words that, after a full line ending a
// sentence, more often continue the paragraph than start a new one.
var cleanContinuations = cleanSet(
	"But", "And", "Or", "Nor", "Yet", "So", "Still", "Instead", "Also",
	"He", "She", "It", "They", "His", "Her", "Its", "Their",
	"This", "That", "These", "Those", "Such",
)

func cleanSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

var (
	// cleanBylineLine is a byline: "By" and capitalized names.
	cleanBylineLine = regexp.MustCompile(`^(?:By|BY)\s+\p{Lu}[\p{L}.'’-]*(?:(?:\s+|\s*,\s*)(?:\p{Lu}[\p{L}.'’-]*|and|&))*(?:\s+in\s+\p{Lu}[\p{L}]*)?$`)
	// cleanStartsBlock is how a line starting a block begins: credits or a
	// dateline ("SEOUL (Reuters) -").
	cleanStartsBlock = regexp.MustCompile(`^\(?(?i:reporting|additional reporting|writing|editing|compiled) by\b|` + metaDatelineExpr)
	// cleanCredits is a credits paragraph.
	cleanCredits = regexp.MustCompile(`^\(?\s*(?i:reporting|additional reporting|writing|editing|compiled|edited|research|produced|reported) by\b[^()]*\)?$`)
	// cleanRunInCredits finds credits run into the end of a paragraph; group 1
	// is the credits.
	cleanRunInCredits = regexp.MustCompile(`[.!?"”’]\s*(\((?i:reporting|additional reporting|writing|editing|compiled) by\b[^()]*\))$`)
)

// cleanPart is a classified paragraph.
type cleanPart struct {
	kind BlockKind
	text string
}

// cleanClassify gives each part without a kind a block kind. Paragraphs
// before the first body paragraph form the header: the first is the
// headline, one more short one the subtitle (only when findHeadline is
// set); bylines and date lines are recognized there. Captions, credits and
// date lines are recognized anywhere. Parts with a kind keep it.
func cleanClassify(in []cleanPart, findHeadline bool) []cleanPart {
	parts := make([]cleanPart, 0, len(in))
	header := true
	var seen = map[BlockKind]bool{}
	for _, part := range in {
		if part.kind != "" {
			seen[part.kind] = true
			parts = append(parts, part)
			continue
		}
		p := part.text
		kind := Body
		switch {
		case captionClass(p) != "" && len(strings.Fields(p)) <= 80:
			kind = Caption
		case cleanCredits.MatchString(p):
			kind = Credits
		case metaDateRe.MatchString(p):
			kind = Dateline
		case !header:
		case cleanBylineLine.MatchString(p):
			kind = Byline
		case metaDatelineRe.MatchString(p) || cleanIsProse(p):
			header = false
		case findHeadline && !seen[Headline]:
			kind = Headline
		case findHeadline && !seen[Subtitle]:
			kind = Subtitle
		default:
			header = false
		}
		seen[kind] = true
		parts = append(parts, cleanPart{kind, p})
	}
	return parts
}

// cleanHasBody reports whether parts hold a body paragraph.
func cleanHasBody(parts []cleanPart) bool {
	for _, p := range parts {
		if p.kind == Body {
			return true
		}
	}
	return false
}

// cleanIsProse reports whether a paragraph reads as body text rather than a
// headline: a sentence of eight words or more, or a long paragraph.
func cleanIsProse(p string) bool {
	n := len(strings.Fields(p))
	return n > 35 || (n >= 8 && cleanEndsSentence(p))
}

// cleanAssemble joins the parts into a Document. When no body is left, the
// headline and subtitle stand in for it (a one-line note is its own body);
// when even those are missing it returns nil.
func cleanAssemble(parts []cleanPart) *Document {
	hasBody := cleanHasBody(parts)
	if !hasBody {
		for i := range parts {
			if parts[i].kind == Headline || parts[i].kind == Subtitle {
				parts[i].kind = Body
				hasBody = true
			}
		}
	}
	if !hasBody {
		return nil
	}
	doc := &Document{Blocks: make([]Block, 0, len(parts))}
	var b strings.Builder
	for _, p := range parts {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		b.WriteString(p.text)
		doc.Blocks = append(doc.Blocks, Block{Kind: p.kind, Start: start, End: b.Len()})
	}
	doc.Text = b.String()
	return doc
}

// furniturePattern is one kind of page furniture: a class name (for tests
// and debugging), where it may occur and a regular expression for it.
type furniturePattern struct {
	class string
	scope furnitureScope
	expr  string
}

// furnitureScope says where a furniture pattern is looked for.
type furnitureScope uint8

const (
	furnitureLine   furnitureScope = 1 << iota // a whole line, or a whole unwrapped paragraph
	furnitureTail                              // run into the end of the text, across line breaks
	furnitureInline                            // anywhere inside a line
)

// furnitureTable lists the page furniture Clean drops. Patterns are matched
// case-sensitively unless they say (?i); \s+ between words lets a tail
// pattern span a line break.
var furnitureTable = []furniturePattern{
	{"share", furnitureLine, `(?i)send (?:a link|this(?: article| story)?) to a friend|share (?:this|the) (?:article|story|page|post)|e-?mail (?:this|the) (?:article|story|page)|print (?:this|the) (?:article|story|page)|share (?:on|via|to) (?:facebook|twitter|x|linkedin|whatsapp|e-?mail)|(?:share|tweet|print|e-?mail|facebook|twitter|linkedin|whatsapp|reddit|comments?)(?:\s*[|/·•,]?\s*(?:share|tweet|print|e-?mail|facebook|twitter|linkedin|whatsapp|reddit|comments?))+`},
	{"navigation", furnitureLine, `(?:Click|CLICK) (?:here|HERE)\b.{0,100}|(?:Read|See) (?:more|also)(?::.{0,100})?|Related (?:stories|articles|coverage|content|topics):?|Advertisement|ADVERTISEMENT|Skip to (?:main )?content|Back to top|Continue reading`},
	{"column-marker", furnitureLine | furnitureInline, `(?i)\[\s*(?:to top of (?:first|second|third|next) column|(?:story )?continue[sd]?(?: below| on next page)?|advertisement)\s*\]`},
	{"separator", furnitureLine | furnitureTail, `(?:[|*_=~#•·-]\s*)+`},
	{"copyright", furnitureLine | furnitureTail, `\[?\s*(?:(?:©|\([cC]\)|(?i:copyright)\s*©?)\s*\d{4}(?:\s*[-–]\s*\d{4})?[^\]]{0,80}?(?:(?i:all\s+rights\s+reserved)\.?)?|(?i:all\s+rights\s+reserved)\.?)\s*\]?`},
	{"rights", furnitureLine | furnitureTail, `(?i)this\s+material\s+may\s+not\s+be\s+published,?\s+broadcast,?\s+rewritten,?\s+or\s+redistributed\.?`},
	{"responsibility", furnitureLine | furnitureTail, `(?:\p{Lu}[\p{L}&.'’-]*\s+){1,4}(?i:is\s+solely\s+responsible\s+for\s+(?:this|the)\s+content)\.?`},
	{"standards", furnitureLine | furnitureTail, `(?i)our\s+standards:\s+the\s+thomson\s+reuters\s+trust\s+principles\.?`},
	{"agency-trailer", furnitureLine, `Reuter|REUTER`},
	{"agency-trailer", furnitureTail, `\bREUTER`}, // run into the last line: "… the company said. REUTER"
}

// furnitureRules holds the compiled furnitureTable.
var furnitureRules = compileFurniture(furnitureTable)

type furnitureCompiled struct {
	whole  []*regexp.Regexp // per pattern, anchored; nil when not furnitureLine
	inline *regexp.Regexp   // any inline pattern
	tail   *regexp.Regexp   // a run of tail patterns up to the end of the text
}

func compileFurniture(table []furniturePattern) furnitureCompiled {
	var c furnitureCompiled
	var inline, tail []string
	for _, p := range table {
		var re *regexp.Regexp
		if p.scope&furnitureLine != 0 {
			re = regexp.MustCompile(`^(?:` + p.expr + `)$`)
		}
		c.whole = append(c.whole, re)
		if p.scope&furnitureInline != 0 {
			inline = append(inline, `(?:`+p.expr+`)`)
		}
		if p.scope&furnitureTail != 0 {
			tail = append(tail, `(?:`+p.expr+`)`)
		}
	}
	c.inline = regexp.MustCompile(strings.Join(inline, "|"))
	c.tail = regexp.MustCompile(`(?:\s*(?:` + strings.Join(tail, "|") + `))+\s*$`)
	return c
}

// furnitureClass returns the class of the furniture pattern that s (a line
// or a paragraph, surrounding spaces ignored) matches as a whole, or "".
func furnitureClass(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for i, re := range furnitureRules.whole {
		if re != nil && re.MatchString(s) {
			return furnitureTable[i].class
		}
	}
	return ""
}

// captionCue is one sign that a paragraph is a photo caption.
type captionCue struct {
	class string
	re    *regexp.Regexp
}

// captionCues lists the signs of a photo caption. A paragraph with any of
// them (and at most 80 words) becomes a Caption block.
var captionCues = []captionCue{
	{"image-released", regexp.MustCompile(`(?i)\bin this (?:handout |undated |file )?(?:image|photo|picture|photograph|still image|video grab)\b|\b(?:image|photo|picture|photograph)s? (?:released|provided|distributed|obtained) by\b`)},
	{"agency-credit", regexp.MustCompile(`\b(?:via|VIA) (?:REUTERS|AFP|AP|Getty Images)\b|\bREUTERS/\p{Lu}`)},
	{"photo-label", regexp.MustCompile(`(?:^|\s)(?:Photo|Photograph|Picture|Image|FILE PHOTO)(?: credit)?:`)},
	{"ap-photo", regexp.MustCompile(`\((?:AP|AFP|EPA|Reuters) Photo\b|\((?:Photo|Photograph|Picture)s? by\b`)},
	{"photographer", regexp.MustCompile(`\b\p{Lu}[\p{L}'’-]+ \p{Lu}[\p{L}'’-]+/(?:AFP|AP|EPA|Getty Images|Reuters|Bloomberg)\b`)},
}

// captionEnd matches a line that ends with a photo credit: the caption ends
// there, whatever follows.
var captionEnd = regexp.MustCompile(`(?:\b(?:via|VIA) (?:REUTERS|AFP|AP|Getty Images)|\bREUTERS/\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*)*|\((?:AP|AFP|EPA) Photo[^)]*\)|/Getty Images)$`)

// captionClass returns the class of the first caption cue in p, or "".
func captionClass(p string) string {
	for _, c := range captionCues {
		if c.re.MatchString(p) {
			return c.class
		}
	}
	return ""
}
