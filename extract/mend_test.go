package extract

import (
	"fmt"
	"strings"
	"testing"
)

// conll builds tokens from "form/UPOS/XPOS/head/rel[/NER]" fields (head
// 0-based, -1 for the root), the way the parser left a sentence.
func conll(t *testing.T, fields ...string) []token {
	t.Helper()
	out := make([]token, len(fields))
	for i, f := range fields {
		p := strings.Split(f, "/")
		if len(p) != 5 && len(p) != 6 {
			t.Fatalf("bad token %q", f)
		}
		var h int
		fmt.Sscan(p[3], &h)
		out[i] = token{Text: p[0], UPOS: p[1], Tag: p[2], Head: h, Rel: p[4]}
		if len(p) == 6 {
			out[i].NER = p[5] // the entity tagger's label, for mends of names
		}
	}
	return out
}

// TestMend gives each repair the parse the shipped parser produced for a
// sentence of its construction, and checks the mended arcs; the last
// case is a correct parse that must stay as it is.
func TestMend(t *testing.T) {
	tests := []struct {
		construction string
		toks         []string
		want         []string // "word rel head", head "ROOT" for the root
	}{
		{"'that' read as an object marks the clause (The study indicated that prices could fall.)",
			[]string{"The/DET/DT/1/det", "study/NOUN/NN/2/nsubj", "indicated/VERB/VBD/-1/root", "that/SCONJ/IN/6/obj",
				"prices/NOUN/NNS/6/nsubj", "could/AUX/MD/6/aux", "fall/VERB/VB/2/ccomp", "./PUNCT/./2/punct"},
			[]string{"that mark fall"}},
		{"', who met' read as a clause of its own is a relative clause (Protests grew, said Anna Weber, who met Tomas Berger.)",
			[]string{"Protests/NOUN/NNS/1/nsubj", "grew/VERB/VBD/-1/root", ",/PUNCT/,/3/punct", "said/VERB/VBD/1/conj",
				"Anna/PROPN/NNP/8/nsubj", "Weber/PROPN/NNP/4/flat", ",/PUNCT/,/8/punct", "who/PRON/WP/8/nsubj",
				"met/VERB/VBD/3/ccomp", "Tomas/PROPN/NNP/8/obj", "./PUNCT/./1/punct"},
			[]string{"Anna nsubj said", "met acl:relcl Anna", "who nsubj met"}},
		{"a noun after 'for' is no subject of a finite verb (Xstrata's bid for WMC failed.)",
			[]string{"Xstrata/PROPN/NNP/2/nmod:poss", "'s/PART/POS/0/case", "bid/NOUN/NN/5/nsubj", "for/ADP/IN/5/mark",
				"WMC/PROPN/NNP/5/nsubj", "failed/VERB/VBD/-1/root", "./PUNCT/./5/punct"},
			[]string{"WMC nmod bid", "for case WMC", "bid nsubj failed"}},
		{"a second subject after a comma describes the first (Lucia Fernandez, a professor at the university, spoke.)",
			[]string{"Lucia/PROPN/NNP/9/nsubj", "Fernandez/PROPN/NNP/0/flat", ",/PUNCT/,/0/punct", "a/DET/DT/4/det",
				"professor/NOUN/NN/9/nsubj", "at/ADP/IN/7/case", "the/DET/DT/7/det", "university/NOUN/NN/4/nmod",
				",/PUNCT/,/4/punct", "spoke/VERB/VBD/-1/root", "./PUNCT/./9/punct"},
			[]string{"professor appos Lucia", "Lucia nsubj spoke"}},
		{"a noun after a comma behind an inverted subject describes it (Talks matter, said Ana Ruiz, a Chile expert at the university.)",
			[]string{"Talks/NOUN/NNS/1/compound", "matter/NOUN/NN/3/ccomp", ",/PUNCT/,/1/punct", "said/VERB/VBD/-1/root",
				"Ana/PROPN/NNP/3/nsubj/PERSON", "Ruiz/PROPN/NNP/4/flat/PERSON", ",/PUNCT/,/9/punct", "a/DET/DT/9/det",
				"Chile/PROPN/NNP/9/compound/GPE", "expert/NOUN/NN/3/parataxis", "at/ADP/IN/12/case", "the/DET/DT/12/det",
				"university/NOUN/NN/9/nmod", "./PUNCT/./3/punct"},
			[]string{"expert appos Ana", "Ana nsubj said", "university nmod expert"}},
		{"a preposition heads the first noun after it, not a later one across it (During the 1730s the town's trade had declined.)",
			[]string{"During/ADP/IN/5/case", "the/DET/DT/2/det", "1730s/NOUN/NNS/5/nsubj", "the/DET/DT/4/det", "town/NOUN/NN/5/nmod:poss",
				"trade/NOUN/NN/7/obl", "had/AUX/VBD/7/aux", "declined/VERB/VBN/-1/root", "./PUNCT/./7/punct"},
			[]string{"During case 1730s", "1730s obl declined", "trade nsubj declined"}},
		{"a noun with a preposition is no subject; the bare noun hung on it is (During the 1990s the town's trade had declined.)",
			[]string{"During/ADP/IN/2/case", "the/DET/DT/2/det", "1990s/NOUN/NNS/8/nsubj", "the/DET/DT/4/det", "town/NOUN/NN/6/nmod:poss",
				"'s/PART/POS/4/case", "trade/NOUN/NN/2/nmod", "had/AUX/VBD/8/aux", "declined/VERB/VBN/-1/root", "./PUNCT/./8/punct"},
			[]string{"During case 1990s", "1990s obl declined", "trade nsubj declined"}},
		{"a bracketed phrase after a noun is its aside (Boliden AB <BLDS ST> forecast a return.)",
			[]string{"Boliden/PROPN/NNP/4/compound", "AB/PROPN/NNP/0/flat", "</PUNCT/-LRB-/3/punct", "BLDS/PROPN/NNP/4/compound",
				"ST/PROPN/NNP/6/nsubj", ">/PUNCT/-RRB-/4/punct", "forecast/VERB/VBD/-1/root", "a/DET/DT/8/det", "return/NOUN/NN/6/obj",
				"./PUNCT/./6/punct"},
			[]string{"Boliden nsubj forecast", "ST appos Boliden", "< punct ST", "> punct ST"}},
		{"a noun between a preposition and 'to' is the preposition's object, the infinitive a complement (Cable called on Brown to open the books.)",
			[]string{"Cable/PROPN/NNP/1/nsubj", "called/VERB/VBD/-1/root", "on/ADP/IN/5/mark", "Brown/PROPN/NNP/5/nsubj",
				"to/PART/TO/5/mark", "open/VERB/VB/1/advcl", "the/DET/DT/7/det", "books/NOUN/NNS/5/obj", "./PUNCT/./1/punct"},
			[]string{"on case Brown", "Brown obl called", "open xcomp called"}},
		{"a noun before a name, both arguments of one verb, describes the name (Putin toasted North Korean leader Kim.)",
			[]string{"Putin/PROPN/NNP/1/nsubj", "toasted/VERB/VBD/-1/root", "North/ADJ/JJ/4/amod", "Korean/PROPN/NNP/2/flat",
				"leader/NOUN/NN/1/obj", "Kim/PROPN/NNP/1/obl:unmarked", "./PUNCT/./1/punct"},
			[]string{"Kim obj toasted", "leader compound Kim", "North amod leader"}},
		{"a participle right after a noun modifies it (They operated hubs in a community organised across the network.)",
			[]string{"They/PRON/PRP/1/nsubj", "operated/VERB/VBD/-1/root", "hubs/NOUN/NNS/1/obj", "in/ADP/IN/6/case", "a/DET/DT/6/det",
				"piracy/NOUN/NN/6/compound", "community/NOUN/NN/2/nmod", "organised/VERB/VBN/1/advcl", "across/ADP/IN/10/case",
				"the/DET/DT/10/det", "network/NOUN/NN/7/obl", "./PUNCT/./1/punct"},
			[]string{"organised acl community", "network obl organised"}},
		{"a person's name, 'of' and a name: the person's organization, the person the subject (John Smith of the Center said prices would rise.)",
			[]string{"John/PROPN/NNP/5/parataxis/PERSON", "Smith/PROPN/NNP/0/flat/PERSON", "of/ADP/IN/5/parataxis", "the/DET/DT/4/det",
				"Center/PROPN/NNP/5/nsubj/ORGANIZATION", "said/VERB/VBD/-1/root", "prices/NOUN/NNS/8/nsubj", "would/AUX/MD/8/aux",
				"rise/VERB/VB/5/ccomp", "./PUNCT/./5/punct"},
			[]string{"John nsubj said", "Center nmod John", "of case Center"}},
		{"', of' and a name after a person describes the person (It is a risk, said Duyeon Kim, of the Center.)",
			[]string{"It/PRON/PRP/3/nsubj", "is/AUX/VBZ/3/cop", "a/DET/DT/3/det", "risk/NOUN/NN/5/ccomp", ",/PUNCT/,/3/punct",
				"said/VERB/VBD/-1/root", "Duyeon/PROPN/NNP/5/nsubj/PERSON", "Kim/PROPN/NNP/6/flat/PERSON", ",/PUNCT/,/11/punct",
				"of/ADP/IN/11/case", "the/DET/DT/11/det", "Center/PROPN/NNP/5/obl/ORGANIZATION", "./PUNCT/./5/punct"},
			[]string{"Duyeon nsubj said", "Center nmod Duyeon", "of case Center"}},
		{"a correct parse stays (The firm, which Chile owns, said that it would sell the unit for cash.)",
			[]string{"The/DET/DT/1/det", "firm/NOUN/NN/7/nsubj", ",/PUNCT/,/5/punct", "which/PRON/WDT/5/obj",
				"Chile/PROPN/NNP/5/nsubj", "owns/VERB/VBZ/1/acl:relcl", ",/PUNCT/,/5/punct", "said/VERB/VBD/-1/root",
				"that/SCONJ/IN/11/mark", "it/PRON/PRP/11/nsubj", "would/AUX/MD/11/aux", "sell/VERB/VB/7/ccomp",
				"the/DET/DT/13/det", "unit/NOUN/NN/11/obj", "for/ADP/IN/15/case", "cash/NOUN/NN/11/obl", "./PUNCT/./7/punct"},
			[]string{"firm nsubj said", "owns acl:relcl firm", "which obj owns", "that mark sell", "cash obl sell", "for case cash"}},
	}
	for _, tt := range tests {
		t.Run(tt.construction, func(t *testing.T) {
			toks := conll(t, tt.toks...)
			mend(toks)
			got := map[string]bool{}
			for _, tk := range toks {
				head := "ROOT"
				if tk.Head >= 0 {
					head = toks[tk.Head].Text
				}
				got[tk.Text+" "+tk.Rel+" "+head] = true
			}
			for _, w := range tt.want {
				if !got[w] {
					t.Errorf("missing arc %q", w)
				}
			}
		})
	}
}

