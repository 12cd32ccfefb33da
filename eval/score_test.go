package eval

// Table tests of kg eval's port of ../shared/eval/score.py. Every expected
// value was computed by running score.py's own function on the same input
// (python3 -c 'import sys; sys.path.insert(0, "../shared/eval"); import
// score; …'); inputs are JSON, decoded as score.py's json.loads decodes
// them, so None, numbers, lists and objects are covered too.

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// decode parses one JSON value for a table row.
func decode(t *testing.T, js string) any {
	t.Helper()
	v, err := parseJSON([]byte(js))
	if err != nil {
		t.Fatalf("row input %s: %v", js, err)
	}
	return v
}

// testScorer is a scorer for testdata/eval/gold.json.
func testScorer(t *testing.T) *scorer {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	g, err := ParseGold(data)
	if err != nil {
		t.Fatal(err)
	}
	return newScorer(g, false)
}

func TestEvalNorm(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"\"Putin's\"", "putin"},
		{"\"The Kremlin\"", "kremlin"},
		{"\"the the Kim\"", "the kim"},
		{"\"an apple\"", "apple"},
		{"\"a\"", "a"},
		{"\"U.S.-led\"", "us led"},
		{"\"Kim Jong-un\"", "kim jong un"},
		{"\"North Korea’s leader\"", "north korea leader"},
		{"\"“Quoted”\"", "quoted"},
		{"\"<http://schema.org/Person>\"", "person"},
		{"\"<kg:place/north_korea>\"", "north korea"},
		{"\"<a/b>c<d#e>\"", "bce"},
		{"\"a_b-c/d\"", "b c d"},
		{"\"  spaced \\t out\\n \"", "spaced out"},
		{"\"İstanbul\"", "i stanbul"},
		{"\"DİYARBAKIR\"", "di yarbakir"},
		{"\"ΟΔΟΣ ΣΑΣ\"", "οδος σας"},
		{"\"ＲＵＳＳＩＡ ①\"", "russia 1"},
		{"\"North\\u00a0Korea\"", "north korea"},
		{"\"e\\u0301cole\"", "école"},
		{"\"ﬁnance ﬃ\"", "finance ffi"},
		{"\"x\\u200by\"", "x y"},
		{"\"\\u001cRussia\\u001f\"", "russia"},
		{"\"q'uo\\\"te\"", "q'uo te"},
		{"\"it's its\"", "it its"},
		{"\"Mr. Kim's, (aide)\"", "mr kim aide"},
		{"\"Ⅻ ½ ²\"", "xii 1 2 2"},
		{"null", ""},
		{"5", "5"},
		{"-0", "0"},
		{"2.50", "25"},
		{"1e20", "1e 20"},
		{"1e-7", "1e 07"},
		{"true", "true"},
		{"false", "false"},
		{"[\"Putin\", \"Kim\", 3, null]", "putin kim 3 none"},
		{"{\"a\": \"B\"}", "'a' 'b'"},
		{"[]", ""},
	} {
		if got := normText(decode(t, tt.in)); got != tt.want {
			t.Errorf("norm(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEvalStem(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"claims", "claim"},
		{"claim", "claim"},
		{"allies", "ally"},
		{"ties", "ties"},
		{"weapons", "weapon"},
		{"gas", "gas"},
		{"buses", "bus"},
		{"boxes", "box"},
		{"press", "pres"},
		{"series", "sery"},
		{"sanctions", "sanction"},
		{"ies", "ies"},
		{"abies", "aby"},
	} {
		if got := stem(tt.in); got != tt.want {
			t.Errorf("stem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEvalLitMatch(t *testing.T) {
	s := testScorer(t)
	for _, tt := range []struct {
		text    string
		options []string
		want    bool
	}{
		{"\"artillery shells\"", []string{"~shells"}, true},
		{"\"a shell\"", []string{"~shells"}, true},
		{"\"the U.S. claims\"", []string{"~claim"}, true},
		{"\"lethal aid\"", []string{"!lethal aid"}, true},
		{"\"non-lethal aid\"", []string{"!lethal aid"}, false},
		{"\"nonlethal aid\"", []string{"!lethal aid"}, false},
		{"\"non lethal aid and lethal aid\"", []string{"!lethal aid"}, true},
		{"\"canon lethal aid\"", []string{"!lethal aid"}, false},
		{"\"nonxlethal aid\"", []string{"!lethal aid"}, false},
		{"\"xnonlethal aid\"", []string{"!lethal aid"}, false},
		{"\"nonlethal aid lethal aid\"", []string{"!lethal aid"}, true},
		{"\"anything\"", []string{"!"}, true},
		{"null", []string{"!"}, true},
		{"\"\"", []string{"~"}, false},
		{"\"weapons deal\"", []string{"Russia", "~deals"}, true},
		{"\"the deal\"", []string{"~the"}, false},
		{"\"satellites\"", []string{"~satellites", "North Korea"}, true},
	} {
		if got := s.litMatch(decode(t, tt.text), tt.options); got != tt.want {
			t.Errorf("lit_match(%s, %q) = %v, want %v", tt.text, tt.options, got, tt.want)
		}
	}
}

func TestEvalPredMatch(t *testing.T) {
	s := testScorer(t)
	for _, tt := range []struct {
		preds   string
		options []string
		want    bool
	}{
		{"[\"meet\"]", []string{"meet"}, true},
		{"[\"meet with\"]", []string{"meet"}, true},
		{"[\"meeting\"]", []string{"meet"}, false},
		{"[\"works_for\"]", []string{"works for"}, true},
		{"[\"worksfor\"]", []string{"works for"}, true},
		{"[\"hold talks\"]", []string{"hold talks with"}, false},
		{"[null, \"\", \"x\"]", []string{"*"}, true},
		{"[null, \"\"]", []string{"*"}, false},
		{"[\"The meet\"]", []string{"meet"}, true},
		{"[\"help build\"]", []string{"help"}, true},
		{"[\"helps\"]", []string{"help"}, false},
	} {
		preds, _ := decode(t, tt.preds).([]any)
		if got := s.predMatch(preds, tt.options); got != tt.want {
			t.Errorf("pred_match(%s, %q) = %v, want %v", tt.preds, tt.options, got, tt.want)
		}
	}
}

func TestEvalEntMatch(t *testing.T) {
	s := testScorer(t)
	for _, tt := range []struct {
		text    string
		options []string
		want    bool
	}{
		{"\"Marquez\"", []string{"Elena Marquez"}, true},
		{"\"Minister Elena Marquez of Chile\"", []string{"Elena Marquez"}, true},
		{"\"Elena Marquezes\"", []string{"Elena Marquez"}, false},
		{"\"Berger\"", []string{"Ana Berger"}, false},
		{"\"Berger\"", []string{"Tomas Berger"}, true},
		{"\"Kingdom of Norway\"", []string{"Norway"}, true},
		{"\"Norway\\u2019s\"", []string{"Norway"}, true},
		{"\"<kg:place/valpara\\u00edso>\"", []string{"Valparaiso"}, true},
		{"\"Valpara\\u00edso\"", []string{"Valparaiso"}, true},
		{"\"Japan\"", []string{"Japan"}, true},
		{"\"drones\"", []string{"~drones"}, false},
		{"\"\"", []string{"Norway"}, false},
		{"null", []string{"Norway"}, false},
		{"\"the E.U.\"", []string{"European Union"}, true},
		{"\"Port\"", []string{"Valmora Port"}, false},
	} {
		if got := s.entMatch(decode(t, tt.text), tt.options); got != tt.want {
			t.Errorf("ent_match(%s, %q) = %v, want %v", tt.text, tt.options, got, tt.want)
		}
	}
}

func TestEvalWhichEntities(t *testing.T) {
	s := testScorer(t)
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Berger", []string{"Tomas Berger"}},
		{"Tomas Berger", []string{"Tomas Berger"}},
		{"Ana Berger and Tomas Berger", []string{"Tomas Berger", "Ana Berger"}},
		{"EU", []string{"European Union"}},
		{"Valmora Port Authority in Valparaiso", []string{"Valmora Port Authority"}},
		{"Marquez", []string{"Elena Marquez"}},
		{"nobody", nil},
		{"", nil},
	} {
		if got := s.whichEntities(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("which_entities(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestEvalCoarse(t *testing.T) {
	s := testScorer(t)
	for _, tt := range []struct{ class, want string }{
		{"\"Person\"", "Person"},
		{"\"PER\"", "Person"},
		{"\"schema:Organization\"", "Organization"},
		{"\"<http://schema.org/Country>\"", "Place"},
		{"\"GPE\"", "Place"},
		{"\"Government Organization\"", "Organization"},
		{"\"Misc\"", "misc"},
		{"null", ""},
		{"\"\"", ""},
		{"\"people\"", "Person"},
		{"\"Thing\"", "thing"},
	} {
		if got := s.coarse(decode(t, tt.class)); got != tt.want {
			t.Errorf("coarse(%s) = %q, want %q", tt.class, got, tt.want)
		}
	}
}

func TestEvalPolarityModality(t *testing.T) {
	s := testScorer(t)
	for _, tt := range []struct {
		rec                string
		negative, asserted bool
	}{
		{"{}", false, true},
		{"{\"polarity\": \"negative\"}", true, false},
		{"{\"polarity\": \"NEG\"}", true, false},
		{"{\"polarity\": false}", true, false},
		{"{\"negated\": true}", true, false},
		{"{\"negated\": 1}", false, true},
		{"{\"modality\": \"hedged\"}", false, false},
		{"{\"modality\": null}", false, true},
		{"{\"modality\": \"None\"}", false, true},
		{"{\"modality\": \"Fact\"}", false, true},
		{"{\"modality\": \"reported\"}", false, false},
		{"{\"polarity\": \"positive\", \"modality\": \"asserted\"}", false, true},
	} {
		r := decode(t, tt.rec).(*pyDict)
		if got := s.isNegative(r); got != tt.negative {
			t.Errorf("is_negative(%s) = %v, want %v", tt.rec, got, tt.negative)
		}
		if got := s.isAsserted(r); got != tt.asserted {
			t.Errorf("is_asserted(%s) = %v, want %v", tt.rec, got, tt.asserted)
		}
	}
}

// TestEvalRelMatch matches relation records against the gold relations of
// testdata/eval/gold.json, numbered across relations, optional_relations
// and forbidden_relations.
func TestEvalRelMatch(t *testing.T) {
	s := testScorer(t)
	gold := slices.Concat(s.gold.relations, s.gold.optional, s.gold.forbidden)
	for _, tt := range []struct {
		rec  string
		gold int
		want bool
	}{
		{"{\"subject\": \"Tomas Berger\", \"predicate\": \"meet\", \"object\": \"Elena Marquez\"}", 0, true},
		{"{\"subject\": \"Tomas Berger\", \"predicate\": \"meet\", \"object\": \"Elena Marquez\"}", 7, true},
		{"{\"subject\": \"Norway\", \"predicate\": \"supply\", \"object\": \"aid\", \"qualifiers\": {\"recipient\": \"Estonia\"}}", 2, true},
		{"{\"subject\": \"Norway\", \"verb\": \"delivers\", \"object\": \"surveillance drones\"}", 2, false},
		{"{\"subject\": \"Norway\", \"predicate\": \"supply\", \"object\": null, \"recipient\": \"Estonia\"}", 2, true},
		{"{\"subject\": \"Norway\", \"predicate\": \"supply\", \"object\": \"non-lethal aid\"}", 6, false},
		{"{\"subject\": \"Norway\", \"predicate\": \"send\", \"object\": \"lethal aid\"}", 6, true},
		{"{\"subject\": \"Estonia\", \"predicate\": \"supply\", \"object\": \"Norway\"}", 2, false},
		{"{\"subject\": \"Berger\", \"predicate_text\": \"works for\", \"object\": \"VPA\"}", 1, true},
		{"{\"subject\": \"Norway\", \"relation\": \"denies\", \"object\": \"the report\"}", 4, false},
	} {
		r := relFields(decode(t, tt.rec).(*pyDict))
		if got := s.relMatch(r, gold[tt.gold]); got != tt.want {
			t.Errorf("rel_match(%s, gold relation %d) = %v, want %v", tt.rec, tt.gold, got, tt.want)
		}
	}
}

// TestEvalRepr checks Python's repr() and str() of JSON values, which the
// problem lines show.
func TestEvalRepr(t *testing.T) {
	for _, tt := range []struct{ in, repr, str string }{
		{"\"plain\"", "'plain'", "plain"},
		{"\"it's\"", "\"it's\"", "it's"},
		{"\"say \\\"hi\\\"\"", "'say \"hi\"'", "say \"hi\""},
		{"\"both ' and \\\"\"", "'both \\' and \"'", "both ' and \""},
		{"\"back\\\\slash\"", "'back\\\\slash'", "back\\slash"},
		{"\"tab\\tnl\\n\"", "'tab\\tnl\\n'", "tab\tnl\n"},
		{"\"\\u0007bell\"", "'\\x07bell'", "\u0007bell"},
		{"\"nb\\u00a0sp\"", "'nb\\xa0sp'", "nb\u00a0sp"},
		{"\"soft\\u00adhyphen\"", "'soft\\xadhyphen'", "soft\u00adhyphen"},
		{"\"zw\\u200bsp\"", "'zw\\u200bsp'", "zw\u200bsp"},
		{"\"\\u2028\"", "'\\u2028'", "\u2028"},
		{"\"Márquez “q”\"", "'Márquez “q”'", "Márquez “q”"},
		{"\"\\ud83d\\ude00\"", "'😀'", "😀"},
		{"null", "None", "None"},
		{"true", "True", "True"},
		{"3", "3", "3"},
		{"-0", "0", "0"},
		{"0.5", "0.5", "0.5"},
		{"1.0", "1.0", "1.0"},
		{"1e16", "1e+16", "1e+16"},
		{"1e15", "1000000000000000.0", "1000000000000000.0"},
		{"123456789.125", "123456789.125", "123456789.125"},
		{"1e-5", "1e-05", "1e-05"},
		{"0.0001", "0.0001", "0.0001"},
		{"-2.5e-300", "-2.5e-300", "-2.5e-300"},
		{"[]", "[]", "[]"},
		{"[\"a\", null, 1, {\"k\": [true]}]", "['a', None, 1, {'k': [True]}]", "['a', None, 1, {'k': [True]}]"},
		{"{}", "{}", "{}"},
		{"{\"b\": 1, \"a\": \"x\", \"b\": 2}", "{'b': 2, 'a': 'x'}", "{'b': 2, 'a': 'x'}"},
	} {
		v := decode(t, tt.in)
		if got := pyRepr(v); got != tt.repr {
			t.Errorf("repr(%s) = %q, want %q", tt.in, got, tt.repr)
		}
		if got := pyStr(v); got != tt.str {
			t.Errorf("str(%s) = %q, want %q", tt.in, got, tt.str)
		}
	}
}
