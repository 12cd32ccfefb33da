package dedup

import (
	"slices"
	"strings"

	"kg/schema"
)

// Index finds near-duplicates among signatures held in memory, by
// their LSH bands: what a store does for kg build, for runs without one.
// The zero value is empty and ready to use.
type Index struct {
	bands map[string][]int // band key → positions in docs
	docs  []indexed
}

type indexed struct {
	id, date string
	sig      schema.Signature
}

// Match is a document whose signature shares an LSH band with another.
type Match struct {
	ID         string
	Date       string // its publication date ("" when unknown)
	Similarity float64
}

// Add adds the signature of document id, published on date ("" when
// unknown). A document without a signature is not added.
func (x *Index) Add(id, date string, sig schema.Signature) {
	keys := Bands(sig)
	if keys == nil {
		return
	}
	if x.bands == nil {
		x.bands = make(map[string][]int)
	}
	n := len(x.docs)
	x.docs = append(x.docs, indexed{id, date, sig})
	for _, k := range keys {
		x.bands[k] = append(x.bands[k], n)
	}
}

// Candidates returns the documents added so far that share an LSH band with
// sig, other than one with id self, each once, the most similar first.
// Keep those with Similarity ≥ DuplicateThreshold for near-duplicates.
func (x *Index) Candidates(self string, sig schema.Signature) []Match {
	var out []Match
	for _, c := range x.candidates(self, sig) {
		out = append(out, c.Match)
	}
	return out
}

// candidate is a Match and its signature.
type candidate struct {
	Match
	sig schema.Signature
}

// candidates is Candidates with the signatures.
func (x *Index) candidates(self string, sig schema.Signature) []candidate {
	seen := make(map[int]bool)
	var out []candidate
	for _, k := range Bands(sig) {
		for _, n := range x.bands[k] {
			if seen[n] || x.docs[n].id == self {
				continue
			}
			seen[n] = true
			d := x.docs[n]
			out = append(out, candidate{Match{d.id, d.date, Similarity(sig, d.sig)}, d.sig})
		}
	}
	slices.SortFunc(out, func(a, b candidate) int {
		if a.Similarity != b.Similarity {
			if a.Similarity > b.Similarity {
				return -1
			}
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// Duplicates returns the ids of the documents added so far that are
// near-duplicates (IsDuplicate) of document self, published on date, with
// signature sig, the most similar first.
func (x *Index) Duplicates(self, date string, sig schema.Signature) []string {
	var ids []string
	for _, c := range x.candidates(self, sig) {
		if c.Similarity >= DuplicateThreshold && KeysAgree(sig, c.sig) && DatesClose(date, c.Date) && !slices.Contains(ids, c.ID) {
			ids = append(ids, c.ID)
		}
	}
	return ids
}
