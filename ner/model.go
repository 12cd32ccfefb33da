package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"sort"
	"sync"
)

// The NER model: an averaged structured perceptron over BILOU (or IOB2)
// labels with first-order Viterbi decoding. Features are hashed (see
// ner_features.go); the weights of every feature kept after training are
// stored as int16 rows, one weight per label, in an open-addressing table.
//
// The model file (data/model.gz, written by Model.save) is gzip over:
//
//	"KGNER1\n"
//	uvarint length, then a JSON header (header)
//	uvarint feature count; per feature in increasing key order:
//	  uvarint key delta, uvarint bit mask of non-zero labels,
//	  a zig-zag varint per non-zero weight

//go:embed data/model.gz
var modelData []byte

const modelMagic = "KGNER1\n"

// header is the JSON part of a model file.
type header struct {
	Scheme    string           `json:"scheme"` // "bilou" or "iob2"
	Types     []string         `json:"types"`  // entity types, e.g. PER, ORG, LOC, MISC
	POS       string           `json:"pos"`    // "none", "coarse" or "full"
	Scale     float64          `json:"scale"`  // int16 weight = round(weight·scale)
	Trans     []int32          `json:"trans"`  // (labels+1)×labels; the last row is the start
	Gazetteer map[string]uint8 `json:"gazetteer"`
	Trained   string           `json:"trained,omitempty"` // what it was trained on, for people
}

// Model tags the words of a sentence with IOB2 entity labels. It is
// safe for concurrent use.
type Model struct {
	hdr    header
	labels []string // the model's labels (BILOU or IOB2)
	iob    []string // label → its IOB2 form, given the previous label (see toIOB2)
	nl     int      // number of labels
	fx     featurizer
	keys   []uint64 // open addressing; 0 is empty
	rows   []int16  // len(keys)·nl
	mask   uint64
	trans  []int32
	ok     []bool // allowed transitions, see transitionMask
	end    []bool
	pool   sync.Pool // *scratch
}

var (
	once    sync.Once
	shipped *Model
	loadErr error
)

// Default returns the shipped model, decoded on first use.
func Default() (*Model, error) {
	once.Do(func() {
		shipped, loadErr = readModel(bytes.NewReader(modelData))
		if loadErr != nil {
			loadErr = fmt.Errorf("ner: the embedded NER model: %w", loadErr)
		}
	})
	return shipped, loadErr
}

var posModes = map[string]int{"none": posNone, "coarse": posCoarse, "full": posFull}

// labelsFor returns the labels of a scheme over types, "O" first.
func labelsFor(scheme string, types []string) ([]string, error) {
	var prefixes []string
	switch scheme {
	case "bilou":
		prefixes = []string{"B-", "I-", "L-", "U-"}
	case "iob2":
		prefixes = []string{"B-", "I-"}
	default:
		return nil, fmt.Errorf("unknown label scheme %q (want bilou or iob2)", scheme)
	}
	labels := []string{"O"}
	for _, t := range types {
		for _, p := range prefixes {
			labels = append(labels, p+t)
		}
	}
	return labels, nil
}

// newModel builds a model from its header and its feature weights.
func newModel(hdr header, keys []uint64, rows []int16) (*Model, error) {
	labels, err := labelsFor(hdr.Scheme, hdr.Types)
	if err != nil {
		return nil, err
	}
	mode, ok := posModes[hdr.POS]
	if !ok {
		return nil, fmt.Errorf("unknown POS mode %q", hdr.POS)
	}
	nl := len(labels)
	if len(hdr.Trans) != (nl+1)*nl || len(rows) != len(keys)*nl {
		return nil, errors.New("weights do not match the labels")
	}
	m := &Model{hdr: hdr, labels: labels, nl: nl, trans: hdr.Trans}
	m.ok, m.end = transitionMask(labels)
	m.fx = featurizer{gaz: newGazetteer(hdr.Gazetteer), posMode: mode}
	m.iob = make([]string, nl)
	for i, l := range labels {
		m.iob[i] = l
		if l != "O" && (l[0] == 'L' || l[0] == 'U') {
			m.iob[i] = map[byte]string{'L': "I-", 'U': "B-"}[l[0]] + l[2:]
		}
	}
	size := 1 << bits.Len(uint(len(keys)*2))
	m.keys = make([]uint64, size)
	m.rows = make([]int16, size*nl)
	m.mask = uint64(size - 1)
	for f, k := range keys {
		i := k & m.mask
		for m.keys[i] != 0 {
			i = (i + 1) & m.mask
		}
		m.keys[i] = k
		copy(m.rows[int(i)*nl:], rows[f*nl:(f+1)*nl])
	}
	m.pool.New = func() any { return new(scratch) }
	return m, nil
}

