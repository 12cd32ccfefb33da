package syntax

import (
	"sync"
)

// Model is a trained tagger, lemmatizer and parser. It is read-only once
// built, and safe for concurrent use by many goroutines.
type Model struct {
	tagger *tagger
	lemmas *lemmatizer
	labels []string // dependency relations, sorted
	parser *weights
	// label numbers the parser needs for its own fix-ups
	rootLabel, punctLabel, otherLabel int
	pool                              sync.Pool // of *scratch
}

// scratch is per-call working memory.
type scratch struct {
	tag     tagScratch
	classes []uint8
	words   []pword
	st      pstate
	feats   []uint64
	scores  []int64
	idx     []uint32
}

func (m *Model) getScratch() *scratch {
	if s, ok := m.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{}
}

var rootWord = pword{w: hashString("<root>"), p: rootPVal}

// Parse tags, lemmatizes and parses one tokenized sentence. The result has
// one token per word, forms unchanged, and is always a single tree: one
// word has head 0 and relation "root", every other word has a head in
// 1..len(words), and there are no cycles.
func (m *Model) Parse(words []string) []Token {
	out := make([]Token, len(words))
	for i, w := range words {
		out[i] = Token{ID: i + 1, Form: w, Feats: "_", Deps: "_", Misc: "_"}
	}
	m.annotate(out)
	return out
}

// ParseSentence fills the lemma, UPOS, XPOS, head and relation of every
// token of s from its forms; it sets enhanced dependencies to "_" and
// keeps everything else, including the tokenization, as it is.
func (m *Model) ParseSentence(s *Sentence) {
	m.annotate(s.Tokens)
	for i := range s.Tokens {
		s.Tokens[i].Deps = "_"
	}
}

// annotate fills the predicted columns of toks from their forms.
func (m *Model) annotate(toks []Token) {
	n := len(toks)
	if n == 0 {
		return
	}
	sc := m.getScratch()
	defer m.pool.Put(sc)
	forms := make([]string, n)
	for i := range toks {
		forms[i] = toks[i].Form
	}
	sc.classes = resize(sc.classes, n)
	m.tagger.tag(forms, sc.classes, &sc.tag)
	m.tagger.finiteVerb(forms, sc.classes, &sc.tag)
	sc.words = append(sc.words[:0], rootWord)
	for i := range toks {
		c := sc.classes[i]
		toks[i].ID = i + 1
		toks[i].UPOS, toks[i].XPOS = m.tagger.upos[c], quoteTag(toks[i].Form, m.tagger.xpos[c])
		toks[i].Lemma = m.lemmas.lemma(toks[i].Form, toks[i].XPOS)
		sc.words = append(sc.words, pword{w: sc.tag.atoms[i].w, p: uint64(c)})
	}
	m.parse(sc)
	for i := range toks {
		toks[i].Head = int(sc.st.head[i+1])
		toks[i].Rel = m.labels[sc.st.label[i+1]]
	}
}

// parse runs the transition system greedily over sc.words.
func (m *Model) parse(sc *scratch) {
	st := &sc.st
	st.reset(sc.words)
	L := len(m.labels)
	sc.scores = resize(sc.scores, 256)
	for !st.done() {
		sc.feats = st.features(sc.feats[:0])
		sc.idx = m.parser.score(sc.feats, sc.scores, sc.idx)
		st.apply(best(sc.scores[:2+2*L], st.valid(), L, m.rootLabel), L)
	}
	upos := m.tagger.upos
	st.finish(func(i int) bool { return upos[sc.classes[i-1]] == "VERB" },
		func(i int) bool { return upos[sc.classes[i-1]] == "PUNCT" },
		m.rootLabel, m.punctLabel, m.otherLabel)
}

// quoteTag gives typographic quotes the Penn tag their direction shows;
// the treebank has straight quotes, which the tagger tells apart by
// context only.
func quoteTag(form, xpos string) string {
	if xpos != "``" && xpos != "''" {
		return xpos
	}
	switch form {
	case "\u201c", "\u2018", "``":
		return "``"
	case "\u201d", "\u2019", "''":
		return "''"
	}
	return xpos
}
