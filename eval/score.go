package eval

// kg eval's scorer: a port of ../shared/eval/score.py that reads the same
// gold files and JSON Lines records and gives the same figures and problem
// lines. The Python semantics it relies on are in python.go. Names
// follow score.py's (entMatch is ent_match, and so on) so the two can be
// read side by side.

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Gold is a gold file in the format of ../shared/eval/gold, checked.
type Gold struct {
	order      []string              // entity names, required then optional, first appearance
	ents       map[string]goldEntity // by name; a repeated name keeps the last record
	required   []string              // the names under "entities", repeats included
	isRequired map[string]bool
	junk       map[string]bool // normalized junk_entities
	relations  []goldRelation
	optional   []goldRelation
	forbidden  []goldRelation
	quotes     []goldQuote
	optQuotes  []goldQuote
	documents  []goldDocument
}

type goldEntity struct {
	class any             // the gold class as written; nil when absent
	names map[string]bool // the normalized name and aliases
}

type goldRelation struct {
	id, why            any // shown with str(); id keys the found set
	s, p, o            []string
	symmetric, negated bool
}

type goldQuote struct {
	id              any
	speaker, starts string
}

type goldDocument struct {
	raw      *pyDict // shown whole when not matched
	titleHas any
	author   string // "" when absent or empty
	date     string
}

// goldError says what is wrong with a gold file, and where.
type goldError struct {
	where, msg string
}

func (e *goldError) Error() string {
	if e.where == "" {
		return e.msg
	}
	return e.where + ": " + e.msg
}

// ParseGold reads a gold file. It is stricter than score.py, which crashes
// on or silently misreads some malformed files: option lists must be
// non-empty lists of strings, and the fields score.py reads must be there.
func ParseGold(data []byte) (*Gold, error) {
	v, err := parseJSON(data)
	if err != nil {
		return nil, &goldError{msg: "not JSON: " + err.Error()}
	}
	doc, ok := v.(*pyDict)
	if !ok {
		return nil, &goldError{msg: "not a JSON object"}
	}
	g := &Gold{ents: map[string]goldEntity{}, isRequired: map[string]bool{}, junk: map[string]bool{}}
	if err := g.parseEntities(doc); err != nil {
		return nil, err
	}
	for _, r := range []struct {
		key     string
		dst     *[]goldRelation
		id, why bool
	}{
		{"relations", &g.relations, true, false},
		{"optional_relations", &g.optional, false, false},
		{"forbidden_relations", &g.forbidden, false, true},
	} {
		if *r.dst, err = parseRelations(doc, r.key, r.id, r.why); err != nil {
			return nil, err
		}
	}
	if g.quotes, err = parseQuotes(doc, "quotes", true); err != nil {
		return nil, err
	}
	if g.optQuotes, err = parseQuotes(doc, "optional_quotes", false); err != nil {
		return nil, err
	}
	if g.documents, err = parseDocuments(doc); err != nil {
		return nil, err
	}
	return g, nil
}

// parseEntities reads entities, optional_entities and junk_entities.
func (g *Gold) parseEntities(doc *pyDict) error {
	for _, key := range []string{"entities", "optional_entities"} {
		list, err := dictList(doc, key)
		if err != nil {
			return err
		}
		for i, e := range list {
			where := fmt.Sprintf("%s[%d]", key, i)
			name, err := strField(e, "name", where)
			if err != nil {
				return err
			}
			ent := goldEntity{class: e.get("class"), names: map[string]bool{normText(name): true}}
			aliases, ok := e.get("aliases").([]any) // of any values: norm() takes them
			if !ok && e.get("aliases") != nil {
				return &goldError{where: where, msg: `"aliases" must be a list`}
			}
			for _, a := range aliases {
				ent.names[normText(a)] = true
			}
			if _, seen := g.ents[name]; !seen {
				g.order = append(g.order, name)
			}
			g.ents[name] = ent
			if key == "entities" {
				g.required = append(g.required, name)
				g.isRequired[name] = true
			}
		}
	}
	for _, name := range g.required {
		if _, ok := g.ents[name].class.(string); !ok {
			return &goldError{where: "entities", msg: fmt.Sprintf("%q has no class", name)}
		}
	}
	junk, err := listField(doc, "junk_entities")
	if err != nil {
		return err
	}
	for _, j := range junk {
		g.junk[normText(j)] = true
	}
	return nil
}

