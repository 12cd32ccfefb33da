package extract

import (
	"kg/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"kg/schema"
)

// Mention is one place where a document names an entity.
type Mention struct {
	Start int          // byte offset of the name in the document text
	End   int          // end of the name (exclusive); Text == doc.Text[Start:End]
	Text  string       // the name as written, titles excluded
	Name  string       // the name as kg spells it (all-caps words in title case, gazetteer spelling)
	Class schema.Class // Person, Organization or Place
	Title string       // a title written before the name ("president", "prime minister"), lower case

	sure    int  // how the class was decided: 3 gazetteer, 2 head word or title, 1 prose's NER
	sent    int  // index of the sentence in the document
	tok0    int  // first token of the name in its sentence
	tok1    int  // one past the last token
	entity  int  // index of the entity it was merged into
	bound   bool // a one-word name bound to a fuller one: it takes that entity's class
	demonym bool // an adjective of place ("Russian") standing for the place
	generic bool // a generic head alone ("Commission", "Co"): stands for the one entity it heads, or for none
}

// Strength of a class decision, strongest last.
const (
	byNER = 1 + iota
	byHead
	byGazetteer
)

// findMentions finds the entity mentions of one tagged sentence: runs of
// proper-noun tokens (with "of", "for", "a", "the", "and" allowed inside an
// organization's name), minus leading titles and demonyms, typed by the
// gazetteer, by head words ("University", "region"), by a title before the
// name, or by prose's entity labels, in that order of trust.
func (g *gazetteer) findMentions(text string, toks []token) []Mention {
	var out []Mention
	emit := func(m Mention) {
		m.Text = text[m.Start:m.End]
		out = append(out, m)
	}
	for i := 0; i < len(toks); {
		if m, ok := g.knownAt(toks, i); ok {
			emit(m)
			i = m.tok1
			continue
		}
		if n := g.demonymAt(toks, i); n > 0 && !g.demonymOpensName(toks, i, n) {
			place := g.demonyms[strings.ToLower(joinTokens(toks[i:i+n]))]
			emit(Mention{Start: toks[i].Start, End: toks[i+n-1].End, Name: place, Class: schema.Place,
				sure: byGazetteer, tok0: i, tok1: i + n, demonym: true})
			i += n
			continue
		}
		if !g.nameLike(toks, i) && g.demonymAt(toks, i) == 0 {
			i++
			continue
		}
		j := g.chunkEnd(toks, i)
		if m, ok := g.classify(toks, i, j); ok {
			emit(m)
		}
		i = j
	}
	return out
}

// demonymOpensName reports whether the demonym of n tokens at i opens an
// organization's or place's name rather than modifying one: "European
// Community", "European Union", "American Express" — capitalized words
// after it that end with an organization or place head word.
func (g *gazetteer) demonymOpensName(toks []token, i, n int) bool {
	j := i + n
	for j < len(toks) && startsUpper(toks[j].Text) && !isAllCaps(toks[j].Text) && j < i+n+3 {
		if g.orgHeads[toks[j].Text] || g.placeHeads[toks[j].Text] {
			return j == i+n // the head right after the demonym: "European Union", not "Russian Foreign Ministry"
		}
		j++
	}
	return false
}

// knownAt returns the longest name the gazetteer knows that starts at token
// i and is written with capitals ("United States", "U.N. Security Council").
func (g *gazetteer) knownAt(toks []token, i int) (Mention, bool) {
	if !startsUpper(toks[i].Text) {
		return Mention{}, false
	}
	for n := min(6, len(toks)-i); n > 0; n-- {
		if !startsUpper(toks[i+n-1].Text) {
			continue
		}
		k, ok := g.lookup(joinTokens(toks[i : i+n]))
		if !ok {
			continue
		}
		for k := i + n; k < len(toks) && k < i+n+4 && startsUpper(toks[k].Text); k++ {
			if g.orgHeads[toks[k].Text] || g.placeHeads[toks[k].Text] {
				// "Korea Institute", "Chicago Film Critics Association": the
				// known name opens a longer one; let the chunker see it whole
				return Mention{}, false
			}
		}
		return Mention{Start: toks[i].Start, End: toks[i+n-1].End, Name: k.Name, Class: k.Class,
			sure: byGazetteer, tok0: i, tok1: i + n}, true
	}
	return Mention{}, false
}

