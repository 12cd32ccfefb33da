package graph

import (
	"context"
	"encoding/json"
	"testing"
)

func TestResolveNameStarts(t *testing.T) {
	s := fixtureStore(t)
	ctx := context.Background()
	for _, tc := range []struct{ name, in, want string }{
		{"name start", `g.V().Has("<name>","Vladimir Putin").Out("<meet>").Out("<name>").All()`,
			`g.V("<person/vladimir_putin>").Out("<meet>").Out("<name>").All()`},
		{"spaces, single quotes, graph.Vertex", `graph.Vertex( ).Has( '<name>' , 'Kim Jong Un' ).All()`,
			`g.V("<person/kim_jong_un>").All()`},
		{"unknown name", `g.V().Has("<name>","Nobody").All()`, `g.V("<kg:no-node>").All()`},
		{"other predicate untouched", `g.V().Has("<title>","Putin meets Kim").All()`, `g.V().Has("<title>","Putin meets Kim").All()`},
		{"IRI start untouched", `g.V("<person/kim_jong_un>").Out("<meet>").All()`, `g.V("<person/kim_jong_un>").Out("<meet>").All()`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.ResolveNameStarts(ctx, tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			// Same answer either way.
			a, err := s.Query(ctx, "gizmo", tc.in, 0)
			if err != nil {
				t.Fatal(err)
			}
			b, err := s.Query(ctx, "gizmo", got, 0)
			if err != nil {
				t.Fatal(err)
			}
			ja, _ := json.Marshal(a)
			jb, _ := json.Marshal(b)
			if string(ja) != string(jb) {
				t.Errorf("answers differ:\n%s\n%s", ja, jb)
			}
		})
	}
}
