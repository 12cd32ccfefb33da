package extract

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"kg/article"
	"kg/ner"
	"kg/schema"
)

// Extractor turns cleaned documents into facts. It holds the NLP model and
// the word lists, loaded once by New; one Extractor serves any number of
// documents and goroutines.
type Extractor struct {
	tag *tagger
	gaz *gazetteer
	ner *ner.Model
}

// New loads the model and word lists. It is slow (about a second): create
// one Extractor per process.
func New() (*Extractor, error) {
	g, err := loadGazetteer()
	if err != nil {
		return nil, err
	}
	t, err := newTagger()
	if err != nil {
		return nil, err
	}
	m, err := ner.Default()
	if err != nil {
		return nil, err
	}
	return &Extractor{tag: t, gaz: g, ner: m}, nil
}

// sentence is one tagged sentence of a document.
type sentence struct {
	span
	idx    int               // position in the document
	block  int               // index of its block
	kind   article.BlockKind // kind of its block
	doc    string            // the document text
	toks   []token
	m0, m1 int               // its mentions: [m0, m1) of the document's mentions
	quote  []int             // per token: index of the quote it is inside, or -1
	quotes []*quoteCandidate // the document's quotes
}

func (s *sentence) mentions(ms []Mention) []Mention { return ms[s.m0:s.m1] }

// text of the sentence.
func (s *sentence) String() string { return s.doc[s.Start:s.End] }

// Extract finds the entities, relations and quotes of d. Every offset in the
// result is a byte offset into d.Text, which the result carries as Text.
func (x *Extractor) Extract(ctx context.Context, d *article.Document) (*schema.Extraction, error) {
	if len(d.Text) > maxTextBytes {
		return nil, article.ErrTextTooLong
	}
	sents, ms, err := x.analyze(ctx, d)
	if err != nil {
		return nil, err
	}
	ents := mergeMentions(ms)
	quotes := findQuotes(d, sents, ms, ents)
	var facts []located
	dis := newDiscourse(ents)
	for _, s := range sents {
		if !factBlock(s.kind) {
			continue
		}
		for _, f := range x.sentenceFacts(s, ms, ents, dis) {
			facts = append(facts, located{f, s})
		}
	}
	out := &schema.Extraction{Document: d.Meta, Text: d.Text}
	out.Entities = entityRecords(ents, ms, d.Meta.ID)
	out.Relations = relationRecords(facts, ents, d.Meta.ID)
	out.Quotes = quoteRecords(quotes, ents, d.Text, d.Meta.ID)
	return out, nil
}

// factBlock reports whether facts are read from blocks of kind k.
func factBlock(k article.BlockKind) bool {
	return k == article.Body || k == article.Headline || k == article.Subtitle || k == article.Caption
}

// analyze splits every block into sentences, tags them (prose for parts of
// speech, kg's own model for entity labels, over the whole document at
// once) and finds their mentions.
func (x *Extractor) analyze(ctx context.Context, d *article.Document) ([]*sentence, []Mention, error) {
	var sents []*sentence
	var words [][]string
	for bi, b := range d.Blocks {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		for _, sp := range capSentences(d.Text, splitSentences(d.Text[b.Start:b.End], b.Start)) {
			toks, err := x.tag.tag(d.Text[sp.Start:sp.End], sp.Start)
			if err != nil {
				return nil, nil, fmt.Errorf("extract: %s: %w", d.Meta.Source, err)
			}
			sents = append(sents, &sentence{span: sp, idx: len(sents), block: bi, kind: b.Kind, doc: d.Text, toks: toks})
			words = append(words, nerWords(toks))
		}
	}
	labels := x.ner.TagDocument(words, nil)
	var ms []Mention
	for i, s := range sents {
		for j := range s.toks {
			s.toks[j].NER = nerClass(labels[i][j])
		}
		s.m0 = len(ms)
		for _, m := range x.gaz.findMentions(d.Text, s.toks) {
			m.sent = s.idx
			ms = append(ms, m)
		}
		s.m1 = len(ms)
	}
	defineAcronyms(sents, ms)
	kept := resolveUntyped(append([]Mention(nil), ms...))
	for _, s := range sents { // renumber each sentence's range of mentions
		s.m0 = sort.Search(len(kept), func(i int) bool { return kept[i].sent >= s.idx })
		s.m1 = sort.Search(len(kept), func(i int) bool { return kept[i].sent > s.idx })
		s.toks = retagVerbs(s.toks, kept[s.m0:s.m1])
	}
	return sents, kept, nil
}

