package extract

import "strings"

// Mending the parse. The parser is trained on web text and makes a few
// errors on news so often, and so plainly against English grammar, that
// facts read off its tree would be lost or garbled. Each mend below names
// the construction it restores; each is tested in TestMend on a sentence
// the project writes; none consults a word list beyond the function words
// of the construction.

// repairs are the mends, in the order they apply.
var repairs = []func([]token){
	bracketAside, markThat, relativeClauses, prepositionalSubjects, appositiveSubjects, appositionAfterSubject,
	frontedPhrase, caseMarkedSubject, askedParty, descriptorBeforeName, participleAfterNoun, ofAfterPerson,
}

// mend applies every repair, in order, to a parsed sentence. A repair is
// kept only when the sentence is still a tree after it (each repair moves
// arcs by local evidence, and two moves of one repair can meet in a
// cycle on a sentence no one foresaw); otherwise the arcs it moved are put
// back.
func mend(toks []token) {
	saved := make([]token, len(toks))
	for _, repair := range repairs {
		copy(saved, toks)
		repair(toks)
		if !isTree(toks) {
			copy(toks, saved)
		}
	}
}

// nameFirst returns the first word of the name whose word i is: the
// token the flat words of a name hang on, before them.
func nameFirst(toks []token, i int) int {
	for toks[i].Rel == "flat" && toks[i].Head >= 0 && toks[i].Head < i {
		i = toks[i].Head
	}
	return i
}

// isTree reports whether every token reaches a root by its heads, without
// a cycle.
func isTree(toks []token) bool {
	for i := range toks {
		j := i
		for n := 0; j >= 0; n++ {
			if n > len(toks) || toks[j].Head >= len(toks) {
				return false
			}
			j = toks[j].Head
		}
	}
	return true
}

// ofAfterPerson: "John Smith of the Center for Policy Studies said prices
// would rise", read with the center as the subject and the person hung
// aside, and "said Duyeon Kim, of the Center for a New American Security",
// read with the center as a circumstance of "said". A person's name
// followed (after a comma or not) by "of" and another name is that
// person's affiliation: the second name hangs on the person (nmod, "of"
// its case), and the person takes the second name's place as the verb's
// subject when the parse gave it that place.
func ofAfterPerson(toks []token) {
	for o := 1; o+1 < len(toks); o++ {
		if !strings.EqualFold(toks[o].Text, "of") || toks[o].UPOS != "ADP" {
			continue
		}
		a := o - 1
		if toks[a].Text == "," && a > 0 {
			a--
		}
		a = nameFirst(toks, a)
		b := o + 1
		if b+1 < len(toks) && toks[b].UPOS == "DET" {
			b++
		}
		if toks[a].NER != "PERSON" || toks[a].UPOS != "PROPN" || toks[b].NER == "" || toks[b].NER == "PERSON" ||
			toks[b].UPOS != "PROPN" && toks[b].UPOS != "NOUN" || toks[b].Head == a || isAncestor(toks, b, a) {
			continue
		}
		if strings.HasPrefix(toks[b].Rel, "nsubj") && toks[a].Head == toks[b].Head || toks[a].Head == toks[b].Head && toks[a].Rel != "nsubj" && strings.HasPrefix(toks[b].Rel, "nsubj") {
			toks[a].Rel = toks[b].Rel
		} else if strings.HasPrefix(toks[b].Rel, "nsubj") && !isAncestor(toks, toks[b].Head, a) {
			toks[a].Head, toks[a].Rel = toks[b].Head, toks[b].Rel
		}
		toks[b].Head, toks[b].Rel = a, "nmod"
		toks[o].Head, toks[o].Rel = b, "case"
		if toks[o-1].Text == "," {
			toks[o-1].Head = b
		}
	}
}

// participleAfterNoun: "the men operated hubs in a community organised
// across the network", with "organised" read as a clause of "operated"
// (whose subject, the men, it would then take). A participle without
// auxiliary, marker or subject right after a noun, with no comma between,
// modifies that noun (acl): "a community organised", "the sawmill owned
// by the church". A participle after a comma ("…, backed by the bank")
// keeps its reading.
func participleAfterNoun(toks []token) {
	for i := 1; i < len(toks); i++ {
		n := i - 1
		if toks[i].Tag != "VBN" || toks[i].Rel != "advcl" || toks[n].UPOS != "NOUN" && toks[n].UPOS != "PROPN" {
			continue
		}
		if toks[n].Rel == "nsubj" || toks[n].Rel == "nsubj:pass" {
			continue
		}
		own := false
		for j := range toks {
			if toks[j].Head == i && (strings.HasPrefix(toks[j].Rel, "aux") || toks[j].Rel == "mark" || strings.HasPrefix(toks[j].Rel, "nsubj")) {
				own = true
			}
		}
		if own || toks[i].Head < 0 || isAncestor(toks, i, n) || !isAncestor(toks, toks[i].Head, n) {
			continue // the noun must lie under the participle's head, not under the participle
		}
		toks[i].Head, toks[i].Rel = n, "acl"
	}
}

