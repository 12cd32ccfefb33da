package syntax

// The parser is a greedy arc-eager transition parser (Nivre 2003) with
// labeled transitions, scored by an averaged perceptron over the feature
// set of Zhang & Nivre (2011) and trained with the dynamic oracle and
// error exploration of Goldberg & Nivre (2012).

// Transition classes: shift, reduce, then left-arc and right-arc for each
// label.
const (
	actShift  = 0
	actReduce = 1
)

// atom names one value of a parser configuration used by the feature
// templates.
type atom uint8

const (
	aS0w atom = iota
	aS0p
	aN0w
	aN0p
	aN1w
	aN1p
	aN2w
	aN2p
	aS0hw
	aS0hp
	aS0L // label of S0
	aS0h2w
	aS0h2p
	aS0hL // label of S0's head
	aS0lw
	aS0lp
	aS0lL
	aS0rw
	aS0rp
	aS0rL
	aS0l2w
	aS0l2p
	aS0l2L
	aS0r2w
	aS0r2p
	aS0r2L
	aN0lw
	aN0lp
	aN0lL
	aN0l2w
	aN0l2p
	aN0l2L
	aDist
	aS0vl
	aS0vr
	aN0vl
	aS0sl
	aS0sr
	aN0sl
	aS1w
	aS1p
	aN3p
	numAtoms
)

// templates are the feature templates of Zhang & Nivre (2011), in their
// groups, plus a few of S1 and N3.
var templates = [][]atom{
	// single words
	{aS0w, aS0p}, {aS0w}, {aS0p}, {aN0w, aN0p}, {aN0w}, {aN0p},
	{aN1w, aN1p}, {aN1w}, {aN1p}, {aN2w, aN2p}, {aN2w}, {aN2p},
	// word pairs
	{aS0w, aS0p, aN0w, aN0p}, {aS0w, aS0p, aN0w}, {aS0w, aN0w, aN0p}, {aS0w, aS0p, aN0p},
	{aS0p, aN0w, aN0p}, {aS0w, aN0w}, {aS0p, aN0p}, {aN0p, aN1p},
	// three words
	{aN0p, aN1p, aN2p}, {aS0p, aN0p, aN1p}, {aS0hp, aS0p, aN0p}, {aS0p, aS0lp, aN0p},
	{aS0p, aS0rp, aN0p}, {aS0p, aN0p, aN0lp},
	// distance
	{aS0w, aDist}, {aS0p, aDist}, {aN0w, aDist}, {aN0p, aDist}, {aS0w, aN0w, aDist}, {aS0p, aN0p, aDist},
	// valency
	{aS0w, aS0vr}, {aS0p, aS0vr}, {aS0w, aS0vl}, {aS0p, aS0vl}, {aN0w, aN0vl}, {aN0p, aN0vl},
	// unigrams
	{aS0hw}, {aS0hp}, {aS0L}, {aS0lw}, {aS0lp}, {aS0lL}, {aS0rw}, {aS0rp}, {aS0rL},
	{aN0lw}, {aN0lp}, {aN0lL},
	// third order
	{aS0h2w}, {aS0h2p}, {aS0hL}, {aS0l2w}, {aS0l2p}, {aS0l2L}, {aS0r2w}, {aS0r2p}, {aS0r2L},
	{aN0l2w}, {aN0l2p}, {aN0l2L},
	{aS0p, aS0lp, aS0l2p}, {aS0p, aS0rp, aS0r2p}, {aS0p, aS0hp, aS0h2p}, {aN0p, aN0lp, aN0l2p},
	// label sets
	{aS0w, aS0sr}, {aS0p, aS0sr}, {aS0w, aS0sl}, {aS0p, aS0sl}, {aN0w, aN0sl}, {aN0p, aN0sl},
	// extras: second stack word, fourth buffer word
	{aS1w, aS1p}, {aS1p, aS0p, aN0p}, {aS1w, aN0w}, {aN1p, aN2p, aN3p}, {aS0L, aS0p, aN0p},
}

// Special atom values.
const (
	noneVal  = 0xfffe // no such word
	rootPVal = 0xfffd // tag of the root
	noLabel  = 0xff
)

// pword is what the parser knows of a word: its word hash and tag class.
type pword struct {
	w, p uint64
}

