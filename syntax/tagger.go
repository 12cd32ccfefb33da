package syntax

import (
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode/utf8"
)

// The tagger is a greedy left-to-right averaged perceptron over joint
// UPOS+XPOS classes (Collins 2002, with the feature set of Honnibal's
// tagger widened to two words either side, affixes and word shape).
// Frequent words that always carry the same tag skip the classifier.

type tagger struct {
	upos, xpos []string         // per class
	dict       map[string]uint8 // unambiguous frequent forms
	clusters   map[string]clusterCode
	w, back    *weights // left-to-right and right-to-left models
	both       *weights // both in one table, the second's classes shifted by len(upos)
}

// wordAtoms are the per-word values the tagger and parser features use.
type wordAtoms struct {
	w, form, shape         uint64
	pre1, pre2, pre3       uint64
	suf1, suf2, suf3, suf4 uint64
	flags                  uint64
	c4, c6, c8, cF         uint64 // cluster path prefixes
}

var (
	atomsStart = wordAtoms{w: hashString("<s>"), form: 1, shape: 1, suf3: 1, suf2: 1}
	atomsEnd   = wordAtoms{w: hashString("</s>"), form: 2, shape: 2, suf3: 2, suf2: 2}
)

func makeAtoms(form string, first bool, clusters map[string]clusterCode) wordAtoms {
	n := normForm(form)
	low := lowerForm(n)
	a := wordAtoms{w: hashString(low), form: hashString(n), shape: hashString(shape(n))}
	if c, ok := clusters[low]; ok {
		a.c4, a.c6, a.c8, a.cF = c.prefix(4), c.prefix(6), c.prefix(8), c.prefix(16)
	}
	affix := func(k int, suffix bool) uint64 { // first or last k runes, hashed
		i := 0
		if suffix {
			i = len(low)
			for ; k > 0 && i > 0; k-- {
				_, size := utf8.DecodeLastRuneInString(low[:i])
				i -= size
			}
			if k > 0 {
				return 0
			}
			return hashString(low[i:])
		}
		for ; k > 0 && i < len(low); k-- {
			_, size := utf8.DecodeRuneInString(low[i:])
			i += size
		}
		if k > 0 {
			return 0
		}
		return hashString(low[:i])
	}
	a.pre1, a.pre2, a.pre3 = affix(1, false), affix(2, false), affix(3, false)
	a.suf1, a.suf2, a.suf3, a.suf4 = affix(1, true), affix(2, true), affix(3, true), affix(4, true)
	if strings.ContainsAny(n, "0123456789") {
		a.flags |= 1
	}
	if strings.Contains(n, "-") {
		a.flags |= 2
	}
	if first {
		a.flags |= 4
	}
	if n != "" && n[0] >= 'A' && n[0] <= 'Z' {
		a.flags |= 8
	}
	return a
}

func atomAt(a []wordAtoms, i int) *wordAtoms {
	switch {
	case i < 0:
		return &atomsStart
	case i >= len(a):
		return &atomsEnd
	}
	return &a[i]
}

const tagStart = 255 // history tag before the sentence

// tagFeatures appends the feature keys for word i given the two previous
// predicted classes (in reading order).
func tagFeatures(out []uint64, a []wordAtoms, i int, t1, t2 uint64) []uint64 {
	return tagHistoryFeatures(tagWordFeatures(out, a, i), a, i, t1, t2)
}

