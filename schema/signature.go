package schema

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Signature is the MinHash signature of a document body: an estimate of the
// body's set of word shingles that two documents can compare without their
// texts (extract.Fingerprint computes it). A nil Signature means "none" (no
// words, or a document stored before signatures existed); it is a duplicate
// of nothing.
//
// Value i is the least h_i(x) over the body's shingle hashes x, with
//
//	h_i(x) = (a_i·x + b_i) mod 2^64, shifted right by 32
//
// a multiply-shift hash family; a_i (odd) and b_i are the i-th pairs of the
// splitmix64 sequence started at signatureSeed. The family is fixed: change
// it and every stored signature means something else, so the encoding
// carries a version prefix ("mh1:", "mh2:").
//
// Values from SignatureSize on, when there are any, are the sketch of the
// body's key tokens, its numbers and names (WithKeys, KeysAgree): what
// tells two reports from one template apart.
//
// The share of equal values of two signatures estimates the Jaccard
// similarity of their shingle sets (Similarity), with a standard error of
// about sqrt(J(1-J)/128) ≤ 0.045.
type Signature []uint32

// MinHash parameters: SignatureSize values, cut into SignatureBands bands of
// SignatureRows values for locality-sensitive hashing. Two documents with
// Jaccard similarity J share at least one band with probability
// 1-(1-J^4)^32: 0.23 at J=0.3, 0.87 at J=0.5, 0.999 at J=0.7, so every pair
// at DuplicateThreshold or above is a candidate, with a certainty of
// 1-(1-0.6^4)^32 = 0.985 at the threshold itself and above 0.9999 at 0.8.
const (
	SignatureSize  = 128
	SignatureBands = 32
	SignatureRows  = SignatureSize / SignatureBands
)

// DuplicateThreshold is the least Similarity at which two documents are
// near-duplicates: one story twice, with other spelling, furniture, line
// breaks, or a paragraph more or less (see also DuplicateMaxDays).
//
// Measured with 5-word shingles of the normalized body (extract.Fingerprint),
// over every pair that shares an LSH band and a sample of 20,000 random
// pairs per corpus:
//
//   - the two versions of the sample article (scraped page with US spelling,
//     furniture, caption and subheading; clean wire copy with UK spelling)
//     score 0.977 (0.969–1.0 with 3 to 7 words per shingle);
//   - BBC (2,221 files): 30 pairs at 0.60 or more, every one the same story
//     twice (byte-identical or an edition with a paragraph or a quote more);
//     the closest different stories score 0.570 (pension talks announced,
//     then their outcome), 0.453 and 0.344; random pairs at most 0.039;
//   - Reuters-21578 (19,043): copies and re-sends of one story score from
//     0.55 up, and so do recurring reports built from one template (the
//     Fed's repurchases, crop estimates), which only their dates and figures
//     tell apart: DuplicateMaxDays, the minimum length of a fingerprint
//     and the key tokens (KeysAgree) keep them out, but for the few whose
//     dates, figures and names agree. Random pairs score at most 0.141.
//
// 0.6 is at least 3 standard errors (±0.045) above the different stories
// of the BBC set and 8 below the sample pair.
const DuplicateThreshold = 0.6

// signatureSeed starts the splitmix64 sequence of the hash family.
const signatureSeed = 0x6b67_6d69_6e68_6173 // "kgminhas"

// signatureVersion prefixes the encoded form of a signature without key
// tokens; signatureKeysVersion, of one with them.
const (
	signatureVersion     = "mh1:"
	signatureKeysVersion = "mh2:"
)

// signatureHash holds a_i and b_i of the hash family.
var signatureHash = func() (h [SignatureSize][2]uint64) {
	s := uint64(signatureSeed)
	for i := range h {
		h[i][0] = splitmix64(&s) | 1
		h[i][1] = splitmix64(&s)
	}
	return h
}()