// demonymAt returns how many tokens a demonym at i spans ("North Korean" 2,
// "Russian" 1), or 0.
func (g *gazetteer) demonymAt(toks []token, i int) int {
	if i+1 < len(toks) && g.demonyms[strings.ToLower(toks[i].Text+" "+toks[i+1].Text)] != "" {
		return 2
	}
	if g.demonyms[strings.ToLower(toks[i].Text)] != "" {
		return 1
	}
	return 0
}

// nameLike reports whether token i can be part of a name.
func (g *gazetteer) nameLike(toks []token, i int) bool {
	t := toks[i]
	if !startsUpper(t.Text) || g.notNames[strings.TrimSuffix(t.Text, ".")] || g.demonymAt(toks, i) > 0 {
		return false
	}
	if first, _, ok := strings.Cut(t.Text, "-"); ok && g.notNames[first] {
		return false // "Analysis-With": a desk prefix run into the headline
	}
	switch t.Tag {
	case "NNP", "NNPS":
		return true
	case "PRP", "PRP$", "DT", "WDT", "WP", "IN", "CC", "MD":
		return false
	}
	if _, ok := g.lookup(nameHead(t.Text)); ok {
		return true
	}
	if i > 0 && !syntax.IsWord(t.Text) && wordLike(t.Text) && len(t.Text) > 1 && !strings.ContainsAny(t.Text, "0123456789") {
		return true // a capitalized word no dictionary has, inside a sentence: "F-Secure", "Xstrata"
	}
	return t.NER != ""
}

// chunkEnd returns the end of the name that starts at token i.
func (g *gazetteer) chunkEnd(toks []token, i int) int {
	j := i + 1
	for j < len(toks) {
		if nameHead(toks[j-1].Text) != toks[j-1].Text {
			break // "U.S.-led" ends a name
		}
		if g.nameLike(toks, j) || g.demonymAt(toks, j) > 0 && g.hasHead(g.orgHeads, tokenTexts(toks[i:j])) {
			j++
			continue
		}
		if (toks[j].Text == "'s" || toks[j].Text == "’s") && toks[j].NER == "ORGANIZATION" && toks[j-1].NER == "ORGANIZATION" {
			j++ // "Moody's Investors Service", "Moody's said": the entity tagger reads the "'s" as the company's own
			continue
		}
		if k := g.connectorRun(toks, i, j); k > j {
			j = k
			continue
		}
		if g.capitalizedNoun(toks, j) {
			j++ // "Center for a New American Security": a capitalized noun inside a name
			continue
		}
		if k := g.andRun(toks, i, j); k > j {
			j = k // "Securities and Exchange Commission", "Procter & Gamble"
			continue
		}
		if g.placeHeads[toks[j].Text] {
			j++
		}
		break
	}
	return j
}

// capitalizedNoun reports whether token j, inside a name, is a capitalized
// common noun or adjective that the name goes on with ("Security", "New"):
// the tagger reads some words of names as common words.
func (g *gazetteer) capitalizedNoun(toks []token, j int) bool {
	t := toks[j]
	if j == 0 || !startsUpper(t.Text) || g.notNames[t.Text] || isAllCaps(t.Text) {
		return false
	}
	switch t.Tag {
	case "NN", "NNS", "JJ":
		return true
	}
	return false
}

// andRun extends a name over "and" or "&" at j: "&" between capitalized
// words always ("Procter & Gamble"); "and" when the words after it end
// with an organization head ("Securities and Exchange Commission") and the
// name so far has none, nor a given name (two people are two names). It
// returns the new end, or j.
func (g *gazetteer) andRun(toks []token, i, j int) int {
	if j+1 >= len(toks) || !startsUpper(toks[j+1].Text) {
		return j
	}
	if toks[j].Text == "&" {
		return j + 2
	}
	if toks[j].Text != "and" || g.firstNames[toks[i].Text] || g.hasHead(g.orgHeads, tokenTexts(toks[i:j])) {
		return j
	}
	for k := j + 1; k < len(toks) && k < j+5 && startsUpper(toks[k].Text); k++ {
		if g.orgHeads[toks[k].Text] {
			return k + 1
		}
	}
	return j
}

// connectorRun extends an organization's name over "of", "for a", "of the":
// only when the name so far has an organization head word and a name word
// follows. It returns the new end, or j.
func (g *gazetteer) connectorRun(toks []token, i, j int) int {
	head := false
	for _, t := range toks[i:j] {
		head = head || g.orgHeads[t.Text] || g.placeHeads[t.Text] // "Bay of Plenty"
	}
	if !head {
		return j
	}
	k := j
	for k < len(toks) && k-j < 2 && g.connectors[toks[k].Text] {
		k++
	}
	if k == j || toks[j].Text == "and" || k >= len(toks) || !g.nameLike(toks, k) && !g.capitalizedNoun(toks, k) {
		return j
	}
	return k + 1
}

