package schema_test

import (
	"fmt"

	"kg/schema"
)

func ExampleEntityID() {
	fmt.Println(schema.EntityID(schema.Person, "Vladimir Putin"))
	fmt.Println(schema.EntityID(schema.Organization, "U.N. Security Council"))
	// Output:
	// person/vladimir_putin
	// organization/un_security_council
}

func ExampleCanonical() {
	for _, lemma := range []string{"provide", "hold talks", "deny", "toast"} {
		fmt.Println(lemma, "→", schema.Canonical(lemma))
	}
	// Output:
	// provide → supply
	// hold talks → meet
	// deny → deny
	// toast → toast
}
