package ner

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
)

// TrainOptions are the settings of Train; the zero value of a field
// means its default.
type TrainOptions struct {
	Epochs   int    // passes over the training data (default 12)
	Seed     uint64 // seed of the per-epoch shuffle (default 1)
	Scheme   string // "bilou" (default) or "iob2"
	POS      string // "none" (default), "coarse" or "full": use of the POS column
	MinCount int    // keep features seen at least this often (default 1)
	MinQuant int    // drop quantized weights smaller than this in magnitude (default 1)
	// Lists are the gazetteer lists, phrases by list name: loc, org, misc
	// (places, organizations, other names), first (given names), title
	// (titles before a name), orgword and locword (words that end
	// organization and place names). The model keeps them for its
	// gazetteer features.
	Lists map[string][]string
	Log   io.Writer
}

func (o TrainOptions) withDefaults() TrainOptions {
	if o.Epochs == 0 {
		o.Epochs = 12
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Scheme == "" {
		o.Scheme = "bilou"
	}
	if o.POS == "" {
		o.POS = "none" // measured: POS features add nothing on CoNLL-2003
	}
	if o.MinCount == 0 {
		o.MinCount = 1
	}
	if o.MinQuant == 0 {
		o.MinQuant = 1
	}
	return o
}

// scoreSheet are conlleval's entity-level figures.
type scoreSheet struct {
	Types                []string // sorted
	TP, FP, FN           map[string]int
	Tokens, TokenCorrect int
}

func newScoreSheet() *scoreSheet {
	return &scoreSheet{TP: map[string]int{}, FP: map[string]int{}, FN: map[string]int{}}
}

// add counts one sentence: gold and predicted IOB2 labels.
func (s *scoreSheet) add(gold, pred []string) {
	type key struct {
		start, end int
		typ        string
	}
	g := map[key]bool{}
	for _, sp := range iobSpans(gold) {
		g[key(sp)] = true
		s.note(sp.typ)
	}
	for _, sp := range iobSpans(pred) {
		s.note(sp.typ)
		if g[key(sp)] {
			s.TP[sp.typ]++
			delete(g, key(sp))
		} else {
			s.FP[sp.typ]++
		}
	}
	for k := range g {
		s.FN[k.typ]++
	}
	for i := range gold {
		s.Tokens++
		if gold[i] == pred[i] {
			s.TokenCorrect++
		}
	}
}

func (s *scoreSheet) note(typ string) {
	for _, t := range s.Types {
		if t == typ {
			return
		}
	}
	s.Types = append(s.Types, typ)
	sort.Strings(s.Types)
}

// prf returns precision, recall and F1 of one type, or of all when typ is "".
func (s *scoreSheet) prf(typ string) (p, r, f float64) {
	var tp, fp, fn int
	for _, t := range s.Types {
		if typ == "" || t == typ {
			tp, fp, fn = tp+s.TP[t], fp+s.FP[t], fn+s.FN[t]
		}
	}
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// String is a conlleval-like table.
func (s *scoreSheet) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-6s %7s %7s %7s %6s\n", "type", "prec", "rec", "F1", "gold")
	for _, t := range append(append([]string(nil), s.Types...), "") {
		p, r, f := s.prf(t)
		name, n := t, s.TP[t]+s.FN[t]
		if t == "" {
			name, n = "all", 0
			for _, t := range s.Types {
				n += s.TP[t] + s.FN[t]
			}
		}
		fmt.Fprintf(&b, "%-6s %7.4f %7.4f %7.4f %6d\n", name, p, r, f, n)
	}
	if s.Tokens > 0 {
		fmt.Fprintf(&b, "token accuracy %.4f\n", float64(s.TokenCorrect)/float64(s.Tokens))
	}
	return b.String()
}

// evaluate tags docs with m and scores it against their gold labels.
func (m *Model) evaluate(docs []document) *scoreSheet {
	sc := newScoreSheet()
	for _, d := range docs {
		words, pos := docColumns(d)
		pred := m.TagDocument(words, pos)
		for i, s := range d.sents {
			sc.add(s.gold, pred[i])
		}
	}
	return sc
}

func docColumns(d document) (words, pos [][]string) {
	for _, s := range d.sents {
		words = append(words, s.words)
		pos = append(pos, s.pos)
	}
	return words, pos
}

// trainReport describes a training run.
type trainReport struct {
	Epochs   []float64 // dev F1 after each epoch (empty without dev data)
	Dev      *scoreSheet
	Features int
	Weights  int // non-zero weights kept
	Duration time.Duration
}

// listPhrases turns the gazetteer lists of the options (list name → phrases)
// into phrase → bit mask of gaz* lists; phrases are lower-cased with
// single spaces.
func listPhrases(lists map[string][]string) (map[string]uint8, error) {
	out := map[string]uint8{}
	index := map[string]int{}
	for l, name := range gazListNames {
		index[name] = l
	}
	for name, phrases := range lists {
		l, ok := index[name]
		if !ok {
			return nil, fmt.Errorf("ner: unknown gazetteer list %q (want one of %s)", name, strings.Join(gazListNames[:], ", "))
		}
		for _, phrase := range phrases {
			if p := strings.ToLower(strings.Join(strings.Fields(phrase), " ")); p != "" {
				out[p] |= 1 << l
			}
		}
	}
	return out, nil
}

// trainSet is training data turned into feature indices.
type trainSet struct {
	feats  []int32 // feature indices of every token, concatenated
	tokOff []int32 // token t's features: feats[tokOff[t]:tokOff[t+1]]
	sents  []trainSent
}

type trainSent struct {
	tok0 int     // index of its first token
	gold []uint8 // gold labels
}

// schemeLabels converts IOB2 (or IOB1) labels to label indices of labels.
func schemeLabels(iob []string, labels []string) ([]uint8, error) {
	index := map[string]uint8{}
	for i, l := range labels {
		index[l] = uint8(i)
	}
	bilou := false
	for _, l := range labels {
		bilou = bilou || l[0] == 'L'
	}
	out := make([]uint8, len(iob))
	for _, sp := range iobSpans(iob) {
		for i := sp.start; i < sp.end; i++ {
			p := "I-"
			switch {
			case bilou && sp.end-sp.start == 1:
				p = "U-"
			case i == sp.start:
				p = "B-"
			case bilou && i == sp.end-1:
				p = "L-"
			}
			x, ok := index[p+sp.typ]
			if !ok {
				return nil, fmt.Errorf("unknown entity type %q", sp.typ)
			}
			out[i] = x
		}
	}
	return out, nil
}

// entityTypes returns the entity types of docs, sorted.
func entityTypes(docs []document) []string {
	seen := map[string]bool{}
	for _, d := range docs {
		for _, s := range d.sents {
			for _, sp := range iobSpans(s.gold) {
				seen[sp.typ] = true
			}
		}
	}
	var types []string
	for t := range seen {
		types = append(types, t)
	}
	sort.Strings(types)
	return types
}

// trainNER trains a model on train, reporting dev scores after every
// epoch when dev is not empty. The result depends only on the data and
// the options.
func trainNER(ctx context.Context, train, dev []document, opts TrainOptions) (*Model, trainReport, error) {
	start := time.Now()
	opts = opts.withDefaults()
	logf := func(format string, args ...any) {
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, format, args...)
		}
	}
	var rep trainReport
	phrases, err := listPhrases(opts.Lists)
	if err != nil {
		return nil, rep, err
	}
	hdr := header{Scheme: opts.Scheme, Types: entityTypes(train), POS: opts.POS, Gazetteer: phrases}
	labels, err := labelsFor(hdr.Scheme, hdr.Types)
	if err != nil {
		return nil, rep, err
	}
	mode, ok := posModes[opts.POS]
	if !ok {
		return nil, rep, fmt.Errorf("ner: unknown POS mode %q (want none, coarse or full)", opts.POS)
	}
	fx := featurizer{gaz: newGazetteer(phrases), posMode: mode}
	set, keys, err := buildTrainSet(train, &fx, labels, opts.MinCount)
	if err != nil {
		return nil, rep, err
	}
	nl := len(labels)
	logf("ner: %d sentences, %d features, %d labels\n", len(set.sents), len(keys), nl)
	p := newPerceptron(len(keys), nl)
	okT, endT := transitionMask(labels)
	order := make([]int, len(set.sents))
	for i := range order {
		order[i] = i
	}
	var m *Model
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		if err := ctx.Err(); err != nil {
			return nil, rep, err
		}
		rng := rand.New(rand.NewPCG(opts.Seed, uint64(epoch)))
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs := 0
		for _, s := range order {
			if p.learn(set, set.sents[s], okT, endT) {
				errs++
			}
		}
		if len(dev) > 0 || epoch == opts.Epochs {
			m, rep.Weights, err = p.model(hdr, keys, opts.MinQuant)
			if err != nil {
				return nil, rep, err
			}
		}
		msg := ""
		if len(dev) > 0 {
			rep.Dev = m.evaluate(dev)
			_, _, f := rep.Dev.prf("")
			rep.Epochs = append(rep.Epochs, f)
			msg = fmt.Sprintf(", dev F1 %.4f", f)
		}
		logf("ner: epoch %d: %d sentences wrong%s (%s)\n", epoch, errs, msg, time.Since(start).Round(time.Second))
	}
	rep.Features = len(keys)
	rep.Duration = time.Since(start)
	return m, rep, nil
}