// nerWords are the words of a sentence as the entity model reads them:
// typographic quotes written plain, as in its training data.
func nerWords(toks []token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = nerQuotes.Replace(t.Text)
	}
	return out
}

var nerQuotes = strings.NewReplacer("\u201c", `"`, "\u201d", `"`, "\u2018", "'", "\u2019", "'")

// nerClass turns a model label ("B-PER", "I-LOC") into the entity label the
// mention rules read ("PERSON", "GPE", "ORGANIZATION", "MISC"), or "".
func nerClass(label string) string {
	if len(label) < 3 {
		return ""
	}
	switch label[2:] {
	case "PER":
		return "PERSON"
	case "LOC":
		return "GPE"
	case "ORG":
		return "ORGANIZATION"
	case "MISC":
		return "MISC"
	}
	return ""
}

// located is a fact with the sentence that states it.
type located struct {
	fact
	s *sentence
}

// relationRecords turns facts into relation records; the same fact stated
// twice in the document is one record with two pieces of evidence.
func relationRecords(facts []located, ents []entity, docID string) []schema.Relation {
	byID := map[string]int{}
	var out []schema.Relation
	name := func(e int) string {
		if e < 0 {
			return ""
		}
		return ents[e].Name
	}
	for _, lf := range facts {
		f := lf.fact
		r := schema.Relation{
			Subject: ents[f.subj].Name, SubjectID: entID(ents[f.subj]), Predicate: f.pred, PredicateText: f.predText,
			Object: f.objText, ObjectKind: schema.LiteralObject, Polarity: schema.Positive, Modality: f.modality,
			AttributedTo: firstNonEmpty(name(f.attributed), f.attributedLit), Confidence: f.confidence,
		}
		if r.Modality == "" {
			r.Modality = schema.Asserted
		}
		if f.neg {
			r.Polarity = schema.Negative
		}
		if f.obj >= 0 {
			r.Object, r.ObjectID, r.ObjectKind = ents[f.obj].Name, entID(ents[f.obj]), schema.EntityObject
		}
		if len(f.quals) > 0 {
			r.Qualifiers = map[string]string{}
			for k, e := range f.quals {
				r.Qualifiers[k] = ents[e].Name
			}
		}
		ev := schema.Evidence{Document: docID, Sentence: lf.s.String(), Start: lf.s.Start, End: lf.s.End}
		id := schema.FactID(r)
		if i, ok := byID[id]; ok {
			if !hasEvidence(out[i].Evidence, ev) {
				out[i].Evidence = append(out[i].Evidence, ev)
			}
			if r.Confidence > out[i].Confidence {
				out[i].Confidence = r.Confidence
			}
			continue
		}
		r.ID = id
		r.Evidence = []schema.Evidence{ev}
		byID[id] = len(out)
		out = append(out, r)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Evidence[0].Start < out[b].Evidence[0].Start })
	return out
}

func hasEvidence(evs []schema.Evidence, ev schema.Evidence) bool {
	for _, e := range evs {
		if e == ev {
			return true
		}
	}
	return false
}