// isAncestor reports whether a is i or one of i's heads.
func isAncestor(toks []token, a, i int) bool {
	for k := 0; i >= 0 && k <= len(toks); k++ {
		if i == a {
			return true
		}
		i = toks[i].Head
	}
	return false
}

// descriptorBeforeName: "Putin toasted North Korean leader Kim Jong Un",
// read as two arguments of "toasted", "leader" its object and "Kim" a
// bare modifier. A noun right before a proper name, both on the same head
// as arguments, is the name's descriptor: the name takes the noun's place
// and the noun hangs on it as a compound, as UD writes "leader Kim".
func descriptorBeforeName(toks []token) {
	for p := 1; p < len(toks); p++ {
		n := p - 1
		if toks[p].UPOS != "PROPN" || toks[n].UPOS != "NOUN" || toks[n].Head != toks[p].Head || toks[p].Head < 0 {
			continue
		}
		switch toks[p].Rel {
		case "obl:unmarked", "obl:npmod", "obj", "iobj", "dep", "nsubj":
		default:
			continue
		}
		switch toks[n].Rel {
		case "obj", "iobj", "nsubj", "nsubj:pass", "obl", "obl:npmod":
		default:
			continue
		}
		toks[p].Rel = toks[n].Rel
		toks[n].Head, toks[n].Rel = p, "compound"
		for j := range toks {
			if toks[j].Head == n && j > p { // what followed the noun follows the name
				toks[j].Head = p
			}
		}
	}
}

// markThat: "The study indicated that prices could fall", with "that"
// read as the object of "indicated". A subordinating "that" (SCONJ) before
// the verb it hangs on marks that verb's clause.
func markThat(toks []token) {
	for i := range toks {
		h := toks[i].Head
		if toks[i].UPOS != "SCONJ" || toks[i].Rel == "mark" || h <= i || toks[h].UPOS != "VERB" && toks[h].UPOS != "AUX" {
			continue
		}
		toks[i].Rel = "mark"
	}
}

// appositiveSubjects: "Lucia Fernandez, a professor at the university,
// spoke", read with two subjects of "spoke". A verb has one subject: a
// second one that follows the first after a comma, with its own
// determiner ("a professor", "the head of …"), describes the first.
func appositiveSubjects(toks []token) {
	for b := range toks {
		if toks[b].Rel != "nsubj" || toks[b].UPOS != "NOUN" {
			continue
		}
		v := toks[b].Head
		a := -1
		for j := 0; j < b; j++ {
			if toks[j].Head == v && toks[j].Rel == "nsubj" {
				a = j
			}
		}
		if a < 0 {
			continue
		}
		comma, det := false, false
		for j := a + 1; j < b; j++ {
			switch {
			case toks[j].Text == "," && (toks[j].Head == a || toks[j].Head == v || toks[j].Head == b):
				comma = true
			case toks[j].Head == b && toks[j].Rel == "det":
				det = true
			case toks[j].Head == a || toks[j].Head == b || toks[j].Rel == "flat" || toks[j].Rel == "compound" || toks[j].Rel == "amod":
			default:
				comma, det = false, false
				j = b
			}
		}
		if comma && det {
			toks[b].Head, toks[b].Rel = a, "appos"
		}
	}
}

// appositionAfterSubject: "Talks matter, said Ana Ruiz, a Chile expert at
// the university", with "expert" read as a clause beside "said". A noun
// with its own determiner right after the comma that closes a verb's
// subject, hung on that verb as parataxis or dep, describes the subject.
func appositionAfterSubject(toks []token) {
	for n := range toks {
		if toks[n].UPOS != "NOUN" || toks[n].Rel != "parataxis" && toks[n].Rel != "dep" {
			continue
		}
		v := toks[n].Head
		j := n - 1
		det := false
		for j > 0 && toks[j].Head == n && (toks[j].Rel == "det" || toks[j].Rel == "compound" || toks[j].Rel == "amod" || toks[j].Rel == "flat") {
			det = det || toks[j].Rel == "det"
			j--
		}
		if !det || j < 1 || toks[j].Text != "," {
			continue
		}
		a := j - 1
		a = nameFirst(toks, a)
		if toks[a].Head != v || !strings.HasPrefix(toks[a].Rel, "nsubj") || toks[a].UPOS != "PROPN" || v >= a {
			continue
		}
		toks[n].Head, toks[n].Rel = a, "appos"
	}
}

