package dedup

import (
	"slices"

	"kg/schema"
)

// Key tokens. Recurring reports built from one template (the Fed's daily
// repurchases, the Pentagon's contract awards) repeat their words almost
// exactly, and only their figures and names tell one day's or one
// company's report from another's; copies and editions of one story report
// the same figures and names. So a schema.Signature may carry, after its
// SignatureSize MinHash values, a sketch of the body's key tokens
// (extract.Fingerprint finds them: numbers in canonical digits, and
// capitalized words that do not start a sentence), and two documents whose
// key tokens disagree are not near-duplicates (KeysAgree), however similar
// their words.
//
// The sketch holds a 31-bit hash of each key token (FNV-1a 64 and
// murmur3's finalizer, the top half), with the top bit set
// for a number, sorted ascending: of each kind the schema.KeySketchSize least, a
// bottom-k sample of the kind's set that two sketches compare on the hash
// range both cover.

// Key agreement (KeysAgree): the share of the key tokens of the document
// with fewer that the other has too must be more than KeyAgreement, for
// numbers when both documents have at least KeyMinNumbers, and for names
// when both have at least KeyMinNames.
//
// Measured on every pair at DuplicateThreshold or above with dates close
// (extract.TestListNearDuplicates, KG_NEAR_DUPS=1):
//
//   - numbers: the recurring reports share half their figures or fewer
//     (the Fed's repurchases, 1.5 billion dlrs at 6-3/16 and at 6-1/4 pct,
//     0.50 three times; Chevron's and Texaco's jet fuel contracts, 0.50);
//     copies and editions of one story share two thirds or more (0.67: a
//     tender offer's share counts restated; an edition adding a rounded
//     figure; 0.86: a corrected figure; BBC 0.88: a share price at noon and
//     at the close), nearly all of them 1.0;
//   - names: no pair shares less than 0.62 (Chevron and Texaco), the copies
//     and editions 0.71 or more except tables of results, whose row labels
//     ("Revs", "Nine mths") look like names: 0.33 with 3 and 5 of them, so
//     names count from KeyMinNames on. On these corpora the names decide
//     no pair; they are there for templates that change the company and
//     keep the figures.
const (
	KeyAgreement  = 0.5
	KeyMinNumbers = 2
	KeyMinNames   = 5
)

// WithKeys returns signature s with the sketch of the key tokens names and numbers
// (repeats do not matter) in place of any it had: s itself when there are
// none or s is not a signature.
func WithKeys(s schema.Signature, names, numbers []string) schema.Signature {
	if len(s) < schema.SignatureSize {
		return s
	}
	out := slices.Clip(s[:schema.SignatureSize])
	out = append(out, keySketch(names, 0)...)
	out = append(out, keySketch(numbers, schema.KeyNumberBit)...)
	return out
}

// keySketch returns the schema.KeySketchSize least distinct 31-bit hashes of
// tokens, with bit set, sorted.
func keySketch(tokens []string, bit uint32) []uint32 {
	hs := make([]uint32, 0, len(tokens))
	for _, t := range tokens {
		h := uint64(14695981039346656037) // FNV-1a 64
		for i := 0; i < len(t); i++ {
			h ^= uint64(t[i])
			h *= 1099511628211
		}
		h = (h ^ h>>33) * 0xff51afd7ed558ccd // murmur3's finalizer: FNV mixes
		h = (h ^ h>>33) * 0xc4ceb9fe1a85ec53 // short tokens poorly, and the
		h ^= h >> 33                         // sketch keeps the least hashes
		hs = append(hs, uint32(h>>32)&^schema.KeyNumberBit|bit)
	}
	slices.Sort(hs)
	hs = slices.Compact(hs)
	return hs[:min(len(hs), schema.KeySketchSize)]
}

// KeyOverlap compares one kind of key tokens of two signatures (names or
// numbers from Keys): on the range of hashes both sketches cover, how many
// of the tokens of each the other has too (shared), and how many tokens
// the one with fewer has (fewer), so that shared/fewer is the share of its
// key tokens the other reports too.
func KeyOverlap(a, b []uint32) (shared, fewer int) {
	limit := uint32(1<<32 - 1)
	if len(a) >= schema.KeySketchSize {
		limit = min(limit, a[len(a)-1])
	}
	if len(b) >= schema.KeySketchSize {
		limit = min(limit, b[len(b)-1])
	}
	na, nb := 0, 0
	for i, j := 0, 0; i < len(a) && a[i] <= limit || j < len(b) && b[j] <= limit; {
		switch {
		case j >= len(b) || b[j] > limit || i < len(a) && a[i] < b[j]:
			i, na = i+1, na+1
		case i >= len(a) || a[i] > limit || b[j] < a[i]:
			j, nb = j+1, nb+1
		default:
			i, j, na, nb, shared = i+1, j+1, na+1, nb+1, shared+1
		}
	}
	return shared, min(na, nb)
}

// KeysAgree reports whether the key tokens of two signatures agree: more
// than KeyAgreement of the numbers of the one with fewer are numbers of the
// other, when both have KeyMinNumbers or more, and likewise their names,
// when both have KeyMinNames or more. Signatures without key tokens (too
// few, or stored as "mh1:") agree with any.
func KeysAgree(a, b schema.Signature) bool {
	namesA, numbersA := a.Keys()
	namesB, numbersB := b.Keys()
	return keysAgree(numbersA, numbersB, KeyMinNumbers) && keysAgree(namesA, namesB, KeyMinNames)
}

// keysAgree is KeysAgree for one kind of key tokens.
func keysAgree(a, b []uint32, least int) bool {
	if len(a) < least || len(b) < least {
		return true
	}
	shared, fewer := KeyOverlap(a, b)
	return fewer == 0 || float64(shared) > KeyAgreement*float64(fewer)
}
