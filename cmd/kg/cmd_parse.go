package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"kg/article"
	"kg/extract"
	"kg/syntax"
)

type parseOptions struct {
	format      string // conllu or text
	inputFormat string // conllu, text, or a reader format (txt, html, jsonl)
}

func newParseCommand() *command {
	var opts parseOptions
	fs := newFlagSet("parse")
	fs.StringVar(&opts.format, "format", "conllu", "output `FORMAT`: conllu, or text (an indented tree per sentence)")
	fs.StringVar(&opts.inputFormat, "input-format", "text", "input `FORMAT`: conllu (keep its words, predict the rest), or text (articles: txt, html, jsonl, chosen by extension)")
	return &command{
		name:    "parse",
		summary: "tag, lemmatize and parse sentences into Universal Dependencies trees",
		usage:   "kg parse [--format conllu|text] [--input-format conllu|text] PATH...",
		details: `
Runs kg's own part-of-speech tagger, lemmatizer and dependency parser
(package syntax, trained on UD English EWT) — what kg reads facts off.

With --input-format conllu, each PATH (or - for stdin) is CoNLL-U: its
tokenization is kept exactly (one output word per input word line;
multiword-token and empty-node lines and comments are passed through as
they are) and the predicted LEMMA, UPOS, XPOS, HEAD and DEPREL columns
replace the given ones (FEATS and MISC are kept, DEPS is cleared). This is
how the parser is measured against any UD file.

With --input-format text (the default), each PATH is articles as 'kg build'
reads them (.txt, .html, .jsonl, directories, - for stdin), split into
sentences and words as kg does; each sentence gets "# sent_id" and
"# text" comments, each document a "# newdoc id".

--format text writes each sentence as an indented tree instead: one word
per line under its head, with its relation, part of speech and lemma.`,
		examples: []string{
			"kg parse --input-format conllu ../shared/corpus/ud/en_ewt-ud-dev.conllu > dev.pred.conllu",
			"echo 'Putin met Kim in Vladivostok.' | kg parse --format text -",
			"kg parse testdata/05_truck_sale.txt",
		},
		flags: fs,
		run: func(ctx context.Context, args []string, std stdio) error {
			return runParse(ctx, opts, args, std)
		},
	}
}

func runParse(ctx context.Context, opts parseOptions, args []string, std stdio) error {
	if len(args) == 0 {
		return usagef("parse: no input given; name files or - for stdin (see 'kg parse --help')")
	}
	if opts.format != "conllu" && opts.format != "text" {
		return usagef("parse: unknown output format %q (want conllu or text)", opts.format)
	}
	w := bufio.NewWriter(std.out)
	write := func(s *syntax.Sentence) error {
		if opts.format == "text" {
			return syntax.WriteTree(w, s)
		}
		return syntax.WriteCoNLLU(w, s)
	}
	var err error
	switch opts.inputFormat {
	case "conllu":
		err = parseCoNLLU(ctx, args, std, write)
	case "text", "txt", "html", "jsonl":
		format := opts.inputFormat
		if format == "text" {
			format = ""
		}
		err = parseArticles(ctx, args, format, std, write)
	default:
		return usagef("parse: unknown input format %q (want conllu or text)", opts.inputFormat)
	}
	if ferr := w.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("parse: write output: %w", ferr)
	}
	return err
}

// parseCoNLLU parses the sentences of CoNLL-U files, keeping their words.
func parseCoNLLU(ctx context.Context, paths []string, std stdio, write func(*syntax.Sentence) error) error {
	m, err := syntax.Default()
	if err != nil {
		return err
	}
	for _, path := range paths {
		var r io.Reader = std.in
		if path != "-" {
			f, err := os.Open(path)
			if err != nil {
				return fmt.Errorf("parse: %s: %v", path, article.Cause(err))
			}
			defer f.Close()
			r = f
		}
		if err := m.ParseCoNLLU(ctx, r, write); err != nil {
			return fmt.Errorf("parse: %s: %w", path, err)
		}
	}
	return nil
}

// parseArticles reads articles as kg build does and parses their sentences.
func parseArticles(ctx context.Context, paths []string, format string, std stdio, write func(*syntax.Sentence) error) error {
	x, err := extract.New()
	if err != nil {
		return err
	}
	r := article.NewReader(paths, std.in, article.ReadOptions{
		Format: format,
		Warn:   func(path, msg string) { fmt.Fprintf(std.err, "kg: warning: %s: %s\n", path, msg) },
	})
	defer r.Close()
	failed := 0
	for {
		d, err := r.Next(ctx)
		var ferr *article.FileError
		switch {
		case errors.Is(err, io.EOF):
			if failed > 0 {
				return inputsFailed{failed}
			}
			return nil
		case errors.As(err, &ferr):
			fmt.Fprintf(std.err, "kg: %v\n", ferr)
			failed++
			continue
		case err != nil:
			return err
		}
		sents, err := x.Parse(ctx, d)
		if err != nil {
			fmt.Fprintf(std.err, "kg: %s: %v\n", d.Meta.Source, err)
			failed++
			continue
		}
		for i, ps := range sents {
			s := &syntax.Sentence{Tokens: ps.Tokens}
			if i == 0 {
				s.Comments = append(s.Comments, "# newdoc id = "+d.Meta.ID)
			}
			s.Comments = append(s.Comments, "# sent_id = "+d.Meta.ID+"-"+strconv.Itoa(i+1),
				"# text = "+strings.Join(strings.Fields(ps.Text), " "))
			if err := write(s); err != nil {
				return err
			}
		}
	}
}
