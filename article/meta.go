package article

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// metaFill reads the metadata of a cleaned document from its blocks into
// doc.Meta:
//
//   - Title: the headline without a desk prefix ("Analysis-", "UPDATE 2-");
//   - Subtitle: the subtitle block;
//   - Author: the first name of the byline ("By Josh Smith and Hyonhee Shin" →
//     "Josh Smith"), else the first reporter or writer named in the credits;
//     Document.Authors lists them all;
//   - Editors: every name after "Editing by" in the credits;
//   - Date: the date line ("[September 14, 2023]", "Sept. 14, 2023",
//     "14 September 2023", "2023-09-14") as YYYY-MM-DD;
//   - Dateline and Publisher: "SEOUL (Reuters) -" at the start of the first
//     body paragraph → "Seoul", "Reuters". The dateline stays in the body
//     text.
//
// Fields already set are kept, so a reader that knows better (a JSON Lines
// "title" field) can fill them first.
func metaFill(doc *Document) {
	m := &doc.Meta
	firstBody := true
	for _, b := range doc.Blocks {
		t := doc.BlockText(b)
		switch b.Kind {
		case Headline:
			if m.Title == "" {
				m.Title = metaTitle(t)
			}
		case Subtitle:
			if m.Subtitle == "" {
				m.Subtitle = t
			}
		case Byline:
			if names := metaBylineNames(t); m.Author == "" && len(names) > 0 {
				m.Author = names[0]
			}
		case Dateline:
			if m.Date == "" {
				m.Date, _ = metaParseDate(t)
			}
		case Body:
			if firstBody {
				place, agency := metaDateline(t)
				if m.Dateline == "" {
					m.Dateline = place
				}
				if m.Publisher == "" {
					m.Publisher = agency
				}
			}
			firstBody = false
		}
	}
	for _, b := range doc.Blocks {
		if b.Kind != Credits {
			continue
		}
		authors, editors := metaCredits(doc.BlockText(b))
		if m.Author == "" && len(authors) > 0 {
			m.Author = authors[0]
		}
		m.Editors = append(m.Editors, editors...)
	}
}

