package dedup

import (
	"math"
	"time"

	"kg/schema"
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

// signatureHash holds a_i and b_i of the hash family.
var signatureHash = func() (h [schema.SignatureSize][2]uint64) {
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
func NewSignature(shingles []uint64) schema.Signature {
	if len(shingles) == 0 {
		return nil
	}
	sig := make(schema.Signature, schema.SignatureSize)
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
// and b: the share of their schema.SignatureSize MinHash values that agree (key
// tokens aside). It is 0 when either is not a full signature.
func Similarity(a, b schema.Signature) float64 {
	if len(a) < schema.SignatureSize || len(b) < schema.SignatureSize {
		return 0
	}
	same := 0
	for i := range schema.SignatureSize {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / schema.SignatureSize
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
func IsDuplicate(a, b schema.Signature, dateA, dateB string) bool {
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

// Bands returns the LSH band keys of signature s, one per band: "b07:" (the band
// index) followed by 16 hex digits hashing the band's values, so equal keys
// mean (almost surely) equal bands at the same position. Two signatures
// sharing any key are near-duplicate candidates. Nil when s is not a full
// signature.
func Bands(s schema.Signature) []string {
	if len(s) < schema.SignatureSize {
		return nil
	}
	keys := make([]string, schema.SignatureBands)
	var buf [4 + 16]byte
	for band := range keys {
		h := uint64(14695981039346656037) // FNV-1a 64
		for _, v := range s[band*schema.SignatureRows : (band+1)*schema.SignatureRows] {
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
