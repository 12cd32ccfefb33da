package serve

import (
	"fmt"
	"slices"
	"testing"

	"kg/schema"
)

func TestNameLookup(t *testing.T) {
	ents := []schema.Entity{
		{ID: "person/elena_marquez", Name: "Elena Marquez", Class: schema.Person, Aliases: []string{"Marquez"}, Mentions: 16},
		{ID: "person/kim_jong_un", Name: "Kim Jong Un", Class: schema.Person, Aliases: []string{"Kim", "Kim Jong-un"}, Mentions: 9},
		{ID: "person/duyeon_kim", Name: "Duyeon Kim", Class: schema.Person, Mentions: 2},
		{ID: "place/kimberley", Name: "Kimberley", Class: schema.Place, Mentions: 1},
		{ID: "organization/united_nations", Name: "United Nations", Class: schema.Organization, Aliases: []string{"U.N."}, Mentions: 3},
	}
	idx := newNameIndex(ents)
	for _, tc := range []struct {
		name, q string
		class   schema.Class
		want    []string
	}{
		{"name prefix", "Elena", "", []string{"person/elena_marquez"}},
		{"case ignored", "eLeNa m", "", []string{"person/elena_marquez"}},
		{"alias", "marq", "", []string{"person/elena_marquez"}},
		{"exact alias first, then by mentions", "kim", "", []string{"person/kim_jong_un", "person/duyeon_kim", "place/kimberley"}},
		{"class", "kim", schema.Place, []string{"place/kimberley"}},
		{"hyphen folded", "kim jong un", "", []string{"person/kim_jong_un"}},
		{"dots folded", "u n", "", []string{"organization/united_nations"}},
		{"later word", "nations", "", []string{"organization/united_nations"}},
		{"no match", "zz", "", nil},
		{"empty", "  ", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range idx.lookup(tc.q, tc.class, 10) {
				got = append(got, m.Entity.ID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("lookup(%q, %q) = %v, want %v", tc.q, tc.class, got, tc.want)
			}
		})
	}
}

// TestSearchRanksExactNameFirst: a name or alias that is the query itself
// ranks first, then mentions decide — not whether the query is a prefix of
// a canonical name. (Searching a prime minister's surname on a BBC store
// put him, 519 mentions, 8th behind one-mention nodes, a film title and
// glued spans.)
func TestSearchRanksExactNameFirst(t *testing.T) {
	ents := []schema.Entity{
		{ID: "person/tony_blair", Name: "Tony Blair", Class: schema.Person, Aliases: []string{"Blair", "Mr Blair"}, Mentions: 519},
		{ID: "organization/blair_witch_project", Name: "Blair Witch Project", Class: schema.Organization, Mentions: 1},
		{ID: "person/blair_labour", Name: "Blair Labour", Class: schema.Person, Mentions: 1},
		{ID: "place/blairgowrie", Name: "Blairgowrie", Class: schema.Place, Mentions: 2},
		{ID: "person/cherie_blair", Name: "Cherie Blair", Class: schema.Person, Mentions: 12},
		{ID: "person/gordon_brown", Name: "Gordon Brown", Class: schema.Person, Aliases: []string{"Brown"}, Mentions: 310},
		{ID: "place/brownsville", Name: "Brownsville", Class: schema.Place, Mentions: 40},
		{ID: "person/brown", Name: "Brown", Class: schema.Person, Mentions: 1},
	}
	idx := newNameIndex(ents)
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"blair", []string{"person/tony_blair", "person/cherie_blair", "place/blairgowrie"}},
		{"Tony Blair", []string{"person/tony_blair"}},
		{"brown", []string{"person/gordon_brown", "person/brown", "place/brownsville"}},
		{"blair witch", []string{"organization/blair_witch_project"}},
	} {
		var got []string
		for _, m := range idx.lookup(tc.q, "", 10) {
			got = append(got, m.Entity.ID)
		}
		if len(got) < len(tc.want) || !slices.Equal(got[:len(tc.want)], tc.want) {
			t.Errorf("lookup(%q) = %v, want it to start %v", tc.q, got, tc.want)
		}
	}
}

func BenchmarkNameLookup(b *testing.B) {
	var ents []schema.Entity
	for i := range 100_000 {
		ents = append(ents, schema.Entity{ID: fmt.Sprint("person/p", i), Name: fmt.Sprintf("Person%05d Surname%03d", i, i%997),
			Class: schema.Person, Aliases: []string{fmt.Sprint("Surname", i%997)}, Mentions: i % 50})
	}
	idx := newNameIndex(ents)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		idx.lookup("surname12", "", 10)
	}
}
