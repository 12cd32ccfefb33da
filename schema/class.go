package schema

import "fmt"

// Class is the coarse kind of an entity.
type Class string

// The entity classes. Finer classes (Country, City) may be added by later
// stages as extra types; every entity has exactly one of these.
const (
	Person       Class = "Person"
	Organization Class = "Organization"
	Place        Class = "Place"
)

// Classes lists the entity classes in a stable order.
var Classes = []Class{Person, Organization, Place}

// ParseClass returns the Class named s ("Person", "Organization", "Place").
func ParseClass(s string) (Class, error) {
	for _, c := range Classes {
		if string(c) == s {
			return c, nil
		}
	}
	return "", fmt.Errorf("schema: unknown class %q (want Person, Organization or Place)", s)
}

// Polarity says whether a fact is stated or negated.
type Polarity string

// The polarities.
const (
	Positive Polarity = "positive"
	Negative Polarity = "negative"
)

// Modality says how the text commits to a fact.
type Modality string

// The modalities. Only Asserted, Positive facts become direct edges in the
// store; every fact is kept as a statement.
const (
	Asserted     Modality = "asserted"     // the article states it
	Reported     Modality = "reported"     // the article reports someone's claim (see Relation.AttributedTo)
	Hedged       Modality = "hedged"       // may, might, likely, unlikely
	Hypothetical Modality = "hypothetical" // if …
	Future       Modality = "future"       // will, plans to, promised to
)

// ObjectKind says whether a relation's object is an entity or a literal phrase.
type ObjectKind string

// The object kinds.
const (
	EntityObject  ObjectKind = "entity"
	LiteralObject ObjectKind = "literal"
)