// pstate is an arc-eager configuration plus the bookkeeping the features
// need. Position 0 is the artificial root.
type pstate struct {
	words  []pword
	stack  []int32
	b      int // buffer front; the buffer is b..n
	n      int
	head   []int32 // -1 = none
	label  []uint8
	lc1    []int32 // leftmost, second leftmost, rightmost, second rightmost child; 0 = none
	lc2    []int32
	rc1    []int32
	rc2    []int32
	vl, vr []uint16
	sl, sr []uint64 // label sets of left and right children
}

func (s *pstate) reset(words []pword) {
	n := len(words) - 1
	s.words, s.n, s.b = words, n, 1
	s.stack = append(s.stack[:0], 0)
	s.head = resize(s.head, n+1)
	s.label = resize(s.label, n+1)
	s.lc1, s.lc2, s.rc1, s.rc2 = resize(s.lc1, n+1), resize(s.lc2, n+1), resize(s.rc1, n+1), resize(s.rc2, n+1)
	s.vl, s.vr = resize(s.vl, n+1), resize(s.vr, n+1)
	s.sl, s.sr = resize(s.sl, n+1), resize(s.sr, n+1)
	for i := range s.head {
		s.head[i], s.label[i] = -1, noLabel
		s.lc1[i], s.lc2[i], s.rc1[i], s.rc2[i] = 0, 0, 0, 0
		s.vl[i], s.vr[i], s.sl[i], s.sr[i] = 0, 0, 0, 0
	}
}

func resize[T any](x []T, n int) []T {
	if cap(x) < n {
		return make([]T, n)
	}
	return x[:n]
}

func (s *pstate) s0() int { return int(s.stack[len(s.stack)-1]) }

func (s *pstate) done() bool { return s.b > s.n }

func (s *pstate) addArc(h, d int, l uint8) {
	s.head[d], s.label[d] = int32(h), l
	bit := uint64(1) << (l & 63)
	if d < h {
		s.vl[h]++
		s.sl[h] |= bit
		switch {
		case s.lc1[h] == 0 || int32(d) < s.lc1[h]:
			s.lc2[h], s.lc1[h] = s.lc1[h], int32(d)
		case s.lc2[h] == 0 || int32(d) < s.lc2[h]:
			s.lc2[h] = int32(d)
		}
		return
	}
	s.vr[h]++
	s.sr[h] |= bit
	switch {
	case int32(d) > s.rc1[h]:
		s.rc2[h], s.rc1[h] = s.rc1[h], int32(d)
	case int32(d) > s.rc2[h]:
		s.rc2[h] = int32(d)
	}
}

// apply performs a transition; the caller ensures it is valid.
func (s *pstate) apply(act, nlabel int) {
	switch {
	case act == actShift:
		s.stack = append(s.stack, int32(s.b))
		s.b++
	case act == actReduce:
		s.stack = s.stack[:len(s.stack)-1]
	case act < 2+nlabel: // left arc
		s.addArc(s.b, s.s0(), uint8(act-2))
		s.stack = s.stack[:len(s.stack)-1]
	default: // right arc
		s.addArc(s.s0(), s.b, uint8(act-2-nlabel))
		s.stack = append(s.stack, int32(s.b))
		s.b++
	}
}

// valid says which transition kinds are allowed now. The root takes one
// dependent only, by a right arc labelled root; no other arc has that
// label.
type valid struct {
	shift, reduce, left, right, rootOnly bool
}

func (s *pstate) valid() valid {
	s0 := s.s0()
	buf := s.b <= s.n
	var v valid
	v.shift = buf
	v.reduce = s0 != 0 && s.head[s0] >= 0
	v.left = buf && s0 != 0 && s.head[s0] < 0
	v.right = buf && (s0 != 0 || s.vr[0] == 0)
	v.rootOnly = s0 == 0
	return v
}

// best returns the highest scoring valid transition; ties go to the lower
// class number.
func best(scores []int64, v valid, nlabel, rootLabel int) int {
	bestAct := -1
	var bestScore int64
	try := func(a int) {
		if bestAct < 0 || scores[a] > bestScore {
			bestAct, bestScore = a, scores[a]
		}
	}
	if v.shift {
		try(actShift)
	}
	if v.reduce {
		try(actReduce)
	}
	if v.left {
		for l := 0; l < nlabel; l++ {
			if l != rootLabel {
				try(2 + l)
			}
		}
	}
	if v.right {
		if v.rootOnly {
			try(2 + nlabel + rootLabel)
		} else {
			for l := 0; l < nlabel; l++ {
				if l != rootLabel {
					try(2 + nlabel + l)
				}
			}
		}
	}
	return bestAct
}