// tagWordFeatures appends the keys that do not depend on predicted tags,
// the same in both reading directions.
func tagWordFeatures(out []uint64, a []wordAtoms, i int) []uint64 {
	w, p1, p2, n1, n2 := &a[i], atomAt(a, i-1), atomAt(a, i-2), atomAt(a, i+1), atomAt(a, i+2)
	return append(out,
		featKey(0),
		featKey(1, w.w),
		featKey(2, w.form),
		featKey(3, w.suf1), featKey(4, w.suf2), featKey(5, w.suf3), featKey(6, w.suf4),
		featKey(7, w.pre1), featKey(8, w.pre2), featKey(9, w.pre3),
		featKey(10, w.shape),
		featKey(11, p1.w), featKey(12, p2.w), featKey(13, n1.w), featKey(14, n2.w),
		featKey(15, p1.suf3), featKey(16, n1.suf3), featKey(17, n1.shape), featKey(18, p1.shape),
		featKey(23, p1.w, w.w), featKey(24, w.w, n1.w),
		featKey(26, w.flags),
		featKey(27, n1.w, n2.w),
		featKey(28, w.flags, w.shape, w.suf2),
		featKey(29, w.c4), featKey(30, w.c6), featKey(31, w.c8), featKey(32, w.cF),
		featKey(33, p1.cF), featKey(34, n1.cF), featKey(35, n2.c6),
		featKey(37, w.cF, n1.c6),
	)
}

// tagHistoryFeatures appends the keys that involve the previous two
// predicted classes.
func tagHistoryFeatures(out []uint64, a []wordAtoms, i int, t1, t2 uint64) []uint64 {
	w := &a[i]
	return append(out,
		featKey(19, t1), featKey(20, t2), featKey(21, t1, t2),
		featKey(22, t1, w.w),
		featKey(25, t1, w.suf3),
		featKey(36, t1, w.cF),
	)
}

// tagScratch is per-call working memory of the tagger.
type tagScratch struct {
	atoms  []wordAtoms
	feats  []uint64
	scores []int64
	idx    []uint32
	fixed  []int16 // class from the dictionary, or -1
	word   []int64 // scores of the word features, n × 2 × classes
	sums   []int64 // scores of both directions, n × classes
}

// tag writes the class of every word into classes.
func (t *tagger) tag(forms []string, classes []uint8, s *tagScratch) {
	n, nc := len(forms), len(t.upos)
	s.atoms = s.atoms[:0]
	for i, f := range forms {
		s.atoms = append(s.atoms, makeAtoms(f, i == 0, t.clusters))
	}
	s.fixed = resize(s.fixed, n)
	for i, f := range forms {
		c, ok := t.dict[normForm(f)]
		s.fixed[i] = int16(c)
		if !ok {
			s.fixed[i] = -1
		}
	}
	// word features, scored once for both directions: classes 0..nc-1 of
	// the merged table are left to right, nc..2nc-1 right to left
	s.scores = resize(s.scores, 256)
	s.word = resize(s.word, n*2*nc)
	for i := range forms {
		if s.fixed[i] < 0 {
			s.feats = tagWordFeatures(s.feats[:0], s.atoms, i)
			s.idx = t.both.score(s.feats, s.scores, s.idx)
			copy(s.word[i*2*nc:(i+1)*2*nc], s.scores)
		}
	}
	s.sums = resize(s.sums, n*nc)
	clear(s.sums)
	for dir := 0; dir < 2; dir++ {
		t1, t2 := uint64(tagStart), uint64(tagStart)
		for k := 0; k < n; k++ {
			i := k
			if dir == 1 {
				i = n - 1 - k
			}
			c := s.fixed[i]
			if c < 0 {
				s.feats = tagHistoryFeatures(s.feats[:0], s.atoms, i, t1, t2)
				s.idx = t.both.score(s.feats, s.scores, s.idx)
				scores := s.scores[dir*nc : (dir+1)*nc]
				word := s.word[i*2*nc+dir*nc : i*2*nc+(dir+1)*nc]
				for j := range scores {
					scores[j] += word[j]
				}
				c = int16(argmax64(scores))
				sum := s.sums[i*nc : (i+1)*nc]
				for j, x := range scores {
					sum[j] += x
				}
			}
			t1, t2 = uint64(c), t1
		}
	}
	for i := range classes {
		if s.fixed[i] >= 0 {
			classes[i] = uint8(s.fixed[i])
		} else {
			classes[i] = uint8(argmax64(s.sums[i*nc : (i+1)*nc]))
		}
	}
}