// classify turns tokens [i, j) into a mention, or reports false when they
// name nothing kg can type.
func (g *gazetteer) classify(toks []token, i, j int) (Mention, bool) {
	var title []string
	for i < j-1 && g.notOfName(toks, i) {
		i++ // "Although Reagan", "Former Senator X": a capital that only opens the sentence
	}
	if j-i >= 2 && toks[i].UPOS == "ADJ" && !g.knownSpan(toks[i:j]) && g.knownSpan(toks[i+1:j]) {
		i++ // "New IMF managing director": an adjective before a name known without it ("New Delhi" is known whole)
	}
	if k := g.givenNameAfter(toks, i, j); k > i {
		i = k // "Tory Edward Turnour", "New Yorker William Trowbridge": a description before a person's name
	}
	if j-i > 1 && g.orgHeads[toks[j-1].Text] {
		// "General Binding Corp", "President Hotel Group": a title word
		// opening an organization's name is part of the name
		return g.typeName(toks, i, j, title)
	}
	for k := i + 1; k < j-1 && g.titleAt(toks, i, j) == 0; k++ {
		// "Chilean President Elena Marquez": a title inside the chunk ends
		// whatever modifies it
		if n := g.titleAt(toks, k, j); n > 0 && allTagged(toks[i:k], "JJ", "NNP", "NNPS") {
			i = k
			break
		}
	}
	for i < j {
		n := g.titleAt(toks, i, j)
		if n == 0 {
			break
		}
		for _, t := range toks[i : i+n] {
			title = append(title, strings.ToLower(t.Text))
		}
		i += n
	}
	if i == j {
		return Mention{}, false
	}
	if len(title) == 0 && i > 0 {
		if n := g.titleBefore(toks, i); n > 0 {
			for _, t := range toks[i-n : i] {
				title = append(title, strings.ToLower(t.Text))
			}
		}
	}
	return g.typeName(toks, i, j, title)
}

// givenNameAfter returns where a person's name starts inside tokens [i, j)
// when words that are no given names come before a given name that opens a
// name of two words or more ("Actor Jamie Foxx" → "Jamie Foxx"), else i.
func (g *gazetteer) givenNameAfter(toks []token, i, j int) int {
	if g.firstNames[toks[i].Text] || g.titleAt(toks, i, j) > 0 {
		return i
	}
	if _, known := g.lookup(joinTokens(toks[i:j])); known {
		return i
	}
	for k := i + 1; k <= i+2 && k < j-1; k++ {
		if g.firstNames[toks[k].Text] {
			return k
		}
	}
	return i
}

// notOfName reports whether token i, opening a run of capitalized words,
// is no part of the name after it: a word the tagger reads as a
// subordinator, adverb, verb or common adjective ("Although", "Unlike",
// "Injured", "Former"), unless the gazetteer knows it.
func (g *gazetteer) notOfName(toks []token, i int) bool {
	if _, ok := g.lookup(toks[i].Text); ok {
		return false
	}
	switch toks[i].UPOS {
	case "SCONJ", "ADV", "ADP", "CCONJ", "DET", "PRON", "AUX", "VERB", "INTJ", "PART":
		return true
	case "ADJ":
		return leadingAdjectives[strings.ToLower(toks[i].Text)]
	}
	return false
}

// leadingAdjectives describe the person or organization whose name follows
// them and are never part of it: "Former Senator X", "Injured striker Y".
var leadingAdjectives = setOf("former", "injured", "embattled", "troubled", "beleaguered", "veteran", "late",
	"acting", "outgoing", "incoming", "jailed", "ousted", "exiled", "disgraced", "fellow", "then", "ailing",
	"unlike", "rival", "struggling", "retired", "deposed", "controversial", "defending", "reigning")

