package syntax

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// TrainOptions tunes Train. Zero fields take the defaults, the settings
// of the shipped model, which was also given Unlabeled texts (doc.go).
type TrainOptions struct {
	TaggerEpochs int     // passes over the data for the tagger; default 10
	ParserEpochs int     // passes over the data for the parser; default 15
	Folds        int     // jackknife folds giving the parser predicted tags; default 10, 1 = gold tags
	ExploreFrom  int     // first epoch (0-based) of error exploration; default 1
	ExploreProb  float64 // probability of following a wrong transition; default 0.9
	Seed         uint64  // shuffling and exploration seed; default 1
	// Unlabeled is raw text (any number of sentences per string) from
	// which word clusters are learnt, together with the treebank's words;
	// none means no cluster features.
	Unlabeled []string
	Log       io.Writer // if set, receives progress and figures
}

func (o TrainOptions) withDefaults() TrainOptions {
	def := func(x *int, v int) {
		if *x == 0 {
			*x = v
		}
	}
	def(&o.TaggerEpochs, 10)
	def(&o.ParserEpochs, 15)
	def(&o.Folds, 10)
	def(&o.ExploreFrom, 1)
	if o.ExploreProb == 0 {
		o.ExploreProb = 0.9
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	return o
}

func (o TrainOptions) logf(format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, format, args...)
	}
}

// Train learns a model from gold sentences (UPOS, XPOS, lemma, head and
// relation columns). dev, which may be nil, is only evaluated and logged,
// never learnt from. Training runs on one goroutine and is deterministic:
// the same data and options give a model that saves to the same bytes.
func Train(ctx context.Context, train, dev []Sentence, opts TrainOptions) (*Model, error) {
	o := opts.withDefaults()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("syntax: training: %w", err)
	}
	if len(train) == 0 {
		return nil, errors.New("syntax: no training sentences")
	}
	for i, s := range train {
		if err := checkGold(&s); err != nil {
			return nil, fmt.Errorf("syntax: training sentence %d: %w", i+1, err)
		}
	}
	start := time.Now()
	upos, xpos, index, err := tagClasses(train)
	if err != nil {
		return nil, err
	}
	labels := relLabels(train)
	if len(labels) > 127 {
		return nil, fmt.Errorf("syntax: %d relations, at most 127 supported", len(labels))
	}
	m := &Model{labels: labels, lemmas: newLemmatizer(train)}
	m.rootLabel, m.punctLabel, m.otherLabel = labelIndex(labels, "root"), labelIndex(labels, "punct"), labelIndex(labels, "parataxis")
	if m.rootLabel < 0 || m.punctLabel < 0 || m.otherLabel < 0 {
		return nil, errors.New("syntax: training data lacks root, punct or parataxis relations")
	}
	ex := tagExamples(train, index)
	var clusters map[string]clusterCode
	if len(o.Unlabeled) > 0 {
		clusters = buildClusters(clusterText(o.Unlabeled, ex), defaultClusterOptions)
		o.logf("%d words clustered, %v\n", len(clusters), time.Since(start).Round(time.Second))
	}
	pred, err := jackknife(ctx, ex, upos, xpos, clusters, o)
	if err != nil {
		return nil, err
	}
	if m.tagger, err = trainTagger(ex, upos, xpos, clusters, o.TaggerEpochs, o.Seed, o.Log); err != nil {
		return nil, fmt.Errorf("syntax: training the tagger: %w", err)
	}
	o.logf("tagger trained, %v\n", time.Since(start).Round(time.Second))
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("syntax: training: %w", err)
	}
	pex := parseExamples(ex, pred, train, labels)
	if m.parser, err = trainParser(pex, len(labels), m.rootLabel, o.ParserEpochs, o.ExploreFrom, parserMinUpdates, o.ExploreProb, o.Seed, o.Log); err != nil {
		return nil, fmt.Errorf("syntax: training the parser: %w", err)
	}
	o.logf("parser trained, %v, %d features\n", time.Since(start).Round(time.Second), m.parser.nkeys)
	if len(dev) > 0 {
		o.logf("dev: %v\n", Evaluate(m, dev))
	}
	return m, ctx.Err()
}

// parserMinUpdates drops parser features updated fewer times; see doc.go.
const parserMinUpdates = 3

func checkGold(s *Sentence) error {
	if len(s.Tokens) == 0 {
		return errors.New("no words")
	}
	for _, t := range s.Tokens {
		if t.Head < 0 || t.Rel == "_" || t.UPOS == "_" {
			return fmt.Errorf("word %d lacks a head, relation or tag", t.ID)
		}
	}
	return nil
}

