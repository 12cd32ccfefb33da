package extract

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"kg/article"
	"kg/ner"
	"kg/schema"
	"kg/syntax"
)

// Extractor turns cleaned documents into facts. It holds the NLP model and
// the word lists, loaded once by New; one Extractor serves any number of
// documents and goroutines.
type Extractor struct {
	syn *syntax.Model
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
	syn, err := syntax.Default()
	if err != nil {
		return nil, err
	}
	m, err := ner.Default()
	if err != nil {
		return nil, err
	}
	return &Extractor{syn: syn, gaz: g, ner: m}, nil
}

// sentence is one tagged sentence of a document.
type sentence struct {
	span
	idx    int               // position in the document
	block  int               // index of its block
	kind   article.BlockKind // kind of its block
	doc    string            // the document text
	toks   []token
	kids   [][]int           // per token: its dependents, in order (buildTree)
	m0, m1 int               // its mentions: [m0, m1) of the document's mentions
	ment   []int             // per token: the mention it is part of, or -1
	ref    [][]int           // per token: the entities a pronoun or description stands for
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
	ents := mergeMentions(ms, func(i int) bool { return sents[i].kind == article.Headline })
	r := &reading{x: x, d: d, sents: sents, ms: ms, ents: ents}
	r.indexMentions()
	r.discourse()
	var facts []located
	for _, s := range sents {
		if !factBlock(s.kind) {
			continue
		}
		for _, c := range s.clauses() {
			for _, f := range r.clauseFacts(s, c) {
				facts = append(facts, located{f, s})
			}
		}
		for _, f := range r.nominalFacts(s) {
			facts = append(facts, located{f, s})
		}
	}
	out := &schema.Extraction{Document: d.Meta, Text: d.Text}
	out.Entities = entityRecords(ents, ms, d.Meta.ID)
	out.Relations = relationRecords(facts, ents, d.Meta.ID, d.Meta.Date)
	out.Quotes = quoteRecords(r.quotes, ents, d.Text, d.Meta.ID)
	return out, nil
}

// factBlock reports whether facts are read from blocks of kind k.
func factBlock(k article.BlockKind) bool {
	return k == article.Body || k == article.Headline || k == article.Subtitle || k == article.Caption
}

// ParsedSentence is one sentence of a document as kg reads it: where it
// is in the document's cleaned text, and its words with their parts of
// speech, lemmas and dependency tree (package syntax's tokens).
type ParsedSentence struct {
	Start, End int // byte offsets in the document text
	Text       string
	Tokens     []syntax.Token
}

// Parse splits d into sentences and words as Extract does and parses
// them: what kg reads facts off ('kg parse').
func (x *Extractor) Parse(ctx context.Context, d *article.Document) ([]ParsedSentence, error) {
	sents, err := x.sentences(ctx, d)
	if err != nil {
		return nil, err
	}
	out := make([]ParsedSentence, len(sents))
	for i, s := range sents {
		ps := ParsedSentence{Start: s.Start, End: s.End, Text: s.String(), Tokens: make([]syntax.Token, len(s.toks))}
		for j, t := range s.toks {
			ps.Tokens[j] = syntax.Token{ID: j + 1, Form: t.Text, Lemma: t.Lemma, UPOS: t.UPOS, XPOS: t.Tag, Feats: "_",
				Head: t.Head + 1, Rel: t.Rel, Deps: "_", Misc: "_"}
		}
		out[i] = ps
	}
	return out, nil
}

// sentences splits every block of d into sentences, tokenizes and parses
// them.
func (x *Extractor) sentences(ctx context.Context, d *article.Document) ([]*sentence, error) {
	if len(d.Text) > maxTextBytes {
		return nil, article.ErrTextTooLong
	}
	var sents []*sentence
	for bi, b := range d.Blocks {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for _, sp := range capSentences(d.Text, splitDateline(d.Text, splitSentences(d.Text[b.Start:b.End], b.Start))) {
			toks, err := tokenize(d.Text[sp.Start:sp.End], sp.Start)
			if err != nil {
				return nil, fmt.Errorf("extract: %s: %w", d.Meta.Source, err)
			}
			sents = append(sents, &sentence{span: sp, idx: len(sents), block: bi, kind: b.Kind, doc: d.Text, toks: toks})
		}
	}
	// Entity labels first, over the whole document at once: the parser
	// reads each name they find as one word.
	words := make([][]string, len(sents))
	for i, s := range sents {
		words[i] = nerWords(s.toks)
	}
	labels := x.ner.TagDocument(words, nil)
	for i, s := range sents {
		for j := range s.toks {
			s.toks[j].NER = nerClass(labels[i][j])
		}
		x.parse(s.toks, nameSpans(s.toks, labels[i], x.isDemonym(s.toks)))
		s.buildTree()
	}
	return sents, nil
}

