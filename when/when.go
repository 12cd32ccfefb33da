// Package when reads the temporal expressions of news text — "on
// Wednesday", "in April", "last week", "earlier this year", "fiscal 1987",
// "from 1985 to 1987" — and normalizes them against the date an article was
// published, to ISO 8601 values with their precision: "on Wednesday" in an
// article of Thursday 14 September 2023 is 2023-09-13; "in April" is the
// most recent April not after the article (2023-04); "last week" is the
// ISO week before (2023-W36).
//
// Normalize is the entry point. It reads one expression, as a clause's
// temporal modifier gives it (with or without its preposition); it looks
// nothing up: the rules are the calendar's.
package when

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a Value is known.
type Precision string

// The precisions of a Value, finest first.
const (
	Day     Precision = "day"     // 2023-09-13
	Week    Precision = "week"    // 2023-W36
	Month   Precision = "month"   // 2023-04
	Quarter Precision = "quarter" // 2023-Q1
	Half    Precision = "half"    // 2023-H1
	Year    Precision = "year"    // 2023
	Decade  Precision = "decade"  // 1990/1999
)

// Value is a normalized temporal expression.
type Value struct {
	Text      string    // the expression as written
	Value     string    // ISO 8601: a date, week, month, year, or an interval "A/B"; quarters and halves as 2023-Q1, 2023-H1
	Precision Precision // of Value; a range has the precision of its ends
	Fiscal    bool      // a fiscal year or quarter ("fiscal 1987"), whose calendar months are the company's
}

// Tense tells which way an expression without a year or a direction points:
// "on Wednesday" in a report of what happened is the last Wednesday, in a
// report of what will happen the next one.
type Tense int

// The tenses of the clause an expression modifies.
const (
	Past   Tense = iota // happened (the default)
	Future              // will happen
)

// Normalize reads one temporal expression (text, with or without a
// leading preposition: "on Wednesday", "Wednesday", "in the first
// quarter") against anchor, the date of the article, and returns its value;
// false when text is no expression Normalize knows.
func Normalize(text string, anchor time.Time, tense Tense) (Value, bool) {
	s := strings.ToLower(strings.Join(strings.Fields(text), " "))
	s = strings.TrimRight(s, ".,;:")
	s = leadIn.ReplaceAllString(s, "")
	anchor = time.Date(anchor.Year(), anchor.Month(), anchor.Day(), 0, 0, 0, 0, time.UTC)
	for _, r := range rules {
		m := r.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		if v, ok := r.fn(m, anchor, tense); ok {
			v.Text = text
			return v, true
		}
	}
	return Value{}, false
}

// leadIn is what may stand before an expression without changing it: a
// preposition, and times of day after a day ("Wednesday night").
var leadIn = regexp.MustCompile(`^(?:(?:on|in|during|at|by|since|until|till|through|throughout|for|of|from|as of|as early as|as late as|late|early|earlier|later)\s+)+`)

// rule is one kind of expression: a pattern over the lower-cased text and
// what it means.
type rule struct {
	re *regexp.Regexp
	fn func(m []string, anchor time.Time, tense Tense) (Value, bool)
}

const (
	monthRe   = `(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?`
	weekdayRe = `(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thu|fri|sat|sun)\.?`
	partOfDay = `(?:\s+(?:morning|afternoon|evening|night))?`
	yearRe    = `((?:1[89]|20)\d\d)`
	numberRe  = `(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)`
	ordinalRe = `(first|second|third|fourth|1st|2nd|3rd|4th)`
)

// rules are tried in order; the first that matches and makes sense wins.
// (Set in init: a range's ends are read with Normalize, which reads rules.)
var rules []rule

