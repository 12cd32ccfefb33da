package extract

import (
	"bufio"
	"embed"
	"fmt"
	"strings"

	"kg/schema"
)

//go:embed data/*.txt data/ner/*.txt
var dataFiles embed.FS

// gazetteer holds the word lists the entity stage uses: known places and
// organizations with their aliases, demonyms, titles, head words. It is
// built once from the files in data/ (written by the project from public
// facts) and only read afterwards.
type gazetteer struct {
	known      map[string]knownName // lower-cased name or alias → entry
	demonyms   map[string]string    // lower-cased adjective → place
	titles     map[string]bool      // lower-cased title words ("president", "prime minister")
	orgHeads   map[string]bool
	placeHeads map[string]bool
	connectors map[string]bool
	notNames   map[string]bool
	firstNames map[string]bool // given names ("Virginia", "Thomas"): a name they open is a person's
	maxTitle   int             // longest title in words
}

// knownName is a place or organization the gazetteer knows.
type knownName struct {
	Name  string
	Class schema.Class
}

func loadGazetteer() (*gazetteer, error) {
	g := &gazetteer{
		known: map[string]knownName{}, demonyms: map[string]string{}, titles: map[string]bool{},
		orgHeads: map[string]bool{}, placeHeads: map[string]bool{}, connectors: map[string]bool{},
		notNames: map[string]bool{}, firstNames: map[string]bool{},
	}
	for _, f := range []struct {
		file  string
		class schema.Class
	}{{"data/places.txt", schema.Place}, {"data/organizations.txt", schema.Organization}} {
		err := eachLine(f.file, func(line string) error {
			names := strings.Split(line, "|")
			for _, n := range names {
				g.known[strings.ToLower(strings.TrimSpace(n))] = knownName{strings.TrimSpace(names[0]), f.class}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	err := eachLine("data/demonyms.txt", func(line string) error {
		adj, place, ok := strings.Cut(line, "\t")
		if !ok {
			return fmt.Errorf("want ADJECTIVE<TAB>PLACE")
		}
		g.demonyms[strings.ToLower(adj)] = place
		return nil
	})
	if err != nil {
		return nil, err
	}
	lists := map[string]map[string]bool{
		"title": g.titles, "orghead": g.orgHeads, "placehead": g.placeHeads,
		"connector": g.connectors, "notname": g.notNames,
	}
	err = eachLine("data/ner/first.txt", func(line string) error {
		g.firstNames[line] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachLine("data/words.txt", func(line string) error {
		list, word, ok := strings.Cut(line, "\t")
		m := lists[list]
		if !ok || m == nil {
			return fmt.Errorf("want LIST<TAB>WORD with LIST one of title, orghead, placehead, connector, notname")
		}
		if list == "title" {
			word = strings.ToLower(word)
			if n := len(strings.Fields(word)); n > g.maxTitle {
				g.maxTitle = n
			}
		}
		m[word] = true
		return nil
	})
	return g, err
}

// eachLine calls fn for every line of an embedded data file that is not
// blank or a "#" comment; errors name the file and line.
func eachLine(name string, fn func(string) error) error {
	f, err := dataFiles.Open(name)
	if err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("extract: %s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

// lookup returns the known place or organization named name (any case).
func (g *gazetteer) lookup(name string) (knownName, bool) {
	k, ok := g.known[strings.ToLower(name)]
	return k, ok
}

// knownSpan reports whether the words of toks, as written, are a name the
// gazetteer knows ("North Korea", "East Timor").
func (g *gazetteer) knownSpan(toks []token) bool {
	_, ok := g.lookup(joinTokens(toks))
	return ok
}