// splitDateline makes the dateline that opens a paragraph's first sentence
// ("NAIROBI - Brazil supplied …") a sentence of its own: the place is named
// there, and the parser reads the sentence after it whole.
func splitDateline(text string, sents []span) []span {
	if len(sents) == 0 {
		return sents
	}
	first := sents[0]
	n := article.DatelineLength(text[first.Start:first.End])
	if n == 0 || first.Start+n >= first.End {
		return sents
	}
	place := strings.TrimRight(text[first.Start:first.Start+n], " -–—\t")
	out := []span{{first.Start, first.Start + len(place)}, {first.Start + n, first.End}}
	return append(out, sents[1:]...)
}

// analyze reads the sentences of d (sentences) and finds their mentions.
func (x *Extractor) analyze(ctx context.Context, d *article.Document) ([]*sentence, []Mention, error) {
	sents, err := x.sentences(ctx, d)
	if err != nil {
		return nil, nil, err
	}
	var ms []Mention
	works := map[string]bool{} // names the document gives as titles of works
	for _, s := range sents {
		s.m0 = len(ms)
		for _, m := range x.gaz.findMentions(d.Text, s.toks) {
			if isTicker(s.toks, m) {
				continue
			}
			if m.sure != byGazetteer && s.workTitle(m) {
				works[strings.ToLower(m.Name)] = true
				continue
			}
			m.sent = s.idx
			ms = append(ms, m)
		}
		s.m1 = len(ms)
	}
	if len(works) > 0 { // "the film Goodfellas": the title, wherever the document names it
		ms = slices.DeleteFunc(ms, func(m Mention) bool { return works[strings.ToLower(m.Name)] && m.sure != byGazetteer })
		for i, s := range sents {
			s.m0 = sort.Search(len(ms), func(j int) bool { return ms[j].sent >= sents[i].idx })
			s.m1 = sort.Search(len(ms), func(j int) bool { return ms[j].sent > sents[i].idx })
		}
	}
	defineAcronyms(sents, ms)
	x.gaz.fullOrgNames(ms)
	kept := resolveUntyped(append([]Mention(nil), ms...))
	for _, s := range sents { // renumber each sentence's range of mentions
		s.m0 = sort.Search(len(kept), func(i int) bool { return kept[i].sent >= s.idx })
		s.m1 = sort.Search(len(kept), func(i int) bool { return kept[i].sent > s.idx })
	}
	return sents, kept, nil
}

// workNouns name works — films, songs, books, games, shows — whose titles
// are no people, organizations or places.
var workNouns = setOf("film", "films", "movie", "movies", "album", "albums", "single", "singles", "song", "songs",
	"track", "tracks", "hit", "hits", "novel", "novels", "book", "books", "play", "plays", "musical", "musicals",
	"opera", "sitcom", "series", "show", "shows", "drama", "dramas", "documentary", "game", "games", "title", "titles",
	"comedy", "thriller", "biopic", "blockbuster", "sequel", "soap", "programme", "program", "video", "record")

// titleCases introduce titles after a work noun: "films including Raging
// Bull", "films such as Goodfellas"; "the show in Glasgow" is a place.
var titleCases = setOf("", "including", "such as", "as", "like")

