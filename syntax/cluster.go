package syntax

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
)

// Word clusters give the tagger and parser a notion of similar words, for
// words rare or absent in the treebank (Koo et al. 2008 used Brown
// clusters). Ours are cheaper to learn: each word of the unlabeled text
// (plus the treebank) gets a vector of positive PMI with its left and right
// neighbours among the frequent words, randomly projected to a few hundred
// dimensions; bisecting 2-means over these vectors then gives every word
// a binary path, whose prefixes serve as features like Brown paths.

// clusterOptions fixes the clustering; the numbers were chosen on EWT dev.
type clusterOptions struct {
	minCount int // words seen fewer times get no cluster
	contexts int // number of frequent words used as contexts
	dims     int // projection size
	depth    int // bits of the longest path
	seed     uint64
}

var defaultClusterOptions = clusterOptions{minCount: 3, contexts: 2000, dims: 128, depth: 12, seed: 7}

// clusterCode is a path in the cluster tree: bits, most significant first,
// and length.
type clusterCode struct {
	bits uint16
	n    uint8
}

// prefix returns the first k bits of the code as a feature value (0 when
// the word has no cluster).
func (c clusterCode) prefix(k int) uint64 {
	if c.n == 0 {
		return 0
	}
	k = min(k, int(c.n))
	return uint64(k)<<32 | uint64(c.bits>>(int(c.n)-k)) | 1<<40
}

// tokenizeForClusters splits raw text roughly like the treebank: on
// spaces, punctuation split from words, clitics ('s, n't, 're …) split.
func tokenizeForClusters(text string, out []string) []string {
	for _, f := range strings.Fields(normForm(text)) {
		out = splitToken(f, out)
	}
	return out
}

func splitToken(f string, out []string) []string {
	isP := func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }
	i := strings.IndexFunc(f, func(r rune) bool { return !isP(r) })
	if i < 0 {
		return append(out, f)
	}
	for _, r := range f[:i] {
		out = append(out, string(r))
	}
	f = f[i:]
	var tail []string
	for len(f) > 0 {
		r := rune(f[len(f)-1])
		if !isP(r) || r >= 0x80 {
			break
		}
		// keep the final period of abbreviations such as U.S.
		if r == '.' && strings.Count(f, ".") > 1 && len(tail) > 0 {
			break
		}
		tail = append(tail, f[len(f)-1:])
		f = f[:len(f)-1]
	}
	low := strings.ToLower(f)
	for _, cl := range []string{"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"} {
		if strings.HasSuffix(low, cl) && len(f) > len(cl) {
			out = appendHyphenated(out, f[:len(f)-len(cl)])
			f = f[len(f)-len(cl):]
			break
		}
	}
	out = appendHyphenated(out, f)
	for k := len(tail) - 1; k >= 0; k-- {
		out = append(out, tail[k])
	}
	return out
}

// appendHyphenated splits hyphenated words as EWT does.
func appendHyphenated(out []string, f string) []string {
	for {
		i := strings.IndexByte(f, '-')
		if i <= 0 || i == len(f)-1 {
			return append(out, f)
		}
		out = append(out, f[:i], "-")
		f = f[i+1:]
	}
}

// buildClusters learns clusters from tokenized sentences.
func buildClusters(sents [][]string, o clusterOptions) map[string]clusterCode {
	// vocabulary, most frequent first
	counts := map[string]int{}
	for _, s := range sents {
		for _, w := range s {
			counts[lowerForm(w)]++
		}
	}
	var vocab []string
	for w, c := range counts {
		if c >= o.minCount {
			vocab = append(vocab, w)
		}
	}
	slices.SortFunc(vocab, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(a, b)
	})
	if len(vocab) < 4 {
		return map[string]clusterCode{}
	}
	id := make(map[string]int32, len(vocab))
	for i, w := range vocab {
		id[w] = int32(i)
	}
	vecs := contextVectors(sents, id, len(vocab), o)
	codes := make([]clusterCode, len(vocab))
	members := make([]int32, len(vocab))
	for i := range members {
		members[i] = int32(i)
	}
	bisect(vecs, o.dims, members, clusterCode{}, o.depth, codes)
	out := make(map[string]clusterCode, len(vocab))
	for i, w := range vocab {
		out[w] = codes[i]
	}
	return out
}

