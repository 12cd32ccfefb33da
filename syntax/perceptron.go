package syntax

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
)

// The classifiers are averaged perceptrons (Collins 2002) over hashed
// sparse features: a feature is a 64-bit key, and its weights are a short
// list of (class, weight) pairs, so that rare features cost little memory.

// trainEntry is one weight of a feature row during training. Updates are
// ±1, so weights and their running sums are integers: training is exact
// and reproducible.
type trainEntry struct {
	class int32
	w     int32
	ts    int32 // update count when w last changed
	total int64 // sum of w over all updates before ts
}

// averager trains an averaged perceptron.
type averager struct {
	nclass  int
	index   map[uint64]int32 // feature key -> row
	rows    [][]trainEntry
	updates []int32 // per row, how often it was updated
	now     int32   // number of training instances seen
}

func newAverager(nclass int) *averager {
	return &averager{nclass: nclass, index: make(map[uint64]int32)}
}

// score adds the current weights of feats to scores (len nclass).
func (p *averager) score(feats []uint64, scores []int64) {
	clear(scores)
	for _, f := range feats {
		r, ok := p.index[f]
		if !ok {
			continue
		}
		for _, e := range p.rows[r] {
			scores[e.class] += int64(e.w)
		}
	}
}

// tick counts one training instance; call it once per decision.
func (p *averager) tick() { p.now++ }

// update moves the weights of feats towards good and away from bad.
func (p *averager) update(feats []uint64, good, bad int) {
	if good == bad {
		return
	}
	for _, f := range feats {
		r, ok := p.index[f]
		if !ok {
			r = int32(len(p.rows))
			p.index[f] = r
			p.rows = append(p.rows, nil)
			p.updates = append(p.updates, 0)
		}
		p.updates[r]++
		p.add(r, good, 1)
		p.add(r, bad, -1)
	}
}

func (p *averager) add(r int32, class, d int) {
	row := p.rows[r]
	for i := range row {
		if int(row[i].class) == class {
			e := &row[i]
			e.total += int64(e.w) * int64(p.now-e.ts)
			e.ts = p.now
			e.w += int32(d)
			return
		}
	}
	p.rows[r] = append(row, trainEntry{class: int32(class), w: int32(d), ts: p.now})
}