func init() {
	rules = []rule{
		// Ranges: "from 1985 to 1987", "between March and May", "1985-87".
		{regexp.MustCompile(`^(?:from\s+|between\s+)?(.+?)\s*(?:\bto\b|\band\b|\bthrough\b|-|–)\s*(.+)$`), rangeRule},
		// Relative days.
		{regexp.MustCompile(`^(yesterday|today|tonight|tomorrow|this morning|this afternoon|this evening|last night)$`), relativeDay},
		{regexp.MustCompile(`^` + numberRe + `\s+(day|week|month|year)s?\s+(ago|earlier|later|from now)$`), agoRule},
		// Weekdays: "Wednesday", "last Wednesday", "next Wednesday", "Wednesday night".
		{regexp.MustCompile(`^(?:(last|this|next|this past|this coming)\s+)?` + weekdayRe + partOfDay + `$`), weekdayRule},
		// Dates: "September 12", "Sept. 12, 2023", "12 September 2023", "Sept 12th".
		{regexp.MustCompile(`^` + monthRe + `\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+` + yearRe + `)?$`), monthDayRule},
		{regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthRe + `(?:,?\s+` + yearRe + `)?$`), dayMonthRule},
		{regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`), isoDateRule},
		// Months: "April", "April 2023", "last April", "early April".
		{regexp.MustCompile(`^(?:(last|this|next)\s+)?` + monthRe + `(?:,?\s+` + yearRe + `)?$`), monthRule},
		// Weeks, months, years relative to the anchor.
		// ("the previous year", "the following month" count from a time the
		// text names, not from the article's date: no value)
		{regexp.MustCompile(`^(?:(?:earlier|later)\s+)?(last|this|next|past|the past|the coming)\s+(week|month|year|quarter)$`), relativeUnit},
		// Quarters and halves: "the first quarter", "the fourth quarter of 1986", "first-half".
		{regexp.MustCompile(`^(?:the\s+)?(fiscal\s+)?` + ordinalRe + `(\s+fiscal)?[\s-]+(quarter|half)(?:\s+of)?(\s+fiscal)?(?:\s+year)?(?:\s+` + yearRe + `)?$`), quarterRule},
		// Years: "2002", "fiscal 1987", "the 1990s", "mid-1987".
		{regexp.MustCompile(`^(?:the\s+)?(fiscal(?:\s+year)?\s+)?(?:mid-|early\s+|late\s+)?` + yearRe + `(\s+fiscal(?:\s+year)?)?$`), yearRule},
		{regexp.MustCompile(`^(?:the\s+)?(?:early\s+|late\s+|mid-)?((?:1[89]|20)\d)0s$`), decadeRule},
	}
}

// rangeRule reads "A to B" when both ends are expressions of one precision.
func rangeRule(m []string, anchor time.Time, tense Tense) (Value, bool) {
	a, b := m[1], m[2]
	if len(b) == 2 && len(a) == 4 && isDigits(a) && isDigits(b) { // "1985-87"
		b = a[:2] + b
	}
	va, okA := Normalize(a, anchor, tense)
	vb, okB := Normalize(b, anchor, tense)
	if !okA || !okB || va.Precision != vb.Precision || strings.Contains(va.Value, "/") || strings.Contains(vb.Value, "/") {
		return Value{}, false
	}
	if vb.Value < va.Value { // "from November to February": the end is in the next year
		nb, ok := Normalize(b, addYears(anchor, 1), Past)
		if !ok || nb.Value < va.Value {
			return Value{}, false
		}
		vb = nb
	}
	return Value{Value: va.Value + "/" + vb.Value, Precision: va.Precision, Fiscal: va.Fiscal || vb.Fiscal}, true
}

func relativeDay(m []string, anchor time.Time, _ Tense) (Value, bool) {
	d := anchor
	switch m[1] {
	case "yesterday", "last night":
		d = anchor.AddDate(0, 0, -1)
	case "tomorrow":
		d = anchor.AddDate(0, 0, 1)
	}
	return day(d), true
}

func agoRule(m []string, anchor time.Time, _ Tense) (Value, bool) {
	n := number(m[1])
	if n <= 0 {
		return Value{}, false
	}
	if m[3] == "ago" || m[3] == "earlier" {
		n = -n
	}
	switch m[2] {
	case "day":
		return day(anchor.AddDate(0, 0, n)), true
	case "week":
		return week(anchor.AddDate(0, 0, 7*n)), true
	case "month":
		return month(addMonths(anchor, n)), true
	default:
		return Value{Value: strconv.Itoa(anchor.Year() + n), Precision: Year}, true
	}
}

func weekdayRule(m []string, anchor time.Time, tense Tense) (Value, bool) {
	wd, ok := weekdays[m[2]]
	if !ok {
		return Value{}, false
	}
	back := int(anchor.Weekday()-wd+7) % 7 // days since the last such weekday, 0 today
	switch m[1] {
	case "last", "this past":
		if back == 0 {
			back = 7
		}
		return day(anchor.AddDate(0, 0, -back)), true
	case "next", "this coming":
		fwd := (7 - back) % 7
		if fwd == 0 {
			fwd = 7
		}
		return day(anchor.AddDate(0, 0, fwd)), true
	}
	if tense == Future {
		return day(anchor.AddDate(0, 0, (7-back)%7)), true
	}
	return day(anchor.AddDate(0, 0, -back)), true
}

func monthDayRule(m []string, anchor time.Time, tense Tense) (Value, bool) {
	return dateOf(months[m[1]], m[2], m[3], anchor, tense)
}

func dayMonthRule(m []string, anchor time.Time, tense Tense) (Value, bool) {
	return dateOf(months[m[2]], m[1], m[3], anchor, tense)
}

func isoDateRule(m []string, _ time.Time, _ Tense) (Value, bool) {
	t, err := time.Parse(time.DateOnly, m[0])
	if err != nil {
		return Value{}, false
	}
	return day(t), true
}

// dateOf is a day of a month, in the year given or, without one, the year
// that puts it nearest the anchor on the side of the tense.
func dateOf(mo time.Month, dayText, yearText string, anchor time.Time, tense Tense) (Value, bool) {
	d, _ := strconv.Atoi(dayText)
	if mo == 0 || d < 1 || d > 31 {
		return Value{}, false
	}
	y := anchor.Year()
	if yearText != "" {
		y, _ = strconv.Atoi(yearText)
	}
	t := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	if t.Month() != mo { // February 30
		return Value{}, false
	}
	if yearText == "" {
		switch {
		case tense == Past && t.After(anchor.AddDate(0, 0, 7)): // a week of slack: dates in the next days are announced
			t = t.AddDate(-1, 0, 0)
		case tense == Future && t.Before(anchor.AddDate(0, 0, -7)):
			t = t.AddDate(1, 0, 0)
		}
	}
	return day(t), true
}

func monthRule(m []string, anchor time.Time, tense Tense) (Value, bool) {
	mo := months[m[2]]
	if mo == 0 {
		return Value{}, false
	}
	if m[3] != "" {
		y, _ := strconv.Atoi(m[3])
		return month(time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC)), true
	}
	t := time.Date(anchor.Year(), mo, 1, 0, 0, 0, 0, time.UTC)
	cur := time.Date(anchor.Year(), anchor.Month(), 1, 0, 0, 0, 0, time.UTC)
	switch {
	case m[1] == "last":
		if !t.Before(cur) {
			t = t.AddDate(-1, 0, 0)
		}
	case m[1] == "next":
		if !t.After(cur) {
			t = t.AddDate(1, 0, 0)
		}
	case m[1] == "this":
	case tense == Future:
		if t.Before(cur) {
			t = t.AddDate(1, 0, 0)
		}
	default: // the most recent such month not after the anchor's
		if t.After(cur) {
			t = t.AddDate(-1, 0, 0)
		}
	}
	return month(t), true
}

func relativeUnit(m []string, anchor time.Time, _ Tense) (Value, bool) {
	n := 0
	switch m[1] {
	case "last", "past", "the past":
		n = -1
	case "next", "the coming":
		n = 1
	}
	switch m[2] {
	case "week":
		return week(anchor.AddDate(0, 0, 7*n)), true
	case "month":
		return month(addMonths(anchor, n)), true
	case "quarter":
		q := quarterOf(anchor) + n
		y := anchor.Year()
		for q < 1 {
			q, y = q+4, y-1
		}
		for q > 4 {
			q, y = q-4, y+1
		}
		return Value{Value: fmt.Sprintf("%d-Q%d", y, q), Precision: Quarter}, true
	default:
		return Value{Value: strconv.Itoa(anchor.Year() + n), Precision: Year}, true
	}
}

func quarterRule(m []string, anchor time.Time, tense Tense) (Value, bool) {
	n := ordinals[m[2]]
	unit, prec, count := "Q", Quarter, 4
	if m[4] == "half" {
		unit, prec, count = "H", Half, 2
	}
	if n < 1 || n > count {
		return Value{}, false
	}
	fiscal := m[1] != "" || m[3] != "" || m[5] != ""
	y := anchor.Year()
	if m[6] != "" {
		y, _ = strconv.Atoi(m[6])
	} else if !fiscal {
		// The period named without a year: this year's, or last year's when
		// this year's has not begun and the clause is in the past.
		start := time.Date(y, time.Month(1+(n-1)*12/count), 1, 0, 0, 0, 0, time.UTC)
		if tense == Past && start.After(anchor) {
			y--
		}
	}
	return Value{Value: fmt.Sprintf("%d-%s%d", y, unit, n), Precision: prec, Fiscal: fiscal}, true
}

func yearRule(m []string, _ time.Time, _ Tense) (Value, bool) {
	return Value{Value: m[2], Precision: Year, Fiscal: m[1] != "" || m[3] != ""}, true
}

func decadeRule(m []string, _ time.Time, _ Tense) (Value, bool) {
	return Value{Value: m[1] + "0/" + m[1] + "9", Precision: Decade}, true
}

// day, week and month are the values of a day, its ISO week and its month.
func day(t time.Time) Value { return Value{Value: t.Format(time.DateOnly), Precision: Day} }

func week(t time.Time) Value {
	y, w := t.ISOWeek()
	return Value{Value: fmt.Sprintf("%d-W%02d", y, w), Precision: Week}
}

func month(t time.Time) Value { return Value{Value: t.Format("2006-01"), Precision: Month} }

// addMonths moves t by n months, on the first of the month (no day
// overflow: 31 March minus one month is February).
func addMonths(t time.Time, n int) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0)
}

func addYears(t time.Time, n int) time.Time { return time.Date(t.Year()+n, 1, 1, 0, 0, 0, 0, time.UTC) }

func quarterOf(t time.Time) int { return (int(t.Month())-1)/3 + 1 }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// number reads a count: digits or a word.
func number(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return numberWords[s]
}

var numberWords = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

var ordinals = map[string]int{"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}

var weekdays = map[string]time.Weekday{
	"monday": time.Monday, "mon": time.Monday, "tuesday": time.Tuesday, "tues": time.Tuesday, "tue": time.Tuesday,
	"wednesday": time.Wednesday, "wed": time.Wednesday, "thursday": time.Thursday, "thurs": time.Thursday, "thu": time.Thursday,
	"friday": time.Friday, "fri": time.Friday, "saturday": time.Saturday, "sat": time.Saturday, "sunday": time.Sunday, "sun": time.Sunday,
}

var months = map[string]time.Month{
	"january": time.January, "jan": time.January, "february": time.February, "feb": time.February,
	"march": time.March, "mar": time.March, "april": time.April, "apr": time.April, "may": time.May,
	"june": time.June, "jun": time.June, "july": time.July, "jul": time.July, "august": time.August, "aug": time.August,
	"september": time.September, "sept": time.September, "sep": time.September, "october": time.October, "oct": time.October,
	"november": time.November, "nov": time.November, "december": time.December, "dec": time.December,
}
