package extract

import (
	"fmt"
	"slices"
	"strings"

	"kg/schema"
)

// NERLists returns the word lists the entity tagger is trained with
// (ner.TrainOptions.Lists), phrases by list name: the files of data/ner
// (loc, org, misc, first, title, orgword, locword) and the lists of the
// entity stage (known places and organizations with their aliases,
// demonyms, titles, organization and place head words), each sorted.
// 'kg train ner' passes them, so the shipped model is reproduced from the same lists.
func NERLists() (map[string][]string, error) {
	out := map[string][]string{}
	for _, name := range []string{"loc", "org", "misc", "first", "title", "orgword", "locword"} {
		f, err := dataFiles.ReadFile("data/ner/" + name + ".txt")
		if err != nil {
			return nil, fmt.Errorf("extract: %w", err)
		}
		for _, line := range strings.Split(string(f), "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
				out[name] = append(out[name], line)
			}
		}
	}
	g, err := loadGazetteer()
	if err != nil {
		return nil, err
	}
	for name, k := range g.known {
		switch k.Class {
		case schema.Place:
			out["loc"] = append(out["loc"], name)
		case schema.Organization:
			out["org"] = append(out["org"], name)
		}
	}
	for adj := range g.demonyms {
		out["misc"] = append(out["misc"], adj)
	}
	for list, words := range map[string]map[string]bool{"title": g.titles, "orgword": g.orgHeads, "locword": g.placeHeads} {
		for w := range words {
			out[list] = append(out[list], w)
		}
	}
	for _, phrases := range out {
		slices.Sort(phrases)
	}
	return out, nil
}
