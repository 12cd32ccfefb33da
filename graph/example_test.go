package graph_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"kg/graph"
	"kg/schema"
)

func Example() {
	ctx := context.Background()
	s, err := graph.Open(ctx, graph.Options{Path: ":memory:"}) // or Path: "kg.db" for a bolt file
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	putin := schema.EntityID(schema.Person, "Vladimir Putin")
	kim := schema.EntityID(schema.Person, "Kim Jong Un")
	x := &schema.Extraction{
		Document: schema.Document{ID: "d1", Title: "Putin meets Kim", Source: "a.txt"},
		Entities: []schema.Entity{
			{ID: putin, Name: "Vladimir Putin", Class: schema.Person, Mentions: 2},
			{ID: kim, Name: "Kim Jong Un", Class: schema.Person, Mentions: 1},
		},
		Relations: []schema.Relation{{
			Subject: "Vladimir Putin", SubjectID: putin, Predicate: "meet", PredicateText: "met",
			Object: "Kim Jong Un", ObjectID: kim, ObjectKind: schema.EntityObject,
			Polarity: schema.Positive, Modality: schema.Asserted, Confidence: 0.9,
			Evidence: []schema.Evidence{{Document: "d1", Sentence: "Putin met Kim.", Start: 0, End: 14}},
		}},
	}
	res, err := s.Write(ctx, x)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("written:", res.Document, res.Quads, "quads")
	res, _ = s.Write(ctx, x)
	fmt.Println("again skipped:", res.Skipped)

	out, err := s.Query(ctx, "gizmo", `g.V("<person/kim_jong_un>").Out("<meet>").Out("<name>").All()`, 10)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out)

	st, _ := s.Stats(ctx)
	fmt.Println("documents:", st.Documents, "persons:", st.Persons, "facts:", st.Facts)

	if err := s.Export(ctx, os.Stdout, "jsonl"); err != nil {
		log.Fatal(err)
	}
	// Output:
	// written: d1 27 quads
	// again skipped: true
	// [map[id:Vladimir Putin]]
	// documents: 1 persons: 2 facts: 2
	// {"type":"document","id":"d1","title":"Putin meets Kim","author":"","date":"","source":"a.txt","duplicates":[]}
	// {"type":"entity","id":"person/kim_jong_un","name":"Kim Jong Un","class":"Person","aliases":[],"mentions":1,"documents":["d1"]}
	// {"type":"entity","id":"person/vladimir_putin","name":"Vladimir Putin","class":"Person","aliases":[],"mentions":2,"documents":["d1"]}
	// {"type":"relation","id":"d458c3c4351969d4","subject":"Vladimir Putin","subject_id":"person/vladimir_putin","predicate":"meet","predicate_text":"met","object":"Kim Jong Un","object_id":"person/kim_jong_un","object_kind":"entity","qualifiers":{},"polarity":"positive","modality":"asserted","confidence":0.9,"evidence":[{"document":"d1","sentence":"Putin met Kim.","start":0,"end":14}],"attributed_to":null}
}