// relativeClauses mends a parse that reads ", who met X" as a clause of
// its own whose subject is the name before it: "Protests grew, said Anna
// Weber, who met Tomas Berger." parsed as "said (that) Anna Weber who met
// Tomas Berger". A verb whose subject is the relative pronoun "who" or
// "which" right after a noun (and a comma) is a relative clause of that
// noun: the noun takes the verb's place under its head (as subject when
// that head has none, else as object), the verb hangs on the noun as
// acl:relcl.
func relativeClauses(toks []token) {
	for w := range toks {
		if l := strings.ToLower(toks[w].Text); l != "who" && l != "which" || !strings.HasPrefix(toks[w].Rel, "nsubj") {
			continue
		}
		v := toks[w].Head
		a := w - 1
		if a >= 0 && toks[a].Text == "," {
			a--
		}
		if v < 0 || a < 0 || toks[v].Rel == "acl:relcl" || toks[v].UPOS != "VERB" {
			continue
		}
		for toks[a].Rel == "flat" && toks[a].Head >= 0 {
			a = toks[a].Head
		}
		if toks[a].UPOS != "PROPN" && toks[a].UPOS != "NOUN" || toks[a].Head != v {
			continue // a proper relative clause already, or one the noun does not head
		}
		h := toks[v].Head
		role := "root"
		if h >= 0 {
			role = "nsubj"
			for j := range toks {
				if toks[j].Head == h && j != v && strings.HasPrefix(toks[j].Rel, "nsubj") {
					role = "obj"
				}
			}
		}
		toks[a].Head, toks[a].Rel = h, role
		toks[v].Head, toks[v].Rel = a, "acl:relcl"
		for j := range toks {
			if toks[j].Head == v && toks[j].Text == "," && j < w {
				toks[j].Head = a
			}
		}
	}
}

// prepositionalSubjects mends a parse that reads "Xstrata's bid for WMC
// Resources failed" (or "demand for oil fell") as a "for"-clause whose
// subject is the noun after the preposition: a finite verb is never marked
// by "for", "of" or "with", and it has one subject. When a finite verb has
// two subjects, the second after such a marker, that one is the
// prepositional object of the first.
func prepositionalSubjects(toks []token) {
	for m := range toks {
		if l := strings.ToLower(toks[m].Text); toks[m].Rel != "mark" || l != "for" && l != "of" && l != "with" {
			continue
		}
		v := toks[m].Head
		if v < 0 || toks[v].Tag != "VBD" && toks[v].Tag != "VBZ" && toks[v].Tag != "VBP" {
			continue
		}
		first, second := -1, -1
		for j := range toks {
			if toks[j].Head != v || toks[j].Rel != "nsubj" {
				continue
			}
			if j < m {
				first = j
			} else if j < v && second < 0 {
				second = j
			}
		}
		if first < 0 || second < 0 {
			continue
		}
		toks[second].Head, toks[second].Rel = first, "nmod"
		toks[m].Head, toks[m].Rel = second, "case"
	}
}

// frontedPhrase: "During the 1730s Britain's relationship with Spain had
// slowly declined", read with "the 1730s" as the subject and "During" as
// the preposition of "relationship". A preposition hangs on the first noun
// after it: when it heads a later noun of the same verb across that noun,
// the arcs cross (or the first noun hangs on the later one as its
// subject), and the two nouns trade places (the first takes the
// preposition and the later one's relation, the later one the first's).
func frontedPhrase(toks []token) {
	for c := range toks {
		if toks[c].Rel != "case" || toks[c].UPOS != "ADP" {
			continue
		}
		n2 := toks[c].Head
		if n2 <= c+1 || !strings.HasPrefix(toks[n2].Rel, "obl") {
			continue
		}
		v := toks[n2].Head
		n1 := -1
		for j := c + 1; j < n2; j++ {
			if (toks[j].Head == v || toks[j].Head == n2) && strings.HasPrefix(toks[j].Rel, "nsubj") && (toks[j].UPOS == "NOUN" || toks[j].UPOS == "PROPN" || toks[j].UPOS == "NUM") {
				n1 = j
				break
			}
		}
		if n1 < 0 {
			continue
		}
		ok := true
		for j := c + 1; j < n1; j++ {
			if toks[j].Head != n1 { // only the first noun's own words lie between
				ok = false
			}
		}
		if !ok {
			continue
		}
		toks[n1].Rel, toks[n2].Rel = toks[n2].Rel, toks[n1].Rel
		toks[n1].Head, toks[c].Head = v, n1
	}
}