func relLabels(sents []Sentence) []string {
	seen := map[string]bool{}
	for _, s := range sents {
		for _, t := range s.Tokens {
			seen[t.Rel] = true
		}
	}
	labels := make([]string, 0, len(seen))
	for l := range seen {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	return labels
}

func labelIndex(labels []string, l string) int {
	i, ok := slices.BinarySearch(labels, l)
	if !ok {
		return -1
	}
	return i
}

// jackknife tags each fold of ex with a tagger trained on the other folds,
// so that the parser learns from tags as good as it will see.
func jackknife(ctx context.Context, ex []tagExample, upos, xpos []string, clusters map[string]clusterCode, o TrainOptions) ([][]uint8, error) {
	pred := make([][]uint8, len(ex))
	if o.Folds <= 1 {
		for i, e := range ex {
			pred[i] = e.gold
		}
		return pred, nil
	}
	var sc tagScratch
	for f := 0; f < o.Folds; f++ {
		var part []tagExample
		for i, e := range ex {
			if i%o.Folds != f {
				part = append(part, e)
			}
		}
		t, err := trainTagger(part, upos, xpos, clusters, o.TaggerEpochs, o.Seed+uint64(f)+1, nil)
		if err != nil {
			return nil, fmt.Errorf("syntax: jackknife fold %d: %w", f+1, err)
		}
		right, total := 0, 0
		for i := f; i < len(ex); i += o.Folds {
			pred[i] = make([]uint8, len(ex[i].forms))
			t.tag(ex[i].forms, pred[i], &sc)
			for j, c := range pred[i] {
				if c == ex[i].gold[j] {
					right++
				}
				total++
			}
		}
		o.logf("jackknife fold %d: tag accuracy %.4f\n", f+1, float64(right)/float64(max(total, 1)))
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("syntax: training: %w", err)
		}
	}
	return pred, nil
}

func parseExamples(ex []tagExample, pred [][]uint8, sents []Sentence, labels []string) []parseExample {
	out := make([]parseExample, len(sents))
	for i, s := range sents {
		n := len(s.Tokens)
		words := make([]pword, n+1)
		head := make([]int32, n+1)
		label := make([]uint8, n+1)
		words[0] = rootWord
		for j, t := range s.Tokens {
			words[j+1] = pword{w: hashString(lowerForm(normForm(ex[i].forms[j]))), p: uint64(pred[i][j])}
			head[j+1] = int32(t.Head)
			label[j+1] = uint8(labelIndex(labels, t.Rel))
		}
		out[i] = newParseExample(words, head, label)
	}
	return out
}

// Figures are evaluation scores over all words, punctuation included
// (CoNLL 2018 style).
type Figures struct {
	Sentences, Words int
	UPOS, XPOS       float64 // tag accuracy
	Lemma            float64 // lemma accuracy
	UAS              float64 // head right
	LAS              float64 // head and universal relation (before ':') right, the CoNLL 2018 LAS
	LASFull          float64 // head and full relation with subtype right
}

func (f Figures) String() string {
	return fmt.Sprintf("%d sentences, %d words: UPOS %.4f XPOS %.4f lemma %.4f UAS %.4f LAS %.4f LAS(subtypes) %.4f",
		f.Sentences, f.Words, f.UPOS, f.XPOS, f.Lemma, f.UAS, f.LAS, f.LASFull)
}

// Evaluate parses the words of gold with m (predicted tags, gold
// tokenization) and scores the result against gold.
func Evaluate(m *Model, gold []Sentence) Figures {
	var f Figures
	var nu, nx, nl, nh, nlas, nfull int
	forms := []string{}
	for _, s := range gold {
		forms = forms[:0]
		for _, t := range s.Tokens {
			forms = append(forms, t.Form)
		}
		out := m.Parse(forms)
		f.Sentences++
		for i, g := range s.Tokens {
			p := out[i]
			f.Words++
			nu += b2i(p.UPOS == g.UPOS)
			nx += b2i(p.XPOS == g.XPOS)
			nl += b2i(p.Lemma == g.Lemma)
			if p.Head == g.Head {
				nh++
				nlas += b2i(universal(p.Rel) == universal(g.Rel))
				nfull += b2i(p.Rel == g.Rel)
			}
		}
	}
	w := float64(max(f.Words, 1))
	f.UPOS, f.XPOS, f.Lemma = float64(nu)/w, float64(nx)/w, float64(nl)/w
	f.UAS, f.LAS, f.LASFull = float64(nh)/w, float64(nlas)/w, float64(nfull)/w
	return f
}

func universal(rel string) string {
	u, _, _ := strings.Cut(rel, ":")
	return u
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// clusterText tokenizes the unlabeled texts and adds the treebank words.
func clusterText(texts []string, ex []tagExample) [][]string {
	var out [][]string
	for _, t := range texts {
		out = append(out, tokenizeForClusters(t, nil))
	}
	for _, e := range ex {
		s := make([]string, len(e.forms))
		for i, f := range e.forms {
			s[i] = normForm(f)
		}
		out = append(out, s)
	}
	return out
}
