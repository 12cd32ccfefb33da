package ner

import (
	"strings"
)

// The NER features are hashed: every feature is a 64-bit key computed from
// a template number and the hashes of the strings it combines, so that
// extracting them allocates nothing. The trainer keeps the keys it saw;
// the tagger looks them up in an open-addressing table.

// Feature templates. Their numbers are part of the model format: append
// new ones, never renumber.
const (
	fBias = iota + 1
	fWord
	fLower
	fShape
	fPrefix // + length 1..4
	_
	_
	_
	fSuffix // + length 1..4
	_
	_
	_
	fLowerM1
	fLowerP1
	fLowerM2
	fLowerP2
	fShapeM1Shape0
	fShape0ShapeP1
	fLowerM1Lower0
	fLower0LowerP1
	fPOS
	fPOSM1
	fPOSP1
	fPOSShape
	fFirstShape
	fCapsLineShape
	fCapsLineLower
	fGaz     // + list, position
	fGazM1   // + list
	fGazP1   // + list
	fDocCase // + flags, shape
	fShapeM2
	fShapeP2
	fLong
	fDocContext // + flag
)

// Gazetteer lists: a phrase may be in several (a bit mask of these).
const (
	gazLOC   = iota // countries, regions, cities
	gazORG          // organization names
	gazMISC         // nationalities, languages, religions, events
	gazFirst        // given names
	gazTitle        // titles before a person's name
	gazOrgW         // words that end organization names
	gazLocW         // words that end place names
	gazLists
)

var gazListNames = [gazLists]string{"loc", "org", "misc", "first", "title", "orgword", "locword"}

// gazetteer finds the phrases of the lists in a sentence. Phrases are
// matched lower-cased, token by token, through hashes: entries maps the
// hash of a phrase's first k tokens to the lists the phrase is in (0 when
// it is only a prefix of longer phrases).
type gazetteer struct {
	entries map[uint64]uint8
	maxLen  int
}

func newGazetteer(phrases map[string]uint8) *gazetteer {
	g := &gazetteer{entries: make(map[uint64]uint8, len(phrases)*2)}
	for p, mask := range phrases {
		toks := strings.Fields(p)
		if len(toks) > g.maxLen {
			g.maxLen = len(toks)
		}
		h := uint64(0)
		for i, t := range toks {
			h = mix2(h, hashLower(t))
			if i == len(toks)-1 {
				g.entries[h] |= mask
			} else if _, ok := g.entries[h]; !ok {
				g.entries[h] = 0
			}
		}
	}
	return g
}

// mark sets, for every token, the bits gazPos(list, position) of the
// longest phrase of each list that covers it.
func (g *gazetteer) mark(toks []tok) {
	for i := range toks {
		h := uint64(0)
		var best [gazLists]int
		for k := 0; k < g.maxLen && i+k < len(toks); k++ {
			h = mix2(h, toks[i+k].lower)
			mask, ok := g.entries[h]
			if !ok {
				break
			}
			for l := 0; l < gazLists; l++ {
				if mask&(1<<l) != 0 {
					best[l] = k + 1
				}
			}
		}
		for l, n := range best {
			for k := 0; k < n; k++ {
				pos := 1 // inside
				switch {
				case n == 1:
					pos = 3 // unit
				case k == 0:
					pos = 0 // begin
				case k == n-1:
					pos = 2 // last
				}
				toks[i+k].gaz |= 1 << (l*4 + pos)
			}
		}
	}
}

// tok holds the hashes and flags of one token that its features and its
// neighbours' features combine.
type tok struct {
	word, lower, shape, pos uint64
	long                    uint64 // shape without collapsing, first 6 classes
	pre, suf                [4]uint64
	gaz                     uint32 // bit l*4+p: in a phrase of list l at position p (B, I, L, U)
	caps                    uint8  // capsLower, capsTitle, capsAll, capsOther
	doc                     uint8  // docCaseFlags
}

const (
	capsNone = iota // no letters
	capsLower
	capsTitle
	capsAll
	capsMixed
)

// Document-level flags of a word: how it is written elsewhere in the
// document. Headlines in capitals learn from the body's "Japan".
const (
	docTitleInside   = 1 << iota // title-case, not sentence-initial, elsewhere
	docLowerSeen                 // lower-case elsewhere
	docAllCaps                   // in capitals elsewhere (in a mixed-case sentence)
	docAfterTitle                // after a title somewhere ("President X")
	docAfterFirst                // after a given name somewhere ("John X")
	docBeforeOrgWord             // before an organization word somewhere ("X Corp")
	docCaseFlags     = docTitleInside | docLowerSeen | docAllCaps
)

const (
	gazTitleBits = 15 << (gazTitle * 4)
	gazFirstBits = 15 << (gazFirst * 4)
	gazOrgWBits  = 15 << (gazOrgW * 4)
)

const (
	hashSeed  = 14695981039346656037
	hashPrime = 1099511628211
)