func parseDocuments(doc *pyDict) ([]goldDocument, error) {
	docs, err := dictList(doc, "documents")
	if err != nil {
		return nil, err
	}
	var out []goldDocument
	for i, d := range docs {
		where := fmt.Sprintf("documents[%d]", i)
		gd := goldDocument{raw: d, titleHas: d.get("title_has")}
		if truthy(d.get("author")) {
			if gd.author, err = strField(d, "author", where); err != nil {
				return nil, err
			}
		}
		if truthy(d.get("date")) {
			if gd.date, err = strField(d, "date", where); err != nil {
				return nil, err
			}
		}
		out = append(out, gd)
	}
	return out, nil
}

func parseRelations(doc *pyDict, key string, needID, needWhy bool) ([]goldRelation, error) {
	list, err := dictList(doc, key)
	if err != nil {
		return nil, err
	}
	var out []goldRelation
	for i, d := range list {
		where := fmt.Sprintf("%s[%d]", key, i)
		r := goldRelation{id: d.get("id"), why: d.get("why"), symmetric: truthy(d.get("symmetric")), negated: truthy(d.get("negated"))}
		for _, f := range []struct {
			name string
			dst  *[]string
		}{{"s", &r.s}, {"p", &r.p}, {"o", &r.o}} {
			if *f.dst, err = strs(d, f.name, where); err != nil {
				return nil, err
			}
		}
		if _, ok := d.lookup("id"); needID && !ok {
			return nil, &goldError{where: where, msg: `no "id"`}
		}
		if _, ok := d.lookup("why"); needWhy && !ok {
			return nil, &goldError{where: where, msg: `no "why"`}
		}
		out = append(out, r)
	}
	return out, nil
}

func parseQuotes(doc *pyDict, key string, needID bool) ([]goldQuote, error) {
	list, err := dictList(doc, key)
	if err != nil {
		return nil, err
	}
	var out []goldQuote
	for i, d := range list {
		where := fmt.Sprintf("%s[%d]", key, i)
		q := goldQuote{id: d.get("id")}
		if q.speaker, err = strField(d, "speaker", where); err != nil {
			return nil, err
		}
		if q.starts, err = strField(d, "starts", where); err != nil {
			return nil, err
		}
		if _, ok := d.lookup("id"); needID && !ok {
			return nil, &goldError{where: where, msg: `no "id"`}
		}
		out = append(out, q)
	}
	return out, nil
}

// listField returns doc[key] as a list; absent is empty.
func listField(doc *pyDict, key string) ([]any, error) {
	v, ok := doc.lookup(key)
	if !ok {
		return nil, nil
	}
	l, ok := v.([]any)
	if !ok {
		return nil, &goldError{where: key, msg: "not a list"}
	}
	return l, nil
}

// dictList returns doc[key] as a list of objects; absent is empty.
func dictList(doc *pyDict, key string) ([]*pyDict, error) {
	l, err := listField(doc, key)
	if err != nil {
		return nil, err
	}
	out := make([]*pyDict, len(l))
	for i, v := range l {
		d, ok := v.(*pyDict)
		if !ok {
			return nil, &goldError{where: fmt.Sprintf("%s[%d]", key, i), msg: "not an object"}
		}
		out[i] = d
	}
	return out, nil
}

// strField returns d[key] as a string.
func strField(d *pyDict, key, where string) (string, error) {
	s, ok := d.get(key).(string)
	if !ok {
		return "", &goldError{where: where, msg: fmt.Sprintf("%q must be a string", key)}
	}
	return s, nil
}

// strs returns d[key] as a non-empty list of strings.
func strs(d *pyDict, key, where string) ([]string, error) {
	l, _ := d.get(key).([]any)
	if len(l) == 0 {
		return nil, &goldError{where: where, msg: fmt.Sprintf("%q must be a non-empty list of strings", key)}
	}
	out := make([]string, len(l))
	for i, e := range l {
		var ok bool
		if out[i], ok = e.(string); !ok {
			return nil, &goldError{where: where, msg: fmt.Sprintf("%q must be a list of strings", key)}
		}
	}
	return out, nil
}