// freeze averages the weights, keeps the features updated at least
// minUpdates times, and returns the compact read-only form.
func (p *averager) freeze(minUpdates int) (*weights, error) {
	keys := make([]uint64, 0, len(p.index))
	for k, r := range p.index {
		if int(p.updates[r]) >= minUpdates {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	now := float64(max(p.now, 1))
	avg := make([][]float64, len(keys))
	for i, k := range keys {
		row := slices.Clone(p.rows[p.index[k]])
		slices.SortFunc(row, func(a, b trainEntry) int { return int(a.class - b.class) })
		a := make([]float64, p.nclass)
		for _, e := range row {
			sum := e.total + int64(e.w)*int64(p.now-e.ts)
			a[e.class] = float64(sum) / now
		}
		avg[i] = a
	}
	b := weightsBuilder{nclass: p.nclass}
	var row []uint32
	for i, k := range keys {
		row = row[:0]
		for c, x := range avg[i] {
			q := int32(max(-maxWeight, min(maxWeight, math.Round(x*weightScale))))
			if q != 0 {
				row = append(row, packEntry(c, q))
			}
		}
		b.add(k, row)
	}
	return b.build()
}

// mergeWeights puts two models over the same classes into one table, the
// second's classes shifted past the first's, so that a feature of both
// costs one look-up.
func mergeWeights(a, b *weights) (*weights, error) {
	if a.nclass != b.nclass || 2*a.nclass > 255 {
		return nil, errors.New("weights: cannot merge")
	}
	type ref struct {
		key  uint64
		from *weights
		slot uint64
	}
	var refs []ref
	for _, m := range []*weights{a, b} {
		for j, s := range m.slots {
			if s != 0 {
				refs = append(refs, ref{m.keys[j], m, s})
			}
		}
	}
	slices.SortStableFunc(refs, func(x, y ref) int { return cmp.Compare(x.key, y.key) })
	bld := weightsBuilder{nclass: 2 * a.nclass}
	var row []uint32
	for i, r := range refs {
		shift := uint32(0)
		if r.from == b {
			shift = uint32(a.nclass)
		}
		for _, e := range r.from.row(r.slot) {
			row = append(row, e+shift)
		}
		if i == len(refs)-1 || refs[i+1].key != r.key {
			bld.add(r.key, row)
			row = row[:0]
		}
	}
	return bld.build()
}

// A weight entry packs a class (low 8 bits) and a weight quantized to a
// signed 24-bit integer in units of 1/weightScale perceptron updates, the
// same for all models so that scores of different models add up.
const (
	maxWeight   = 1<<23 - 1
	weightScale = 1 << 12
)

func packEntry(class int, q int32) uint32 { return uint32(q)<<8 | uint32(class) }

// weights is a frozen averaged perceptron: an open-addressing hash table
// from feature key to packed (class, weight) entries. A slot is 8 bytes:
// 32 bits of the key, then either the only entry of the feature's row or
// the row's offset in rows (whose first element is the row length) marked
// by class 255, which does not exist. Small slots keep the table, read at
// random, small.
type weights struct {
	nclass int
	mask   uint64
	slots  []uint64
	keys   []uint64 // full keys by slot, for saving only
	rows   []uint32
	nkeys  int
}

const (
	outOfLine = 0xff // class byte marking an offset
	maxRows   = 1 << 24
)

// fingerprint is the part of a key kept in its slot; never 0, the empty
// slot.
func fingerprint(key uint64) uint64 { return (key>>32 | 1) << 32 }

type weightsBuilder struct {
	nclass  int
	keys    []uint64
	counts  []uint32
	entries []uint32
}

func (b *weightsBuilder) add(key uint64, row []uint32) {
	if len(row) == 0 {
		return
	}
	b.keys = append(b.keys, key)
	b.counts = append(b.counts, uint32(len(row)))
	b.entries = append(b.entries, row...)
}

func (b *weightsBuilder) build() (*weights, error) {
	size := 16
	for size*5 < 8*len(b.keys) { // load factor at most 5/8
		size *= 2
	}
	m := &weights{nclass: b.nclass, mask: uint64(size - 1), slots: make([]uint64, size),
		keys: make([]uint64, size), nkeys: len(b.keys)}
	long := 0
	for _, n := range b.counts {
		if n > 1 {
			long += int(n) + 1
		}
	}
	if long >= maxRows {
		return nil, errors.New("weights: too many entries")
	}
	m.rows = make([]uint32, 0, long)
	start := uint32(0)
	for i, k := range b.keys {
		n := b.counts[i]
		row := b.entries[start : start+n]
		start += n
		s := fingerprint(k) | uint64(row[0])
		if n > 1 {
			s = fingerprint(k) | uint64(len(m.rows))<<8 | outOfLine
			m.rows = append(m.rows, n)
			m.rows = append(m.rows, row...)
		}
		j := mixKey(k) & m.mask
		for m.slots[j] != 0 {
			j = (j + 1) & m.mask
		}
		m.slots[j], m.keys[j] = s, k
	}
	return m, nil
}

// score sets out[c], for each class c, to the sum of the weights of
// feats; out must have room for 256 classes. idx is scratch space, grown
// as needed and returned.
//
// A first pass only touches the slots, and a second the long rows: their
// loads are independent, so the processor overlaps their cache misses,
// which otherwise dominate.
func (m *weights) score(feats []uint64, out []int64, idx []uint32) []uint32 {
	clear(out)
	scores := (*[256]int64)(out[:256]) // class numbers are bytes: no bounds checks
	idx = resize(idx, len(feats))
	var sink uint64
	for i, f := range feats {
		j := uint32(mixKey(f) & m.mask)
		idx[i] = j
		sink += m.slots[j]
	}
	for i, f := range feats {
		if s := m.slots[idx[i]]; s>>32 == fingerprint(f)>>32 && uint8(s) == outOfLine {
			off := uint32(s) >> 8
			end := off + 1 + m.rows[off]
			for k := off; k < end; k += 16 { // every cache line of the row
				sink += uint64(m.rows[k])
			}
		}
	}
	if sink == 1 { // hardly ever true; keeps the loads
		scores[0]++
		scores[0]--
	}
	for i, f := range feats {
		j := uint64(idx[i])
		fp := fingerprint(f) >> 32
		for {
			s := m.slots[j]
			if s == 0 {
				break
			}
			if s>>32 == fp {
				e := uint32(s)
				if uint8(e) != outOfLine {
					scores[uint8(e)] += int64(int32(e) >> 8)
					break
				}
				off := e >> 8
				n := m.rows[off]
				for _, e := range m.rows[off+1 : off+1+n] {
					scores[uint8(e)] += int64(int32(e) >> 8)
				}
				break
			}
			j = (j + 1) & m.mask
		}
	}
	return idx
}

// Weights are saved as: nclass, nkeys, then per key its delta from the
// previous key (uvarint) and its entry count, then the entries as
// little-endian uint32. Sorted keys and fixed layout make the bytes
// deterministic.
func (m *weights) save(w *bufio.Writer) error {
	var used []int
	for j, s := range m.slots {
		if s != 0 {
			used = append(used, j)
		}
	}
	slices.SortFunc(used, func(a, b int) int { return cmp.Compare(m.keys[a], m.keys[b]) })
	putUvarint(w, uint64(m.nclass))
	putUvarint(w, uint64(len(used)))
	prev := uint64(0)
	for _, j := range used {
		putUvarint(w, m.keys[j]-prev)
		putUvarint(w, uint64(len(m.row(m.slots[j]))))
		prev = m.keys[j]
	}
	var buf [4]byte
	for _, j := range used {
		for _, e := range m.row(m.slots[j]) {
			binary.LittleEndian.PutUint32(buf[:], e)
			w.Write(buf[:])
		}
	}
	return nil
}

// row returns the entries of a used slot.
func (m *weights) row(s uint64) []uint32 {
	e := uint32(s)
	if uint8(e) != outOfLine {
		return []uint32{e}
	}
	return m.rows[e>>8+1 : e>>8+1+m.rows[e>>8]]
}

func loadWeights(d *decoder) (*weights, error) {
	nclass, nkeys := d.uvarint(), d.uvarint()
	if d.err != nil {
		return nil, d.err
	}
	if nclass > 255 || nkeys > uint64(len(d.b)) {
		return nil, errors.New("weights: implausible sizes")
	}
	b := weightsBuilder{nclass: int(nclass), keys: make([]uint64, nkeys), counts: make([]uint32, nkeys)}
	prev, total := uint64(0), uint64(0)
	for i := range b.keys {
		delta, n := d.uvarint(), d.uvarint()
		if d.err != nil {
			return nil, d.err
		}
		if n == 0 || n > nclass || delta == 0 {
			return nil, fmt.Errorf("weights: bad row %d", i)
		}
		prev += delta
		b.keys[i], b.counts[i] = prev, uint32(n)
		total += n
	}
	if total > uint64(len(d.b))/4 {
		return nil, errors.New("weights: truncated")
	}
	raw := d.bytes(4 * int(total))
	b.entries = make([]uint32, total)
	for i := range b.entries {
		e := binary.LittleEndian.Uint32(raw[4*i:])
		if uint64(uint8(e)) >= nclass || e == 0 {
			return nil, errors.New("weights: bad entry")
		}
		b.entries[i] = e
	}
	return b.build()
}

func putUvarint(w *bufio.Writer, x uint64) {
	var buf [binary.MaxVarintLen64]byte
	n := binary.PutUvarint(buf[:], x)
	w.Write(buf[:n])
}

// mixKey spreads a feature key over the hash table (a 64-bit finalizer).
func mixKey(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	return x
}

// hashing of feature parts

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashString is FNV-1a of s.
func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// combine mixes v into the feature key h.
func combine(h, v uint64) uint64 {
	h ^= v + 0x9e3779b97f4a7c15 + (h << 6) + (h >> 2)
	h *= 0xbf58476d1ce4e5b9
	return h ^ h>>31
}

// featKey builds a nonzero feature key from a template number and values.
func featKey(tmpl int, vals ...uint64) uint64 {
	h := uint64(tmpl+1) * 0x9e3779b97f4a7c15
	for _, v := range vals {
		h = combine(h, v)
	}
	if h == 0 {
		h = 1
	}
	return h
}