// buildTrainSet extracts the features of train and indexes those seen at
// least minCount times; keys[i] is the key of feature index i.
func buildTrainSet(train []document, fx *featurizer, labels []string, minCount int) (*trainSet, []uint64, error) {
	set := &trainSet{}
	var all []uint64
	var tokOff []int32
	seen := map[uint64]uint8{}
	var feats []uint64
	for _, d := range train {
		words, pos := docColumns(d)
		sents := make([][]tok, len(words))
		caps := make([]bool, len(words))
		for i := range words {
			sents[i] = make([]tok, len(words[i]))
			caps[i] = fx.prepare(sents[i], words[i], pos[i])
		}
		docCase(sents, caps, seen)
		for i, toks := range sents {
			gold, err := schemeLabels(d.sents[i].gold, labels)
			if err != nil {
				return nil, nil, fmt.Errorf("ner: training data: %w", err)
			}
			set.sents = append(set.sents, trainSent{tok0: len(tokOff), gold: gold})
			for t := range toks {
				tokOff = append(tokOff, int32(len(all)))
				feats = fx.features(feats[:0], toks, t, caps[i])
				all = append(all, feats...)
			}
		}
	}
	tokOff = append(tokOff, int32(len(all)))
	count := map[uint64]int{}
	for _, k := range all {
		count[k]++
	}
	index := map[uint64]int32{}
	var keys []uint64
	set.tokOff = make([]int32, len(tokOff))
	for t := 0; t+1 < len(tokOff); t++ {
		set.tokOff[t] = int32(len(set.feats))
		for _, k := range all[tokOff[t]:tokOff[t+1]] {
			if count[k] < minCount {
				continue
			}
			x, ok := index[k]
			if !ok {
				x = int32(len(keys))
				index[k] = x
				keys = append(keys, k)
			}
			set.feats = append(set.feats, x)
		}
	}
	set.tokOff[len(tokOff)-1] = int32(len(set.feats))
	return set, keys, nil
}

