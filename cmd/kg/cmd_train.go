package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"kg/extract"
	"kg/ner"
	"kg/syntax"
)

// nerModelFile is the name of the model file in the output directory, the
// name kg embeds it under (ner/data).
const nerModelFile = "model.gz"

type trainOptions struct {
	train, dev, out string
	ner             ner.TrainOptions
	seed            uint
	parser          syntax.TrainOptions
	unlabeled       pathList // kg train parser: texts for word clusters
}

// pathList is a repeatable flag of paths.
type pathList []string

func (p *pathList) String() string     { return strings.Join(*p, ",") }
func (p *pathList) Set(v string) error { *p = append(*p, v); return nil }

func newTrainCommand() *command {
	var opts trainOptions
	fs := newFlagSet("train")
	fs.StringVar(&opts.train, "train", "", "training data `FILE` in CoNLL format (word first, IOB2 label last)")
	fs.StringVar(&opts.dev, "dev", "", "development data `FILE` in CoNLL format, scored after every epoch (optional)")
	fs.StringVar(&opts.out, "o", "", "output `DIR`; the model is written to DIR/"+nerModelFile)
	fs.IntVar(&opts.ner.Epochs, "epochs", 0, "training `N`: passes over the data (default 12)")
	fs.UintVar(&opts.seed, "seed", 0, "`SEED` of the per-epoch shuffle (default 1)")
	fs.StringVar(&opts.ner.Scheme, "scheme", "", "label `SCHEME`: bilou or iob2 (default bilou)")
	fs.StringVar(&opts.ner.POS, "pos", "", "use of the part-of-speech column `MODE`: none, coarse or full (default none)")
	fs.IntVar(&opts.ner.MinCount, "min-count", 0, "keep features seen at least `N` times (default 1)")
	fs.Var(&opts.unlabeled, "unlabeled", "parser: unlabeled text for word clusters, repeatable `PATH`: a JSON Lines corpus (its bodies), a directory (its .txt files) or a CoNLL-2003 file (its sentences)")
	fs.IntVar(&opts.parser.TaggerEpochs, "tagger-epochs", 0, "parser: tagger passes `N` (default 10)")
	fs.IntVar(&opts.parser.ParserEpochs, "parser-epochs", 0, "parser: parser passes `N` (default 15)")
	fs.IntVar(&opts.parser.Folds, "folds", 0, "parser: jackknife folds `N` giving the parser predicted tags (default 10)")
	return &command{
		name:    "train",
		summary: "train the named-entity model, or the tagger and parser",
		usage:   "kg train ner --train FILE [--dev FILE] -o DIR [flags]\n       kg train parser --train FILE.conllu [--dev FILE.conllu] [--unlabeled PATH]... -o DIR [flags]",
		details: `
kg train parser trains kg's part-of-speech tagger, lemmatizer and
dependency parser (package syntax: an averaged perceptron tagger reading
both directions, an arc-eager parser with a dynamic oracle) on Universal
Dependencies CoNLL-U data, and writes DIR/` + syntax.ModelFile + `. Training is
deterministic and takes 5 to 9 minutes on one core. The shipped model
(syntax/data/` + syntax.ModelFile + `) is reproduced byte for byte with

  kg train parser --train ../shared/corpus/ud/en_ewt-ud-train.conllu \
    --dev ../shared/corpus/ud/en_ewt-ud-dev.conllu \
    --unlabeled ../shared/corpus/reuters21578.jsonl.gz --unlabeled ../shared/corpus/bbc \
    --unlabeled ../shared/corpus/conll2003/train.txt -o syntax/data

The dev data is only scored, never learnt from. Measure any model on any
UD file with 'kg parse --input-format conllu'.

kg train ner trains kg's named-entity tagger (an averaged perceptron over BILOU labels
with Viterbi decoding) on CoNLL-2003-style data: one token per line, the
word in the first column, the part-of-speech tag in the second, the IOB
label (PER, ORG, LOC, MISC or your own types) in the last; a blank line
between sentences and -DOCSTART- lines between documents. Training is
deterministic: the same data and flags give the same model file. The
shipped model (ner/data/model.gz) is reproduced with

  kg train ner --train conll2003/train.txt --dev conll2003/valid.txt -o ner/data

which takes about 10 s on one core (5 s measured here). Progress and the per-class scores on the dev
data are written to stderr. Use the model with 'kg extract --format conll
--ner-model DIR/` + nerModelFile + `'.`,
		examples: []string{
			"kg train ner --train train.txt --dev valid.txt -o /tmp/ner",
			"kg extract --format conll --ner-model /tmp/ner/" + nerModelFile + " valid.txt",
		},
		flags: fs,
		run: func(ctx context.Context, args []string, std stdio) error {
			// Flags may follow the model name: kg train ner --train FILE.
			if len(args) > 0 && (args[0] == "ner" || args[0] == "parser") {
				if err := fs.Parse(args[1:]); err != nil {
					return usagef("train: %v; see 'kg train --help'", err)
				}
				args = append([]string{args[0]}, fs.Args()...)
			}
			return runTrain(ctx, opts, args, std)
		},
	}
}