func entID(e entity) string { return schema.EntityID(e.Class, e.Name) }

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// baseClause is what every fact of a sentence inherits: a sentence that
// opens with "If" is hypothetical; one that ends with an attribution
// (", analysts said." / ", said X.") reports someone's words.
func (s *sentence) baseClause(us []unit, ms []Mention) clause {
	cl := clause{modality: schema.Asserted, attributed: -1}
	for _, t := range s.toks {
		if t.Tag == "''" || t.Tag == "(" {
			continue
		}
		if w := strings.ToLower(t.Text); w == "if" || w == "unless" {
			cl.modality = schema.Hypothetical
		}
		break
	}
	if e, lit, ok := s.trailingAttribution(us); ok {
		cl.attributed, cl.attrLit = e, lit
		if cl.modality == schema.Asserted {
			cl.modality = schema.Reported
		}
	}
	return cl
}

// trailingAttribution finds ", said X." or ", X said." closing the sentence
// and returns the speaker: an entity, or a literal phrase ("analysts").
func (s *sentence) trailingAttribution(us []unit) (int, string, bool) {
	n := len(us)
	for n > 0 && (us[n-1].kind == uOther) {
		n--
	}
	if n < 3 {
		return -1, "", false
	}
	pick := func(u unit) (int, string, bool) {
		if len(u.ents) > 0 {
			return u.ents[0], "", true
		}
		if u.pron {
			return -1, "", false // pronouns are resolved with quotes, later
		}
		return -1, s.npText(&u), true
	}
	a, b := us[n-2], us[n-1]
	if a.kind == uVerb && isSayVerb(s.toks[a.head].Text) && b.kind == uNP && us[n-3].kind == uComma {
		return pick(b) // ", said Andrei Lankov"
	}
	if a.kind == uNP && b.kind == uVerb && isSayVerb(s.toks[b.head].Text) && us[n-3].kind == uComma {
		return pick(a) // ", analysts said"
	}
	// ", said Leif-Eric Easley, a professor at Ewha University in Seoul."
	for i := n - 1; i >= 2; i-- {
		if us[i].kind == uComma && us[i-1].kind == uNP && us[i-2].kind == uVerb && isSayVerb(s.toks[us[i-2].head].Text) &&
			i-3 >= 0 && us[i-3].kind == uComma {
			return pick(us[i-1])
		}
	}
	return -1, "", false
}

// reporter returns the entity NP that is the subject of the reporting verb
// group p ("Lankov also said", "Okafor, an engineer, said"), or nil.
func reporter(us []unit, p int) *unit {
	if u := reporterNP(us, p); u != nil && len(u.ents) > 0 {
		return u
	}
	return nil
}

// reporterNP returns the subject NP of the reporting verb group p, naming an
// entity or not ("the government denied"), or nil.
func reporterNP(us []unit, p int) *unit {
	k := p - 1
	if a := appositionSubject(us, k); a != nil {
		return a
	}
	if k >= 0 && us[k].kind == uNP && (!us[k].pron || len(us[k].ents) > 0) {
		return &us[k]
	}
	return nil
}

func isSayVerb(w string) bool {
	switch strings.ToLower(w) {
	case "said", "says", "say", "added", "adds", "told", "stated", "wrote", "noted", "argued", "warned":
		return true
	}
	return false
}