// finiteVerb mends the tagger's commonest error on news, a past tense
// read as a participle or an adjective where only a finite verb fits; the
// parser then has no verb to hang the clause on. Two places:
//
//   - a sentence that ends like one (., ! or ?) and has no finite verb or
//     auxiliary (VBD, VBZ, VBP, MD) before a comma (after which a closing
//     "…, the ministry said." may follow): "Brazil supplied two hundred
//     trucks to Kenya." with "supplied" a participle has no main clause, nor has
//     "Chile plans to sell weapons." with "plans" a noun. A participle
//     standing between a noun or pronoun and the start of an object
//     ("trucks", "the", "two", "its") is a past tense, a plural noun there
//     before an infinitive or a determiner a present one; of several, the
//     one the tagger's own scores find closest to a verb;
//   - right after a subject pronoun ("he", "she", "it", "they", "we", "I")
//     and before an object: "Russia denied that it supplied arms", where
//     "supplied" came out an adjective.
//
// Fragments ("Highly recommended.") and headlines and captions, which end
// without a stop ("Troops killed in ambush"), keep their participles. It
// runs at inference only: the parser is trained on the plain tagger's
// output.
func (t *tagger) finiteVerb(forms []string, classes []uint8, s *tagScratch) {
	n, nc := len(forms), len(t.upos)
	if n < 3 || len(s.sums) < n*nc {
		return
	}
	vbd, vbn, vbz, nns := -1, -1, -1, -1
	for c := range t.xpos {
		switch {
		case t.upos[c] == "VERB" && t.xpos[c] == "VBD":
			vbd = c
		case t.upos[c] == "VERB" && t.xpos[c] == "VBN":
			vbn = c
		case t.upos[c] == "VERB" && t.xpos[c] == "VBZ":
			vbz = c
		case t.upos[c] == "NOUN" && t.xpos[c] == "NNS":
			nns = c
		}
	}
	if vbd < 0 || vbn < 0 || vbz < 0 || nns < 0 {
		return
	}
	// finite is the past or present tense word i would be where a verb
	// fits: before an object or an infinitive, and not a word the
	// dictionary fixes; -1 where none fits
	finite := func(i int) int {
		if i == 0 || i+1 >= n || s.fixed[i] >= 0 {
			return -1
		}
		next := t.xpos[classes[i+1]]
		infinitive := next == "TO" && i+2 < n && t.xpos[classes[i+2]] == "VB"
		switch c := int(classes[i]); {
		case !objectStartTag[next] && !infinitive:
			return -1
		case c == vbn || t.xpos[c] == "JJ" && strings.HasSuffix(forms[i], "ed"):
			return vbd
		case c == nns && (infinitive || next == "DT" || next == "PRP$" || next == "CD"):
			return vbz // "Chile plans to sell", "it plans a sale"
		}
		return -1
	}
	for i := range classes {
		if v := finite(i); v >= 0 && subjectPronoun[strings.ToLower(forms[i-1])] {
			classes[i] = uint8(v)
		}
	}
	t.presentAfterPlural(forms, classes, s)
	switch forms[n-1] {
	case ".", "!", "?":
	default:
		return
	}
	firstFinite := n
	for i, c := range classes {
		switch t.xpos[c] {
		case "VBD", "VBZ", "VBP", "MD":
			firstFinite = min(firstFinite, i)
		}
	}
	best, bestClass, margin := -1, -1, int64(0)
	for i := range classes {
		v := finite(i)
		if v < 0 || !subjectTag[t.xpos[classes[i-1]]] {
			continue
		}
		comma := i + 1 // the stretch of the candidate ends at a comma: "…, the ministry said."
		for comma < n && forms[comma] != "," {
			comma++
		}
		if firstFinite < comma {
			continue
		}
		if d := s.sums[i*nc+v] - s.sums[i*nc+int(classes[i])]; best < 0 || d > margin {
			best, bestClass, margin = i, v, d
		}
	}
	if best >= 0 {
		classes[best] = uint8(bestClass)
	}
}

