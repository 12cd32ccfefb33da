package extract

import (
	"strings"
	"testing"
)

// TestConstructions holds one row per construction the tree-based facts
// handle, each on a sentence the project writes: want lists facts that
// must be found (factString form), notWant facts that must not be.
func TestConstructions(t *testing.T) {
	tests := []struct {
		construction string
		in           string
		want         []string
		notWant      []string
	}{
		{"passive with an agent is turned active", "Telvora Corp was bought by Nordlink Group in 2005.",
			[]string{"Nordlink Group acquire Telvora Corp"}, []string{"Telvora Corp acquire Nordlink Group"}},
		{"reduced relative: the noun is the patient, not the subject", "The sawmill owned by Valdor Holdings filed for bankruptcy.",
			[]string{"Valdor Holdings own sawmill"}, []string{"Valdor Holdings file_for bankruptcy"}},
		{"prepositional object joins the predicate", "Halvard Oil sued Brennick Energy in a Texas court.",
			[]string{"Halvard Oil sue Brennick Energy"}, nil},
		{"light verb and its noun", "Halvard Oil took legal action against Brennick Energy.",
			[]string{"Halvard Oil sue Brennick Energy"}, nil},
		{"control verb: the agreement is a fact, the purchase is not yet", "Valtek Systems agreed to buy Norsk Data.",
			[]string{"Valtek Systems agree_to_buy Norsk Data", "Valtek Systems acquire Norsk Data <future>"},
			[]string{"Valtek Systems acquire Norsk Data"}},
		{"refused to: negated", "Iraq refused to sign the pact.",
			[]string{"Iraq sign pact (negative)"}, []string{"Iraq sign pact"}},
		{"failed to: negated", "Peter Baker failed to answer the question.",
			[]string{"Peter Baker answer question (negative)"}, []string{"Peter Baker answer question"}},
		{"relative clause: the pronoun is the noun", "Xstrata, which bought Falconbridge last year, raised its offer.",
			[]string{"Xstrata acquire Falconbridge"}, nil},
		{"relative clause hung on the verb", "Protests grew, said Anna Weber, who met Tomas Berger on Monday.",
			[]string{"Anna Weber meet Tomas Berger"}, nil},
		{"apposition: a role at an organization", "Wallace Cheung, an analyst at DBS Vickers, said the deal was fair.",
			[]string{"Wallace Cheung works_for DBS Vickers"}, nil},
		{"coordinated objects", "Kim Jong Un met Vladimir Putin and Sergei Lavrov.",
			[]string{"Kim Jong Un meet Vladimir Putin", "Kim Jong Un meet Sergei Lavrov"}, nil},
		{"a party's report of its own past action is a fact", "Irwin Jacobs said he sold his stake in Gillette.",
			[]string{"Irwin Jacobs sell stake in Gillette", "Irwin Jacobs sell_stake_in Gillette"}, nil},
		{"a claim about another party is reported", "Irwin Jacobs said Gillette sold the unit.",
			[]string{"Gillette sell unit <reported by Irwin Jacobs>"}, []string{"Gillette sell unit"}},
		{"would is hypothetical", "Chile would sell jets to Peru.",
			[]string{"Chile sell jets [recipient=Peru] <hypothetical>"}, []string{"Chile sell jets [recipient=Peru]"}},
		{"a question states nothing", "Will Chile sell jets to Peru?",
			nil, []string{"Chile sell jets [recipient=Peru]", "Chile sell jets [recipient=Peru] <future>"}},
		{"a description before a name locates it", "Minneapolis investor Irwin Jacobs sold the shares.",
			[]string{"Irwin Jacobs located_in Minneapolis", "Irwin Jacobs role Minneapolis investor"}, nil},
		{"a possessive event noun presupposes its fact", "Xstrata's bid for WMC Resources failed.",
			[]string{"Xstrata bid_for WMC Resources"}, nil},
		{"a deal named by a noun may be pending: hedged", "Brennick Energy's takeover of Halvard Oil needs approval from regulators.",
			[]string{"Brennick Energy acquire Halvard Oil <hedged>"}, []string{"Brennick Energy acquire Halvard Oil"}},
		{"a deal named by a noun and completed", "Brennick Energy completed its takeover of Halvard Oil on Monday.",
			[]string{"Brennick Energy acquire Halvard Oil"}, nil},
		{"an owner's attribute: the owner is the subject", "Brennick Energy's shares plunged 70% on Monday.",
			[]string{"Brennick Energy plunge 70%"}, nil},
		{"a pronoun without an antecedent states nothing", "He sold the company to Norsk Data.",
			nil, []string{"Norsk Data sell company"}},
		{"denied that: negated and reported", "Russia denied that it supplied arms to Syria.",
			[]string{"Russia supply arms [recipient=Syria] (negative) <reported by Russia>"}, []string{"Russia supply arms [recipient=Syria]"}},
		{"passive without an agent keeps its voice", "Christopher Leslie was elected in 1997.",
			[]string{"Christopher Leslie be_elected_in 1997"}, nil},
		{"a copula with a role noun and its organization", "Ann Lee is chairman of Brennick Energy.",
			[]string{"Ann Lee leader_of Brennick Energy"}, nil},
		{"based in is located in", "Brennick Energy is based in Houston.",
			[]string{"Brennick Energy located_in Houston"}, nil},
		{"the company is the organization last named", "Brennick Energy cut 300 jobs. The company also sold its refinery to Halvard Oil.",
			[]string{"Brennick Energy sell refinery [recipient=Halvard Oil]"}, nil},
		{"an unnamed speaker of a quote", "\"We will appeal,\" said a Brennick spokesman.",
			nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.construction, func(t *testing.T) {
			x := extractText(t, tt.in)
			got := map[string]bool{}
			var all []string
			for _, r := range x.Relations {
				got[factString(r)] = true
				all = append(all, factString(r))
			}
			for _, w := range tt.want {
				if !got[w] {
					t.Errorf("missing %q\n in %q\ngot %q", w, tt.in, all)
				}
			}
			for _, w := range tt.notWant {
				if got[w] {
					t.Errorf("unwanted %q\n in %q", w, tt.in)
				}
			}
		})
	}
}

// TestUnnamedSpeaker holds that a quotation whose speaker has no name gets
// the phrase that describes the speaker.
func TestUnnamedSpeaker(t *testing.T) {
	x := extractText(t, "Brennick Energy sold its refinery.\n\n\"We will appeal the ruling in court,\" said a Brennick spokesman.")
	var got []string
	for _, q := range x.Quotes {
		got = append(got, q.Speaker+": "+q.Text)
	}
	if len(got) != 1 || !strings.Contains(got[0], "spokesman: We will appeal") {
		t.Errorf("quotes %q, want the spokesman's", got)
	}
}
