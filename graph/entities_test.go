package graph

import (
	"context"
	"testing"

	"kg/schema"
)

func TestEntitiesNamed(t *testing.T) {
	s := mustOpen(t, Options{Path: MemoryPath})
	writeAll(t, s, fixture())
	tests := []struct {
		class schema.Class
		name  string
		want  []string
	}{
		{schema.Person, "Putin", []string{"person/vladimir_putin"}},          // an alias
		{schema.Person, "Vladimir Putin", []string{"person/vladimir_putin"}}, // the name
		{schema.Place, "Putin", nil},                                         // another class
		{schema.Person, "Nobody", nil},
	}
	for _, tt := range tests {
		got, err := s.EntitiesNamed(context.Background(), tt.class, tt.name)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, e := range got {
			ids = append(ids, e.ID)
			if e.Name == "" {
				t.Errorf("%s has no name", e.ID)
			}
		}
		if len(ids) != len(tt.want) || len(ids) > 0 && ids[0] != tt.want[0] {
			t.Errorf("EntitiesNamed(%s, %q) = %q, want %q", tt.class, tt.name, ids, tt.want)
		}
	}
}
