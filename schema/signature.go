package schema

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Signature is the MinHash signature of a document body: an estimate of the
// body's set of word shingles that two documents can compare without their
// texts (dedup.Fingerprint computes it). A nil Signature means "none" (no
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

// signatureVersion prefixes the encoded form of a signature without key
// tokens; signatureKeysVersion, of one with them.
const (
	signatureVersion     = "mh1:"
	signatureKeysVersion = "mh2:"
)

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

// KeySketchSize is the most key tokens of each kind a Signature keeps.
// Bodies have fewer as a rule (Reuters-21578: a median of 5 numbers and 9
// names, 9 in 10 at most 16 and 22; BBC: 7 and 24, 14 and 48); past it,
// KeyOverlap compares samples of about KeySketchSize. The encoded
// signature grows from 687 characters to a median of 772 (Reuters) and
// 852 (BBC), at most 1028.
const KeySketchSize = 32

// KeyNumberBit marks the hash of a number in a key sketch.
const KeyNumberBit = 1 << 31

// Keys returns the key-token sketch of s: the hashes of its names and of
// its numbers (nil when it has none, as a signature stored as "mh1:").
func (s Signature) Keys() (names, numbers []uint32) {
	if len(s) <= SignatureSize {
		return nil, nil
	}
	keys := s[SignatureSize:]
	i, _ := slices.BinarySearch(keys, KeyNumberBit)
	return keys[:i:i], keys[i:]
}
