package syntax

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
)

// The model file is gzip over: a magic line, then the tagger (classes,
// dictionary, weights), the relations and parser weights, the lemma
// table. Maps are written in sorted key order so that the same model
// always gives the same bytes.

const magic = "kg-syntax-model 1\n"

// ModelFile is the name of the model file: the shipped one is data/ModelFile,
// and 'kg train parser' writes DIR/ModelFile.
const ModelFile = "model.gz"

//go:embed data/model.gz
var embeddedModel []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the model shipped in the package, decoded once per
// process.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = loadBytes(embeddedModel)
		if defaultErr != nil {
			defaultErr = fmt.Errorf("syntax: loading the embedded model: %w", defaultErr)
		}
	})
	return defaultModel, defaultErr
}

// Save writes the model, gzip-compressed.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("syntax: saving model: %w", err)
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	putStrings(bw, m.tagger.upos)
	putStrings(bw, m.tagger.xpos)
	dict := sortedKeys(m.tagger.dict)
	putStrings(bw, dict)
	for _, k := range dict {
		bw.WriteByte(m.tagger.dict[k])
	}
	m.tagger.w.save(bw)
	m.tagger.back.save(bw)
	putStrings(bw, m.labels)
	putUvarint(bw, uint64(m.rootLabel))
	putUvarint(bw, uint64(m.punctLabel))
	putUvarint(bw, uint64(m.otherLabel))
	m.parser.save(bw)
	keys := sortedKeys(m.lemmas.table)
	putStrings(bw, keys)
	for _, k := range keys {
		putString(bw, m.lemmas.table[k])
	}
	words := sortedKeys(m.tagger.clusters)
	putStrings(bw, words)
	for _, k := range words {
		c := m.tagger.clusters[k]
		putUvarint(bw, uint64(c.bits))
		bw.WriteByte(c.n)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("syntax: saving model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("syntax: saving model: %w", err)
	}
	return nil
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	data, err := io.ReadAll(r)
	if err == nil {
		var m *Model
		if m, err = loadBytes(data); err == nil {
			return m, nil
		}
	}
	return nil, fmt.Errorf("syntax: loading model: %w", err)
}

// loadBytes decodes a gzip-compressed model file.
func loadBytes(data []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	// the gzip trailer gives the decompressed size (mod 2^32): read into
	// one buffer of that size rather than growing one
	size := 0
	if len(data) >= 4 {
		size = int(binary.LittleEndian.Uint32(data[len(data)-4:]))
	}
	buf := bytes.NewBuffer(make([]byte, 0, min(size, 1<<30)+bytes.MinRead))
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, err
	}
	raw := buf.Bytes()
	if !bytes.HasPrefix(raw, []byte(magic)) {
		return nil, errors.New("not a model file")
	}
	t := &tagger{}
	d := &decoder{b: raw[len(magic):]}
	t.upos, t.xpos = d.strings(), d.strings()
	keys := d.strings()
	t.dict = make(map[string]uint8, len(keys))
	for _, k := range keys {
		t.dict[k] = d.byte()
	}
	if d.err != nil {
		return nil, d.err
	}
	if t.w, err = loadWeights(d); err != nil {
		return nil, err
	}
	if t.back, err = loadWeights(d); err != nil {
		return nil, err
	}
	if len(t.upos) > 127 || t.w.nclass != len(t.upos) || t.back.nclass != len(t.upos) {
		return nil, errors.New("tagger weights do not match the classes")
	}
	if t.both, err = mergeWeights(t.w, t.back); err != nil {
		return nil, err
	}
	m := &Model{tagger: t}
	m.labels = d.strings()
	m.rootLabel, m.punctLabel, m.otherLabel = d.int(), d.int(), d.int()
	if d.err != nil {
		return nil, d.err
	}
	if m.parser, err = loadWeights(d); err != nil {
		return nil, err
	}
	keys = d.strings()
	m.lemmas = &lemmatizer{table: make(map[string]string, len(keys)), known: map[string]struct{}{}}
	for _, k := range keys {
		v := d.string()
		m.lemmas.table[k] = v
		m.lemmas.known[strings.ToLower(v)] = struct{}{}
	}
	words := d.strings()
	t.clusters = make(map[string]clusterCode, len(words))
	for _, w := range words {
		bits, n := d.uvarint(), d.byte()
		if bits >= 1<<16 || n > 16 {
			return nil, errors.New("bad cluster code")
		}
		t.clusters[w] = clusterCode{bits: uint16(bits), n: n}
	}
	if d.err != nil {
		return nil, d.err
	}
	if len(d.b) != 0 {
		return nil, errors.New("trailing bytes")
	}
	return m, m.check()
}

// check verifies that the parts of a loaded model fit together.
func (m *Model) check() error {
	nl := len(m.labels)
	switch {
	case len(m.tagger.upos) != len(m.tagger.xpos) || len(m.tagger.upos) == 0 || len(m.tagger.upos) > 127:
		return errors.New("bad tag classes")
	case m.tagger.w.nclass != len(m.tagger.upos) || m.tagger.back.nclass != len(m.tagger.upos):
		return errors.New("tagger weights do not match the classes")
	case nl == 0 || nl > 127 || m.parser.nclass != 2+2*nl:
		return errors.New("parser weights do not match the relations")
	case m.rootLabel >= nl || m.punctLabel >= nl || m.otherLabel >= nl:
		return errors.New("bad relation numbers")
	}
	for _, c := range m.tagger.dict {
		if int(c) >= len(m.tagger.upos) {
			return errors.New("bad tag dictionary")
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func putString(w *bufio.Writer, s string) {
	putUvarint(w, uint64(len(s)))
	w.WriteString(s)
}

func putStrings(w *bufio.Writer, ss []string) {
	putUvarint(w, uint64(len(ss)))
	for _, s := range ss {
		putString(w, s)
	}
}

// decoder reads the primitive values of the model file from memory,
// keeping the first error.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(msg string) {
	if d.err == nil {
		d.err = errors.New(msg)
	}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	x, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("truncated or bad number")
		return 0
	}
	d.b = d.b[n:]
	return x
}

func (d *decoder) int() int {
	x := d.uvarint()
	if x > 1<<30 {
		d.fail("number out of range")
		return 0
	}
	return int(x)
}

func (d *decoder) byte() byte {
	if d.err != nil || len(d.b) == 0 {
		d.fail("truncated")
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

// bytes returns the next n bytes.
func (d *decoder) bytes(n int) []byte {
	if d.err != nil || n < 0 || n > len(d.b) {
		d.fail("truncated")
		return nil
	}
	b := d.b[:n]
	d.b = d.b[n:]
	return b
}

func (d *decoder) string() string {
	return string(d.bytes(d.int()))
}

func (d *decoder) strings() []string {
	n := d.int()
	if n > len(d.b) {
		d.fail("list too long")
	}
	if d.err != nil {
		return nil
	}
	out := make([]string, 0, n)
	for i := 0; i < n && d.err == nil; i++ {
		out = append(out, d.string())
	}
	return out
}
