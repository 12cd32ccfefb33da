package extract

import (
	"fmt"
	"strings"

	"github.com/jdkato/prose/v2"
)

// token is one word or punctuation mark of a sentence, located in the
// document's cleaned text, with what the parser (package syntax) says of it.
type token struct {
	Text  string // the bytes of the document text at [Start, End)
	Start int
	End   int
	Tag   string // Penn Treebank part of speech
	UPOS  string // universal part of speech
	Lemma string
	Head  int    // index of its head in the sentence, -1 for the root
	Rel   string // universal dependency relation to the head, with subtype ("nsubj:pass")
	NER   string // entity label from kg's model ("PERSON", "GPE", "ORGANIZATION", "MISC") or ""
}

// tokenize splits text, which starts at byte offset base of the document
// text, into tokens with prose's tokenizer (prose's tagger and entity model
// are not run). Tokens prose produces that cannot be found in text (it
// never invents any, but it rewrites typographic quotes) are located through
// the same rewriting; a token that still cannot be found is dropped.
func tokenize(text string, base int) (toks []token, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extract: prose failed on %q: %v", clip(text, 60), r)
		}
	}()
	plain, origin := sanitize(text)
	doc, err := prose.NewDocument(plain, prose.WithSegmentation(false), prose.WithTagging(false), prose.WithExtraction(false))
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
		toks = append(toks, token{Text: text[start:end], Start: base + start, End: base + end})
	}
	return splitFinalPeriod(splitBrackets(toks)), nil
}

// splitBrackets splits angle brackets off the words they enclose: Reuters
// marks company names and tickers so ("Boliden AB <BLDS ST>", "through
// <Smith Barney, Harris Upham and Co Inc>"), and prose leaves the bracket
// on the word, which then is neither a name nor a word.
func splitBrackets(toks []token) []token {
	var out []token
	for _, t := range toks {
		if len(t.Text) > 1 && t.Text[0] == '<' {
			out = append(out, token{Text: "<", Start: t.Start, End: t.Start + 1})
			t.Text, t.Start = t.Text[1:], t.Start+1
		}
		var closing *token
		if len(t.Text) > 1 && t.Text[len(t.Text)-1] == '>' {
			closing = &token{Text: ">", Start: t.End - 1, End: t.End}
			t.Text, t.End = t.Text[:len(t.Text)-1], t.End-1
		}
		out = append(out, t)
		if closing != nil {
			out = append(out, *closing)
		}
	}
	return out
}

// splitFinalPeriod splits the period off the sentence's last word when the
// tokenizer left it on ("Halvard Oil." → "Oil", "."): the sentence ends
// there, and a name or a word does not carry it. Dotted acronyms ("U.S.")
// and abbreviations that are part of names ("Inc.", "Jr.") keep theirs.
func splitFinalPeriod(toks []token) []token {
	n := len(toks)
	if n == 0 {
		return toks
	}
	t := toks[n-1]
	w := strings.TrimSuffix(t.Text, ".")
	if w == t.Text || len(w) < 2 || strings.Contains(w, ".") || keepPeriod[strings.ToLower(w)] {
		return toks
	}
	toks[n-1].Text, toks[n-1].End = w, t.End-1
	return append(toks, token{Text: ".", Start: t.End - 1, End: t.End})
}

// keepPeriod are abbreviations that keep their period at a sentence's end.
var keepPeriod = setOf("inc", "corp", "co", "ltd", "jr", "sr", "bros", "plc", "st", "mr", "mrs", "ms", "dr", "no", "etc")

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
	model *prose.Model
}

// NewProseReference loads prose's model. prose panics on bad model data;
// the panic becomes an error.
func NewProseReference() (p *ProseReference, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extract: loading the prose model: %v", r)
		}
	}()
	return &ProseReference{model: prose.ModelFromData("kg")}, nil
}

// Run runs the pipeline on text and returns the number of tokens.
func (p *ProseReference) Run(text string) (tokens int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extract: prose failed: %v", r)
		}
	}()
	doc, err := prose.NewDocument(text, prose.UsingModel(p.model))
	if err != nil {
		return 0, err
	}
	return len(doc.Tokens()) + len(doc.Entities()) + len(doc.Sentences()), nil
}
