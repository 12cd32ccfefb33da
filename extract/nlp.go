package extract

import (
	"fmt"
	"strings"

	"github.com/jdkato/prose/v2"
)

// token is one word or punctuation mark of a sentence, located in the
// document's cleaned text.
type token struct {
	Text  string // the bytes of the document text at [Start, End)
	Start int
	End   int
	Tag   string // Penn Treebank part of speech
	NER   string // entity label from kg's model ("PERSON", "GPE", "ORGANIZATION", "MISC") or ""
}

// tagger wraps prose: tokenization and part-of-speech tags for one
// sentence at a time (entity labels come from kg's own model, ner.go). The model is decoded once, in
// newTagger; a tagger is safe for concurrent use (prose's model is only
// read after loading).
type tagger struct {
	model *prose.Model
}

// newTagger loads prose's model. prose panics on bad model data; the panic
// becomes an error.
func newTagger() (t *tagger, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extract: loading the prose model: %v", r)
		}
	}()
	return &tagger{model: prose.ModelFromData("kg")}, nil
}

// tag tokenizes and tags text, which starts at byte offset base of the
// document text. Tokens prose produces that cannot be found in text (it
// never invents any, but it rewrites typographic quotes) are located through
// the same rewriting; a token that still cannot be found is dropped.
func (t *tagger) tag(text string, base int) (toks []token, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extract: prose failed on %q: %v", clip(text, 60), r)
		}
	}()
	plain, origin := sanitize(text)
	doc, err := prose.NewDocument(plain, prose.UsingModel(t.model), prose.WithSegmentation(false), prose.WithExtraction(false))
	if err != nil {
		return nil, err
	}
	cursor := 0
	for _, pt := range doc.Tokens() {
		i := strings.Index(plain[cursor:], pt.Text)
		if i < 0 {
			continue
		}
		s, e := cursor+i, cursor+i+len(pt.Text)
		cursor = e
		start, end := origin[s], origin[e]
		tk := token{Text: text[start:end], Start: base + start, End: base + end, Tag: pt.Tag}
		fixTag(&tk)
		toks = append(toks, tk)
	}
	fixPastVerbs(toks)
	return toks, nil
}

// fixPastVerbs fixes another tagger error: a past-tense verb right after a
// name, tagged as a noun ("Gideon Rodan taught at …", "Smith visited the
// plant"). The word must read as a past form (an irregular past from the
// lemma table, or "-ed") and be followed by a preposition, determiner,
// pronoun or name.
func fixPastVerbs(toks []token) {
	for i := 1; i+1 < len(toks); i++ {
		t := &toks[i]
		if (t.Tag != "NN" && t.Tag != "NNS") || toks[i-1].Tag != "NNP" || startsUpper(t.Text) {
			continue
		}
		w := strings.ToLower(t.Text)
		_, irregularPast := irregular[w]
		regularPast := len(w) > 4 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed")
		if !irregularPast && !regularPast {
			continue
		}
		switch toks[i+1].Tag {
		case "IN", "TO", "DT", "PRP", "PRP$", "NNP", "CD":
			t.Tag = "VBD"
		}
	}
}

// fixTag corrects tags prose's tagger gets wrong in news text: quotation
// marks and brackets tagged as words.
func fixTag(t *token) {
	switch t.Text {
	case `"`, "\u201c", "\u201d", "``", "''":
		t.Tag = "''"
	case "[", "(":
		t.Tag = "("
	case "]", ")":
		t.Tag = ")"
	case "|", "©":
		t.Tag = "SYM"
	case "hundred", "thousand", "million", "billion", "trillion", "dozen", "hundreds", "thousands", "millions", "billions", "dozens":
		t.Tag = "CD" // prose tags "two hundred trucks" as a verb
	}
}

// sanitize rewrites text the way prose's tokenizer does (typographic quotes
// and "&rsquo;" to ASCII) and returns, for every byte offset of the result
// and one past its end, the corresponding offset in text.
func sanitize(text string) (string, []int) {
	var b strings.Builder
	origin := make([]int, 0, len(text)+1)
	for i := 0; i < len(text); {
		rep, n := "", 0
		switch {
		case strings.HasPrefix(text[i:], "\u201c"), strings.HasPrefix(text[i:], "\u201d"):
			rep, n = `"`, 3
		case strings.HasPrefix(text[i:], "\u2018"), strings.HasPrefix(text[i:], "\u2019"):
			rep, n = "'", 3
		case strings.HasPrefix(text[i:], "&rsquo;"):
			rep, n = "'", 7
		default:
			b.WriteByte(text[i])
			origin = append(origin, i)
			i++
			continue
		}
		b.WriteString(rep)
		origin = append(origin, i)
		i += n
	}
	origin = append(origin, len(text))
	return b.String(), origin
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// ProseReference runs prose's own full pipeline: tokenization, its sentence
// segmentation, part-of-speech tagging and its entity extraction, with its
// default options and its model decoded once (as DESIGN.md §5 measures it).
// kg does not use it: it is the reference scripts/bench.sh compares kg's
// speed with. Run may be called from one goroutine at a time.
type ProseReference struct {
	t *tagger
}

// NewProseReference loads prose's model.
func NewProseReference() (*ProseReference, error) {
	t, err := newTagger()
	if err != nil {
		return nil, err
	}
	return &ProseReference{t: t}, nil
}

// Run runs the pipeline on text and returns the number of tokens.
func (p *ProseReference) Run(text string) (tokens int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extract: prose failed: %v", r)
		}
	}()
	doc, err := prose.NewDocument(text, prose.UsingModel(p.t.model))
	if err != nil {
		return 0, err
	}
	return len(doc.Tokens()) + len(doc.Entities()) + len(doc.Sentences()), nil
}
