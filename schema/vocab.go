package schema

import (
	"sort"
	"strings"
)

// Predicate is one canonical relation of kg's vocabulary.
type Predicate struct {
	Name      string   // the canonical name, used as the store predicate <Name>
	Symmetric bool     // A p B implies B p A (meet)
	Role      bool     // a role or place fact found in titles and appositions, not in verbs
	Lemmas    []string // surface lemmas that map to it ("hold talks", "provide")
	Doc       string   // what it means
}

// Predicates is the canonical-predicate vocabulary for news: the relations
// analysts ask about, each mapped from the verb frames (a verb, its
// particle, a preposition, a light verb's noun) that state it. A frame not
// listed here keeps its own lemma as predicate (see Canonical): the graph
// names "toast" or "call_on" as the text does rather than guess.
//
// Passives without their agent are written "be <participle>" ("be based
// in"); with it, the extractor turns them active first ("AT&T was bought
// by SBC" → SBC acquire AT&T).
var Predicates = []Predicate{
	// Meetings and visits.
	{Name: "meet", Symmetric: true, Doc: "two parties met or held talks",
		Lemmas: []string{"meet", "meet with", "hold talks", "hold talks with", "talk with", "hold summit", "have summit",
			"summit", "confer with", "hold meeting with", "have talks with", "sit down with"}},
	{Name: "visit", Doc: "subject visited the object (a place or a party)",
		Lemmas: []string{"visit", "tour", "travel to", "fly to", "pay visit to", "arrive in"}},
	// Deals between companies.
	{Name: "acquire", Doc: "subject bought or took over the object (a company, a stake, assets)",
		Lemmas: []string{"acquire", "buy", "purchase", "take over", "snap up", "buy out", "take control of", "complete acquisition of"}},
	{Name: "sell", Doc: "subject sold the object (to a recipient qualifier)",
		Lemmas: []string{"sell", "sell off", "divest", "offload", "dispose of", "export"}},
	{Name: "merge_with", Symmetric: true, Doc: "two companies merged",
		Lemmas: []string{"merge with", "combine with", "merge"}},
	{Name: "invest_in", Doc: "subject invested in the object",
		Lemmas: []string{"invest in", "take stake in", "buy stake in", "acquire stake in"}},
	{Name: "own", Doc: "subject owns or controls the object",
		Lemmas: []string{"own", "control", "hold stake in", "have stake in"}},
	{Name: "subsidiary_of", Role: true, Doc: "subject is a unit or subsidiary of the object",
		Lemmas: []string{"subsidiary of", "unit of", "division of", "be owned by", "be controlled by", "be part of"}},
	{Name: "supply", Doc: "subject provided the object (to a recipient qualifier)",
		Lemmas: []string{"supply", "provide", "give", "deliver", "donate", "grant", "ship", "hand over"}},
	{Name: "pay", Doc: "subject paid the object (an amount; to a recipient qualifier)",
		Lemmas: []string{"pay", "pay out"}},
	{Name: "sign", Doc: "subject signed the object (an agreement, a contract)",
		Lemmas: []string{"sign", "ink", "conclude"}},
	// Courts, regulators, the police.
	{Name: "sue", Doc: "subject took the object to court",
		Lemmas: []string{"sue", "take legal action against", "take action against", "file suit against", "file lawsuit against",
			"bring lawsuit against", "bring suit against", "file complaint against", "launch legal action against"}},
	{Name: "fine", Doc: "subject fined the object", Lemmas: []string{"fine", "penalise", "penalize"}},
	{Name: "settle_with", Doc: "subject settled a dispute or lawsuit with the object",
		Lemmas: []string{"settle with", "reach settlement with", "reach agreement with"}},
	{Name: "charge", Doc: "subject charged or indicted the object", Lemmas: []string{"charge", "indict", "prosecute"}},
	{Name: "arrest", Doc: "subject arrested or detained the object", Lemmas: []string{"arrest", "detain", "jail", "imprison"}},
	{Name: "ban", Doc: "subject banned or suspended the object", Lemmas: []string{"ban", "bar", "suspend", "outlaw"}},
	{Name: "approve", Doc: "subject approved the object", Lemmas: []string{"approve", "ratify", "authorise", "authorize", "clear", "endorse"}},
	{Name: "reject", Doc: "subject rejected or blocked the object",
		Lemmas: []string{"reject", "turn down", "throw out", "rebuff", "veto", "block", "dismiss"}},
	// People and posts.
	{Name: "appoint", Doc: "subject appointed or hired the object",
		Lemmas: []string{"appoint", "name", "hire", "nominate", "recruit", "sign up"}},
	{Name: "resign_from", Doc: "subject resigned from or left the object (a post, a company)",
		Lemmas: []string{"resign from", "resign", "quit", "step down from", "step down as", "stand down from"}},
	{Name: "elect", Doc: "subject elected the object", Lemmas: []string{"elect", "vote in", "re-elect"}},
	{Name: "win", Doc: "subject won the object (a contest, a seat, a contract)", Lemmas: []string{"win", "clinch", "secure"}},
	{Name: "defeat", Doc: "subject defeated the object", Lemmas: []string{"defeat", "beat", "oust", "overcome", "knock out"}},
	// What parties say of each other.
	{Name: "deny", Doc: "subject denied the object (a claim)", Lemmas: []string{"deny", "refute"}},
	{Name: "accuse", Doc: "subject accused the object", Lemmas: []string{"accuse", "blame"}},
	{Name: "urge", Doc: "subject urged or called on the object", Lemmas: []string{"urge", "call on", "press", "appeal to"}},
	{Name: "warn", Doc: "subject warned the object", Lemmas: []string{"warn", "caution"}},
	{Name: "criticise", Doc: "subject criticised the object",
		Lemmas: []string{"criticise", "criticize", "condemn", "denounce", "slam", "attack verbally"}},
	{Name: "support", Doc: "subject supported or backed the object",
		Lemmas: []string{"support", "back", "favour", "favor", "champion"}},
	{Name: "help", Doc: "subject helped the object", Lemmas: []string{"help", "assist", "aid"}},
	{Name: "attack", Doc: "subject attacked the object", Lemmas: []string{"attack", "strike", "bomb", "invade", "raid"}},
	// Beginnings and ends (their lemmas would be the store's <start> and <end>).
	{Name: "begin", Doc: "subject started or launched the object", Lemmas: []string{"begin", "start", "commence", "kick off"}},
	{Name: "terminate", Doc: "subject ended or terminated the object (a contract, a deal)",
		Lemmas: []string{"end", "terminate", "scrap", "call off", "break off"}},
	// Roles and places.
	{Name: "president_of", Role: true, Doc: "subject is president of the object"},
	{Name: "leader_of", Role: true, Doc: "subject leads the object: its leader, chairman, chief executive, head",
		Lemmas: []string{"lead", "head", "chair", "run", "leader of", "head of", "chairman of", "chief of", "chief executive of", "boss of"}},
	{Name: "founder_of", Role: true, Doc: "subject founded the object", Lemmas: []string{"found", "co-found", "set up", "establish", "founder of"}},
	{Name: "owner_of", Role: true, Doc: "subject owns the object (a title before a name: \"owner\")"},
	{Name: "director_of", Role: true, Doc: "subject is a director (board member) of the object", Lemmas: []string{"director of"}},
	{Name: "minister_of", Role: true, Doc: "subject is a minister of or in the object", Lemmas: []string{"minister of", "minister for", "minister in"}},
	{Name: "works_for", Role: true, Doc: "subject works for or at the object (appositions like \"X, a professor at Y\")",
		Lemmas: []string{"work for", "work at", "work with", "employ"}},
	{Name: "spokesperson_for", Role: true, Doc: "subject speaks for the object",
		Lemmas: []string{"speak for", "spokesman for", "spokeswoman for", "spokesperson for"}},
	{Name: "member_of", Role: true, Doc: "subject is a member of the object", Lemmas: []string{"join", "member of", "play for", "sign for"}},
	{Name: "located_in", Role: true, Doc: "subject is located or based in the object (\"Seoul's Kookmin University\", \"the Houston-based company\")",
		Lemmas: []string{"be based in", "be located in", "be headquartered in", "located in", "based in", "headquartered in"}},
	{Name: "role", Role: true, Doc: "subject's title or description, a literal (\"Constitutional Affairs Minister\", \"analyst\")"},
	{Name: "be", Doc: "subject is what the literal or entity object describes (\"a security firm\")"},
	{Name: "say", Doc: "subject said the object (what was said, a literal); the facts of what was said are reported, attributed to the subject",
		Lemmas: []string{"say", "tell", "state", "add"}},
}

