package schema

import "strings"

// spellingWords are British spellings (and their inflections) that no rule
// turns American.
var spellingWords = map[string]string{
	"aeroplane": "airplane", "aeroplanes": "airplanes", "aluminium": "aluminum",
	"grey": "gray", "tyre": "tire", "tyres": "tires", "cheque": "check", "cheques": "checks",
	"jewellery": "jewelry", "plough": "plow", "mould": "mold", "kerb": "curb",
	"ageing": "aging", "judgement": "judgment", "judgements": "judgments",
	"practise": "practice", "practised": "practiced", "practising": "practicing",
	"whilst": "while", "amongst": "among", "towards": "toward", "learnt": "learned",
	"spelt": "spelled", "burnt": "burned", "sceptic": "skeptic", "sceptical": "skeptical",
	"manoeuvre": "maneuver", "manoeuvres": "maneuvers", "enrolment": "enrollment",
	"fulfil": "fulfill", "instalment": "installment", "draught": "draft",
	"pyjamas": "pajamas", "storey": "story", "storeys": "stories", "gaol": "jail",
}

// spellingRule turns a British spelling pattern American: uk becomes us
// when at least stem characters precede it (and, with end set, only at the
// end of the word or before a final "s"). Rules may apply to words that
// are not British at all ("promise" → "promize"); that does no harm, since
// both documents of a comparison are folded alike.
type spellingRule struct {
	uk, us string
	stem   int
	end    bool
}

// spellingRules are applied in order, each at most once per word.
var spellingRules = []spellingRule{
	{"our", "or", 3, false}, // colour, neighbouring, favourite, labour
	{"isation", "ization", 2, false},
	{"ise", "ize", 2, false},   // realise, realised, penalises
	{"isi", "izi", 2, false},   // realising
	{"yse", "yze", 2, false},   // analyse, paralysed
	{"ysi", "yzi", 2, false},   // analysing
	{"ence", "ense", 2, false}, // defence, licence, offences
	{"lling", "ling", 3, true}, // signalling, travelling
	{"lled", "led", 3, true},   // cancelled, labelled
	{"ller", "ler", 3, true},   // traveller (not artillery)
	{"tre", "ter", 2, true},    // centre, theatres, metre
	{"amme", "am", 4, true},    // programme
	{"ogue", "og", 3, true},    // catalogue, dialogue
}

// AmericanSpelling returns the American spelling of a lower-case word
// ("defence" → "defense", "signalling" → "signaling"). Keys use it so that
// one story in British and American spelling is one story: document
// fingerprints (near-duplicates) and the literal objects in FactKey.
func AmericanSpelling(w string) string {
	if us, ok := spellingWords[w]; ok {
		return us
	}
	for _, r := range spellingRules {
		i := strings.Index(w[min(r.stem, len(w)):], r.uk)
		if i < 0 {
			continue
		}
		i += min(r.stem, len(w))
		if r.uk == "our" && (w[i-1] == 's' || w[i-1] == 't') {
			continue // resource, detour: not British spelling
		}
		rest := w[i+len(r.uk):]
		if r.end && rest != "" && rest != "s" {
			continue
		}
		w = w[:i] + r.us + rest
	}
	return w
}
