package extract

import (
	"reflect"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain", "Putin met Kim. They talked.", []string{"Putin met Kim.", "They talked."}},
		{"title abbreviation", "Mr. Smith met Dr. Jones. Then he left.", []string{"Mr. Smith met Dr. Jones.", "Then he left."}},
		{"initial", "J. R. Smith spoke. He left.", []string{"J. R. Smith spoke.", "He left."}},
		{"acronym inside", "Both denied U.S. claims that they plan it.", []string{"Both denied U.S. claims that they plan it."}},
		{"acronym inside before name", "The U.S. State Department said so.", []string{"The U.S. State Department said so."}},
		{"acronym at end", "Weapons went to the U.S. The talks ended.", []string{"Weapons went to the U.S.", "The talks ended."}},
		{"quote close", `"We will win," he said. "It is hard."`, []string{`"We will win," he said.`, `"It is hard."`}},
		{"curly quote close", "\u201cIt is over.\u201d She left.", []string{"\u201cIt is over.\u201d", "She left."}},
		{"ellipsis bracket", "It might be in their interest... [but] it is hard.", []string{"It might be in their interest... [but] it is hard."}},
		{"question", "Why? Because.", []string{"Why?", "Because."}},
		{"lower case after period", "He paid 3.5 million. the end", []string{"He paid 3.5 million. the end"}},
		{"month", "On Sept. 14 they met.", []string{"On Sept. 14 they met."}},
		{"company suffix at end", "They hold a stake in Allegheny Inc. In August they sold it.", []string{"They hold a stake in Allegheny Inc.", "In August they sold it."}},
		{"company suffix inside", "Allegheny Inc. said it sold the unit.", []string{"Allegheny Inc. said it sold the unit."}},
		{"trailing space", "One.  Two.  ", []string{"One.", "Two."}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range splitSentences(tt.in, 0) {
				got = append(got, tt.in[s.Start:s.End])
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSplitSentencesBase(t *testing.T) {
	text := "xxOne. Two."
	for _, s := range splitSentences(text[2:], 2) {
		if got := text[s.Start:s.End]; got != "One." && got != "Two." {
			t.Errorf("offset base ignored: %q", got)
		}
	}
}
