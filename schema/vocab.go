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

// Predicates is the canonical-predicate vocabulary: surface lemmas (a verb,
// or a verb with its particle or light-verb noun) mapped to relation names.
// A lemma not listed here keeps its own form as predicate (see Canonical).
var Predicates = []Predicate{
	{Name: "meet", Symmetric: true, Doc: "two parties met or held talks",
		Lemmas: []string{"meet", "meet with", "hold talks", "hold talks with", "talk with", "hold summit", "have summit", "summit", "confer with"}},
	{Name: "supply", Doc: "subject provided the object (to a recipient qualifier)",
		Lemmas: []string{"supply", "provide", "give", "deliver", "donate", "grant", "ship", "hand over"}},
	{Name: "sell", Doc: "subject sold the object (to a recipient qualifier)",
		Lemmas: []string{"sell", "export"}},
	{Name: "deny", Doc: "subject denied or rejected the object (a claim)",
		Lemmas: []string{"deny", "reject", "dismiss", "refute"}},
	{Name: "help", Doc: "subject helped the object",
		Lemmas: []string{"help", "assist", "aid"}},
	{Name: "attack", Doc: "subject attacked the object",
		Lemmas: []string{"attack", "strike", "bomb", "invade"}},
	{Name: "accuse", Doc: "subject accused the object",
		Lemmas: []string{"accuse", "blame"}},
	{Name: "president_of", Role: true, Doc: "subject is president of the object"},
	{Name: "leader_of", Role: true, Doc: "subject leads the object", Lemmas: []string{"lead"}},
	{Name: "works_for", Role: true, Doc: "subject works for or at the object (appositions like \"X, a professor at Y\")",
		Lemmas: []string{"work for", "work at"}},
	{Name: "member_of", Role: true, Doc: "subject is a member of the object", Lemmas: []string{"join"}},
	{Name: "located_in", Role: true, Doc: "subject is located in the object (\"Seoul's Kookmin University\")"},
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
	PropPolarity      = "polarity"
	PropModality      = "modality"
	PropAttributedTo  = "attributed_to"
	PropEvidence      = "evidence"
	PropDocument      = "document"
	PropStart         = "start"
	PropEnd           = "end"
	PropConfidence    = "confidence"
	PropSpeaker       = "speaker"
	PropIndirect      = "indirect" // a quote in reported speech: true
	PropText          = "text"
	PropTitle         = "title"
	PropSubtitle      = "subtitle"
	PropAuthor        = "author"
	PropEditor        = "editor"
	PropDate          = "date"
	PropSource        = "source"
	PropURL           = "url"
	PropDateline      = "dateline"
	PropPublisher     = "publisher"
	PropDuplicateOf   = "duplicate_of"
	PropEdgeCount     = "edge_count" // per document: its direct edges, so statistics need no scan
	PropSignature     = "signature"  // per document: its MinHash Signature, String form
	PropLSH           = "lsh"        // per document: one LSH band key per band (Signature.Bands)
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
		p += "_rel"
	}
	return p
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