// Figures are score.py's figures, in its order.
type Figures struct {
	entityPrecision, entityRecall, entityF1, entityClassAccuracy float64
	entityDuplicates, entityJunk, entityConflations              int
	relationPrecision, relationRecall, relationF1                float64
	relationsAsserted, relationDuplicates, violations            int
	quoteRecall                                                  *float64 // nil: no gold quotes (n/a)
	quoteMisattributed                                           int
	documentMetadata                                             float64
}

type figure struct {
	key string
	val any // float64, int, or nil for n/a
}

func (f Figures) list() []figure {
	var qr any
	if f.quoteRecall != nil {
		qr = *f.quoteRecall
	}
	return []figure{
		{"entity_precision", f.entityPrecision},
		{"entity_recall", f.entityRecall},
		{"entity_f1", f.entityF1},
		{"entity_class_accuracy", f.entityClassAccuracy},
		{"entity_duplicates", f.entityDuplicates},
		{"entity_junk_or_unmatched", f.entityJunk},
		{"entity_conflations", f.entityConflations},
		{"relation_precision", f.relationPrecision},
		{"relation_recall", f.relationRecall},
		{"relation_f1", f.relationF1},
		{"relations_asserted", f.relationsAsserted},
		{"relation_duplicates", f.relationDuplicates},
		{"violations", f.violations},
		{"quote_recall", qr},
		{"quote_misattributed", f.quoteMisattributed},
		{"document_metadata", f.documentMetadata},
	}
}

// String is score.py's last line: key=value, floats with three decimals.
func (f Figures) String() string {
	parts := make([]string, 0, 16)
	for _, x := range f.list() {
		switch v := x.val.(type) {
		case float64:
			parts = append(parts, fmt.Sprintf("%s=%.3f", x.key, v))
		case nil:
			parts = append(parts, x.key+"=n/a")
		default:
			parts = append(parts, fmt.Sprintf("%s=%v", x.key, v))
		}
	}
	return strings.Join(parts, " ")
}

