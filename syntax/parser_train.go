package syntax

import (
	"fmt"
	"io"
	"math/rand/v2"
)

// parseExample is one training sentence for the parser: words (position 0
// is the root) and the projectivized gold tree.
type parseExample struct {
	words []pword
	head  []int32 // gold heads, head[0] unused
	label []uint8
	deps  [][]int32 // gold dependents of each position
}

func newParseExample(words []pword, head []int32, label []uint8) parseExample {
	e := parseExample{words: words, head: head, label: label, deps: make([][]int32, len(head))}
	projectivize(e.head)
	for d := 1; d < len(head); d++ {
		h := e.head[d]
		e.deps[h] = append(e.deps[h], int32(d))
	}
	return e
}

// projectivize lifts non-projective arcs, shortest first, to the head of
// their head until the tree is projective (Nivre & Nilsson 2005 without
// the label encoding). head[0] is ignored.
func projectivize(head []int32) {
	for {
		bestD, bestLen := -1, 0
		for d := 1; d < len(head); d++ {
			h := int(head[d])
			if h == 0 || isProjectiveArc(head, h, d) {
				continue
			}
			n := h - d
			if n < 0 {
				n = -n
			}
			if bestD < 0 || n < bestLen {
				bestD, bestLen = d, n
			}
		}
		if bestD < 0 {
			return
		}
		head[bestD] = head[head[bestD]]
	}
}

// isProjectiveArc says whether every word between h and d descends from h.
func isProjectiveArc(head []int32, h, d int) bool {
	lo, hi := min(h, d), max(h, d)
	for k := lo + 1; k < hi; k++ {
		a, steps := k, 0
		for a != h && a != 0 && steps < len(head) {
			a = int(head[a])
			steps++
		}
		if a != h {
			return false
		}
	}
	return true
}

// costs returns, for the unlabeled transition kinds, how many gold arcs
// each would make unreachable (Goldberg & Nivre 2012), counting only arcs
// still reachable.
func (s *pstate) costs(e *parseExample) (shift, reduce, left, right int) {
	s0, b := s.s0(), s.b
	// reduce and left arc lose the dependents of s0 in the buffer
	for _, k := range e.deps[s0] {
		if int(k) >= b {
			reduce++
		}
	}
	left = reduce
	if h := int(e.head[s0]); h > b {
		left++
	}
	if b > s.n {
		return
	}
	// shift and right arc lose b's head and headless dependents in the stack
	hb := int(e.head[b])
	for _, k := range s.stack {
		if int(k) == hb && (k != 0 || s.vr[0] == 0) {
			shift++
			if int(k) != s0 {
				right++
			}
		}
		if k != 0 && s.head[k] < 0 && int(e.head[k]) == b {
			shift++
			right++
		}
	}
	if hb > b {
		right++
	}
	return
}

// parserTrainer holds what training the parser needs.
type parserTrainer struct {
	nlabel, rootLabel int
	p                 *averager
	rng               *rand.Rand
	explore           bool
	explorationProb   float64
}

// trainParser runs epochs of online training with the dynamic oracle;
// from epoch exploreFrom on it follows its own wrong transitions with
// probability prob.
func trainParser(ex []parseExample, nlabel, rootLabel, epochs, exploreFrom, minUpdates int, prob float64, seed uint64, log io.Writer) (*weights, error) {
	t := &parserTrainer{nlabel: nlabel, rootLabel: rootLabel, p: newAverager(2 + 2*nlabel),
		rng: rand.New(rand.NewPCG(seed, 0x9a25)), explorationProb: prob}
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	var st pstate
	for ep := 0; ep < epochs; ep++ {
		t.explore = ep >= exploreFrom
		t.rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right, total := 0, 0
		for _, k := range order {
			r, n := t.sentence(&st, &ex[k])
			right += r
			total += n
		}
		if log != nil {
			fmt.Fprintf(log, "parser epoch %d: train LAS %.4f, %d features\n", ep+1, float64(right)/float64(max(total, 1)), len(t.p.index))
		}
	}
	return t.p.freeze(minUpdates)
}

// sentence trains on one sentence and returns the number of words whose
// head and label came out right, and the number of words.
func (t *parserTrainer) sentence(st *pstate, e *parseExample) (int, int) {
	st.reset(e.words)
	scores := make([]int64, 2+2*t.nlabel)
	var feats []uint64
	for !st.done() {
		feats = st.features(feats[:0])
		t.p.score(feats, scores)
		v := st.valid()
		pred := best(scores, v, t.nlabel, t.rootLabel)
		cost := t.actionCosts(st, e, v)
		minCost := 1 << 30
		for _, c := range cost {
			if c >= 0 && c < minCost {
				minCost = c
			}
		}
		for a, c := range cost {
			if c != minCost {
				scores[a] = -1 << 62
			}
		}
		gold := best(scores, v, t.nlabel, t.rootLabel)
		t.p.tick()
		next := gold
		if cost[pred] != minCost {
			t.p.update(feats, gold, pred)
			if t.explore && t.rng.Float64() < t.explorationProb {
				next = pred
			}
		} else {
			next = pred
		}
		st.apply(next, t.nlabel)
	}
	right := 0
	for d := 1; d <= st.n; d++ {
		if st.head[d] == e.head[d] && st.label[d] == e.label[d] {
			right++
		}
	}
	return right, st.n
}

// actionCosts gives the labeled cost of every class, -1 where invalid.
func (t *parserTrainer) actionCosts(st *pstate, e *parseExample, v valid) []int {
	L := t.nlabel
	cost := make([]int, 2+2*L)
	for i := range cost {
		cost[i] = -1
	}
	sh, re, la, ra := st.costs(e)
	s0, b := st.s0(), st.b
	if v.shift {
		cost[actShift] = sh
	}
	if v.reduce {
		cost[actReduce] = re
	}
	if v.left {
		for l := 0; l < L; l++ {
			if l == t.rootLabel {
				continue
			}
			c := la
			if int(e.head[s0]) == b && int(e.label[s0]) != l {
				c++
			}
			cost[2+l] = c
		}
	}
	if v.right {
		for l := 0; l < L; l++ {
			if (l == t.rootLabel) != v.rootOnly {
				continue
			}
			c := ra
			if int(e.head[b]) == s0 && int(e.label[b]) != l {
				c++
			}
			cost[2+L+l] = c
		}
	}
	return cost
}