// contextVectors returns the projected PPMI vectors of the vocabulary,
// each of length dims and unit norm, in one slice.
func contextVectors(sents [][]string, id map[string]int32, nv int, o clusterOptions) []float32 {
	nc := min(o.contexts, nv)
	boundary := int32(nc) // context number of the sentence edge
	ctxOf := func(s []string, i int) int32 {
		if i < 0 || i >= len(s) {
			return boundary
		}
		if k, ok := id[lowerForm(s[i])]; ok && int(k) < nc {
			return k
		}
		return -1
	}
	var pairs []uint64
	for _, s := range sents {
		for i, w := range s {
			k, ok := id[lowerForm(w)]
			if !ok {
				continue
			}
			if c := ctxOf(s, i-1); c >= 0 {
				pairs = append(pairs, uint64(k)<<32|uint64(c))
			}
			if c := ctxOf(s, i+1); c >= 0 {
				pairs = append(pairs, uint64(k)<<32|uint64(c+boundary+1))
			}
		}
	}
	slices.Sort(pairs)
	nctx := 2 * (nc + 1)
	wordTotal := make([]float64, nv)
	ctxTotal := make([]float64, nctx)
	type cell struct {
		w, c int32
		n    float64
	}
	var cells []cell
	for i := 0; i < len(pairs); {
		j := i
		for j < len(pairs) && pairs[j] == pairs[i] {
			j++
		}
		c := cell{int32(pairs[i] >> 32), int32(pairs[i] & 0xffffffff), float64(j - i)}
		cells = append(cells, c)
		wordTotal[c.w] += c.n
		ctxTotal[c.c] += c.n
		i = j
	}
	// context distribution smoothed with exponent 0.75 (Levy et al. 2015)
	smooth, all := make([]float64, nctx), 0.0
	for c, n := range ctxTotal {
		smooth[c] = math.Pow(n, 0.75)
		all += smooth[c]
	}
	rng := rand.New(rand.NewPCG(o.seed, 0xc1))
	proj := make([]float32, nctx*o.dims)
	for i := range proj {
		proj[i] = float32(rng.NormFloat64())
	}
	vecs := make([]float32, nv*o.dims)
	for _, c := range cells {
		pmi := math.Log(c.n * all / (wordTotal[c.w] * smooth[c.c]))
		if pmi <= 0 {
			continue
		}
		v := vecs[int(c.w)*o.dims : int(c.w+1)*o.dims]
		p := proj[int(c.c)*o.dims : int(c.c+1)*o.dims]
		for d := range v {
			v[d] += float32(pmi) * p[d]
		}
	}
	for w := 0; w < nv; w++ {
		normalize(vecs[w*o.dims : (w+1)*o.dims])
	}
	return vecs
}

func normalize(v []float32) {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 {
		return
	}
	k := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= k
	}
}

func dot(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// bisect splits members in two by 2-means on cosine similarity, recursing
// to the given depth; it writes each word's path into codes.
func bisect(vecs []float32, dims int, members []int32, code clusterCode, depth int, codes []clusterCode) {
	if int(code.n) == depth || len(members) < 2 {
		for _, w := range members {
			codes[w] = code
		}
		return
	}
	vec := func(w int32) []float32 { return vecs[int(w)*dims : int(w+1)*dims] }
	mean := make([]float32, dims)
	for _, w := range members {
		for d, x := range vec(w) {
			mean[d] += x
		}
	}
	far := func(from []float32) int32 {
		bw, bs := members[0], float32(2)
		for _, w := range members {
			if s := dot(from, vec(w)); s < bs {
				bw, bs = w, s
			}
		}
		return bw
	}
	a := slices.Clone(vec(far(mean)))
	b := slices.Clone(vec(far(a)))
	side := make([]bool, len(members))
	for it := 0; it < 10; it++ {
		changed := false
		for i, w := range members {
			s := dot(vec(w), b) > dot(vec(w), a)
			if s != side[i] || it == 0 {
				changed = changed || s != side[i]
				side[i] = s
			}
		}
		if !changed && it > 0 {
			break
		}
		clear(a)
		clear(b)
		for i, w := range members {
			c := a
			if side[i] {
				c = b
			}
			for d, x := range vec(w) {
				c[d] += x
			}
		}
		normalize(a)
		normalize(b)
	}
	var left, right []int32
	for i, w := range members {
		if side[i] {
			right = append(right, w)
		} else {
			left = append(left, w)
		}
	}
	if len(left) == 0 || len(right) == 0 {
		for _, w := range members {
			codes[w] = code
		}
		return
	}
	next := clusterCode{bits: code.bits << 1, n: code.n + 1}
	bisect(vecs, dims, left, next, depth, codes)
	next.bits |= 1
	bisect(vecs, dims, right, next, depth, codes)
}