// typeName makes a mention of the name in tokens [i, j), after any title,
// and types it (see classify).
func (g *gazetteer) typeName(toks []token, i, j int, title []string) (Mention, bool) {
	last := toks[j-1]
	m := Mention{
		Start: toks[i].Start, End: last.Start + len(nameHead(last.Text)),
		Title: strings.Join(title, " "), tok0: i, tok1: j,
	}
	words := make([]string, 0, j-i)
	allCaps := true
	for _, t := range toks[i:j] {
		if (t.Text == "'s" || t.Text == "’s") && len(words) > 0 {
			words[len(words)-1] += t.Text // "Moody's"
			continue
		}
		words = append(words, nameHead(t.Text))
		allCaps = allCaps && isAllCaps(t.Text)
	}
	m.Name = strings.Join(words, " ")
	if len(m.Name) < 2 {
		return Mention{}, false // "S" of "S and P": a letter names nothing
	}
	if len(words) == 1 && genericNames[strings.ToLower(strings.TrimSuffix(words[0], "."))] {
		m.generic = true // "the Commission": the one the document names in full, or nothing
		return m, true
	}
	if allCaps && len(strings.ReplaceAll(m.Name, ".", "")) > 5 {
		m.Name = titleCase(m.Name) // "SEOUL", "UKRAINE FACTOR"
		if _, ok := g.lookup(m.Name); !ok {
			return Mention{}, false
		}
	}
	switch k, ok := g.lookup(m.Name); {
	case ok:
		m.Name, m.Class, m.sure = k.Name, k.Class, byGazetteer
	case g.personName(toks[i:j], words):
		m.Class, m.sure = schema.Person, byHead
	case len(words) > 1 && g.hasHead(g.orgHeads, words):
		m.Class, m.sure = schema.Organization, byHead
	case len(words) > 1 && (g.placeHeads[words[len(words)-1]] || g.placeHeads[words[0]]): // "Amur region", "Bay of Plenty"
		m.Class, m.sure = schema.Place, byHead
	case len(title) > 0:
		m.Class, m.sure = schema.Person, byHead
	case i > 0 && orgNouns[strings.ToLower(toks[i-1].Text)] && !startsUpper(toks[i-1].Text):
		m.Class, m.sure = schema.Organization, byHead // "security firm F-Secure", "the company Xstrata"
	default:
		c, ok := nerVote(toks[i:j])
		if !ok {
			if j-i == 1 && toks[i].Tag == "NNP" {
				return m, true // untyped: kept only if it is short for a name (resolveUntyped)
			}
			return Mention{}, false
		}
		m.Class, m.sure = c, byNER
	}
	return m, true
}

// personName reports whether a name of two to four words opens with a
// given name ("Virginia Madsen", "Thomas Haden Church"). When its last word
// is an organization or place head ("Victoria Station"), the entity
// model's label must agree.
func (g *gazetteer) personName(toks []token, words []string) bool {
	if len(words) < 2 || len(words) > 4 || !g.firstNames[words[0]] {
		return false
	}
	last := words[len(words)-1]
	if g.orgHeads[last] || g.placeHeads[last] {
		c, ok := nerVote(toks)
		return ok && c == schema.Person
	}
	return true
}

// titleAt returns how many tokens a title at i (before j) spans.
func (g *gazetteer) titleAt(toks []token, i, j int) int {
	for n := g.maxTitle; n > 0; n-- {
		if i+n >= j { // a title is never the whole name
			continue
		}
		if g.titles[strings.ToLower(joinTokens(toks[i:i+n]))] {
			return n
		}
	}
	return 0
}

// titleBefore returns how many lower-case tokens right before i form a
// title ("leader" in "North Korean leader Kim Jong Un").
func (g *gazetteer) titleBefore(toks []token, i int) int {
	for n := g.maxTitle; n > 0; n-- {
		if i-n < 0 {
			continue
		}
		if g.titles[strings.ToLower(joinTokens(toks[i-n:i]))] {
			return n
		}
	}
	return 0
}

func (g *gazetteer) hasHead(heads map[string]bool, words []string) bool {
	for _, w := range words {
		if heads[w] {
			return true
		}
	}
	return false
}

// fullOrgNames renames an organization's mention to the fuller name the
// document gives it with a place in front: "Department of Justice" → "US
// Department of Justice". A name two fuller names fit keeps its own.
func (g *gazetteer) fullOrgNames(ms []Mention) {
	fuller := map[string]string{}
	for _, m := range ms {
		words := strings.Fields(m.Name)
		if m.Class != schema.Organization || len(words) < 3 {
			continue
		}
		first := strings.ToLower(words[0])
		if k, ok := g.lookup(first); !(ok && k.Class == schema.Place) && g.demonyms[first] == "" {
			continue
		}
		short := strings.ToLower(strings.Join(words[1:], " "))
		if have, ok := fuller[short]; ok && have != m.Name {
			fuller[short] = "" // two fuller names: keep apart
			continue
		}
		fuller[short] = m.Name
	}
	for i, m := range ms {
		if v := fuller[strings.ToLower(m.Name)]; v != "" && m.Class == schema.Organization {
			ms[i].Name = v
		}
	}
}