func runTrain(ctx context.Context, opts trainOptions, args []string, std stdio) error {
	switch {
	case len(args) == 0 || args[0] != "ner" && args[0] != "parser":
		return usagef("train: name what to train: kg train ner|parser --train FILE -o DIR")
	case len(args) > 1:
		return usagef("train: unexpected argument %q", args[1])
	case opts.train == "":
		return usagef("train: --train FILE is required")
	case opts.out == "":
		return usagef("train: -o DIR is required")
	}
	if args[0] == "parser" {
		return runTrainParser(ctx, opts, std)
	}
	opts.ner.Seed = uint64(opts.seed)
	opts.ner.Log = std.err
	lists, err := extract.NERLists() // the entity stage's word lists: gazetteer features
	if err != nil {
		return err
	}
	opts.ner.Lists = lists
	var buf bytes.Buffer
	rep, err := ner.Train(ctx, opts.train, opts.dev, opts.ner, &buf)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(opts.out, 0o755); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	path := filepath.Join(opts.out, nerModelFile)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	if rep.Scores != "" {
		fmt.Fprintf(std.err, "\n%s: entity-level scores (exact span and type)\n%s", opts.dev, rep.Scores)
	}
	fmt.Fprintf(std.err, "wrote %s (%d bytes, %d features, %d weights) in %s\n",
		path, buf.Len(), rep.Features, rep.Weights, rep.Duration.Round(100*1e6))
	return nil
}

// runTrainParser trains the tagger and parser (kg train parser).
func runTrainParser(ctx context.Context, opts trainOptions, std stdio) error {
	train, err := syntax.ReadCoNLLUFile(opts.train)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	var dev []syntax.Sentence
	if opts.dev != "" {
		if dev, err = syntax.ReadCoNLLUFile(opts.dev); err != nil {
			return fmt.Errorf("train: %w", err)
		}
	}
	for _, p := range opts.unlabeled {
		texts, err := syntax.ReadUnlabeled(p)
		if err != nil {
			return fmt.Errorf("train: unlabeled %s: %w", p, err)
		}
		opts.parser.Unlabeled = append(opts.parser.Unlabeled, texts...)
	}
	opts.parser.Seed = uint64(opts.seed)
	opts.parser.Log = std.err
	start := time.Now()
	m, err := syntax.Train(ctx, train, dev, opts.parser)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		return err
	}
	if err := os.MkdirAll(opts.out, 0o755); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	path := filepath.Join(opts.out, syntax.ModelFile)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	if len(dev) > 0 {
		f := syntax.Evaluate(m, dev)
		fmt.Fprintf(std.err, "\n%s: UPOS %.4f XPOS %.4f lemma %.4f UAS %.4f LAS %.4f (with subtypes %.4f), %d words\n",
			opts.dev, f.UPOS, f.XPOS, f.Lemma, f.UAS, f.LAS, f.LASFull, f.Words)
	}
	fmt.Fprintf(std.err, "wrote %s (%d bytes) in %s\n", path, buf.Len(), time.Since(start).Round(time.Second))
	return nil
}