// caseMarkedSubject: "During the 1990s the town's trade with Norway had
// declined", read with "the 1990s" (its preposition kept) as the subject
// and "trade" hung on it without a preposition. A noun with a preposition
// is no subject: the bare noun after it, hung on it, is the subject, and
// the marked one a circumstance (obl) of the verb.
func caseMarkedSubject(toks []token) {
	for n1 := range toks {
		if !strings.HasPrefix(toks[n1].Rel, "nsubj") {
			continue
		}
		c := -1
		for j := 0; j < n1; j++ {
			if toks[j].Head == n1 && toks[j].Rel == "case" && toks[j].UPOS == "ADP" {
				c = j
			}
		}
		if c < 0 {
			continue
		}
		for n2 := n1 + 1; n2 < len(toks); n2++ {
			if toks[n2].Head != n1 || !strings.HasPrefix(toks[n2].Rel, "nmod") || toks[n2].Rel == "nmod:poss" {
				continue
			}
			marked := false
			for j := n1 + 1; j < n2; j++ {
				if toks[j].Head == n2 && toks[j].Rel == "case" {
					marked = true
				}
			}
			if !marked {
				toks[n2].Head, toks[n2].Rel = toks[n1].Head, toks[n1].Rel
				toks[n1].Rel = "obl"
			}
			break
		}
	}
}

// bracketAside: "Boliden AB <BLDS ST> forecast a return", read with the
// ticker as the subject and the company hung on it. A bracketed noun
// phrase right after a noun ("<BLDS ST>", "(Reuters)") is that noun's
// aside (appos); when the parse hung the noun inside the brackets, the
// noun takes the place the bracketed phrase had.
func bracketAside(toks []token) {
	for l := 1; l < len(toks); l++ {
		if toks[l].Text != "<" && toks[l].Text != "(" {
			continue
		}
		closer := map[string]string{"<": ">", "(": ")"}[toks[l].Text]
		r := -1
		for j := l + 1; j < len(toks) && j < l+12; j++ {
			if toks[j].Text == closer {
				r = j
				break
			}
		}
		if r < 0 {
			continue
		}
		inside := func(i int) bool { return i > l && i < r }
		h := -1
		for j := l + 1; j < r; j++ {
			if !inside(toks[j].Head) {
				if h >= 0 {
					h = -2
					break
				}
				h = j
			}
		}
		switch {
		case h < 0:
			continue
		case toks[h].UPOS != "NOUN" && toks[h].UPOS != "PROPN" && toks[h].UPOS != "NUM" && toks[h].UPOS != "X":
			continue
		}
		prev := nameFirst(toks, l-1)
		if toks[prev].UPOS != "NOUN" && toks[prev].UPOS != "PROPN" || toks[h].Head == prev {
			continue
		}
		if inside(toks[prev].Head) {
			if toks[h].Head >= 0 && isAncestor(toks, prev, toks[h].Head) {
				continue // the noun already governs the phrase's head
			}
			toks[prev].Head, toks[prev].Rel = toks[h].Head, toks[h].Rel
		} else if isAncestor(toks, h, prev) {
			continue
		}
		toks[h].Head, toks[h].Rel = prev, "appos"
		toks[l].Head, toks[r].Head = h, h
	}
}

// askedParty: "Vincent Cable called on Mr Brown to open up the books",
// read with "on" and "to" both marking "open" and "Mr Brown" its subject.
// A "to" infinitive has no subject of its own but after "for" ("for
// prices to fall"): a noun between another preposition and the "to" is
// that preposition's object on the verb the clause hangs on, and the
// clause is that verb's complement (xcomp), as in "urged Mr Brown to".
func askedParty(toks []token) {
	for q := range toks {
		h := toks[q].Head
		if toks[q].UPOS != "VERB" || h < 0 || toks[q].Rel != "advcl" && toks[q].Rel != "ccomp" {
			continue
		}
		to, m, k := -1, -1, -1
		for j := range toks {
			if toks[j].Head != q || j > q {
				continue
			}
			switch {
			case toks[j].Rel == "mark" && toks[j].Tag == "TO":
				to = j
			case toks[j].Rel == "mark" && toks[j].UPOS == "ADP" && !strings.EqualFold(toks[j].Text, "for"):
				m = j
			case strings.HasPrefix(toks[j].Rel, "nsubj"):
				k = j
			}
		}
		if to < 0 || m < 0 || k < 0 || !(m < k && k < to) || h > m {
			continue
		}
		toks[m].Head, toks[m].Rel = k, "case"
		toks[k].Head, toks[k].Rel = h, "obl"
		toks[q].Rel = "xcomp"
	}
}
