package graph

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"kg/schema"
)

// DateRange is a run of days, From and To both included, each a time at
// midnight UTC. A zero From or To leaves that side open: the zero
// DateRange is every day.
type DateRange struct {
	From, To time.Time
}

// IsZero reports whether r is open on both sides.
func (r DateRange) IsZero() bool {
	return r.From.IsZero() && r.To.IsZero()
}

// Overlaps reports whether r and o share a day.
func (r DateRange) Overlaps(o DateRange) bool {
	return (r.From.IsZero() || o.To.IsZero() || !o.To.Before(r.From)) &&
		(r.To.IsZero() || o.From.IsZero() || !o.From.After(r.To))
}

// String returns r as an ISO 8601 interval of days, "2023-09-01/2023-09-30",
// with ".." for an open side.
func (r DateRange) String() string {
	day := func(t time.Time) string {
		if t.IsZero() {
			return ".."
		}
		return t.Format(time.DateOnly)
	}
	return day(r.From) + "/" + day(r.To)
}

// ParseDate returns the days an ISO 8601 date value covers, as kg writes
// the dates of facts (schema.When): a day "2023-09-13", an ISO week
// "2023-W36" (Monday to Sunday), a month "2023-04", a quarter "2023-Q1",
// a half "2023-H1", a year "2023", or an interval of two of them,
// "1985/1987" or "1990/1999" (a decade), from the first day of the one to
// the last day of the other. A fiscal period counts as the calendar's.
func ParseDate(value string) (DateRange, error) {
	if a, b, ok := strings.Cut(value, "/"); ok {
		from, err1 := parsePeriod(a)
		to, err2 := parsePeriod(b)
		if err1 != nil || err2 != nil || to.To.Before(from.From) {
			return DateRange{}, fmt.Errorf("graph: date %q: want an interval FROM/TO of two dates, the first not after the second", value)
		}
		return DateRange{From: from.From, To: to.To}, nil
	}
	return parsePeriod(value)
}

// DateBound returns the first day of the date value, or with last its last
// day: "2023-09" is 2023-09-01 as a lower bound of a range and 2023-09-30
// as an upper one. value is a date ParseDate reads that is no interval.
func DateBound(value string, last bool) (time.Time, error) {
	r, err := parsePeriod(value)
	if err != nil {
		return time.Time{}, err
	}
	if last {
		return r.To, nil
	}
	return r.From, nil
}

// dateForms are the date values ParseDate reads outside an interval: a
// pattern of numbers and the days they cover.
var dateForms = []struct {
	re   *regexp.Regexp
	days func(n []int) (DateRange, bool)
}{
	{regexp.MustCompile(`^(\d{4})$`), func(n []int) (DateRange, bool) { return months(n[0], 1, 12) }},
	{regexp.MustCompile(`^(\d{4})-(\d{2})$`), func(n []int) (DateRange, bool) { return months(n[0], n[1], 1) }},
	{regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`), dayOf},
	{regexp.MustCompile(`^(\d{4})-W(\d{2})$`), isoWeek},
	{regexp.MustCompile(`^(\d{4})-Q([1-4])$`), func(n []int) (DateRange, bool) { return months(n[0], 3*n[1]-2, 3) }},
	{regexp.MustCompile(`^(\d{4})-H([12])$`), func(n []int) (DateRange, bool) { return months(n[0], 6*n[1]-5, 6) }},
}

// parsePeriod reads one date value that is no interval.
func parsePeriod(s string) (DateRange, error) {
	for _, f := range dateForms {
		m := f.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		n := make([]int, len(m)-1)
		for i, d := range m[1:] {
			n[i], _ = strconv.Atoi(d) // digits only
		}
		if r, ok := f.days(n); ok {
			return r, nil
		}
		break
	}
	return DateRange{}, fmt.Errorf("graph: date %q: want YYYY, YYYY-MM or YYYY-MM-DD (or a week YYYY-Www, a quarter YYYY-Qn, a half YYYY-Hn)", s)
}

// months returns the days of count months from month m of year y.
func months(y, m, count int) (DateRange, bool) {
	if m < 1 || m > 12 {
		return DateRange{}, false
	}
	from := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
	return DateRange{From: from, To: from.AddDate(0, count, -1)}, true
}

// dayOf returns the day year-month-day, which must exist.
func dayOf(n []int) (DateRange, bool) {
	t := time.Date(n[0], time.Month(n[1]), n[2], 0, 0, 0, 0, time.UTC)
	if t.Year() != n[0] || int(t.Month()) != n[1] || t.Day() != n[2] {
		return DateRange{}, false // 2023-02-30
	}
	return DateRange{From: t, To: t}, true
}

// isoWeek returns Monday to Sunday of ISO week n[1] of year n[0].
func isoWeek(n []int) (DateRange, bool) {
	jan4 := time.Date(n[0], time.January, 4, 0, 0, 0, 0, time.UTC) // always in week 1
	monday := jan4.AddDate(0, 0, -(int(jan4.Weekday())+6)%7+7*(n[1]-1))
	if y, w := monday.ISOWeek(); y != n[0] || w != n[1] {
		return DateRange{}, false // week 0, or 53 of a year of 52
	}
	return DateRange{From: monday, To: monday.AddDate(0, 0, 6)}, true
}

// FactDates returns the days a fact's date covers: its When.Value (the
// time its sentence names, "on Wednesday" → 2023-09-13, "in April" →
// 2023-04, "from 1985 to 1987" → 1985/1987), else its When.Reported (the
// date of the document that states it); false when it has neither, or
// neither is a date ParseDate reads.
func FactDates(r schema.Relation) (DateRange, bool) {
	return whenDates(r.When)
}

// whenDates is FactDates of a fact dated w.
func whenDates(w *schema.When) (DateRange, bool) {
	if w == nil {
		return DateRange{}, false
	}
	for _, v := range []string{w.Value, w.Reported} {
		if v == "" {
			continue
		}
		if r, err := ParseDate(v); err == nil {
			return r, true
		}
	}
	return DateRange{}, false
}

// dateText returns the date a fact shows: When.Value, else When.Reported;
// "" when undated.
func dateText(w *schema.When) string {
	if w == nil {
		return ""
	}
	return cmp.Or(w.Value, w.Reported)
}

// factWhen picks the date a fact merged over several statements shows,
// from the dates of its statements in evidence order: the first one its
// sentence names with a value (when it happened), else the earliest date
// a document reported it on, else the first time named without a value;
// nil when there is none.
func factWhen(dates []schema.When) *schema.When {
	var reported, named *schema.When
	for i := range dates {
		d := &dates[i]
		switch {
		case d.Value != "":
			w := *d
			return &w
		case d.Reported != "" && (reported == nil || d.Reported < reported.Reported):
			reported = d
		case d.Text != "" && named == nil:
			named = d
		}
	}
	for _, d := range []*schema.When{reported, named} {
		if d != nil {
			w := *d
			return &w
		}
	}
	return nil
}

// mergeSpans sorts ranges and joins those that overlap or touch (one ends
// the day before the other starts). The ranges must be closed.
func mergeSpans(rs []DateRange) []DateRange {
	slices.SortFunc(rs, func(a, b DateRange) int { return cmp.Or(a.From.Compare(b.From), a.To.Compare(b.To)) })
	var out []DateRange
	for _, r := range rs {
		if n := len(out); n > 0 && !r.From.After(out[n-1].To.AddDate(0, 0, 1)) {
			if r.To.After(out[n-1].To) {
				out[n-1].To = r.To
			}
			continue
		}
		out = append(out, r)
	}
	return out
}
