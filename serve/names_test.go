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
		{"exact name first, then by mentions", "kim", "", []string{"person/kim_jong_un", "place/kimberley", "person/duyeon_kim"}},
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
