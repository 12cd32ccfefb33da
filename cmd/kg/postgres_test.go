package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"testing"

	"kg/internal/pgtest"
)

// TestPostgresBuildAndQuery builds the sample articles into a fresh
// PostgreSQL database ($KG_TEST_POSTGRES; skipped when unset) and asks who
// met Putin.
func TestPostgresBuildAndQuery(t *testing.T) {
	files := seedFiles(t)
	db := pgtest.Database(t)
	mustKG(t, append([]string{"build", "--backend", "postgres", "--db", db}, files...)...)
	const putinMet = `g.V().Has("<name>","Vladimir Putin").Out("<meet>").Out("<name>").All()`
	r := mustKG(t, "query", "--backend", "postgres", "--db", db, putinMet)
	var got struct {
		Result []map[string]any `json:"result"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("query output is not {\"result\": [...]}: %v\n%s", err, r.stdout)
	}
	var names []string
	for _, m := range got.Result {
		names = append(names, fmt.Sprint(m["id"]))
	}
	if !contains(names, "Kim Jong Un") {
		t.Errorf("%s on postgres = %q; want Kim Jong Un among them", putinMet, names)
	}
	// A second build adds nothing and the counts agree with bolt's (but
	// nodes: an estimate on bolt, counted on postgres).
	mustKG(t, append([]string{"build", "--backend", "postgres", "--db", db}, files...)...)
	pg := withoutNodes(mustKG(t, "stats", "--backend", "postgres", "--db", db).stdout)
	bolt := withoutNodes(mustKG(t, "stats", "--db", seedStore(t)).stdout)
	if pg != bolt {
		t.Errorf("kg stats on postgres:\n%s\non bolt:\n%s", pg, bolt)
	}
}

var nodesLine = regexp.MustCompile(`(?m)^nodes .*\n`)

func withoutNodes(stats string) string { return nodesLine.ReplaceAllString(stats, "") }
