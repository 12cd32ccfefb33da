package extract

import (
	"context"
	"strings"
	"testing"

	"kg/schema"
)

// knownMap is a Known over a fixed list of entities.
type knownMap []schema.Entity

func (k knownMap) EntitiesNamed(_ context.Context, c schema.Class, name string) ([]schema.Entity, error) {
	var out []schema.Entity
	for _, e := range k {
		if e.Class != c {
			continue
		}
		match := e.Name == name
		for _, a := range e.Aliases {
			match = match || a == name
		}
		if match {
			out = append(out, e)
		}
	}
	return out, nil
}

var _ Known = knownMap(nil)

func TestResolve(t *testing.T) {
	known := knownMap{
		{ID: "person/vladimir_putin", Name: "Vladimir Putin", Class: schema.Person, Aliases: []string{"Putin"}},
		{ID: "person/kim_jong_un", Name: "Kim Jong Un", Class: schema.Person, Aliases: []string{"Kim"}},
		{ID: "person/duyeon_kim", Name: "Duyeon Kim", Class: schema.Person, Aliases: []string{"Kim"}},
		{ID: "organization/korean_central_news_agency", Name: "Korean Central News Agency", Class: schema.Organization, Aliases: []string{"KCNA"}},
	}
	tests := []struct {
		name     string
		text     string
		entities []string // "ID" of every entity after resolution, sorted
		facts    []string
	}{
		{"surname binds to the one known full name", "On Monday, Putin met Xi Jinping in Beijing.",
			[]string{"person/vladimir_putin", "person/xi_jinping", "place/beijing"},
			[]string{"Vladimir Putin meet Xi Jinping"}},
		{"a surname two known people share stays apart", "On Monday, Kim visited the port.",
			[]string{"person/kim"}, nil},
		{"acronym binds to the known organization", "KCNA said the launch had succeeded.",
			[]string{"organization/korean_central_news_agency"}, nil},
		{"a full name is never rebound", "Vladimir Putin met Xi Jinping.",
			[]string{"person/vladimir_putin", "person/xi_jinping"}, []string{"Vladimir Putin meet Xi Jinping"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := extractText(t, tt.text)
			if err := Resolve(context.Background(), x, known); err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, e := range x.Entities {
				ids = append(ids, e.ID)
			}
			if strings.Join(ids, " ") != strings.Join(tt.entities, " ") {
				t.Errorf("entities %q, want %q", ids, tt.entities)
			}
			got := map[string]bool{}
			for _, r := range x.Relations {
				got[factString(r)] = true
				if r.ID != schema.FactID(r) {
					t.Errorf("relation %s keeps a stale id", factString(r))
				}
			}
			for _, f := range tt.facts {
				if !got[f] {
					t.Errorf("missing fact %q in %v", f, got)
				}
			}
		})
	}
}
