package extract

import (
	"sort"
	"strings"

	"kg/schema"
	"kg/syntax"
)

// entity is one real-world entity as a document names it.
type entity struct {
	Name     string
	Class    schema.Class
	sure     int
	mentions []int // indices into the document's mentions, in text order
}

// mergeMentions groups a document's mentions (in text order) into entities
// and sets each mention's entity index. Names of two words or more, and
// names the gazetteer knows, group by their spelling. A one-word name then
// joins a person whose full name contains that word ("Putin" → "Vladimir
// Putin"); when several people share it ("Kim Jong Un", "Duyeon Kim") the
// one mentioned most so far wins, then the one mentioned most in all, then
// the most recent. Otherwise it groups by its spelling. The fullest name
// names the entity.
func mergeMentions(ms []Mention, headline func(sent int) bool) []entity {
	var ents []entity
	byName := map[string]int{}
	add := func(key string, i int) {
		e, ok := byName[key]
		if !ok {
			e = len(ents)
			byName[key] = e
			ents = append(ents, entity{})
		}
		ents[e].mentions = append(ents[e].mentions, i)
		ms[i].entity = e
	}
	var short []int
	for i, m := range ms {
		if strings.Contains(m.Name, " ") || m.sure == byGazetteer {
			add(nameKey(m), i)
		} else {
			short = append(short, i)
		}
	}
	for e := range ents {
		ents[e].settle(ms)
	}
	for _, i := range short {
		if e, ok := bindShort(ents, ms, i, headline); ok {
			ents[e].mentions = append(ents[e].mentions, i)
			ms[i].entity, ms[i].bound = e, true
			continue
		}
		add(strings.ToLower(ms[i].Name), i)
	}
	for e := range ents {
		sort.Ints(ents[e].mentions)
		ents[e].settle(ms)
	}
	return ents
}

// settle sets the entity's class (the most trusted decision, then the most
// frequent) and its name (the longest name of that class).
func (e *entity) settle(ms []Mention) {
	votes := map[schema.Class]int{}
	e.sure = 0
	for _, i := range e.mentions {
		m := ms[i]
		if m.bound {
			continue // "Thanou", labelled a place, is short for the person Katerina Thanou
		}
		if m.sure > e.sure {
			e.sure = m.sure
			votes = map[schema.Class]int{}
		}
		if m.sure == e.sure {
			votes[m.Class]++
		}
	}
	best := 0
	for _, c := range schema.Classes {
		if votes[c] > best {
			e.Class, best = c, votes[c]
		}
	}
	for _, i := range e.mentions {
		if n := ms[i].Name; len(strings.Fields(n)) > len(strings.Fields(e.Name)) || e.Name == "" {
			e.Name = n
		}
	}
}

// bindShort finds the entity a one-word mention i stands for: a person
// whose full name contains the word, or a place whose name starts with it
// ("the North" → North Korea); it chooses by salience so far, salience
// overall, then recency.
func bindShort(ents []entity, ms []Mention, i int, headline func(sent int) bool) (int, bool) {
	word := strings.ToLower(ms[i].Name)
	firstShort := -1 // the body's first mention by this word alone
	for j, m := range ms {
		if strings.EqualFold(m.Name, word) && !headline(m.sent) {
			firstShort = j
			break
		}
	}
	best, bestSoFar, bestAll, bestLast := -1, -1, -1, -1
	for e, ent := range ents {
		if !strings.Contains(ent.Name, " ") || !shortFor(ent, word) {
			continue
		}
		soFar, last := 0, -1
		for _, j := range ent.mentions {
			if j < i {
				soFar++
				last = j
			}
		}
		if ent.Class == schema.Organization && (soFar == 0 && !headline(ms[i].sent) || firstShort >= 0 && firstShort < ent.mentions[0]) {
			// an organization's short name follows its full one ("Allegheny
			// International … Allegheny"): "Blackpool", named alone before the
			// Blackpool Hotel Association, is the town wherever it is named;
			// a headline's short name is the one its body names in full ("WMC
			// profits up")
			continue
		}
		all := len(ent.mentions)
		if soFar > bestSoFar || soFar == bestSoFar && (all > bestAll || all == bestAll && last > bestLast) {
			best, bestSoFar, bestAll, bestLast = e, soFar, all, last
		}
	}
	return best, best >= 0
}

