package syntax

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// This file reads and writes what the kg commands give the models: whole
// CoNLL-U files, raw texts for the word clusters, trees to print.

// ReadCoNLLUFile reads the sentences of a CoNLL-U file; its errors name
// the file.
func ReadCoNLLUFile(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err // *PathError names the file
	}
	defer f.Close()
	sents, err := ReadCoNLLU(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return sents, nil
}

// ReadUnlabeled reads the raw texts of one path for Options.Unlabeled, in a fixed
// order: the "body" (else "text") of every record of a JSON Lines file
// (gzip too), the .txt files of a directory in lexical order, or the
// sentences of a CoNLL-2003 file (its first column, -DOCSTART- and blank
// lines ending them).
func ReadUnlabeled(path string) ([]string, error) {
	if fi, err := os.Stat(path); err != nil {
		return nil, err
	} else if fi.IsDir() {
		var files []string
		err := filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".txt") {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		slices.Sort(files)
		var texts []string
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			texts = append(texts, string(b))
		}
		return texts, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, err
		}
		r = zr
	}
	if strings.Contains(path, ".jsonl") {
		var texts []string
		dec := json.NewDecoder(r)
		for {
			var doc struct{ Body, Text string }
			if err := dec.Decode(&doc); err == io.EOF {
				return texts, nil
			} else if err != nil {
				return nil, err
			}
			texts = append(texts, cmp.Or(doc.Body, doc.Text))
		}
	}
	var texts, sent []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		w, _, _ := strings.Cut(sc.Text(), " ")
		if w == "" || w == "-DOCSTART-" {
			if len(sent) > 0 {
				texts = append(texts, strings.Join(sent, " "))
				sent = sent[:0]
			}
			continue
		}
		sent = append(sent, w)
	}
	if len(sent) > 0 {
		texts = append(texts, strings.Join(sent, " "))
	}
	return texts, sc.Err()
}

// ParseCoNLLU parses the sentences of CoNLL-U text r, keeping its words,
// and hands each to write.
func (m *Model) ParseCoNLLU(ctx context.Context, r io.Reader, write func(*Sentence) error) error {
	sents, err := ReadCoNLLU(r)
	if err != nil {
		return err
	}
	for i := range sents {
		if err := ctx.Err(); err != nil {
			return err
		}
		m.ParseSentence(&sents[i])
		if err := write(&sents[i]); err != nil {
			return err
		}
	}
	return nil
}

// WriteTree writes a sentence as an indented tree: each word under its
// head, "relation form UPOS lemma", after its "# text" comment.
func WriteTree(w io.Writer, s *Sentence) error {
	bw := bufio.NewWriter(w)
	for _, c := range s.Comments {
		if strings.HasPrefix(c, "# text = ") {
			fmt.Fprintln(bw, c)
		}
	}
	kids := make(map[int][]int)
	for i, t := range s.Tokens {
		kids[t.Head] = append(kids[t.Head], i)
	}
	var walk func(head, depth int)
	walk = func(head, depth int) {
		for _, i := range kids[head] {
			t := s.Tokens[i]
			fmt.Fprintf(bw, "%s%s %s %s %s\n", strings.Repeat("  ", depth), t.Rel, t.Form, t.UPOS, t.Lemma)
			walk(t.ID, depth+1)
		}
	}
	walk(0, 0)
	fmt.Fprintln(bw)
	return bw.Flush()
}