// Authors returns every author of the document in order: the names in the
// byline blocks, or when there is no byline, the reporters and writers
// named in the credits ("Reporting by A and B; Writing by C"). Meta.Author
// holds only the first, because the document record has one author field.
func (d *Document) Authors() []string {
	var out []string
	for _, b := range d.Blocks {
		if b.Kind == Byline {
			out = append(out, metaBylineNames(d.BlockText(b))...)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, b := range d.Blocks {
		if b.Kind == Credits {
			authors, _ := metaCredits(d.BlockText(b))
			out = append(out, authors...)
		}
	}
	return out
}

// metaDeskPrefix matches the desk labels Reuters and others put before a
// headline: "Analysis-", "EXCLUSIVE-", "UPDATE 2-", "FACTBOX:", also stacked
// ("EXCLUSIVE-UPDATE 1-").
var metaDeskPrefix = regexp.MustCompile(`^(?:(?i:update|corrected|correction|refile|exclusive|analysis|insight|factbox|explainer|breakingviews|column|focus|wrapup|interview|rpt|special report|preview|feature|opinion|commentary|timeline|highlights|breaking|live|watch|video|graphic|reuters poll|wider image)(?:\s+\d+)?\s*[-:–—]\s*)+`)

// metaSiteSuffix matches a site name after a scraped page title.
var metaSiteSuffix = regexp.MustCompile(`\s+[|–—-]\s+(?:Reuters|Reuters\.com|BBC News|BBC Sport|AP News|The Guardian|CNN|Al Jazeera)$`)

// metaTitle is the headline without desk prefix and site name.
func metaTitle(h string) string {
	t := metaSiteSuffix.ReplaceAllString(h, "")
	if s := metaDeskPrefix.ReplaceAllString(t, ""); s != "" {
		t = s
	}
	return strings.TrimSpace(t)
}

// metaMonthNames maps month names and abbreviations to month numbers.
var metaMonthNames = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

const (
	metaMonthExpr = `(?i:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)`
	metaTimeExpr  = `(?:\s*(?:[,|·•-]|at)?\s*\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*(?:GMT|UTC)(?:[+-]\d{1,2})?|\s*[A-Z]{2,4})?)?`
)

// metaDateRe matches a line that is only a date, in brackets or not, perhaps
// with a weekday, a "Published"/"Updated" label and a time. Groups: month,
// day, year (US order); day, month, year (British order); year, month, day
// (ISO).
var metaDateRe = regexp.MustCompile(`^\[?\s*(?:(?i:published|updated|posted)(?:\s+on)?:?\s+)?` +
	`(?:(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?` +
	`(?:(` + metaMonthExpr + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})` +
	`|(\d{1,2})(?:st|nd|rd|th)?\s+(` + metaMonthExpr + `)\.?,?\s+(\d{4})` +
	`|(\d{4})-(\d{2})-(\d{2}))` + metaTimeExpr + `\s*\]?$`)

// metaParseDate returns the ISO form (YYYY-MM-DD) of a date line.
func metaParseDate(s string) (string, bool) {
	m := metaDateRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", false
	}
	var year, day int
	var month time.Month
	switch {
	case m[1] != "":
		month, day, year = metaMonthNames[strings.ToLower(m[1])], metaAtoi(m[2]), metaAtoi(m[3])
	case m[4] != "":
		day, month, year = metaAtoi(m[4]), metaMonthNames[strings.ToLower(m[5])], metaAtoi(m[6])
	default:
		year, month, day = metaAtoi(m[7]), time.Month(metaAtoi(m[8])), metaAtoi(m[9])
	}
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	if month < 1 || month > 12 || t.Day() != day {
		return "", false // "February 30"
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, int(month), day), true
}

func metaAtoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// metaDatelineExpr matches a dateline at the start of a paragraph: a place
// in capitals, perhaps a date or state after a comma, perhaps the agency in
// parentheses, and a dash: "SEOUL (Reuters) -", "WASHINGTON, March 2 -",
// "SAN JOSE, Calif., Sept 14 (AP) —". Group 1 is the place, group 2 the
// agency.
const metaDatelineExpr = `^(\p{Lu}[\p{Lu}.'’-]+(?:\s+\p{Lu}[\p{Lu}.'’-]*)*)` +
	`(?:\s*,\s*(?:\p{Lu}[\p{L}.]*\s*,?\s*){1,3}(?:\d{1,2})?)?` +
	`\s*(?:\(([^()]{2,40})\))?\s*[-–—]{1,2}\s`

var metaDatelineRe = regexp.MustCompile(metaDatelineExpr)

// DatelineLength returns how many bytes of paragraph p a dateline opens
// ("SEOUL (Reuters) - ", "NAIROBI - "), dash and space included; 0 when
// it opens with none.
func DatelineLength(p string) int {
	if loc := metaDatelineRe.FindStringIndex(p); loc != nil {
		return loc[1]
	}
	return 0
}

// metaDateline returns the place (title case) and agency of the dateline at
// the start of p, or "" and "".
func metaDateline(p string) (place, publisher string) {
	m := metaDatelineRe.FindStringSubmatch(p)
	if m == nil {
		return "", ""
	}
	return metaTitleCase(m[1]), strings.TrimSpace(m[2])
}

// metaTitleCase turns "NEW YORK" into "New York" and "ST. LOUIS" into
// "St. Louis": each letter that follows a letter is lowered.
func metaTitleCase(s string) string {
	var b strings.Builder
	prevLetter := false
	for _, r := range s {
		if prevLetter {
			b.WriteRune(unicode.ToLower(r))
		} else {
			b.WriteRune(r)
		}
		prevLetter = unicode.IsLetter(r) || r == '\'' || r == '’'
	}
	return b.String()
}

// metaNameSep splits a list of names: "A, B and C", "A & B".
var metaNameSep = regexp.MustCompile(`\s*(?:,|;|\band\b|&)\s*`)

// metaPlaceSuffix is a location after a name: "Josh Smith in Seoul".
var metaPlaceSuffix = regexp.MustCompile(`\s+in\s+\p{Lu}.*$`)

// metaNotNames are byline words that name no person.
var metaNotNames = cleanSet("Reuters", "Reuters Staff", "AP", "AFP", "Associated Press",
	"The Associated Press", "Staff", "Staff Writer", "Staff Reporter", "BBC News", "Bloomberg")

// metaNames splits a list of names and drops places and non-names.
func metaNames(s string) []string {
	var out []string
	for _, n := range metaNameSep.Split(s, -1) {
		n = strings.TrimSpace(metaPlaceSuffix.ReplaceAllString(n, ""))
		n = strings.Trim(n, ".()[] ")
		r, _ := utf8.DecodeRuneInString(n)
		if n == "" || !unicode.IsUpper(r) || metaNotNames[n] {
			continue
		}
		out = append(out, n)
	}
	return out
}

// metaBylineNames returns the names in a byline: "By Josh Smith and Hyonhee
// Shin in Seoul" → ["Josh Smith", "Hyonhee Shin"].
func metaBylineNames(s string) []string {
	s = strings.TrimSpace(s)
	if len(s) >= 3 && strings.EqualFold(s[:3], "by ") {
		s = s[3:]
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, " | Reuters"), " - Reuters")
	return metaNames(s)
}

// metaCreditRole matches one part of the credits: a role and names.
var metaCreditRole = regexp.MustCompile(`(?i)^\s*(additional reporting|reporting|writing|editing|compiled|edited|research|produced|reported)\s+by\s+(.+?)\s*$`)

// metaCredits reads "(Reporting by Josh Smith; Editing by Angus MacSwan)":
// the reporters and writers (authors) and the editors. Additional reporting
// is not authorship.
func metaCredits(s string) (authors, editors []string) {
	s = strings.Trim(strings.TrimSpace(s), "()")
	for _, part := range strings.Split(s, ";") {
		m := metaCreditRole.FindStringSubmatch(part)
		if m == nil {
			continue
		}
		names := metaNames(m[2])
		switch strings.ToLower(m[1]) {
		case "reporting", "writing", "reported", "compiled":
			authors = append(authors, names...)
		case "editing", "edited":
			editors = append(editors, names...)
		}
	}
	return authors, editors
}
