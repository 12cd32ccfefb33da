package schema

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Vladimir Putin", "vladimir_putin"},
		{"U.N. Security Council", "un_security_council"},
		{"U.S.", "us"},
		{"Leif-Eric Easley", "leif_eric_easley"},
		{"  Kim   Jong Un ", "kim_jong_un"},
		{"Seoul's Kookmin University", "seouls_kookmin_university"},
		{"Center for a New American Security", "center_for_a_new_american_security"},
		{"Zürich", "zürich"},
		{"", ""},
		{"---", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEntityID(t *testing.T) {
	if got := EntityID(Person, "Vladimir Putin"); got != "person/vladimir_putin" {
		t.Errorf("EntityID = %q", got)
	}
	if EntityID(Place, "Georgia") == EntityID(Person, "Georgia") {
		t.Error("entity ids of different classes collide")
	}
}

func TestDocumentIDIgnoresLayout(t *testing.T) {
	a := DocumentID("Putin met Kim.\nThey \u201ctalked\u201d.")
	b := DocumentID("putin met kim. they \"talked\".  ")
	c := DocumentID("Putin met Xi.")
	if a != b {
		t.Errorf("ids differ for the same body: %s %s", a, b)
	}
	if a == c {
		t.Error("ids equal for different bodies")
	}
	if len(a) != 16 {
		t.Errorf("id %q: want 16 hex digits", a)
	}
}

func TestFactKeySymmetric(t *testing.T) {
	ab := Relation{SubjectID: "person/a", Predicate: "meet", ObjectID: "person/b", Polarity: Positive, Modality: Asserted}
	ba := Relation{SubjectID: "person/b", Predicate: "meet", ObjectID: "person/a", Polarity: Positive, Modality: Asserted}
	if FactID(ab) != FactID(ba) {
		t.Error("symmetric facts have different ids")
	}
	ab.Predicate, ba.Predicate = "supply", "supply"
	if FactID(ab) == FactID(ba) {
		t.Error("asymmetric facts in both directions share an id")
	}
	neg := ab
	neg.Polarity = Negative
	if FactID(neg) == FactID(ab) {
		t.Error("negated fact shares the id of the positive one")
	}
}

func TestCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"provide", "supply"},
		{"give", "supply"},
		{"hold talks", "meet"},
		{"Hold  Talks", "meet"},
		{"meet", "meet"},
		{"deny", "deny"},
		{"reject", "reject"}, {"refute", "deny"}, {"buy", "acquire"}, {"take over", "acquire"}, {"be based in", "located_in"},
		{"toast", "toast"},
		{"call on", "urge"}, {"toast", "toast"}, {"pull out of", "pull_out_of"},
		{"type", "write"}, {"document", "record"}, {"start", "begin"}, {"end", "terminate"}, {"polarity", "polarity_rel"},
	}
	for _, tt := range tests {
		if got := Canonical(tt.in); got != tt.want {
			t.Errorf("Canonical(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if IsProperty(Canonical(tt.in)) {
			t.Errorf("Canonical(%q) is a store property", tt.in)
		}
	}
	if !IsSymmetric("meet") || IsSymmetric("supply") {
		t.Error("IsSymmetric wrong for meet or supply")
	}
}

func TestRecordsJSON(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"document", Document{ID: "d1", Title: "T", Source: "a.txt"},
			`{"type":"document","id":"d1","title":"T","author":"","date":"","source":"a.txt","duplicates":[]}`},
		{"entity", Entity{ID: "person/a_b", Name: "A B", Class: Person, Mentions: 2},
			`{"type":"entity","id":"person/a_b","name":"A B","class":"Person","aliases":[],"mentions":2,"documents":[]}`},
		{"relation", Relation{ID: "r", Subject: "A", Predicate: "meet", PredicateText: "met", Object: "B",
			ObjectKind: EntityObject, Polarity: Positive, Modality: Asserted, Confidence: 0.5},
			`{"type":"relation","id":"r","subject":"A","predicate":"meet","predicate_text":"met","object":"B","object_kind":"entity","qualifiers":{},"polarity":"positive","modality":"asserted","confidence":0.5,"evidence":[],"attributed_to":null}`},
		{"relation attributed", Relation{ID: "r", Modality: Reported, AttributedTo: "United States"},
			`"attributed_to":"United States"`},
		{"quote", Quote{ID: "q", Speaker: "A", Text: "x", Document: "d", Start: 1, End: 2},
			`{"type":"quote","id":"q","speaker":"A","text":"x","document":"d","start":1,"end":2}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.in)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !strings.Contains(string(b), tt.want) {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, b, tt.want)
		}
	}
}

func TestRelationRoundTrip(t *testing.T) {
	in := Relation{ID: "r", Subject: "A", Predicate: "deny", Object: "claims", ObjectKind: LiteralObject,
		Qualifiers: map[string]string{"recipient": "B"}, Polarity: Positive, Modality: Reported,
		AttributedTo: "C", Confidence: 0.7, Evidence: []Evidence{{Document: "d", Sentence: "s", Start: 1, End: 5}}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out Relation
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if FactKey(out) != FactKey(in) || out.Evidence[0] != in.Evidence[0] || out.Confidence != in.Confidence {
		t.Errorf("round trip changed the relation:\n in %+v\nout %+v", in, out)
	}
}

func TestLiteralKey(t *testing.T) {
	tests := []struct{ a, b string }{
		{"defence cooperation", "defense cooperation"},
		{"Defence Cooperation", "defense  cooperation"},
		{"signalling", "signaling"},
		{"U.S. claims", "US claims"},
		{"Xi's plan", "xis plan"},
	}
	for _, tt := range tests {
		if LiteralKey(tt.a) != LiteralKey(tt.b) {
			t.Errorf("LiteralKey(%q) = %q, LiteralKey(%q) = %q: want equal", tt.a, LiteralKey(tt.a), tt.b, LiteralKey(tt.b))
		}
	}
	if LiteralKey("artillery shells") == LiteralKey("artillery") {
		t.Error("different phrases share a key")
	}
	for _, w := range []string{"artillery", "resource", "detour", "tour", "travel"} {
		if got := AmericanSpelling(w); got != w {
			t.Errorf("AmericanSpelling(%q) = %q, want it unchanged", w, got)
		}
	}
	for uk, us := range map[string]string{"signalling": "signaling", "travellers": "travelers", "labelled": "labeled", "neighbouring": "neighboring", "colours": "colors"} {
		if got := AmericanSpelling(uk); got != us {
			t.Errorf("AmericanSpelling(%q) = %q, want %q", uk, got, us)
		}
	}
}

// TestVocabulary holds the vocabulary's shape: every predicate documented,
// no name a store property, no lemma listed under two predicates, and every
// lemma mapping to its own predicate.
func TestVocabulary(t *testing.T) {
	seen := map[string]string{}
	for _, p := range Predicates {
		if p.Doc == "" {
			t.Errorf("predicate %s has no Doc", p.Name)
		}
		if IsProperty(p.Name) {
			t.Errorf("predicate %s is a store property", p.Name)
		}
		for _, l := range p.Lemmas {
			if other, ok := seen[l]; ok {
				t.Errorf("lemma %q is listed under %s and %s", l, other, p.Name)
			}
			seen[l] = p.Name
			if got := Canonical(l); got != p.Name {
				t.Errorf("Canonical(%q) = %q, want %q", l, got, p.Name)
			}
		}
	}
}