// verbClause refines the sentence's clause for verb group v: inside a
// quotation the speaker's words are reported; after "X said (that)" or
// "claims that" too; a modal or a governing verb ("plans to", "unlikely
// to", "has no plans to") makes it future, hedged or negated.
func (s *sentence) verbClause(us []unit, v int, base clause, ms []Mention) clause {
	cl := base
	vu := us[v]
	if q := s.quote[vu.head]; q >= 0 {
		cl.attributed, cl.attrLit = s.quotes[q].speaker, ""
		cl.modality = worse(cl.modality, schema.Reported)
	}
	for p := v - 1; p >= 0; p-- {
		u := us[p]
		if u.kind == uVerb && (reporting[lemma(s.toks[u.head].Text)] || denyVerbs[lemma(s.toks[u.head].Text)]) {
			if subj := reporterNP(us, p); subj != nil {
				cl.attributed, cl.attrLit = -1, ""
				if len(subj.ents) > 0 {
					cl.attributed = subj.ents[0]
				} else {
					cl.attrLit = s.npText(subj) // "the Norwegian government"
				}
				cl.modality = worse(cl.modality, schema.Reported)
				if denyVerbs[lemma(s.toks[u.head].Text)] {
					cl.neg = !cl.neg // "denied that it had sold": the subject says it did not
				}
				break
			}
		}
		if u.kind == uConj && p > 0 && us[p-1].kind == uComma {
			break // ", but …": a new main clause
		}
		if u.kind == uNP && claimNouns[strings.ToLower(s.toks[u.head].Text)] && p+1 < v && strings.EqualFold(s.toks[us[p+1].t0].Text, "that") {
			switch {
			case u.lead >= 0:
				cl.attributed = u.lead
			case len(u.ents) > 0:
				cl.attributed = u.ents[0]
			}
			cl.modality = worse(cl.modality, schema.Reported)
			break
		}
		if u.kind == uOther && strings.EqualFold(s.toks[u.t0].Text, "if") {
			cl.modality = worse(cl.modality, schema.Hypothetical)
		}
	}
	s.governors(us, v, &cl)
	return cl
}

// governors applies the modals, negation and governing words of verb group
// v and, for an infinitive, of the chain of verbs that governs it.
func (s *sentence) governors(us []unit, v int, cl *clause) {
	vu := us[v]
	if vu.neg {
		cl.neg = true
	}
	cl.modality = worse(cl.modality, modalOf(vu.modal))
	if !vu.inf {
		return
	}
	for p := v - 1; p >= 0; p-- {
		u := us[p]
		switch u.kind {
		case uNP:
			head := strings.ToLower(s.toks[u.head].Text)
			if (head == "plans" || head == "plan" || head == "intention") && strings.EqualFold(s.toks[u.t0].Text, "no") {
				cl.neg = true
			}
			if hedgeWords[head] {
				cl.modality = worse(cl.modality, schema.Hedged) // "unlikely to"
			}
			if futureVerbs[lemma(head)] {
				cl.modality = worse(cl.modality, schema.Future)
			}
		case uOther:
			if hedgeWords[strings.ToLower(s.toks[u.t0].Text)] {
				cl.modality = worse(cl.modality, schema.Hedged)
			}
		case uVerb:
			lem := lemma(s.toks[u.head].Text)
			switch {
			case futureVerbs[lem]:
				cl.modality = worse(cl.modality, schema.Future)
			case hedgeVerbs[lem]:
				cl.modality = worse(cl.modality, schema.Hedged)
			}
			if u.neg && lem != "have" && lem != "need" {
				cl.neg = true // "did not have to meet" does not deny the meeting
			}
			if (lem == "have" || lem == "need") && p == v-1 {
				cl.modality = worse(cl.modality, schema.Hedged) // "have to meet": an obligation, not an event
			}
			cl.modality = worse(cl.modality, modalOf(u.modal))
			if !u.inf {
				return
			}
		case uComma:
			return
		}
	}
}

func modalOf(modal string) schema.Modality {
	switch {
	case modal == "":
		return schema.Asserted
	case hedgeWords[modal]:
		return schema.Hedged
	case futureModals[modal]:
		return schema.Future
	}
	return schema.Asserted
}

// worse returns the less certain of two modalities: hypothetical, hedged,
// future, reported, asserted, in that order.
func worse(a, b schema.Modality) schema.Modality {
	rank := map[schema.Modality]int{schema.Asserted: 0, schema.Reported: 1, schema.Future: 2, schema.Hedged: 3, schema.Hypothetical: 4}
	if rank[b] > rank[a] {
		return b
	}
	return a
}