// Store properties: the predicates of kg's store vocabulary (DESIGN.md §2).
// Canonical never returns one of these, so a fact can't be mistaken for a
// property.
const (
	PropName          = "name"
	PropAlias         = "alias"
	PropType          = "type"
	PropMentions      = "mentions"
	PropMentionedIn   = "mentioned_in"
	PropSubject       = "subject"
	PropPredicate     = "predicate"
	PropPredicateText = "predicate_text"
	PropObject        = "object"
	PropObjectKind    = "object_kind"
	PropQualifier     = "qualifier" // prefix: <qualifier:recipient>

	// The date of a statement, qualifiers of their own (When): the ISO 8601
	// value, the expression as written, and the value's precision.
	QualifierDate          = "date"
	QualifierDateText      = "date_text"
	QualifierDatePrecision = "date_precision"
	PropPolarity           = "polarity"
	PropModality           = "modality"
	PropAttributedTo       = "attributed_to"
	PropEvidence           = "evidence"
	PropDocument           = "document"
	PropStart              = "start"
	PropEnd                = "end"
	PropConfidence         = "confidence"
	PropSpeaker            = "speaker"
	PropIndirect           = "indirect" // a quote in reported speech: true
	PropText               = "text"
	PropTitle              = "title"
	PropSubtitle           = "subtitle"
	PropAuthor             = "author"
	PropEditor             = "editor"
	PropDate               = "date"
	PropSource             = "source"
	PropURL                = "url"
	PropDateline           = "dateline"
	PropPublisher          = "publisher"
	PropDuplicateOf        = "duplicate_of"
	PropEdgeCount          = "edge_count" // per document: its direct edges, so statistics need no scan
	PropSignature          = "signature"  // per document: its MinHash Signature, String form
	PropLSH                = "lsh"        // per document: one LSH band key per band (Signature.Bands)
)