// workTitle reports whether mention m is the title of a work: the name
// hangs on a work noun ("the film Goodfellas", "films including Raging
// Bull, Goodfellas and Gangs of New York", "hit single Money"), or has one
// as its own modifier before it ("Finnish film The Three Rooms of
// Melancholia"), or follows one right away, the first of coordinated titles
// counting for all.
func (s *sentence) workTitle(m Mention) bool {
	b := m.tok0 - 1
	if b >= 0 && s.toks[b].Tag == "DT" {
		b-- // "the film The Aviator" keeps its own "The"; "film the Aviator" is rarer
	}
	if b >= 0 && workNouns[s.toks[b].Text] && s.toks[b].UPOS != "VERB" && s.toks[b].UPOS != "AUX" { // lower case, no verb ("the quake hit the Bay of Plenty"): "hit single Money", "Finnish film The Three Rooms"
		return true
	}
	h := s.mentionHead(m)
	if h < 0 {
		return false
	}
	for n := 0; n < 6 && s.toks[h].Rel == "conj" && s.toks[h].Head >= 0; n++ {
		h = s.toks[h].Head
	}
	if p := s.toks[h].Head; p >= 0 && s.toks[p].UPOS == "NOUN" && workNouns[strings.ToLower(s.toks[p].Text)] &&
		(s.hasRel(h, "appos", "compound", "flat", "nmod:desc") || s.hasRel(p, "compound") || s.hasRel(h, "nmod") && titleCases[s.caseOf(h)]) {
		return true
	}
	for _, k := range s.kids[h] {
		if k < h && s.toks[k].UPOS == "NOUN" && workNouns[strings.ToLower(s.toks[k].Text)] && s.hasRel(k, "compound", "nmod:desc", "amod") {
			return true
		}
	}
	return false
}

// parse fills in the parts of speech, lemmas and dependency tree of one
// sentence's tokens. A name of several words (spans, from the entity
// tagger) is given to the parser as one word, its last ("Kim Jong Un met
// Vladimir Putin" is parsed as "Un met Putin"): news sentences are dense
// with names, and a parser trained on web text reads long runs of capitals
// badly. The name's first word then heads it, the others hang on it as
// flat, as Universal Dependencies writes names.
func (x *Extractor) parse(toks []token, spans []nameSpan) {
	f := 0 // the sentence's first word, after any quotation mark or dash
	for f < len(toks) && !wordLike(toks[f].Text) {
		f++
	}
	if len(spans) > 0 && spans[0].Start == f && spans[0].End-f >= 2 && syntax.IsWord(toks[f].Text) && !x.gaz.knownSpan(toks[f:spans[0].End]) {
		// "After Nakasone met Reagan", "Both Andriessen and …", "\"Even
		// Japan …": whether a sentence's capitalized first word opens the
		// name the tagger began there or is a word of the sentence, the
		// parser decides, given it in lower case; a preposition,
		// conjunction, determiner, pronoun or adverb is the sentence's
		// (a name the gazetteer knows whole, "North Korea", keeps it)
		rest := append([]nameSpan{{span{f + 1, spans[0].End}, spans[0].word}}, spans[1:]...)
		if spans[0].End-f-1 == 1 {
			rest = spans[1:]
		}
		saved := toks[f].Text
		toks[f].Text = strings.ToLower(saved)
		x.parseSpans(toks, rest)
		toks[f].Text = saved
		person := spans[0].word == nameStandIns["PER"]
		known := x.gaz.knownSpan(toks[f+1 : spans[0].End])
		if openingWordClass[toks[f].UPOS] || toks[f].UPOS == "NUM" && person || toks[f].UPOS == "ADJ" && known {
			// "One Reagan administration official": no person's name opens
			// with a number; "New IMF managing director": an adjective
			// before a name the gazetteer knows without it
			toks[f].NER = ""
			toks[f].Lemma = strings.ToLower(saved)
			return
		}
	}
	x.parseSpans(toks, spans)
}

// openingWordClass are the parts of speech of a sentence's first word that
// keep it out of a name after it.
var openingWordClass = setOf("ADP", "SCONJ", "CCONJ", "DET", "PRON", "PART", "AUX", "ADV")

// parseSpans parses toks with the names of spans read as one word each.
func (x *Extractor) parseSpans(toks []token, spans []nameSpan) {
	words := make([]string, 0, len(toks))
	first := make([]int, 0, len(toks)) // parsed word → its first token
	at := make([]int, len(toks))       // token → its parsed word
	for i := 0; i < len(toks); {
		end, word := i+1, toks[i].Text
		for _, sp := range spans {
			if sp.Start == i {
				end, word = sp.End, sp.word
			}
		}
		for j := i; j < end; j++ {
			at[j] = len(words)
		}
		words = append(words, word)
		first = append(first, i)
		i = end
	}
	parsed := x.syn.Parse(words)
	for w, p := range parsed {
		i := first[w]
		head := -1
		if p.Head > 0 {
			head = first[p.Head-1]
		}
		t := &toks[i]
		t.Tag, t.UPOS, t.Lemma, t.Head, t.Rel = p.XPOS, p.UPOS, p.Lemma, head, p.Rel
		if words[w] != t.Text || w+1 < len(first) && first[w+1] > i+1 || w+1 == len(first) && len(toks) > i+1 {
			t.Lemma = t.Text // a name: its own words, not the stand-in's
			for j := i + 1; j < len(toks) && at[j] == w; j++ {
				u := &toks[j]
				u.Head, u.Rel, u.Lemma = i, "flat", u.Text
				u.Tag, u.UPOS = nameWordTag(u.Text)
			}
		}
	}
	nameHeads(toks, spans)
	mend(toks)
}