// row returns the weights of feature k, or nil when the model lacks it.
func (m *Model) row(k uint64) []int16 {
	for i := k & m.mask; ; i = (i + 1) & m.mask {
		switch m.keys[i] {
		case k:
			j := int(i) * m.nl
			return m.rows[j : j+m.nl : j+m.nl]
		case 0:
			return nil
		}
	}
}

// scratch holds the buffers of one tagging call.
type scratch struct {
	toks  []tok
	sents [][]tok
	caps  []bool
	feats []uint64
	em    []int32
	vit   viterbiScratch
	seen  map[uint64]uint8
}

// tag labels one sentence (taken as a document of its own). pos may be
// nil; otherwise it holds a Penn Treebank tag per word.
func (m *Model) tag(words, pos []string) []string {
	var p [][]string
	if pos != nil {
		p = [][]string{pos}
	}
	return m.TagDocument([][]string{words}, p)[0]
}

// TagDocument labels the sentences of one document; features look at how
// a word is written elsewhere in the document. pos is nil or holds the
// tags of every sentence.
func (m *Model) TagDocument(sents, pos [][]string) [][]string {
	sc := m.pool.Get().(*scratch)
	defer m.pool.Put(sc)
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	if cap(sc.toks) < n {
		sc.toks = make([]tok, n)
	}
	sc.sents, sc.caps = sc.sents[:0], sc.caps[:0]
	off := 0
	for i, s := range sents {
		toks := sc.toks[off : off+len(s) : off+len(s)]
		off += len(s)
		var p []string
		if pos != nil {
			p = pos[i]
		}
		sc.caps = append(sc.caps, m.fx.prepare(toks, s, p))
		sc.sents = append(sc.sents, toks)
	}
	if sc.seen == nil {
		sc.seen = make(map[uint64]uint8)
	}
	docCase(sc.sents, sc.caps, sc.seen)
	out := make([][]string, len(sents))
	all := make([]string, n)
	for i, toks := range sc.sents {
		out[i] = all[:len(toks):len(toks)]
		all = all[len(toks):]
		m.decode(sc, toks, sc.caps[i], out[i])
	}
	return out
}

// decode scores and labels one prepared sentence into out.
func (m *Model) decode(sc *scratch, toks []tok, capsLine bool, out []string) {
	nl := m.nl
	if cap(sc.em) < len(toks)*nl {
		sc.em = make([]int32, len(toks)*nl)
	}
	em := sc.em[:len(toks)*nl]
	clear(em)
	for i := range toks {
		sc.feats = m.fx.features(sc.feats[:0], toks, i, capsLine)
		e := em[i*nl : (i+1)*nl : (i+1)*nl]
		for _, k := range sc.feats {
			if r := m.row(k); r != nil {
				for j, w := range r[:len(e)] {
					e[j] += int32(w)
				}
			}
		}
	}
	best := sc.vit.run(em, len(toks), nl, m.trans, m.ok, m.end)
	for i, b := range best {
		out[i] = m.iob[b]
	}
}

// viterbiScratch holds Viterbi's tables between calls.
type viterbiScratch struct {
	score, next []int32
	back        []uint8
	best        []int
}

const negInf = -1 << 30

// allowed reports whether label b may follow label a (a = -1: the start)
// in the scheme the labels name; at the end (b = -1) a must close.
func allowedAfter(labels []string, a, b int) bool {
	pa, ta, pb, tb := byte('O'), "", byte('O'), ""
	if a >= 0 && labels[a] != "O" {
		pa, ta = labels[a][0], labels[a][2:]
	}
	if b >= 0 && labels[b] != "O" {
		pb, tb = labels[b][0], labels[b][2:]
	}
	bilou := false
	for _, l := range labels {
		if l[0] == 'L' {
			bilou = true
		}
	}
	open := bilou && (pa == 'B' || pa == 'I') // an entity must go on
	switch {
	case b < 0:
		return !open
	case pb == 'I' || pb == 'L':
		if bilou {
			return open && ta == tb
		}
		return (pa == 'B' || pa == 'I') && ta == tb
	default:
		return !open
	}
}

// transitionMask returns, for labels, the allowed transitions as a
// (labels+1)×labels table (last row: from the start) plus an end row.
func transitionMask(labels []string) (trans []bool, end []bool) {
	nl := len(labels)
	trans = make([]bool, (nl+1)*nl)
	end = make([]bool, nl)
	for a := -1; a < nl; a++ {
		row := a
		if a < 0 {
			row = nl
		}
		for b := 0; b < nl; b++ {
			trans[row*nl+b] = allowedAfter(labels, a, b)
		}
		if a >= 0 {
			end[a] = allowedAfter(labels, a, -1)
		}
	}
	return trans, end
}