// hashLower is FNV-1a over the ASCII-lower-cased bytes of s.
func hashLower(s string) uint64 {
	h := uint64(hashSeed)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint64(c)) * hashPrime
	}
	return h
}

func hashString(s string) uint64 {
	h := uint64(hashSeed)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * hashPrime
	}
	return h
}

// mix2 combines two hashes (splitmix64's finaliser over a + b·φ).
func mix2(a, b uint64) uint64 {
	h := a ^ (b+0x9e3779b97f4a7c15)*0xbf58476d1ce4e5b9
	h ^= h >> 31
	h *= 0x94d049bb133111eb
	h ^= h >> 29
	return h
}

// featKey is the key of template tpl over the hashes a and b; never 0.
func featKey(tpl int, a, b uint64) uint64 {
	k := mix2(mix2(uint64(tpl), a), b)
	if k == 0 {
		k = 1
	}
	return k
}

// charClass maps a byte to its shape class: X upper, x lower, d digit,
// other ASCII as itself, non-ASCII bytes as x (letters, mostly).
func charClass(c byte) byte {
	switch {
	case 'A' <= c && c <= 'Z':
		return 'X'
	case 'a' <= c && c <= 'z', c >= 0x80:
		return 'x'
	case '0' <= c && c <= '9':
		return 'd'
	}
	return c
}