// splitmix64 returns the next value of the splitmix64 sequence in *s.
func splitmix64(s *uint64) uint64 {
	*s += 0x9e3779b97f4a7c15
	z := *s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// NewSignature returns the MinHash signature of a set of 64-bit shingle
// hashes (repeats do not matter), or nil when there are none.
func NewSignature(shingles []uint64) Signature {
	if len(shingles) == 0 {
		return nil
	}
	sig := make(Signature, SignatureSize)
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	for _, x := range shingles {
		for i := range sig {
			v := uint32((signatureHash[i][0]*x + signatureHash[i][1]) >> 32)
			if v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

// Similarity estimates the Jaccard similarity of the shingle sets behind a
// and b: the share of their SignatureSize MinHash values that agree (key
// tokens aside). It is 0 when either is not a full signature.
func Similarity(a, b Signature) float64 {
	if len(a) < SignatureSize || len(b) < SignatureSize {
		return 0
	}
	same := 0
	for i := range SignatureSize {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / SignatureSize
}

// DuplicateMaxDays is how many days apart the publication dates of two
// near-duplicates may be. Copies of one story appear within a day or two;
// recurring reports built from one template (the Fed's daily market
// operations, weekly price quotes, monthly crop estimates) repeat their
// text almost word for word with other figures on other days.
const DuplicateMaxDays = 1

// IsDuplicate reports whether two documents are near-duplicates: their
// signatures at least DuplicateThreshold similar, their key tokens (the
// figures and names they report) in agreement (KeysAgree), and their
// publication dates (ISO 8601, "" when unknown) at most DuplicateMaxDays
// apart when both are known.
func IsDuplicate(a, b Signature, dateA, dateB string) bool {
	return Similarity(a, b) >= DuplicateThreshold && KeysAgree(a, b) && DatesClose(dateA, dateB)
}

// DatesClose reports whether two ISO 8601 dates (YYYY-MM-DD, longer forms
// cut to the day) are at most DuplicateMaxDays apart; an unknown or
// unreadable date is close to any.
func DatesClose(a, b string) bool {
	ta, errA := time.Parse(time.DateOnly, a[:min(len(a), len(time.DateOnly))])
	tb, errB := time.Parse(time.DateOnly, b[:min(len(b), len(time.DateOnly))])
	if errA != nil || errB != nil {
		return true
	}
	return ta.Sub(tb).Abs() <= DuplicateMaxDays*24*time.Hour
}

// Bands returns the LSH band keys of s, one per band: "b07:" (the band
// index) followed by 16 hex digits hashing the band's values, so equal keys
// mean (almost surely) equal bands at the same position. Two signatures
// sharing any key are near-duplicate candidates. Nil when s is not a full
// signature.
func (s Signature) Bands() []string {
	if len(s) < SignatureSize {
		return nil
	}
	keys := make([]string, SignatureBands)
	var buf [4 + 16]byte
	for band := range keys {
		h := uint64(14695981039346656037) // FNV-1a 64
		for _, v := range s[band*SignatureRows : (band+1)*SignatureRows] {
			for j := 0; j < 32; j += 8 {
				h ^= uint64(byte(v >> j))
				h *= 1099511628211
			}
		}
		b := append(buf[:0], 'b', byte('0'+band/10), byte('0'+band%10), ':')
		b = appendHex16(b, h)
		keys[band] = string(b)
	}
	return keys
}

// appendHex16 appends h as 16 lower-case hex digits.
func appendHex16(b []byte, h uint64) []byte {
	const digits = "0123456789abcdef"
	for shift := 60; shift >= 0; shift -= 4 {
		b = append(b, digits[(h>>shift)&0xf])
	}
	return b
}

// String encodes s for the store: "mh1:" and the unpadded URL-safe base64
// of its values as little-endian uint32s (687 characters), or "mh2:" and
// the same of its values and key tokens when it has any (a further 5 or 6
// characters per key token, at most 2·KeySketchSize of them). A signature
// without key tokens keeps the "mh1:" form that readers before key tokens
// understand. A nil Signature encodes as "".
func (s Signature) String() string {
	if len(s) == 0 {
		return ""
	}
	raw := make([]byte, 4*len(s))
	for i, v := range s {
		binary.LittleEndian.PutUint32(raw[4*i:], v)
	}
	version := signatureVersion
	if len(s) > SignatureSize {
		version = signatureKeysVersion
	}
	return version + base64.RawURLEncoding.EncodeToString(raw)
}

// ErrSignature is wrapped by the errors of ParseSignature.
var ErrSignature = errors.New("not a document signature")

// ParseSignature decodes the String form of a Signature: "mh1:" (no key
// tokens) or "mh2:" (with them).
func ParseSignature(text string) (Signature, error) {
	enc, ok := strings.CutPrefix(text, signatureVersion)
	keys := false
	if !ok {
		enc, keys = strings.CutPrefix(text, signatureKeysVersion)
		if !keys {
			return nil, fmt.Errorf("schema: %w: want prefix %q or %q in %.12q", ErrSignature, signatureVersion, signatureKeysVersion, text)
		}
	}
	raw, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil {
		return nil, fmt.Errorf("schema: %w: %v", ErrSignature, err)
	}
	switch {
	case !keys && len(raw) != 4*SignatureSize:
		return nil, fmt.Errorf("schema: %w: %d bytes, want %d", ErrSignature, len(raw), 4*SignatureSize)
	case keys && (len(raw) <= 4*SignatureSize || len(raw) > 4*(SignatureSize+2*KeySketchSize) || len(raw)%4 != 0):
		return nil, fmt.Errorf("schema: %w: %d bytes, want %d and 4 to %d more", ErrSignature, len(raw), 4*SignatureSize, 4*2*KeySketchSize)
	}
	s := make(Signature, len(raw)/4)
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(raw[4*i:])
	}
	names, numbers := s.Keys()
	if !slices.IsSorted(s[SignatureSize:]) || len(slices.Compact(slices.Clone(s[SignatureSize:]))) != len(s)-SignatureSize ||
		len(names) > KeySketchSize || len(numbers) > KeySketchSize {
		return nil, fmt.Errorf("schema: %w: key tokens not a sketch", ErrSignature)
	}
	return s, nil
}

// SignatureIndex finds near-duplicates among signatures held in memory, by
// their LSH bands: what a store does for kg build, for runs without one.
// The zero value is empty and ready to use.
type SignatureIndex struct {
	bands map[string][]int // band key → positions in docs
	docs  []indexedSignature
}

type indexedSignature struct {
	id, date string
	sig      Signature
}

// Match is a document whose signature shares an LSH band with another.
type Match struct {
	ID         string
	Date       string // its publication date ("" when unknown)
	Similarity float64
}

// Add adds the signature of document id, published on date ("" when
// unknown). A document without a signature is not added.
func (x *SignatureIndex) Add(id, date string, sig Signature) {
	keys := sig.Bands()
	if keys == nil {
		return
	}
	if x.bands == nil {
		x.bands = make(map[string][]int)
	}
	n := len(x.docs)
	x.docs = append(x.docs, indexedSignature{id, date, sig})
	for _, k := range keys {
		x.bands[k] = append(x.bands[k], n)
	}
}

// Candidates returns the documents added so far that share an LSH band with
// sig, other than one with id self, each once, the most similar first.
// Keep those with Similarity ≥ DuplicateThreshold for near-duplicates.
func (x *SignatureIndex) Candidates(self string, sig Signature) []Match {
	var out []Match
	for _, c := range x.candidates(self, sig) {
		out = append(out, c.Match)
	}
	return out
}

// candidate is a Match and its signature.
type candidate struct {
	Match
	sig Signature
}

// candidates is Candidates with the signatures.
func (x *SignatureIndex) candidates(self string, sig Signature) []candidate {
	seen := make(map[int]bool)
	var out []candidate
	for _, k := range sig.Bands() {
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
func (x *SignatureIndex) Duplicates(self, date string, sig Signature) []string {
	var ids []string
	for _, c := range x.candidates(self, sig) {
		if c.Similarity >= DuplicateThreshold && KeysAgree(sig, c.sig) && DatesClose(date, c.Date) && !slices.Contains(ids, c.ID) {
			ids = append(ids, c.ID)
		}
	}
	return ids
}
