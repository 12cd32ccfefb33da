package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"kg/extract"
	"kg/ner"
)

type extractOptions struct {
	format      string // output
	inputFormat string
	nerModel    string // --format conll: a model file of 'kg train ner'
	lines       bool   // --format openie: one sentence per input line
}

func newExtractCommand() *command {
	var opts extractOptions
	fs := newFlagSet("extract")
	fs.StringVar(&opts.format, "format", "jsonl", "output `FORMAT`: jsonl; conll to tag CoNLL-format input with entity labels; openie for open extraction tuples (with --lines)")
	fs.BoolVar(&opts.lines, "lines", false, "with --format openie: each input line is one sentence (CaRB's input)")
	fs.StringVar(&opts.nerModel, "ner-model", "", "with --format conll: the model `FILE` written by 'kg train ner' (default: the shipped model)")
	fs.StringVar(&opts.inputFormat, "input-format", "", "input `FORMAT`: txt, html or jsonl (default: chosen by each file's extension, else sniffed)")
	return &command{
		name:    "extract",
		summary: "print the facts found in articles as JSON Lines, without a store",
		usage:   "kg extract [--format jsonl|conll|openie] [--input-format FORMAT] [--lines] PATH...",
		details: `
PATH is a file, a directory (read recursively) or - for standard input,
in the formats of 'kg build' (.txt, .html, .jsonl, perhaps .gz).
kg extract runs what 'kg build' runs — the same reading, extraction,
resolution of names across documents, merging of facts over
near-duplicates — into a store in memory (nothing on disk is touched), and
writes its records as 'kg export --format jsonl' does, one JSON object per
line: the documents, the entities (one per real entity of all the inputs),
the relations (each fact once, with evidence from every document that
states it) and the quotes. So the same inputs give the same records as
'kg build' followed by 'kg export --format jsonl'. Bad inputs are reported
on stderr and skipped; the exit status is then 1.

With --format conll, each PATH (or - for stdin) is CoNLL-format text: a
token per line with the word in the first column (and, optionally, the
part-of-speech tag in the second), a blank line between sentences,
-DOCSTART- lines between documents. kg writes every input line unchanged
with the predicted IOB2 entity label (B-PER, I-ORG, B-LOC, I-MISC, O, ...)
appended as a last column, so conlleval-style scorers can read it.

With --format openie --lines, each line of each PATH (or - for stdin) is
one sentence, and kg writes open extraction tuples in the tabbed format
of the CaRB benchmark, one per line:
SENTENCE<TAB>CONFIDENCE<TAB>RELATION<TAB>ARG1<TAB>ARG2[<TAB>ARG3…], with
the relation and arguments as they stand in the sentence (no entities,
no canonical predicates).`,
		examples: []string{
			"kg extract testdata/02_water_treaty_quotes.txt",
			"kg extract testdata | grep '\"type\":\"relation\"'",
			"kg extract - < article.txt",
			"kg extract --format conll valid.txt > valid.tagged",
			"kg extract --format openie --lines ../shared/eval/carb/dev.txt > carb.tsv",
		},
		flags: fs,
		run: func(ctx context.Context, args []string, std stdio) error {
			return runExtract(ctx, opts, args, std)
		},
	}
}

func runExtract(ctx context.Context, opts extractOptions, args []string, std stdio) error {
	if len(args) == 0 {
		return usagef("extract: no input given; name files, directories or - for stdin (see 'kg extract --help')")
	}
	switch opts.format {
	case "conll":
		return runExtractCoNLL(ctx, opts, args, std)
	case "openie":
		if !opts.lines {
			return usagef("extract: --format openie reads one sentence per line: add --lines")
		}
		return runExtractOpenIE(ctx, args, std)
	case "jsonl":
	default:
		return usagef("extract: unknown output format %q (want jsonl, conll or openie)", opts.format)
	}
	store, n, err := buildInMemory(ctx, args, opts.inputFormat, std)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.Export(ctx, std.out, "jsonl"); err != nil {
		return fmt.Errorf("extract: write output: %w", err)
	}
	if n.Failed > 0 {
		return inputsFailed{n.Failed}
	}
	return nil
}

// runExtractCoNLL tags CoNLL-format files with the NER model.
func runExtractCoNLL(ctx context.Context, opts extractOptions, args []string, std stdio) error {
	for _, path := range args {
		if err := tagCoNLLPath(ctx, path, opts.nerModel, std); err != nil {
			return err
		}
	}
	return nil
}

// tagCoNLLPath tags one CoNLL-format file, or stdin for "-".
func tagCoNLLPath(ctx context.Context, path, model string, std stdio) error {
	if path == "-" {
		return ner.TagCoNLL(ctx, std.in, "stdin", std.out, model)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	defer f.Close()
	return ner.TagCoNLL(ctx, f, path, std.out, model)
}

// runExtractOpenIE writes the open extraction tuples of every line of the
// inputs (one sentence per line) in CaRB's tabbed format.
func runExtractOpenIE(ctx context.Context, args []string, std stdio) error {
	x, err := extract.New()
	if err != nil {
		return err
	}
	w := bufio.NewWriter(std.out)
	defer w.Flush()
	for _, path := range args {
		err := eachLine(path, std, func(line string) error {
			sentence := strings.TrimSpace(line)
			if sentence == "" || strings.ContainsAny(sentence, "\t") {
				return nil
			}
			tuples, err := x.OpenIE(ctx, sentence)
			if err != nil {
				return err
			}
			for _, t := range tuples {
				fmt.Fprintf(w, "%s\t%.2f\t%s\t%s\n", sentence, t.Confidence, t.Relation, strings.Join(t.Args, "\t"))
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// eachLine calls fn for every line of the file at path ("-": stdin).
func eachLine(path string, std stdio, fn func(string) error) error {
	var r io.Reader = std.in
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		defer f.Close()
		r = f
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for n := 1; sc.Scan(); n++ {
		if err := fn(sc.Text()); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
