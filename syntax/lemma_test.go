package syntax

import "testing"

// newsLemmas are news verbs and nouns with their tags and lemmas.
var newsLemmas = []struct{ form, xpos, lemma string }{
	{"issued", "VBD", "issue"}, {"issued", "VBN", "issue"}, {"filed", "VBD", "file"},
	{"excited", "VBN", "excite"}, {"probes", "NNS", "probe"}, {"probes", "VBZ", "probe"},
	{"acquired", "VBD", "acquire"}, {"agreed", "VBD", "agree"}, {"died", "VBD", "die"},
	{"denied", "VBD", "deny"}, {"supplied", "VBD", "supply"}, {"stopped", "VBD", "stop"},
	{"planned", "VBN", "plan"}, {"taxes", "NNS", "tax"}, {"analyses", "NNS", "analysis"},
	{"hoping", "VBG", "hope"}, {"making", "VBG", "make"}, {"writing", "VBG", "write"},
	{"running", "VBG", "run"}, {"settled", "VBD", "settle"}, {"sued", "VBD", "sue"},
	{"ceased", "VBD", "cease"}, {"tried", "VBD", "try"}, {"criticised", "VBD", "criticise"},
	{"criticized", "VBD", "criticize"}, {"organisations", "NNS", "organisation"},
	{"companies", "NNS", "company"}, {"wolves", "NNS", "wolf"}, {"churches", "NNS", "church"},
	{"crises", "NNS", "crisis"}, {"hoped", "VBD", "hope"}, {"visited", "VBD", "visit"},
	{"cancelled", "VBD", "cancel"}, {"controlled", "VBN", "control"}, {"called", "VBD", "call"},
	{"dying", "VBG", "die"}, {"bigger", "JJR", "big"}, {"happiest", "JJS", "happy"},
	{"nicer", "JJR", "nice"}, {"created", "VBN", "create"}, {"rated", "VBN", "rate"},
	{"opened", "VBD", "open"}, {"developed", "VBD", "develop"}, {"targeted", "VBN", "target"},
	{"meeting", "VBG", "meet"}, {"meeting", "NN", "meeting"}, {"boxes", "NNS", "box"},
	{"leased", "VBD", "lease"}, {"owed", "VBD", "owe"}, {"repurchased", "VBD", "repurchase"},
	{"unchanged", "VBN", "unchanged"}, {"co-managed", "VBD", "co-manage"}, {"walked", "VBD", "walk"},
	{"focused", "VBD", "focus"}, {"biased", "VBN", "bias"},
}

// TestLemmaRules checks the suffix rules alone, without a learnt table.
func TestLemmaRules(t *testing.T) {
	l := &lemmatizer{table: map[string]string{}, known: map[string]struct{}{}}
	for _, c := range newsLemmas {
		if got := l.lemma(c.form, c.xpos); got != c.lemma {
			t.Errorf("rules: %s/%s -> %q, want %q", c.form, c.xpos, got, c.lemma)
		}
	}
	for _, c := range []struct{ form, xpos, lemma string }{
		{"U.S.", "NNP", "U.S."}, {"Putin", "NNP", "Putin"}, {"Vladivostok", "NNP", "Vladivostok"},
		{"1999", "CD", "1999"}, {"Issued", "VBD", "issue"},
	} {
		if got := l.lemma(c.form, c.xpos); got != c.lemma {
			t.Errorf("rules: %s/%s -> %q, want %q", c.form, c.xpos, got, c.lemma)
		}
	}
}

// TestLemmaModel checks the shipped model, table and rules together.
func TestLemmaModel(t *testing.T) {
	m := benchModel(t)
	cases := append([]struct{ form, xpos, lemma string }{
		{"was", "VBD", "be"}, {"better", "JJR", "good"}, {"better", "RBR", "well"},
		{"children", "NNS", "child"}, {"bought", "VBD", "buy"}, {"bought", "VBN", "buy"}, {"misled", "VBD", "mislead"},
		{"U.S.", "NNP", "U.S."}, {"n't", "RB", "not"}, {"n’t", "RB", "not"}, {"went", "VBD", "go"},
		{"people", "NNS", "people"}, {"The", "DT", "the"}, {"Americans", "NNPS", "American"},
	}, newsLemmas...)
	for _, c := range cases {
		if got := m.lemmas.lemma(c.form, c.xpos); got != c.lemma {
			t.Errorf("%s/%s -> %q, want %q", c.form, c.xpos, got, c.lemma)
		}
	}
}