// genericNames are heads that name no organization alone: "the
// Commission", "the Bank", "Co".
var genericNames = setOf("co", "corp", "inc", "ltd", "plc", "llc", "bank", "commission", "company", "group", "house",
	"senate", "treasury", "council", "committee", "court", "government", "ministry", "department", "agency", "party",
	"union", "exchange", "fund", "board", "congress", "parliament", "assembly", "administration", "authority",
	"corporation", "institute", "university", "association", "federation", "league", "club", "army", "police", "cabinet")

// bindGeneric gives a generic head alone ("the Commission") the name of the
// one organization of the document whose name ends with it ("Securities and
// Exchange Commission"); a generic head that fits none or several is no
// mention.
func bindGeneric(ms []Mention) []Mention {
	out := ms[:0]
	for _, m := range ms {
		if !m.generic {
			out = append(out, m)
			continue
		}
		head := strings.ToLower(strings.TrimSuffix(m.Name, "."))
		name, n := "", 0
		for _, o := range ms {
			words := strings.Fields(strings.ToLower(o.Name))
			if o.generic || o.Class != schema.Organization || len(words) < 2 || words[len(words)-1] != head || o.Name == name {
				continue
			}
			name, n = o.Name, n+1
		}
		if n == 1 {
			m.Name, m.Class, m.sure, m.generic = name, schema.Organization, byHead, false
			out = append(out, m)
		}
	}
	return out
}

// nerVote types a name by prose's labels on its tokens: any PERSON label on
// a name of two or three words makes a person (prose often labels surnames
// as places); otherwise the most frequent label wins.
func nerVote(toks []token) (schema.Class, bool) {
	votes := map[schema.Class]int{}
	for _, t := range toks {
		switch t.NER {
		case "PERSON":
			votes[schema.Person]++
		case "GPE", "LOCATION":
			votes[schema.Place]++
		case "ORGANIZATION":
			votes[schema.Organization]++
		}
	}
	if votes[schema.Person] > 0 && len(toks) >= 2 && len(toks) <= 4 {
		return schema.Person, true
	}
	best, n := schema.Class(""), 0
	for _, c := range schema.Classes {
		if votes[c] > n {
			best, n = c, votes[c]
		}
	}
	return best, n > 0
}

// nameHead cuts a hyphenated modifier to its name: "U.S.-led" → "U.S.",
// "Korea-related" → "Korea"; "Leif-Eric" stays.
func nameHead(w string) string {
	i := strings.LastIndexByte(w, '-')
	if i <= 0 || i == len(w)-1 {
		return w
	}
	r, _ := utf8.DecodeRuneInString(w[i+1:])
	if unicode.IsLower(r) {
		return w[:i]
	}
	return w
}

// allTagged reports whether every token is capitalized and has one of tags.
func allTagged(toks []token, tags ...string) bool {
	for _, t := range toks {
		if !startsUpper(t.Text) || !slices.Contains(tags, t.Tag) {
			return false
		}
	}
	return true
}

func tokenTexts(toks []token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

func joinTokens(toks []token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && t.Text != "'s" && t.Text != "’s" {
			b.WriteByte(' ') // "Moody's" keeps its "'s" on the word
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func isAllCaps(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

// titleCase writes "UKRAINE FACTOR" as "Ukraine Factor".
func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return strings.Join(words, " ")
}

// resolveUntyped types the one-word names no rule could type ("Ruiz" that
// prose did not label) when they are short for a person or place named in
// full elsewhere in the document, and drops the others. ms is in text
// order and stays so.
func resolveUntyped(ms []Mention) []Mention {
	ms = bindGeneric(ms)
	full := map[string]schema.Class{}
	for _, m := range ms {
		words := strings.Fields(m.Name)
		if m.Class == "" || len(words) < 2 {
			continue
		}
		switch m.Class {
		case schema.Person:
			for _, w := range words {
				full[strings.ToLower(w)] = schema.Person
			}
		case schema.Place:
			if _, ok := full[strings.ToLower(words[0])]; !ok {
				full[strings.ToLower(words[0])] = schema.Place
			}
		}
	}
	out := ms[:0]
	for _, m := range ms {
		if m.Class == "" {
			c, ok := full[strings.ToLower(m.Name)]
			if !ok {
				continue
			}
			m.Class, m.sure = c, byNER
		}
		out = append(out, m)
	}
	return out
}
