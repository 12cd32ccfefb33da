package schema

import "encoding/json"

// Document is one article: its metadata and identity. Its JSON form is the
// "document" record.
type Document struct {
	ID         string   `json:"id"`                  // DocumentID of the normalized body
	Title      string   `json:"title"`               // headline, desk prefixes removed
	Subtitle   string   `json:"subtitle,omitempty"`  // standfirst or deck
	Author     string   `json:"author"`              // byline or credits; "" when unknown
	Editors    []string `json:"editors,omitempty"`   // from "(… Editing by …)"
	Date       string   `json:"date"`                // publication date, ISO 8601 (YYYY-MM-DD); "" when unknown
	Source     string   `json:"source"`              // file name, "-" for stdin, or URL
	URL        string   `json:"url,omitempty"`       // canonical address when known
	Dateline   string   `json:"dateline,omitempty"`  // place of the dateline ("Seoul")
	Publisher  string   `json:"publisher,omitempty"` // agency of the dateline ("Reuters")
	Duplicates []string `json:"duplicates"`          // ids of near-duplicate documents

	// Signature is the MinHash signature of the body (extract.Fingerprint),
	// carried from extract to graph to find near-duplicates. It is not
	// part of the record: the store keeps it as <signature>.
	Signature Signature `json:"-"`
}

// Entity is one real-world entity. Within an Extraction it describes the
// entity as one document sees it; in an export it is the merged node.
// Its JSON form is the "entity" record.
type Entity struct {
	ID        string   `json:"id"`        // EntityID(Class, Name)
	Name      string   `json:"name"`      // the canonical name
	Class     Class    `json:"class"`     // Person, Organization or Place
	Aliases   []string `json:"aliases"`   // other surface names, sorted
	Mentions  int      `json:"mentions"`  // number of mentions
	Documents []string `json:"documents"` // ids of the documents that mention it, sorted
}

// Evidence locates one occurrence of a fact: the document, the sentence and
// the character offsets (bytes into the document's cleaned text, end
// exclusive) of that sentence.
type Evidence struct {
	Document string `json:"document"`
	Sentence string `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// Relation is one fact: subject, predicate, object, how the text commits to
// it, and where it is said. Its JSON form is the "relation" record.
//
// Subject and Object hold canonical entity names when they are entities
// (SubjectID and ObjectID are then set), else the literal phrase.
type Relation struct {
	ID            string            `json:"id"`                   // FactID
	Subject       string            `json:"subject"`              // canonical name or phrase
	SubjectID     string            `json:"subject_id,omitempty"` // entity id when the subject is an entity
	Predicate     string            `json:"predicate"`            // canonical predicate (see Canonical)
	PredicateText string            `json:"predicate_text"`       // the surface form ("provided")
	Object        string            `json:"object"`               // canonical name or phrase
	ObjectID      string            `json:"object_id,omitempty"`  // entity id when ObjectKind is EntityObject
	ObjectKind    ObjectKind        `json:"object_kind"`          // entity or literal
	Qualifiers    map[string]string `json:"qualifiers"`           // e.g. "recipient": "United States"
	Polarity      Polarity          `json:"polarity"`             // positive or negative
	Modality      Modality          `json:"modality"`             // asserted, reported, hedged, hypothetical, future
	AttributedTo  string            `json:"attributed_to"`        // who claims it; null in JSON when ""
	Confidence    float64           `json:"confidence"`           // 0..1
	Evidence      []Evidence        `json:"evidence"`             // one entry per occurrence
	When          *When             `json:"when,omitempty"`       // when it happened, or when it was reported
}

// When dates a fact: the time its clause names ("on Wednesday"), normalized
// against the date of the document that states it, or, for a clause that
// names none, that document's date as the date it was reported.
type When struct {
	Text      string `json:"text,omitempty"`      // the expression as written: "on Wednesday"
	Value     string `json:"value,omitempty"`     // ISO 8601: "2023-09-13", "2023-W36", "2023-04", "2023", "1985/1987"; "" when it cannot be told
	Precision string `json:"precision,omitempty"` // day, week, month, quarter, half, year, decade
	Reported  string `json:"reported,omitempty"`  // the document's date, for a fact whose clause names no time
}

// Asserted reports whether r is a positive fact the text itself states: the
// only kind that becomes a direct edge in the store.
func (r Relation) Asserted() bool {
	return r.Polarity == Positive && r.Modality == Asserted
}

// Quote is a direct quotation and its speaker. Its JSON form is the "quote"
// record. Start and End are byte offsets of Text in the document's cleaned text.
type Quote struct {
	ID        string `json:"id"`                   // QuoteID
	Speaker   string `json:"speaker"`              // canonical name of the speaker; "" when unknown
	SpeakerID string `json:"speaker_id,omitempty"` // entity id of the speaker
	Text      string `json:"text"`                 // the words inside the quotation marks
	Document  string `json:"document"`             // document id
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Indirect  bool   `json:"indirect,omitempty"` // reported speech ("X said that …"), not words in quotation marks
}

// Extraction is everything kg finds in one document: what extract produces
// and graph stores, one transaction per Extraction.
type Extraction struct {
	Document  Document
	Text      string // the cleaned text that every offset refers to
	Entities  []Entity
	Relations []Relation
	Quotes    []Quote
}

// MarshalJSON writes the "document" record.
func (d Document) MarshalJSON() ([]byte, error) {
	type plain Document
	p := plain(d)
	if p.Duplicates == nil {
		p.Duplicates = []string{}
	}
	return json.Marshal(struct {
		Type string `json:"type"`
		plain
	}{"document", p})
}

// MarshalJSON writes the "entity" record.
func (e Entity) MarshalJSON() ([]byte, error) {
	type plain Entity
	p := plain(e)
	if p.Aliases == nil {
		p.Aliases = []string{}
	}
	if p.Documents == nil {
		p.Documents = []string{}
	}
	return json.Marshal(struct {
		Type string `json:"type"`
		plain
	}{"entity", p})
}

// MarshalJSON writes the "relation" record; an empty AttributedTo is null.
func (r Relation) MarshalJSON() ([]byte, error) {
	type plain Relation
	p := plain(r)
	if p.Qualifiers == nil {
		p.Qualifiers = map[string]string{}
	}
	if p.Evidence == nil {
		p.Evidence = []Evidence{}
	}
	var attributed *string
	if r.AttributedTo != "" {
		attributed = &p.AttributedTo
	}
	return json.Marshal(struct {
		Type string `json:"type"`
		plain
		AttributedTo *string `json:"attributed_to"`
	}{"relation", p, attributed})
}

// MarshalJSON writes the "quote" record.
func (q Quote) MarshalJSON() ([]byte, error) {
	type plain Quote
	return json.Marshal(struct {
		Type string `json:"type"`
		plain
	}{"quote", plain(q)})
}
