package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"kg/extract"
	"kg/ner"
)

// nerModelFile is the name of the model file in the output directory, the
// name kg embeds it under (ner/data).
const nerModelFile = "model.gz"

type trainOptions struct {
	train, dev, out string
	ner             ner.TrainOptions
	seed            uint
}

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
	return &command{
		name:    "train",
		summary: "train the named-entity model on CoNLL-format data",
		usage:   "kg train ner --train FILE [--dev FILE] -o DIR [flags]",
		details: `
Trains kg's named-entity tagger (an averaged perceptron over BILOU labels
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
			if len(args) > 0 && args[0] == "ner" {
				if err := fs.Parse(args[1:]); err != nil {
					return usagef("train: %v; see 'kg train --help'", err)
				}
				args = append([]string{"ner"}, fs.Args()...)
			}
			return runTrain(ctx, opts, args, std)
		},
	}
}

func runTrain(ctx context.Context, opts trainOptions, args []string, std stdio) error {
	switch {
	case len(args) == 0 || args[0] != "ner":
		return usagef("train: name what to train: kg train ner --train FILE -o DIR")
	case len(args) > 1:
		return usagef("train: unexpected argument %q", args[1])
	case opts.train == "":
		return usagef("train: --train FILE is required")
	case opts.out == "":
		return usagef("train: -o DIR is required")
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
