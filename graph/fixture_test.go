package graph

import "kg/schema"

// Test documents, drawn as the direct edges and quotes they produce:
//
//	                 meet (d1, d2)
//	+----------------+ <─────────> +-------------+
//	| Vladimir Putin |             | Kim Jong Un |
//	+----------------+             +-------------+
//	        ┊ supply "weapons"  (negative: statement only, no edge)
//
//	+-------------+  supply (d1)   "artillery shells"  {recipient: United States}
//	| South Korea | ─────────────> (literal)
//	+-------------+
//
//	+---------------+  speaker   <quote/…> "It creates an important precedent" (d1)
//	| Andrei Lankov | <─────────
//	+---------------+
//
// d1 calls place/us "U.S.", d2 "US": one <name>, one <alias>.
const (
	doc1 = "d1"
	doc2 = "d2"

	putin  = "person/vladimir_putin"
	kim    = "person/kim_jong_un"
	lankov = "person/andrei_lankov"
	korea  = "place/south_korea"
	us     = "place/us"
	un     = "organization/united_nations"

	sentMeet1  = "Russian President Vladimir Putin met Kim Jong Un in Vostochny."
	sentSupply = "South Korea provided artillery shells to the United States, officials said \"on background\".\nIt was secret."
	sentDeny   = "Putin did not supply weapons to North Korea."
	sentMeet2  = "Kim held talks with Putin."
)

// fixture returns the two test extractions.
func fixture() []*schema.Extraction {
	meet := func(s, sid, o, oid, text, doc string, start int, conf float64) schema.Relation {
		return schema.Relation{Subject: s, SubjectID: sid, Predicate: "meet", PredicateText: "met",
			Object: o, ObjectID: oid, ObjectKind: schema.EntityObject,
			Polarity: schema.Positive, Modality: schema.Asserted, Confidence: conf,
			Evidence: []schema.Evidence{{Document: doc, Sentence: text, Start: start, End: start + len(text)}}}
	}
	d1 := &schema.Extraction{
		Document: schema.Document{ID: doc1, Title: "Putin meets Kim", Author: "Josh Smith", Date: "2023-09-14",
			Source: "001.txt", Editors: []string{"Ed Two", "Ed One"}, Dateline: "Seoul", Publisher: "Reuters"},
		Entities: []schema.Entity{
			{ID: putin, Name: "Vladimir Putin", Class: schema.Person, Aliases: []string{"Putin", "Russian President Vladimir Putin"}, Mentions: 3},
			{ID: kim, Name: "Kim Jong Un", Class: schema.Person, Mentions: 2},
			{ID: lankov, Name: "Andrei Lankov", Class: schema.Person, Aliases: []string{"Lankov"}, Mentions: 1},
			{ID: korea, Name: "South Korea", Class: schema.Place, Mentions: 1},
			{ID: us, Name: "U.S.", Class: schema.Place, Mentions: 1},
		},
		Relations: []schema.Relation{
			meet("Vladimir Putin", putin, "Kim Jong Un", kim, sentMeet1, doc1, 0, 0.7),
			{Subject: "South Korea", SubjectID: korea, Predicate: "supply", PredicateText: "provided",
				Object: "artillery shells", ObjectKind: schema.LiteralObject,
				Qualifiers: map[string]string{"recipient": "United States"},
				Polarity:   schema.Positive, Modality: schema.Asserted, Confidence: 0.82,
				Evidence: []schema.Evidence{{Document: doc1, Sentence: sentSupply, Start: 64, End: 64 + len(sentSupply)}}},
			{Subject: "Vladimir Putin", SubjectID: putin, Predicate: "supply", PredicateText: "supply",
				Object: "weapons", ObjectKind: schema.LiteralObject,
				Polarity: schema.Negative, Modality: schema.Asserted, Confidence: 0.6,
				Evidence: []schema.Evidence{{Document: doc1, Sentence: sentDeny, Start: 200, End: 200 + len(sentDeny)}}},
		},
		Quotes: []schema.Quote{{ID: schema.QuoteID(doc1, 300, 334), Speaker: "Andrei Lankov", SpeakerID: lankov,
			Text: "It creates an important precedent", Document: doc1, Start: 300, End: 334}},
	}
	d2 := &schema.Extraction{
		Document: schema.Document{ID: doc2, Title: "Kim and Putin hold talks", Source: "002.txt", Duplicates: []string{doc1}},
		Entities: []schema.Entity{
			{ID: putin, Name: "Vladimir Putin", Class: schema.Person, Aliases: []string{"Putin"}, Mentions: 4},
			{ID: kim, Name: "Kim Jong Un", Class: schema.Person, Aliases: []string{"Kim"}, Mentions: 2},
			{ID: us, Name: "US", Class: schema.Place, Mentions: 1},
			{ID: un, Name: "United Nations", Class: schema.Organization, Mentions: 1},
		},
		Relations: []schema.Relation{
			meet("Kim Jong Un", kim, "Vladimir Putin", putin, sentMeet2, doc2, 10, 0.9),
		},
	}
	return []*schema.Extraction{d1, d2}
}