// fillTok computes the hashes of one word.
func fillTok(t *tok, word, pos string, posMode int) {
	*t = tok{word: hashString(word), lower: hashLower(word)}
	short, long := uint64(hashSeed), uint64(hashSeed)
	var prev byte
	var upper, lower, nlong int
	for i := 0; i < len(word); i++ {
		c := charClass(word[i])
		if c != prev {
			short = (short ^ uint64(c)) * hashPrime
			prev = c
		}
		if nlong < 6 {
			long = (long ^ uint64(c)) * hashPrime
			nlong++
		}
		switch c {
		case 'X':
			upper++
		case 'x':
			lower++
		}
	}
	t.shape, t.long = short, long
	switch {
	case upper == 0 && lower == 0:
		t.caps = capsNone
	case upper == 0:
		t.caps = capsLower
	case lower == 0:
		t.caps = capsAll
	case charClass(word[0]) == 'X' && upper == 1:
		t.caps = capsTitle
	default:
		t.caps = capsMixed
	}
	h := uint64(hashSeed)
	for i := 0; i < 4 && i < len(word); i++ {
		h = (h ^ uint64(lowerByte(word[i]))) * hashPrime
		if i < len(word)-1 {
			t.pre[i] = h
		}
	}
	h = hashSeed
	for i := 0; i < 4 && i < len(word); i++ {
		h = (h ^ uint64(lowerByte(word[len(word)-1-i]))) * hashPrime
		if i < len(word)-1 {
			t.suf[i] = h
		}
	}
	t.pos = posHash(pos, posMode)
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// POS modes: how the tagger uses the part-of-speech column.
const (
	posNone   = iota // ignore it
	posCoarse        // a coarse class robust to tagger differences
	posFull          // the Penn tag as given
)

// posHash hashes a Penn Treebank tag as the mode wants it.
func posHash(pos string, mode int) uint64 {
	switch mode {
	case posNone:
		return 0
	case posCoarse:
		pos = coarsePOS(pos)
	}
	return hashString(pos)
}

// coarsePOS maps a Penn tag to a class that taggers agree on more often:
// proper noun, noun, verb, adjective, adverb, number, function word,
// punctuation.
func coarsePOS(p string) string {
	switch {
	case p == "":
		return ""
	case strings.HasPrefix(p, "NNP"):
		return "NNP"
	case strings.HasPrefix(p, "NN"):
		return "NN"
	case strings.HasPrefix(p, "VB"), p == "MD":
		return "VB"
	case strings.HasPrefix(p, "JJ"):
		return "JJ"
	case strings.HasPrefix(p, "RB"):
		return "RB"
	case p == "CD":
		return "CD"
	case p[0] >= 'A' && p[0] <= 'Z':
		return "F"
	}
	return "P"
}

var (
	hashBOS  = hashString("<s>")
	hashEOS  = hashString("</s>")
	hashBOS2 = hashString("<s2>")
	hashEOS2 = hashString("</s2>")
)

// featurizer turns a sentence into feature keys, token by token.
type featurizer struct {
	gaz     *gazetteer
	posMode int
}

// prepare fills toks (resized to the sentence) with the hashes of words.
// capsLine reports whether the sentence is written in capitals (a
// headline).
func (fx *featurizer) prepare(toks []tok, words, pos []string) (capsLine bool) {
	var letters, capsWords int
	for i, w := range words {
		p := ""
		if pos != nil {
			p = pos[i]
		}
		fillTok(&toks[i], w, p, fx.posMode)
		switch toks[i].caps {
		case capsAll:
			capsWords++
			letters++
		case capsNone:
		default:
			letters++
		}
	}
	fx.gaz.mark(toks)
	return letters >= 2 && capsWords == letters
}

// features appends the keys of token i of toks to out.
func (fx *featurizer) features(out []uint64, toks []tok, i int, capsLine bool) []uint64 {
	t := &toks[i]
	lm1, lm2, lp1, lp2 := hashBOS, hashBOS2, hashEOS, hashEOS2
	sm1, sm2, sp1, sp2 := hashBOS, hashBOS2, hashEOS, hashEOS2
	pm1, pp1 := hashBOS, hashEOS
	var gm1, gp1 uint32
	if i > 0 {
		p := &toks[i-1]
		lm1, sm1, pm1, gm1 = p.lower, p.shape, p.pos, p.gaz
		if i > 1 {
			lm2, sm2 = toks[i-2].lower, toks[i-2].shape
		}
	}
	if i+1 < len(toks) {
		n := &toks[i+1]
		lp1, sp1, pp1, gp1 = n.lower, n.shape, n.pos, n.gaz
		if i+2 < len(toks) {
			lp2, sp2 = toks[i+2].lower, toks[i+2].shape
		}
	}
	out = append(out,
		featKey(fBias, 0, 0),
		featKey(fWord, t.word, 0),
		featKey(fLower, t.lower, 0),
		featKey(fShape, t.shape, 0),
		featKey(fLong, t.long, 0),
		featKey(fLowerM1, lm1, 0),
		featKey(fLowerP1, lp1, 0),
		featKey(fLowerM2, lm2, 0),
		featKey(fLowerP2, lp2, 0),
		featKey(fShapeM1Shape0, sm1, t.shape),
		featKey(fShape0ShapeP1, t.shape, sp1),
		featKey(fShapeM2, sm2, 0),
		featKey(fShapeP2, sp2, 0),
		featKey(fLowerM1Lower0, lm1, t.lower),
		featKey(fLower0LowerP1, t.lower, lp1),
	)
	for k := 0; k < 4; k++ {
		if t.pre[k] != 0 {
			out = append(out, featKey(fPrefix+k, t.pre[k], 0))
		}
		if t.suf[k] != 0 {
			out = append(out, featKey(fSuffix+k, t.suf[k], 0))
		}
	}
	if fx.posMode != posNone {
		out = append(out,
			featKey(fPOS, t.pos, 0),
			featKey(fPOSM1, pm1, 0),
			featKey(fPOSP1, pp1, 0),
			featKey(fPOSShape, t.pos, t.shape),
		)
	}
	if i == 0 {
		out = append(out, featKey(fFirstShape, t.shape, 0))
	}
	if capsLine {
		out = append(out, featKey(fCapsLineShape, t.shape, 0), featKey(fCapsLineLower, t.lower, 0))
	}
	for l := 0; l < gazLists; l++ {
		if b := t.gaz >> (l * 4) & 15; b != 0 {
			for p := 0; p < 4; p++ {
				if b&(1<<p) != 0 {
					out = append(out, featKey(fGaz, uint64(l), uint64(p)))
				}
			}
		}
		if gm1>>(l*4)&15 != 0 {
			out = append(out, featKey(fGazM1, uint64(l), 0))
		}
		if gp1>>(l*4)&15 != 0 {
			out = append(out, featKey(fGazP1, uint64(l), 0))
		}
	}
	if t.caps != capsLower && t.caps != capsNone {
		out = append(out, featKey(fDocCase, uint64(t.doc&docCaseFlags), uint64(t.caps)))
		for f := uint8(docAfterTitle); f <= docBeforeOrgWord; f <<= 1 {
			if t.doc&f != 0 {
				out = append(out, featKey(fDocContext, uint64(f), 0))
			}
		}
	}
	return out
}

// docCase computes the document-level flags of every token of sents (one
// slice of prepared tokens per sentence; capsLines says which sentences
// are headlines), using seen as scratch.
func docCase(sents [][]tok, capsLines []bool, seen map[uint64]uint8) {
	clear(seen)
	for s, toks := range sents {
		for i := range toks {
			var f uint8
			switch toks[i].caps {
			case capsTitle:
				if i > 0 {
					f = docTitleInside
				}
			case capsLower:
				f = docLowerSeen
			case capsAll:
				if !capsLines[s] {
					f = docAllCaps
				}
			}
			if toks[i].caps != capsLower && toks[i].caps != capsNone {
				if i > 0 && toks[i-1].gaz&gazTitleBits != 0 {
					f |= docAfterTitle
				}
				if i > 0 && toks[i-1].gaz&gazFirstBits != 0 && toks[i-1].caps == capsTitle {
					f |= docAfterFirst
				}
				if i+1 < len(toks) && toks[i+1].gaz&gazOrgWBits != 0 && toks[i+1].caps != capsLower {
					f |= docBeforeOrgWord
				}
			}
			if f != 0 {
				seen[toks[i].lower] |= f
			}
		}
	}
	for _, toks := range sents {
		for i := range toks {
			toks[i].doc = seen[toks[i].lower]
		}
	}
}