// JSON is what score.py --json prints: json.dumps of the figures.
func (f Figures) JSON() string {
	parts := make([]string, 0, 16)
	for _, x := range f.list() {
		var s string
		switch v := x.val.(type) {
		case float64:
			s = pyFloat(v)
		case nil:
			s = "null"
		default:
			s = fmt.Sprint(v)
		}
		parts = append(parts, fmt.Sprintf("%q: %s", x.key, s))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// asserted are the modalities score.py counts as plain assertions.
var asserted = map[string]bool{"": true, "asserted": true, "fact": true, "none": true, "certain": true,
	"stated": true, "actual": true, "realis": true}

// negative are the polarities score.py reads as negation.
var negative = map[string]bool{"negative": true, "neg": true, "negated": true, "false": true, "no": true}

// scorer scores records against one gold file. It caches norm() of the
// strings it meets, as a dump repeats names many times.
type scorer struct {
	gold    *Gold
	verbose bool // log relations that match nothing in the gold file
	normed  map[string]string
	log     []string
}

func newScorer(g *Gold, verbose bool) *scorer {
	return &scorer{gold: g, verbose: verbose, normed: map[string]string{}}
}

func (s *scorer) norm(v any) string {
	str, ok := v.(string)
	if !ok {
		return normText(v)
	}
	n, ok := s.normed[str]
	if !ok {
		n = normText(str)
		s.normed[str] = n
	}
	return n
}

func (s *scorer) logf(format string, args ...any) {
	s.log = append(s.log, fmt.Sprintf(format, args...))
}

// isName is Gold.names(name) containing t.
func (s *scorer) isName(name, t string) bool {
	if e, ok := s.gold.ents[name]; ok {
		return e.names[t]
	}
	return s.norm(name) == t
}

// entMatch is score.py's ent_match: text names one of the options, by name
// or alias, or contains a multi-word option as whole words.
func (s *scorer) entMatch(text any, options []string) bool {
	t := s.norm(text)
	if t == "" {
		return false
	}
	for _, o := range options {
		if strings.HasPrefix(o, "~") || strings.HasPrefix(o, "!") {
			continue
		}
		if s.isName(o, t) {
			return true
		}
		full := s.norm(o)
		if len(strings.Fields(full)) >= 2 && containsWords(t, full) {
			return true
		}
	}
	return false
}

// containsWords reports whether phrase occurs in t between spaces or the
// ends (score.py's re.search(r"(^| )" + re.escape(full) + r"( |$)", t)).
func containsWords(t, phrase string) bool {
	for from := 0; ; {
		i := strings.Index(t[from:], phrase)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(phrase)
		if (i == 0 || t[i-1] == ' ') && (end == len(t) || t[end] == ' ') {
			return true
		}
		from = i + 1
	}
}

// whichEntities is score.py's which_entities: the gold entities text
// names, exact name or alias matches first, containment after.
func (s *scorer) whichEntities(text any) []string {
	t := s.norm(text)
	var out []string
	if t != "" {
		for _, n := range s.gold.order {
			if s.gold.ents[n].names[t] {
				out = append(out, n)
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, n := range s.gold.order {
		if s.entMatch(text, []string{n}) {
			out = append(out, n)
		}
	}
	return out
}

// litMatch is score.py's lit_match: "~word" matches when the word (plural
// folded) is one of text's words; "!phrase" when the phrase occurs in text
// and not right after "non".
func (s *scorer) litMatch(text any, options []string) bool {
	raw := s.norm(text)
	var toks map[string]bool
	for _, o := range options {
		switch {
		case strings.HasPrefix(o, "~"):
			if toks == nil {
				toks = map[string]bool{}
				for _, w := range strings.Fields(raw) {
					toks[stem(w)] = true
				}
			}
			if toks[stem(s.norm(o[1:]))] {
				return true
			}
		case strings.HasPrefix(o, "!"):
			if bangMatch(raw, s.norm(o[1:])) {
				return true
			}
		}
	}
	return false
}

// bangMatch is the "!phrase" test of lit_match: some occurrence of phrase
// in raw (non-overlapping, left to right) not preceded by "non", either
// directly before the spaces in front of it or within its four preceding
// characters. An empty phrase matches at the start of anything.
func bangMatch(raw, phrase string) bool {
	if phrase == "" {
		return true
	}
	for from := 0; ; {
		i := strings.Index(raw[from:], phrase)
		if i < 0 {
			return false
		}
		i += from
		before := strings.TrimRightFunc(raw[:i], pyIsSpace)
		window := []rune(raw[:i])
		window = window[max(0, len(window)-4):]
		if !strings.HasSuffix(before, "non") && !strings.HasPrefix(string(window), "non") {
			return true
		}
		from = i + len(phrase)
	}
}

// predMatch is score.py's pred_match: a predicate equals an option, starts
// with it as a word, or equals it with spaces removed; "*" matches any
// non-empty predicate.
func (s *scorer) predMatch(preds []any, options []string) bool {
	for _, p := range preds {
		pn := s.norm(p)
		if pn == "" {
			continue
		}
		for _, o := range options {
			if o == "*" {
				return true
			}
			on := s.norm(o)
			if pn == on || strings.HasPrefix(pn, on+" ") ||
				strings.ReplaceAll(pn, " ", "") == strings.ReplaceAll(on, " ", "") {
				return true
			}
		}
	}
	return false
}

// relation is a relation record's fields as score.py's rel_fields sees them.
type relation struct {
	rec     *pyDict
	subject any
	preds   []any // predicate, predicate_text, verb, relation: those that are truthy
	objs    []any // object, qualifier values, recipient/target/location: truthy ones
}

func relFields(r *pyDict) relation {
	rel := relation{rec: r, subject: r.get("subject")}
	for _, k := range []string{"predicate", "predicate_text", "verb", "relation"} {
		if p := r.get(k); truthy(p) {
			rel.preds = append(rel.preds, p)
		}
	}
	objs := []any{r.get("object")}
	if q, ok := r.get("qualifiers").(*pyDict); ok {
		for _, k := range q.keys {
			if v, ok := q.vals[k].(string); ok {
				objs = append(objs, v)
			}
		}
	}
	for _, k := range []string{"recipient", "target", "location"} {
		if v, ok := r.get(k).(string); ok {
			objs = append(objs, v)
		}
	}
	for _, o := range objs {
		if truthy(o) {
			rel.objs = append(rel.objs, o)
		}
	}
	return rel
}

// relMatch is score.py's rel_match: the predicate matches, the subject
// names a gold subject and some object a gold object (an entity or a
// literal); a symmetric gold relation also matches the other way round.
func (s *scorer) relMatch(r relation, g goldRelation) bool {
	if !s.predMatch(r.preds, g.p) {
		return false
	}
	type pair struct {
		subj any
		objs []any
	}
	pairs := []pair{{r.subject, r.objs}}
	if g.symmetric {
		for _, o := range r.objs {
			pairs = append(pairs, pair{o, []any{r.subject}})
		}
	}
	for _, p := range pairs {
		if !s.entMatch(p.subj, g.s) {
			continue
		}
		for _, o := range p.objs {
			if s.entMatch(o, g.o) || s.litMatch(o, g.o) {
				return true
			}
		}
	}
	return false
}

func (s *scorer) isNegative(r *pyDict) bool {
	return negative[s.norm(r.get("polarity"))] || r.get("negated") == true
}

func (s *scorer) isAsserted(r *pyDict) bool {
	return asserted[s.norm(r.get("modality"))] && !s.isNegative(r)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// ratio is a/b, or 0 when b is 0.
func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// quoteRec is a quote record, or a relation whose object is a quote.
type quoteRec struct{ speaker, text any }

// score is score.py's score(): the figures, and the problem lines in the
// order score.py writes them.
func (s *scorer) score(recs []*pyDict) (Figures, []string) {
	var ents, docs []*pyDict
	var rels []relation
	var quotes, relQuotes []quoteRec
	for _, r := range recs {
		switch r.get("type") {
		case "entity":
			ents = append(ents, r)
		case "relation":
			if s.norm(r.get("object_kind")) == "quote" {
				relQuotes = append(relQuotes, quoteRec{r.get("subject"), r.get("object")})
			} else {
				rels = append(rels, relFields(r))
			}
		case "quote":
			quotes = append(quotes, quoteRec{r.get("speaker"), r.get("text")})
		case "document":
			docs = append(docs, r)
		}
	}
	var f Figures
	s.scoreEntities(ents, &f)
	s.scoreRelations(rels, &f)
	s.scoreQuotes(append(quotes, relQuotes...), &f)
	s.scoreDocuments(docs, &f)
	return f, s.log
}

// scoreQuotes is score.py's quote pass: a gold quote is found when some
// quote's text contains its opening words, and right when one of those
// quotes has the gold speaker; every quote whose text holds the opening of
// a gold quote, optional ones included, with another speaker is
// misattributed.
func (s *scorer) scoreQuotes(quotes []quoteRec, f *Figures) {
	right := 0
	for _, g := range s.gold.quotes {
		start := s.norm(g.starts)
		var speakers []any
		ok := false
		for _, q := range quotes {
			if start != "" && strings.Contains(s.norm(q.text), start) {
				speakers = append(speakers, q.speaker)
				ok = ok || s.entMatch(q.speaker, []string{g.speaker})
			}
		}
		switch {
		case len(speakers) == 0:
			s.logf("QUOTE missing: %s", pyStr(g.id))
		case ok:
			right++
		default:
			s.logf("QUOTE misattributed: %s to %s", pyStr(g.id), pyRepr(speakers))
		}
	}
	all := slices.Concat(s.gold.quotes, s.gold.optQuotes)
	for _, q := range quotes {
		t := s.norm(q.text)
		for _, g := range all {
			if st := s.norm(g.starts); st != "" && strings.Contains(t, st) && !s.entMatch(q.speaker, []string{g.speaker}) {
				f.quoteMisattributed++
				break
			}
		}
	}
	if len(s.gold.quotes) > 0 {
		r := ratio(right, len(s.gold.quotes))
		f.quoteRecall = &r
	}
}

// scoreDocuments is score.py's document pass: the share of gold documents
// some document record matches (title words, author, date prefix); 1 when
// the gold file lists none.
func (s *scorer) scoreDocuments(docs []*pyDict, f *Figures) {
	ok := 0
	for _, gd := range s.gold.documents {
		if slices.ContainsFunc(docs, func(d *pyDict) bool { return s.docMatch(gd, d) }) {
			ok++
		} else {
			s.logf("DOCUMENT metadata missing or wrong: %s", pyRepr(gd.raw))
		}
	}
	f.documentMetadata = 1
	if len(s.gold.documents) > 0 {
		f.documentMetadata = ratio(ok, len(s.gold.documents))
	}
}

func (s *scorer) docMatch(gd goldDocument, d *pyDict) bool {
	if !strings.Contains(s.norm(d.get("title")), s.norm(gd.titleHas)) {
		return false
	}
	if gd.author != "" && !s.entMatch(d.get("author"), []string{gd.author}) &&
		!strings.Contains(s.norm(d.get("author")), s.norm(gd.author)) {
		return false
	}
	if gd.date != "" {
		date, ok := d.lookup("date")
		if !ok {
			date = ""
		}
		return strings.HasPrefix(pyStr(date), gd.date)
	}
	return true
}

// scoreEntities is score.py's entity pass: each entity record is junk,
// unmatched, an optional entity, a duplicate of a gold entity already
// found, or a hit whose class is checked; one naming several required gold
// entities (by name and aliases) is also a conflation.
func (s *scorer) scoreEntities(ents []*pyDict, f *Figures) {
	hit := map[string]bool{}
	opt, typed := 0, 0
	for _, e := range ents {
		name := e.get("name")
		matched := map[string]bool{}
		for _, n := range append([]any{name}, aliasList(e.get("aliases"))...) {
			for _, m := range s.whichEntities(n) {
				matched[m] = true
			}
		}
		var req []string
		for m := range matched {
			if s.gold.isRequired[m] {
				req = append(req, m)
			}
		}
		sort.Strings(req)
		if len(req) > 1 {
			f.entityConflations++
			s.logf("ENTITY conflated: %s -> %s", pyRepr(name), pyRepr(req))
		}
		primary := s.whichEntities(name)
		if len(primary) == 0 {
			// score.py takes req in set order here, which Python does not
			// fix; sorted is one of the orders it may take.
			primary = req
		}
		if s.gold.junk[s.norm(name)] {
			f.entityJunk++
			s.logf("ENTITY junk: %s", pyRepr(name))
			continue
		}
		if len(primary) == 0 {
			f.entityJunk++
			s.logf("ENTITY unmatched: %s (%s)", pyRepr(name), pyStr(e.get("class")))
			continue
		}
		m := primary[0]
		if !s.gold.isRequired[m] {
			opt++
			continue
		}
		if hit[m] {
			f.entityDuplicates++
			s.logf("ENTITY duplicate: %s again for %s", pyRepr(name), pyRepr(m))
			continue
		}
		hit[m] = true
		want := s.gold.ents[m].class
		if c, ok := want.(string); ok && s.coarse(e.get("class")) == c {
			typed++
		} else {
			s.logf("ENTITY wrong class: %s %s want %s", pyRepr(name), pyRepr(e.get("class")), pyStr(want))
		}
	}
	for _, m := range s.gold.required {
		if !hit[m] {
			s.logf("ENTITY missing: %s", pyRepr(m))
		}
	}
	f.entityPrecision = ratio(len(hit), len(ents)-opt)
	f.entityRecall = ratio(len(hit), len(s.gold.required))
	f.entityF1 = f1(f.entityPrecision, f.entityRecall)
	f.entityClassAccuracy = ratio(typed, len(hit))
}

// aliasList is list(e.get("aliases") or []): a list's items, a string's
// characters, an object's keys. Other values (score.py fails on them) give
// no aliases.
func aliasList(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case string:
		var out []any
		for _, r := range x {
			out = append(out, string(r))
		}
		return out
	case *pyDict:
		out := make([]any, len(x.keys))
		for i, k := range x.keys {
			out[i] = k
		}
		return out
	}
	return nil
}

// scoreRelations is score.py's relation pass: recall over the required
// gold relations (any non-negated record), violations of the forbidden
// ones, and precision over the asserted positive records, each distinct
// (subject, predicate, object) once.
func (s *scorer) scoreRelations(rels []relation, f *Figures) {
	found := map[string]bool{}
	for _, g := range s.gold.relations {
		for _, r := range rels {
			if !s.isNegative(r.rec) && s.relMatch(r, g) {
				found[pyRepr(g.id)] = true
				break
			}
		}
	}
	for _, g := range s.gold.relations {
		if !found[pyRepr(g.id)] {
			s.logf("RELATION missing: %s: %s %s %s", pyStr(g.id), g.s[0], g.p[0], g.o[0])
		}
	}
	seen := map[[3]string]bool{}
	correct := 0
	gold := slices.Concat(s.gold.relations, s.gold.optional)
	for _, r := range rels {
		for _, g := range s.gold.forbidden {
			switch {
			case g.negated:
				// score.py matches a copy made positive; rel_match
				// does not look at polarity.
				if s.isNegative(r.rec) && s.relMatch(r, g) {
					f.violations++
					s.logf("RELATION forbidden (%s): %s %s %s [negated]", pyStr(g.why), pyStr(r.subject), first(r.preds), first(r.objs))
				}
			case s.isAsserted(r.rec) && s.relMatch(r, g):
				f.violations++
				s.logf("RELATION forbidden (%s): %s %s %s", pyStr(g.why), pyStr(r.subject), first(r.preds), first(r.objs))
			}
		}
		if !s.isAsserted(r.rec) {
			continue
		}
		f.relationsAsserted++
		key := [3]string{s.norm(r.subject), "", ""}
		if len(r.preds) > 0 {
			key[1] = s.norm(r.preds[0])
		}
		if len(r.objs) > 0 {
			key[2] = s.norm(r.objs[0])
		}
		if seen[key] {
			f.relationDuplicates++
			s.logf("RELATION duplicate: (%s, %s, %s)", pyReprString(key[0]), pyReprString(key[1]), pyReprString(key[2]))
			continue
		}
		seen[key] = true
		matched := false
		for _, g := range gold {
			if s.relMatch(r, g) {
				matched = true
				break
			}
		}
		if matched {
			correct++
		} else if s.verbose {
			s.logf("RELATION unmatched: %s | %s | %s", pyStr(r.subject), first(r.preds), first(r.objs))
		}
	}
	f.relationPrecision = ratio(correct, f.relationsAsserted)
	f.relationRecall = ratio(len(found), len(s.gold.relations))
	f.relationF1 = f1(f.relationPrecision, f.relationRecall)
}

// first is repr(list[:1]).
func first(l []any) string {
	return pyRepr(l[:min(1, len(l))])
}

// coarse is score.py's coarse(): the last word of the normalized class,
// mapped to Person, Organization or Place when it is one of their names.
func (s *scorer) coarse(class any) string {
	c := s.norm(class)
	if fields := strings.Fields(c); len(fields) > 0 {
		c = fields[len(fields)-1]
	}
	for _, k := range coarseClasses {
		for _, w := range k.words {
			if c == w {
				return k.class
			}
		}
	}
	return c
}

// coarseClasses are the words score.py's coarse() maps to each class.
var coarseClasses = []struct {
	class string
	words []string
}{
	{"Person", []string{"person", "per", "people", "human"}},
	{"Organization", []string{"organization", "organisation", "org", "company", "agency", "university",
		"institution", "corporation", "newsagency", "educationalorganization", "collegeoruniversity",
		"governmentorganization", "ngo", "party"}},
	{"Place", []string{"place", "gpe", "loc", "location", "country", "city", "region", "facility", "fac",
		"state", "continent", "administrativearea", "landform", "spaceport"}},
}
