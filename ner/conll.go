package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// sentence is one sentence of CoNLL-format data: its words, their
// part-of-speech tags (column 2 when the input has one, else empty), the
// gold IOB2 labels (the last column when the input has at least two
// columns and it looks like a label, else empty), and the input lines it
// was read from, kept byte for byte so a writer can echo them.
type sentence struct {
	words []string
	pos   []string
	gold  []string
	lines []string
}

// document is a run of sentences between two -DOCSTART- lines. Its
// lead holds the lines before the first sentence (the -DOCSTART- line and
// blank lines), echoed before it by writeCoNLL.
type document struct {
	lead  []string
	sents []sentence
	tail  [][]string // lines after each sentence, index-aligned with sents (blank separators)
}

// readCoNLL reads CoNLL-format data: one token per line with the word in
// the first whitespace-separated column, a blank line between sentences,
// and "-DOCSTART-" lines between documents. When withGold is set, every
// token line must have at least two columns and the last is taken as the
// gold label. Errors name the line.
func readCoNLL(r io.Reader, name string, withGold bool) ([]document, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var docs []document
	var doc document
	var cur sentence
	endSentence := func() {
		if len(cur.words) > 0 {
			doc.sents = append(doc.sents, cur)
			doc.tail = append(doc.tail, nil)
			cur = sentence{}
		}
	}
	endDoc := func() {
		endSentence()
		if len(doc.sents) > 0 || len(doc.lead) > 0 {
			docs = append(docs, doc)
		}
		doc = document{}
	}
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		fields := strings.Fields(line)
		switch {
		case len(fields) == 0:
			endSentence()
			if len(doc.sents) == 0 {
				doc.lead = append(doc.lead, line)
			} else {
				doc.tail[len(doc.tail)-1] = append(doc.tail[len(doc.tail)-1], line)
			}
			continue
		case fields[0] == "-DOCSTART-":
			endDoc()
			doc.lead = append(doc.lead, line)
			continue
		}
		cur.words = append(cur.words, fields[0])
		cur.lines = append(cur.lines, line)
		pos := ""
		if len(fields) >= 3 || (len(fields) == 2 && !withGold) {
			pos = fields[1]
		}
		cur.pos = append(cur.pos, pos)
		if withGold {
			if len(fields) < 2 || !isIOBLabel(fields[len(fields)-1]) {
				return nil, fmt.Errorf("ner: %s:%d: want WORD ... LABEL with an IOB label (O, B-PER, I-ORG, ...) last", name, n)
			}
			cur.gold = append(cur.gold, fields[len(fields)-1])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ner: %s: %w", name, err)
	}
	endDoc()
	return docs, nil
}

// isIOBLabel reports whether s is "O" or a B-/I- label with a type.
func isIOBLabel(s string) bool {
	return s == "O" || len(s) > 2 && (s[0] == 'B' || s[0] == 'I') && s[1] == '-'
}

// writeCoNLL writes docs as read by readCoNLL, every input line unchanged
// with a space and the label from labels (per document, per sentence, per
// token) appended to each token line.
func writeCoNLL(w io.Writer, docs []document, labels [][][]string) error {
	bw := bufio.NewWriter(w)
	for d, doc := range docs {
		for _, l := range doc.lead {
			bw.WriteString(l)
			bw.WriteByte('\n')
		}
		for s, sent := range doc.sents {
			for i, l := range sent.lines {
				bw.WriteString(l)
				bw.WriteByte(' ')
				bw.WriteString(labels[d][s][i])
				bw.WriteByte('\n')
			}
			for _, l := range doc.tail[s] {
				bw.WriteString(l)
				bw.WriteByte('\n')
			}
		}
	}
	return bw.Flush()
}

// iobSpan is one entity of a labelled sentence: tokens [start, end) of type typ.
type iobSpan struct {
	start, end int
	typ        string
}

// iobSpans returns the entities of an IOB2 (or IOB1) label sequence with
// conlleval's rules: an entity starts at B-X, or at I-X after a label that
// is not X, and runs over the following I-X.
func iobSpans(labels []string) []iobSpan {
	var out []iobSpan
	cur := -1
	typ := ""
	for i, l := range labels {
		t := ""
		if l != "O" && len(l) > 2 {
			t = l[2:]
		}
		cont := t != "" && l[0] == 'I' && t == typ
		if cur >= 0 && !cont {
			out = append(out, iobSpan{cur, i, typ})
			cur, typ = -1, ""
		}
		if t != "" && !cont {
			cur, typ = i, t
		}
	}
	if cur >= 0 {
		out = append(out, iobSpan{cur, len(labels), typ})
	}
	return out
}