func distBucket(d int) uint64 {
	switch {
	case d <= 4:
		return uint64(d)
	case d < 8:
		return 5
	case d < 15:
		return 6
	}
	return 7
}

// atoms fills the configuration values the templates refer to.
func (s *pstate) atoms(a *[numAtoms]uint64) {
	word := func(i int32, wAtom, pAtom atom) {
		if i < 0 {
			a[wAtom], a[pAtom] = noneVal, noneVal
			return
		}
		a[wAtom], a[pAtom] = s.words[i].w, s.words[i].p
	}
	lab := func(i int32, at atom) {
		if i <= 0 {
			a[at] = noneVal
			return
		}
		a[at] = uint64(s.label[i])
	}
	child := func(c int32) int32 {
		if c == 0 {
			return -1
		}
		return c
	}
	s0 := int32(s.s0())
	word(s0, aS0w, aS0p)
	s1 := int32(-1)
	if len(s.stack) > 1 {
		s1 = s.stack[len(s.stack)-2]
	}
	word(s1, aS1w, aS1p)
	b := int32(s.b)
	for k, at := range [...]atom{aN0w, aN1w, aN2w} {
		i := b + int32(k)
		if int(i) > s.n {
			i = -1
		}
		word(i, at, at+1)
	}
	if int(b)+3 <= s.n {
		a[aN3p] = s.words[b+3].p
	} else {
		a[aN3p] = noneVal
	}
	h := s.head[s0]
	word(h, aS0hw, aS0hp)
	lab(s0, aS0L)
	h2 := int32(-1)
	if h > 0 {
		h2 = s.head[h]
	}
	word(h2, aS0h2w, aS0h2p)
	lab(h, aS0hL)
	for _, c := range [...]struct {
		i       int32
		w, p, l atom
	}{
		{child(s.lc1[s0]), aS0lw, aS0lp, aS0lL}, {child(s.rc1[s0]), aS0rw, aS0rp, aS0rL},
		{child(s.lc2[s0]), aS0l2w, aS0l2p, aS0l2L}, {child(s.rc2[s0]), aS0r2w, aS0r2p, aS0r2L},
	} {
		word(c.i, c.w, c.p)
		lab(c.i, c.l)
	}
	if int(b) <= s.n {
		word(child(s.lc1[b]), aN0lw, aN0lp)
		lab(child(s.lc1[b]), aN0lL)
		word(child(s.lc2[b]), aN0l2w, aN0l2p)
		lab(child(s.lc2[b]), aN0l2L)
		a[aN0vl], a[aN0sl] = uint64(s.vl[b]), s.sl[b]
		if s0 == 0 {
			a[aDist] = 8
		} else {
			a[aDist] = distBucket(int(b - s0))
		}
	} else {
		for _, at := range [...]atom{aN0lw, aN0lp, aN0lL, aN0l2w, aN0l2p, aN0l2L, aN0vl, aN0sl, aDist} {
			a[at] = noneVal
		}
	}
	a[aS0vl], a[aS0vr], a[aS0sl], a[aS0sr] = uint64(s.vl[s0]), uint64(s.vr[s0]), s.sl[s0], s.sr[s0]
}

// features appends the feature keys of the configuration.
func (s *pstate) features(out []uint64) []uint64 {
	var a [numAtoms]uint64
	s.atoms(&a)
	for t, tmpl := range templates {
		h := uint64(t+1000) * 0x9e3779b97f4a7c15
		for _, x := range tmpl {
			h = combine(h, a[x])
		}
		if h == 0 {
			h = 1
		}
		out = append(out, h)
	}
	return out
}

// finish turns what the transitions left into a single tree: if the root
// took no dependent, the first headless word (preferring verbs) becomes
// the root; other headless words attach to the root word.
func (s *pstate) finish(isVerb func(i int) bool, isPunct func(i int) bool, rootLabel, punctLabel, otherLabel int) {
	if s.n == 0 {
		return
	}
	root := int32(-1)
	for i := 1; i <= s.n; i++ {
		if s.head[i] == 0 {
			root = int32(i)
		}
	}
	if root < 0 {
		for i := 1; i <= s.n; i++ {
			if s.head[i] < 0 && (root < 0 || (isVerb(i) && !isVerb(int(root)))) {
				root = int32(i)
			}
		}
		s.addArc(0, int(root), uint8(rootLabel))
	}
	for i := 1; i <= s.n; i++ {
		if s.head[i] < 0 {
			l := otherLabel
			if isPunct(i) {
				l = punctLabel
			}
			s.addArc(int(root), i, uint8(l))
		}
	}
}