// presentAfterPlural reads a singular noun as a present tense in a
// sentence or headline without a finite verb when it follows a plural
// subject and a preposition, a determiner or a number follows ("steel
// tariffs" stays a compound), and the tagger's next choice for it is a
// verb: "Putin and Kim meet in Amur region", "Oil prices climb to a
// record". A noun cannot follow a plural subject there; a verb agreeing
// with it can.
func (t *tagger) presentAfterPlural(forms []string, classes []uint8, s *tagScratch) {
	n, nc := len(forms), len(t.upos)
	vbp := -1
	for c := range t.xpos {
		if t.upos[c] == "VERB" && t.xpos[c] == "VBP" {
			vbp = c
		}
	}
	if vbp < 0 {
		return
	}
	for _, c := range classes {
		switch t.xpos[c] {
		case "VBD", "VBZ", "VBP", "MD":
			return
		}
	}
	plural := func(i int) bool { // a plural subject ends at i
		switch strings.ToLower(forms[i]) {
		case "they", "we":
			return true
		}
		switch t.xpos[classes[i]] {
		case "NNS", "NNPS":
			return true
		case "NNP", "NN":
			for j := i - 1; j >= max(1, i-8); j-- {
				if strings.HasPrefix(t.xpos[classes[j]], "VB") || forms[j] == "," {
					return false
				}
				if strings.ToLower(forms[j]) == "and" && strings.HasPrefix(t.xpos[classes[j-1]], "NN") {
					return true // "Putin and North Korea's leader Kim"
				}
			}
		}
		return false
	}
	for i := 1; i+1 < n; i++ {
		next := t.xpos[classes[i+1]]
		if t.xpos[classes[i]] != "NN" || s.fixed[i] >= 0 || !plural(i-1) || !phraseOpener[next] {
			continue
		}
		second, score := -1, int64(0)
		for c := 0; c < nc; c++ {
			if c != int(classes[i]) && (second < 0 || s.sums[i*nc+c] > score) {
				second, score = c, s.sums[i*nc+c]
			}
		}
		if t.upos[second] == "VERB" && (t.xpos[second] == "VBP" || t.xpos[second] == "VB") {
			classes[i] = uint8(vbp)
			return
		}
	}
}

var (
	phraseOpener   = map[string]bool{"IN": true, "TO": true, "DT": true, "PRP$": true, "CD": true, "PDT": true}
	subjectPronoun = map[string]bool{"he": true, "she": true, "it": true, "they": true, "we": true, "i": true}
	subjectTag     = map[string]bool{"NN": true, "NNS": true, "NNP": true, "NNPS": true, "PRP": true}
	objectStartTag = map[string]bool{"DT": true, "CD": true, "NN": true, "NNS": true, "NNP": true, "NNPS": true, "PRP$": true, "PRP": true, "JJ": true, "JJR": true, "JJS": true, "PDT": true}
)

// tagExample is one training sentence for the tagger.
type tagExample struct {
	forms []string
	gold  []uint8
}

