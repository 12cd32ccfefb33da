package graph

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"kg/schema"
)

// registryOf makes a registry of entity nodes given as
// "Class:Name:documents|alias,alias": each node is named by its name in
// that many documents of its own.
func registryOf(specs []string) *registry {
	r := &registry{entries: map[string]*entry{}}
	for i, spec := range specs {
		spec, aliases, _ := strings.Cut(spec, "|")
		parts := strings.Split(spec, ":")
		c, name, n := schema.Class(parts[0]), parts[1], 1
		if len(parts) > 2 {
			fmt.Sscan(parts[2], &n)
		}
		e := newEntry(schema.EntityID(c, name), c, name)
		e.spell[name] = n
		e.votes[classOf(c)] = n
		for d := range n {
			e.docs[fmt.Sprintf("d%d_%d", i, d)] = true
		}
		for _, a := range strings.Split(aliases, ",") {
			if a != "" {
				e.aliases[a] = true
			}
		}
		r.entries[e.id] = e
	}
	return r
}

// TestNameRules: which nodes the registry joins by the rules of a short
// name, an alias and an abbreviation (the documents here are apart, so
// what joins is what the rules bind).
func TestNameRules(t *testing.T) {
	tests := []struct {
		name  string
		nodes []string
		want  []string // the joins, "id <- id id", sorted
	}{
		{"a surname joins the one who bears it", []string{"Person:Ronald Reagan:21", "Person:Nancy Reagan:1", "Person:Reagan:5"},
			[]string{"person/ronald_reagan <- person/reagan person/ronald_reagan"}},
		{"a first word joins one who was called by it", []string{"Person:Kim Jong Un:2|Kim", "Person:Kim:3"},
			[]string{"person/kim_jong_un <- person/kim person/kim_jong_un"}},
		{"a first word alone is no evidence", []string{"Person:Kim Jong Un:2", "Person:Kim:3"}, nil},
		{"a first name weighs against a surname", []string{"Person:Kim Jong Un:4", "Person:Duyeon Kim:1", "Person:Kim:1"}, nil},
		{"a surname that outweighs a first name", []string{"Person:Kim Jong Un:1", "Person:Duyeon Kim:4", "Person:Kim:1"},
			[]string{"person/duyeon_kim <- person/duyeon_kim person/kim"}},
		{"a place is not the city of its name", []string{"Place:Kansas City:3|Kansas", "Place:Kansas:5"}, nil},
		{"a place's other name", []string{"Place:Germany:10|West Germany", "Place:West-Germany:1"},
			[]string{"place/west_germany <- place/germany place/west_germany"}},
		{"a river is not its place", []string{"Place:Mississippi River:3|Mississippi", "Place:Mississippi:5"}, nil},
		{"a part of a company's name", []string{"Organization:Royal Dutch Shell:10|Shell", "Organization:Shell:3"},
			[]string{"organization/royal_dutch_shell <- organization/royal_dutch_shell organization/shell"}},
		{"a company is not the name of its subsidiary", []string{"Organization:Texas Air:10|Continental Airlines", "Organization:Continental Airlines:5"}, nil},
		{"an acronym of five capitals", []string{"Organization:Federal Home Loan Bank Board:10|FHLBB", "Organization:FHLBB:5"},
			[]string{"organization/federal_home_loan_bank_board <- organization/federal_home_loan_bank_board organization/fhlbb"}},
		{"an acronym with a company form", []string{"Organization:International Coffee Organization:10|ICO", "Organization:ICO Inc:5"},
			[]string{"organization/international_coffee_organization <- organization/ico_inc organization/international_coffee_organization"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range registryOf(tt.nodes).decide().clusters {
				var ids []string
				for _, m := range f.members {
					ids = append(ids, m.id)
				}
				if len(ids) > 1 {
					got = append(got, f.id+" <- "+strings.Join(ids, " "))
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("joins\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