// shortFor reports whether a one-word name can stand for entity e: any word
// of a person's full name ("Putin", "Kim"), the first word of a place's
// ("the North" for North Korea), the first word of an organization's when
// it is no word of the dictionary ("Allegheny" for Allegheny
// International; "General" is not General Motors), or its last word after
// initials ("Rover" for MG Rover).
func shortFor(e entity, lowerWord string) bool {
	words := strings.Fields(e.Name)
	switch e.Class {
	case schema.Person:
		return hasWord(e.Name, lowerWord)
	case schema.Place:
		return strings.EqualFold(words[0], lowerWord)
	case schema.Organization:
		if strings.EqualFold(words[0], lowerWord) && !syntax.IsWord(lowerWord) {
			return true
		}
		return len(words) == 2 && strings.EqualFold(words[1], lowerWord) && isAllCaps(words[0]) && len(words[0]) <= 4
	}
	return false
}

// companyForms end a company's name without naming it apart: "Revlon Group
// Inc" is Revlon Group, "Gillette Co" Gillette.
var companyForms = setOf("inc", "inc.", "co", "co.", "corp", "corp.", "corporation", "ltd", "ltd.", "plc", "llc",
	"cos", "incorporated", "limited", "ag", "sa", "nv", "company")

// nameKey is the key a name of several words groups by in a document: its
// lower-case spelling, without an organization's company form.
func nameKey(m Mention) string {
	words := strings.Fields(strings.ToLower(m.Name))
	if m.Class == schema.Organization {
		for len(words) > 1 && companyForms[words[len(words)-1]] {
			words = words[:len(words)-1]
		}
	}
	return strings.Join(words, " ")
}

func hasWord(name, lowerWord string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if w == lowerWord {
			return true
		}
	}
	return false
}

// records turns a document's entities into schema records.
func entityRecords(ents []entity, ms []Mention, docID string) []schema.Entity {
	out := make([]schema.Entity, 0, len(ents))
	for _, e := range ents {
		aliases := map[string]bool{}
		for _, i := range e.mentions {
			if ms[i].demonym {
				continue // "Russian" names Russia but is not one of its names
			}
			for _, a := range []string{ms[i].Name, ms[i].Text} {
				if a != e.Name && !strings.ContainsAny(a, "\n") {
					aliases[a] = true
				}
			}
		}
		rec := schema.Entity{
			ID: schema.EntityID(e.Class, e.Name), Name: e.Name, Class: e.Class,
			Aliases: sortedKeys(aliases), Mentions: len(e.mentions), Documents: []string{docID},
		}
		out = append(out, rec)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// isTicker reports whether mention m is a stock symbol in angle brackets,
// as Reuters writes one after a company's name ("Piedmont Aviation Inc
// <PIE>", "Boliden AB <BLDS ST>"): capitals only, no name of its own.
func isTicker(toks []token, m Mention) bool {
	if m.tok0 < 1 || m.tok1 >= len(toks) || m.tok1-m.tok0 > 3 || toks[m.tok0-1].Text != "<" || toks[m.tok1].Text != ">" {
		return false
	}
	for _, t := range toks[m.tok0:m.tok1] {
		if !isAllCaps(strings.ReplaceAll(t.Text, ".", "")) {
			return false
		}
	}
	return true
}

// defineAcronyms finds acronyms the document defines — a name of two words
// or more followed by a bracketed word in capitals made of the initials of
// its capitalized words: "the Center for a New American Security (CNAS)",
// "Korean Central News Agency (KCNA)" — and renames every mention of the
// acronym in the document to the full name, so they merge.
func defineAcronyms(sents []*sentence, ms []Mention) {
	full := map[string]Mention{}
	for _, s := range sents {
		for _, m := range s.mentions(ms) {
			t := m.tok1
			if t+2 >= len(s.toks) || s.toks[t].Text != "(" || s.toks[t+2].Text != ")" || !strings.Contains(m.Name, " ") {
				continue
			}
			if acr := s.toks[t+1].Text; isAllCaps(acr) && acr == initials(m.Name) {
				full[acr] = m
			}
		}
	}
	if len(full) == 0 {
		return
	}
	for i := range ms {
		if def, ok := full[ms[i].Name]; ok {
			ms[i].Name, ms[i].Class = def.Name, def.Class
			ms[i].sure = max(ms[i].sure, def.sure, byHead)
		}
	}
}

// initials returns the capitals that start the words of name (all the
// letters of a dotted abbreviation): "Center for a New American Security"
// → "CNAS", "U.N. Security Council" → "UNSC".
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		switch {
		case strings.Contains(w, ".") && isAllCaps(w):
			b.WriteString(strings.ReplaceAll(w, ".", ""))
		case startsUpper(w):
			r := []rune(w)[0]
			b.WriteRune(r)
		}
	}
	return b.String()
}