// nameHeads mends a name read as a flat part of the word before it:
// "Texan Michael Chicoine" parsed with "Michael" flat under "Texan". Flat
// joins the words of one name only; a name's first word hung that way on
// a word outside the name takes that word's place, and the word becomes
// its modifier ("Texan" amod of "Michael", as "New Yorker" of "William").
func nameHeads(toks []token, spans []nameSpan) {
	for _, sp := range spans {
		i := sp.Start
		h := toks[i].Head
		if toks[i].Rel != "flat" || h < 0 || h >= sp.Start && h < sp.End {
			continue
		}
		toks[i].Head, toks[i].Rel = toks[h].Head, toks[h].Rel
		rel := "compound"
		if toks[h].UPOS == "ADJ" || toks[h].NER == "MISC" {
			rel = "amod"
		}
		toks[h].Head, toks[h].Rel = i, rel
		for j := range toks {
			if j != i && toks[j].Head == h && (j > h || toks[j].Rel == "cc" || toks[j].Rel == "punct") {
				toks[j].Head = i // what hung on the modifier hangs on the name: "and", the conjuncts after
			}
		}
	}
}

// isDemonym tells whether tokens [i, i+n) of toks are a demonym ("North
// Korean").
func (x *Extractor) isDemonym(toks []token) func(i, n int) bool {
	return func(i, n int) bool { return x.gaz.demonymAt(toks, i) == n }
}

// nameSpan is a name the parser reads as one word.
type nameSpan struct {
	span        // tokens [Start, End) of the sentence
	word string // what the parser reads in its place
}

// nameStandIns are the words the parser reads in place of a person's, a
// place's or an organization's name: names it saw often in training, as
// proper nouns only (UD EWT: Bush 211 times, Iraq 119, Enron 95), so that
// an unknown name in front of a verb ("Chile plans to …") does not make
// the verb a noun.
var nameStandIns = map[string]string{"PER": "Bush", "LOC": "Iraq", "ORG": "Enron"}

// nameSpans returns the names the entity labels mark (B- then I- of one
// type), made of words, not punctuation: each becomes one word for the
// parser, a stand-in for persons, places and organizations, else the
// name's last word.
func nameSpans(toks []token, labels []string, demonym func(i, n int) bool) []nameSpan {
	var out []nameSpan
	for i := 0; i < len(labels); {
		if !strings.HasPrefix(labels[i], "B-") {
			i++
			continue
		}
		j := i + 1
		for j < len(labels) && labels[j] == "I-"+labels[i][2:] && wordLike(toks[j].Text) {
			j++
		}
		if wordLike(toks[i].Text) && startsUpper(toks[i].Text) {
			word := nameStandIns[labels[i][2:]]
			if word == "" || j-i == 1 {
				word = toks[j-1].Text
			}
			if j-i >= 2 && demonym != nil && demonym(i, j-i) {
				word = "American" // "North Korean leader": an adjective, as the parser knows "American"
			}
			if j-i >= 2 || word != toks[i].Text {
				out = append(out, nameSpan{span{i, j}, word})
			}
		}
		i = j
	}
	return out
}

// wordLike reports whether a token is a word of a name: it starts with a
// letter or a digit.
func wordLike(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// nameWordTag is the part of speech of a word inside a name: a capitalized
// word is a proper noun; "of", "and", "the" inside it keep their own.
func nameWordTag(w string) (xpos, upos string) {
	switch strings.ToLower(w) {
	case "of", "for", "de", "du", "von", "van", "in", "on", "at":
		return "IN", "ADP"
	case "and", "&":
		return "CC", "CCONJ"
	case "the", "a", "an", "la", "le":
		return "DT", "DET"
	}
	if startsUpper(w) || !wordLike(w) {
		return "NNP", "PROPN"
	}
	return "NN", "NOUN"
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
func relationRecords(facts []located, ents []entity, docID, docDate string) []schema.Relation {
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
			for k, v := range f.quals {
				r.Qualifiers[k] = v
			}
		}
		r.When = factWhen(lf.s, f, docDate)
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