// run returns the best label sequence for emission scores em (n×nl) and
// transition scores trans ((nl+1)×nl), obeying the scheme's constraints.
// ok and end are the masks of transitionMask.
func (v *viterbiScratch) run(em []int32, n, nl int, trans []int32, ok, end []bool) []int {
	if cap(v.score) < nl {
		v.score, v.next = make([]int32, nl), make([]int32, nl)
	}
	score, next := v.score[:nl], v.next[:nl]
	if cap(v.back) < n*nl {
		v.back = make([]uint8, n*nl)
	}
	back := v.back[:n*nl]
	for b := 0; b < nl; b++ {
		score[b] = negInf
		if ok[nl*nl+b] {
			score[b] = em[b] + trans[nl*nl+b]
		}
	}
	for i := 1; i < n; i++ {
		e := em[i*nl : (i+1)*nl]
		for b := 0; b < nl; b++ {
			bs, ba := int32(negInf), 0
			for a := 0; a < nl; a++ {
				if !ok[a*nl+b] || score[a] == negInf {
					continue
				}
				if s := score[a] + trans[a*nl+b]; s > bs {
					bs, ba = s, a
				}
			}
			if bs != negInf {
				bs += e[b]
			}
			next[b] = bs
			back[i*nl+b] = uint8(ba)
		}
		score, next = next, score
	}
	bs, bb := int32(negInf), 0
	for b := 0; b < nl; b++ {
		if end[b] && score[b] > bs {
			bs, bb = score[b], b
		}
	}
	if cap(v.best) < n {
		v.best = make([]int, n)
	}
	best := v.best[:n]
	for i := n - 1; i >= 0; i-- {
		best[i] = bb
		bb = int(back[i*nl+bb])
	}
	v.score, v.next = score, next
	return best
}

// readModel decodes a model file.
func readModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("not a kg NER model (bad magic)")
	}
	n, err := binary.ReadUvarint(br)
	if err != nil || n > 1<<26 {
		return nil, errors.New("bad header length")
	}
	hb := make([]byte, n)
	if _, err := io.ReadFull(br, hb); err != nil {
		return nil, err
	}
	var hdr header
	if err := json.Unmarshal(hb, &hdr); err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	labels, err := labelsFor(hdr.Scheme, hdr.Types)
	if err != nil {
		return nil, err
	}
	nl := len(labels)
	nf, err := binary.ReadUvarint(br)
	if err != nil || nf > 1<<26 {
		return nil, errors.New("bad feature count")
	}
	keys := make([]uint64, nf)
	rows := make([]int16, int(nf)*nl)
	var key uint64
	for f := range keys {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("feature %d: %w", f, err)
		}
		key += d
		keys[f] = key
		mask, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("feature %d: %w", f, err)
		}
		for j := 0; j < nl; j++ {
			if mask&(1<<j) == 0 {
				continue
			}
			w, err := binary.ReadVarint(br)
			if err != nil {
				return nil, fmt.Errorf("feature %d: %w", f, err)
			}
			rows[f*nl+j] = int16(w)
		}
	}
	if err := zr.Close(); err != nil {
		return nil, err
	}
	return newModel(hdr, keys, rows)
}

// writeModel encodes a model: its header and the features in keys
// with their rows (nl weights each).
func writeModel(w io.Writer, hdr header, keys []uint64, rows []int16) error {
	labels, err := labelsFor(hdr.Scheme, hdr.Types)
	if err != nil {
		return err
	}
	nl := len(labels)
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return keys[order[a]] < keys[order[b]] })
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	hb, err := json.Marshal(hdr)
	if err != nil {
		return err
	}
	var buf [binary.MaxVarintLen64]byte
	bw.WriteString(modelMagic)
	bw.Write(buf[:binary.PutUvarint(buf[:], uint64(len(hb)))])
	bw.Write(hb)
	bw.Write(buf[:binary.PutUvarint(buf[:], uint64(len(keys)))])
	var prev uint64
	for _, f := range order {
		bw.Write(buf[:binary.PutUvarint(buf[:], keys[f]-prev)])
		prev = keys[f]
		row := rows[f*nl : (f+1)*nl]
		var mask uint64
		for j, x := range row {
			if x != 0 {
				mask |= 1 << j
			}
		}
		bw.Write(buf[:binary.PutUvarint(buf[:], mask)])
		for _, x := range row {
			if x != 0 {
				bw.Write(buf[:binary.PutVarint(buf[:], int64(x))])
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}