// FuzzMend: whatever tree the parser leaves, the mended sentence is a tree.
func FuzzMend(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
	f.Add([]byte("Boliden AB <BLDS ST> forecast a return, said John of the Center"))
	words := []string{"<", ">", "(", ")", ",", "of", "to", "on", "for", "the", "a", "said", "John", "Center", "'s", "who", "that", "last", "year"}
	upos := []string{"PUNCT", "ADP", "PART", "DET", "NOUN", "PROPN", "VERB", "PRON", "SCONJ", "NUM", "ADJ"}
	rels := []string{"nsubj", "obj", "obl", "nmod", "case", "mark", "det", "flat", "punct", "appos", "parataxis", "advcl", "ccomp", "xcomp", "conj", "acl", "compound", "nmod:poss", "dep"}
	ners := []string{"", "PERSON", "ORGANIZATION", "GPE"}
	f.Fuzz(func(t *testing.T, data []byte) {
		n := len(data) / 4
		if n < 2 || n > 40 {
			return
		}
		toks := make([]token, n)
		for i := range toks {
			b := data[i*4 : i*4+4]
			toks[i] = token{Text: words[int(b[0])%len(words)], UPOS: upos[int(b[1])%len(upos)], Rel: rels[int(b[2])%len(rels)],
				NER: ners[int(b[3])%len(ners)], Head: -1}
			if toks[i].Text == "to" {
				toks[i].Tag = "TO"
			}
			if i > 0 {
				toks[i].Head = int(b[3]) % i // a head before it: a tree
			}
		}
		mend(toks)
		if !isTree(toks) {
			t.Fatalf("mend left no tree: %+v", toks)
		}
	})
}
