// Package dedup finds near-duplicate documents — one story twice, with other
// spelling, furniture, line breaks or a paragraph more — without comparing
// their texts: Fingerprint computes a schema.Signature (a MinHash of 5-word
// shingles of the normalized body, with a sketch of its key tokens, the
// figures and names it reports); Similarity, KeysAgree and IsDuplicate
// compare two; Bands gives the LSH band keys a store indexes; Index finds
// the near-duplicates among signatures held in memory.
//
//	fingerprint.go  Fingerprint: normalized words (American spelling, folded accents) → signature
//	keys.go         the key tokens of a body: numbers in canonical digits, names
//	minhash.go      the hash family, Similarity, the thresholds, Bands
//	agree.go        key-token sketches and their agreement
//	index.go        Index: near-duplicates in memory
package dedup