// perceptron holds the weights of an averaged perceptron: w the current
// weights, u the sum of c·Δ over updates, so the average is w − u/c.
type perceptron struct {
	nl  int
	w   []int32
	u   []int64
	tw  []int32 // transitions, (nl+1)×nl
	tu  []int64
	c   int64
	em  []int32
	vit viterbiScratch
}

func newPerceptron(nfeat, nl int) *perceptron {
	return &perceptron{
		nl: nl, w: make([]int32, nfeat*nl), u: make([]int64, nfeat*nl),
		tw: make([]int32, (nl+1)*nl), tu: make([]int64, (nl+1)*nl), c: 1,
	}
}

// learn decodes one sentence and updates the weights if it was wrong; it
// reports whether it was.
func (p *perceptron) learn(set *trainSet, s trainSent, ok, end []bool) bool {
	n, nl := len(s.gold), p.nl
	if cap(p.em) < n*nl {
		p.em = make([]int32, n*nl)
	}
	em := p.em[:n*nl]
	clear(em)
	for i := 0; i < n; i++ {
		e := em[i*nl : (i+1)*nl]
		for _, f := range set.feats[set.tokOff[s.tok0+i]:set.tokOff[s.tok0+i+1]] {
			for j, w := range p.w[int(f)*nl : int(f+1)*nl] {
				e[j] += w
			}
		}
	}
	pred := p.vit.run(em, n, nl, p.tw, ok, end)
	wrong := false
	for i := 0; i < n; i++ {
		g, q := int(s.gold[i]), pred[i]
		gp, qp := nl, nl
		if i > 0 {
			gp, qp = int(s.gold[i-1]), pred[i-1]
		}
		if g != q {
			wrong = true
			for _, f := range set.feats[set.tokOff[s.tok0+i]:set.tokOff[s.tok0+i+1]] {
				p.bump(int(f)*nl+g, 1)
				p.bump(int(f)*nl+q, -1)
			}
		}
		if g != q || gp != qp {
			p.tw[gp*nl+g]++
			p.tu[gp*nl+g] += p.c
			p.tw[qp*nl+q]--
			p.tu[qp*nl+q] -= p.c
		}
	}
	p.c++
	return wrong
}

