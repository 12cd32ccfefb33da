package extract

import (
	"strings"
	"time"

	"kg/schema"
	"kg/when"
)

// factWhen dates a fact of sentence s: the time expression of its clause,
// normalized against the document's date (future clauses look ahead, the
// others back), or the document's date as the date it was reported.
func factWhen(s *sentence, f fact, docDate string) *schema.When {
	if len(f.when) == 0 {
		if docDate == "" {
			return nil
		}
		return &schema.When{Reported: docDate}
	}
	text := s.text(f.when[0], f.when[len(f.when)-1]+1)
	w := &schema.When{Text: text}
	anchor, err := time.Parse(time.DateOnly, docDate)
	tense := when.Past
	switch {
	case f.modality == schema.Future, f.modality == schema.Hedged, f.modality == schema.Hypothetical, f.ahead:
		tense = when.Future // "is expected to approve the loan by August", "plans to leave in July": what has not happened lies ahead
	}
	if v, ok := when.Normalize(text, anchor, tense); ok && (err == nil || absolute(v)) {
		w.Value, w.Precision = v.Value, string(v.Precision)
	}
	return w
}

// absolute reports whether a value holds its own year ("in 2002", "March
// 3, 1987"), so that it does not depend on the document's date.
func absolute(v when.Value) bool {
	for _, f := range strings.FieldsFunc(v.Text, func(r rune) bool { return r < '0' || r > '9' }) {
		if len(f) == 4 {
			return true
		}
	}
	return false
}