// tagClasses numbers the UPOS/XPOS pairs of the training data in sorted
// order.
func tagClasses(sents []Sentence) (upos, xpos []string, index map[string]uint8, err error) {
	seen := map[string]bool{}
	for _, s := range sents {
		for _, t := range s.Tokens {
			seen[t.UPOS+"\t"+t.XPOS] = true
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if len(keys) > 127 {
		return nil, nil, nil, fmt.Errorf("syntax: %d tag pairs, at most 127 supported", len(keys))
	}
	index = map[string]uint8{}
	for i, k := range keys {
		u, x, _ := strings.Cut(k, "\t")
		upos, xpos = append(upos, u), append(xpos, x)
		index[k] = uint8(i)
	}
	return upos, xpos, index, nil
}

func tagExamples(sents []Sentence, index map[string]uint8) []tagExample {
	ex := make([]tagExample, len(sents))
	for i, s := range sents {
		e := tagExample{forms: make([]string, len(s.Tokens)), gold: make([]uint8, len(s.Tokens))}
		for j, t := range s.Tokens {
			e.forms[j], e.gold[j] = t.Form, index[t.UPOS+"\t"+t.XPOS]
		}
		ex[i] = e
	}
	return ex
}

// Forms seen at least dictMinCount times in training, with one class in
// at least dictMinRatio of them, are tagged by look-up.
const (
	dictMinCount = 20
	dictMinRatio = 0.995
)

// tagDict finds forms seen at least minCount times with one class in at
// least ratio of them.
func tagDict(ex []tagExample, nclass, minCount int, ratio float64) map[string]uint8 {
	counts := map[string][]int{}
	for _, e := range ex {
		for i, f := range e.forms {
			f = normForm(f)
			c := counts[f]
			if c == nil {
				c = make([]int, nclass)
				counts[f] = c
			}
			c[e.gold[i]]++
		}
	}
	dict := map[string]uint8{}
	for f, c := range counts {
		total, best := 0, 0
		for k, n := range c {
			total += n
			if n > c[best] {
				best = k
			}
		}
		if total >= minCount && float64(c[best]) >= ratio*float64(total) {
			dict[f] = uint8(best)
		}
	}
	return dict
}

// trainTagger trains the tagger for a number of epochs over ex in an order
// shuffled by seed.
func trainTagger(ex []tagExample, upos, xpos []string, clusters map[string]clusterCode, epochs int, seed uint64, log io.Writer) (*tagger, error) {
	t := &tagger{upos: upos, xpos: xpos, dict: tagDict(ex, len(upos), dictMinCount, dictMinRatio), clusters: clusters}
	atoms := make([][]wordAtoms, len(ex))
	for k, e := range ex {
		for i, f := range e.forms {
			atoms[k] = append(atoms[k], makeAtoms(f, i == 0, t.clusters))
		}
	}
	var err error
	if t.w, err = t.trainDirection(ex, atoms, false, epochs, seed, log); err != nil {
		return nil, err
	}
	if t.back, err = t.trainDirection(ex, atoms, true, epochs, seed+1, log); err != nil {
		return nil, err
	}
	if t.both, err = mergeWeights(t.w, t.back); err != nil {
		return nil, err
	}
	return t, nil
}

// trainDirection trains the left-to-right or, if backward, the
// right-to-left model.
func (t *tagger) trainDirection(ex []tagExample, atoms [][]wordAtoms, backward bool, epochs int, seed uint64, log io.Writer) (*weights, error) {
	p := newAverager(len(t.upos))
	rng := rand.New(rand.NewPCG(seed, 0x7a66))
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	scores := make([]int64, len(t.upos))
	var feats []uint64
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, total := 0, 0
		for _, k := range order {
			e := ex[k]
			n := len(e.forms)
			t1, t2 := uint64(tagStart), uint64(tagStart)
			for j := 0; j < n; j++ {
				i := j
				if backward {
					i = n - 1 - j
				}
				c, ok := t.dict[normForm(e.forms[i])]
				if !ok {
					feats = tagFeatures(feats[:0], atoms[k], i, t1, t2)
					p.score(feats, scores)
					c = uint8(argmax64(scores))
					p.tick()
					p.update(feats, int(e.gold[i]), int(c))
				}
				if c == e.gold[i] {
					right++
				}
				total++
				t1, t2 = uint64(c), t1
			}
		}
		if log != nil {
			fmt.Fprintf(log, "tagger epoch %d (backward %v): train accuracy %.4f\n", ep+1, backward, float64(right)/float64(max(total, 1)))
		}
	}
	return p.freeze(1)
}

func argmax64(s []int64) int {
	best := 0
	for i, x := range s {
		if x > s[best] {
			best = i
		}
	}
	return best
}