func (p *perceptron) bump(i int, d int32) {
	p.w[i] += d
	p.u[i] += p.c * int64(d)
}

// model returns a tagger with the averaged weights, quantized to int16;
// weights that round to less than minQuant are dropped, and features left
// with none.
func (p *perceptron) model(hdr header, keys []uint64, minQuant int) (*Model, int, error) {
	avg := func(w int32, u int64) float64 { return float64(w) - float64(u)/float64(p.c) }
	maxAbs := 0.0
	for i := range p.w {
		maxAbs = math.Max(maxAbs, math.Abs(avg(p.w[i], p.u[i])))
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	scale := 32000 / maxAbs
	hdr.Scale = scale
	hdr.Trans = make([]int32, len(p.tw))
	for i := range p.tw {
		hdr.Trans[i] = int32(math.Round(avg(p.tw[i], p.tu[i]) * scale))
	}
	nl := p.nl
	var kk []uint64
	var rows []int16
	row := make([]int16, nl)
	nonzero := 0
	for f, k := range keys {
		any := false
		for j := 0; j < nl; j++ {
			q := int(math.Round(avg(p.w[f*nl+j], p.u[f*nl+j]) * scale))
			if q > -minQuant && q < minQuant {
				q = 0
			}
			q = max(-32767, min(32767, q))
			row[j] = int16(q)
			if q != 0 {
				any = true
				nonzero++
			}
		}
		if any {
			kk = append(kk, k)
			rows = append(rows, row...)
		}
	}
	m, err := newModel(hdr, kk, rows)
	return m, nonzero, err
}

// save writes the model file of m.
func (m *Model) save(w io.Writer) error {
	var keys []uint64
	var rows []int16
	for i, k := range m.keys {
		if k != 0 {
			keys = append(keys, k)
			rows = append(rows, m.rows[i*m.nl:(i+1)*m.nl]...)
		}
	}
	return writeModel(w, m.hdr, keys, rows)
}