// Node types beside the entity classes: the objects of <type> for
// documents, statements and quotes.
const (
	TypeDocument  = "Document"
	TypeStatement = "Statement"
	TypeQuote     = "Quote"
)

var (
	lemmaIndex = map[string]string{}
	predIndex  = map[string]Predicate{}
	reserved   = map[string]bool{}
)

func init() {
	for _, p := range Predicates {
		predIndex[p.Name] = p
		for _, l := range p.Lemmas {
			lemmaIndex[l] = p.Name
		}
	}
	for _, p := range []string{PropName, PropAlias, PropType, PropMentions, PropMentionedIn,
		PropSubject, PropPredicate, PropPredicateText, PropObject, PropObjectKind, PropQualifier,
		PropPolarity, PropModality, PropAttributedTo, PropEvidence, PropDocument, PropStart, PropEnd,
		PropConfidence, PropSpeaker, PropIndirect, PropText, PropTitle, PropSubtitle, PropAuthor, PropEditor,
		PropDate, PropSource, PropURL, PropDateline, PropPublisher, PropDuplicateOf, PropEdgeCount,
		PropSignature, PropLSH} {
		reserved[p] = true
	}
}

// Canonical maps a surface lemma ("provide", "hold talks") to its canonical
// predicate ("supply", "meet"). A lemma outside the vocabulary keeps its own
// form with spaces as underscores ("toast", "call_on"); one that would
// collide with a store property gets the suffix "_rel" ("name" → "name_rel").
func Canonical(lemma string) string {
	lemma = strings.ToLower(strings.Join(strings.Fields(lemma), " "))
	if p, ok := lemmaIndex[lemma]; ok {
		return p
	}
	return LemmaPredicate(lemma)
}

// LemmaPredicate is the predicate a lemma has outside the vocabulary: its
// own form with spaces as underscores ("call on" → "call_on"), and the
// suffix "_rel" when that would collide with a store property. Canonical
// falls back to it; extraction uses it where a vocabulary mapping does not
// apply (a role verb with a literal object).
func LemmaPredicate(lemma string) string {
	p := strings.ReplaceAll(strings.ToLower(strings.Join(strings.Fields(lemma), " ")), " ", "_")
	if reserved[p] {
		if s, ok := propertySynonyms[p]; ok {
			return s
		}
		p += "_rel"
	}
	return p
}

// propertySynonyms are the verbs whose lemma is a store property's name,
// and the English verb a fact predicate uses instead ("sourced from" →
// obtain_from), so that predicates stay words.
var propertySynonyms = map[string]string{
	"date": "date_from", "source": "obtain", "author": "write", "document": "record", "text": "message",
	"type": "write", "title": "entitle", "subject": "subject_to", "object": "object_to", "edit": "edit",
	"alias": "call", "mention": "mention",
}

// IsSymmetric reports whether the canonical predicate p is symmetric.
func IsSymmetric(p string) bool {
	return predIndex[p].Symmetric
}

// LookupPredicate returns the vocabulary entry of a canonical predicate.
func LookupPredicate(name string) (Predicate, bool) {
	p, ok := predIndex[name]
	return p, ok
}

// IsProperty reports whether name is a store property of kg's vocabulary
// rather than a fact predicate.
func IsProperty(name string) bool {
	return reserved[name] || strings.HasPrefix(name, PropQualifier+":")
}

// PropertyNames lists the store properties, sorted.
func PropertyNames() []string {
	out := make([]string, 0, len(reserved))
	for p := range reserved {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
