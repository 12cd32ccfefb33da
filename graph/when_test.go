package graph

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"kg/schema"
)

// TestWhenRoundTrip holds that a fact's date survives the store: a dated
// statement keeps its value, text and precision (as <qualifier:date> and
// its companions, never among the fact's qualifiers), and an undated one
// is dated by its document.
func TestWhenRoundTrip(t *testing.T) {
	s := mustOpen(t, Options{Path: MemoryPath})
	xs := fixture()
	xs[0].Relations[0].When = &schema.When{Text: "on Wednesday", Value: "2023-09-13", Precision: "day"}
	writeAll(t, s, xs)
	var buf bytes.Buffer
	if err := s.Export(context.Background(), &buf, "jsonl"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		`"when":{"text":"on Wednesday","value":"2023-09-13","precision":"day"}`,
		`"when":{"reported":"2023-09-14"}`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, `"date":"2023-09-13"`) {
		t.Errorf("the date leaked into a fact's qualifiers:\n%s", out)
	}
}
