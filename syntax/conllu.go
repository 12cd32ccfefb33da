package syntax

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Token is one syntactic word of a sentence, the ten columns of a CoNLL-U
// word line.
type Token struct {
	ID    int    // 1-based position in the sentence
	Form  string // word form
	Lemma string // lemma, "_" if unknown
	UPOS  string // universal part of speech, "_" if unknown
	XPOS  string // Penn Treebank tag, "_" if unknown
	Feats string // morphological features, "_" if none
	Head  int    // head position, 0 for the root, -1 if unknown ("_")
	Rel   string // UD dependency relation with subtype, e.g. "nsubj:pass"
	Deps  string // enhanced dependencies, "_" if none
	Misc  string // anything else, "_" if none
}

// Sentence is one sentence of a CoNLL-U file. Lines that are not word lines
// (multiword-token ranges such as "3-4" and empty nodes such as "8.1") are
// kept verbatim in Extra so that writing gives back what was read.
type Sentence struct {
	Comments []string // comment lines with their leading '#'
	Tokens   []Token
	Extra    []ExtraLine
}

// ExtraLine is a multiword-token or empty-node line, kept verbatim.
type ExtraLine struct {
	Before int    // index into Tokens of the word line that follows it (len(Tokens) at the end)
	Line   string // the line without its newline
}

// ParseError reports a malformed CoNLL-U line.
type ParseError struct {
	Line int   // 1-based line number
	Err  error // what is wrong
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("syntax: conllu line %d: %v", e.Line, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// ReadCoNLLU reads all sentences of a CoNLL-U stream. Word IDs must run
// 1, 2, 3… within a sentence; heads must be "_" or a word position.
func ReadCoNLLU(r io.Reader) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	var out []Sentence
	var cur Sentence
	open, lineNo, start := false, 0, 0
	flush := func() error {
		if !open {
			return nil
		}
		if err := checkHeads(&cur); err != nil {
			return &ParseError{Line: start, Err: err}
		}
		out = append(out, cur)
		cur, open = Sentence{}, false
		return nil
	}
	for sc.Scan() {
		lineNo++
		line := strings.TrimRight(sc.Text(), "\r") // CRLF files
		if line == "" {
			if err := flush(); err != nil {
				return out, err
			}
			continue
		}
		if !open {
			open, start = true, lineNo
		}
		if err := addLine(&cur, line); err != nil {
			return out, &ParseError{Line: lineNo, Err: err}
		}
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("syntax: reading conllu: %w", err)
	}
	return out, flush()
}

func addLine(s *Sentence, line string) error {
	if line[0] == '#' {
		if len(s.Tokens) > 0 || len(s.Extra) > 0 {
			return errors.New("comment after word lines")
		}
		s.Comments = append(s.Comments, line)
		return nil
	}
	f := strings.Split(line, "\t")
	if len(f) != 10 {
		return fmt.Errorf("%d fields, want 10", len(f))
	}
	for i, x := range f {
		if x == "" {
			return fmt.Errorf("field %d is empty", i+1)
		}
	}
	if strings.ContainsAny(f[0], "-.") {
		if !extraID(f[0]) {
			return fmt.Errorf("bad id %q", f[0])
		}
		s.Extra = append(s.Extra, ExtraLine{Before: len(s.Tokens), Line: line})
		return nil
	}
	id, ok := canonInt(f[0])
	if !ok || id != len(s.Tokens)+1 {
		return fmt.Errorf("id %q, want %d", f[0], len(s.Tokens)+1)
	}
	head := -1
	if f[6] != "_" {
		if head, ok = canonInt(f[6]); !ok {
			return fmt.Errorf("bad head %q", f[6])
		}
	}
	s.Tokens = append(s.Tokens, Token{ID: id, Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4],
		Feats: f[5], Head: head, Rel: f[7], Deps: f[8], Misc: f[9]})
	return nil
}

// extraID accepts "3-4" and "8.1" style ids.
func extraID(s string) bool {
	for _, sep := range []string{"-", "."} {
		a, b, ok := strings.Cut(s, sep)
		if ok {
			_, ok1 := canonInt(a)
			_, ok2 := canonInt(b)
			return ok1 && ok2
		}
	}
	return false
}

// canonInt parses a non-negative decimal integer written without sign or
// leading zeros, so that formatting it gives back the same text.
func canonInt(s string) (int, bool) {
	if s == "" || len(s) > 9 || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func checkHeads(s *Sentence) error {
	for _, t := range s.Tokens {
		if t.Head > len(s.Tokens) {
			return fmt.Errorf("word %d: head %d out of range", t.ID, t.Head)
		}
	}
	return nil
}

// WriteCoNLLU writes one sentence followed by a blank line. Word IDs are
// written from the token positions, empty fields as "_", and tabs or line
// breaks inside a field as spaces.
func WriteCoNLLU(w io.Writer, s *Sentence) error {
	bw := bufio.NewWriter(w)
	for _, c := range s.Comments {
		bw.WriteString(c)
		bw.WriteByte('\n')
	}
	e := 0
	for i := 0; i <= len(s.Tokens); i++ {
		for ; e < len(s.Extra) && s.Extra[e].Before <= i; e++ {
			bw.WriteString(s.Extra[e].Line)
			bw.WriteByte('\n')
		}
		if i == len(s.Tokens) {
			break
		}
		writeToken(bw, i+1, &s.Tokens[i])
	}
	bw.WriteByte('\n')
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("syntax: writing conllu: %w", err)
	}
	return nil
}

func writeToken(bw *bufio.Writer, id int, t *Token) {
	head := "_"
	if t.Head >= 0 {
		head = strconv.Itoa(t.Head)
	}
	cols := [10]string{strconv.Itoa(id), t.Form, t.Lemma, t.UPOS, t.XPOS, t.Feats, head, t.Rel, t.Deps, t.Misc}
	for i, c := range cols {
		if i > 0 {
			bw.WriteByte('\t')
		}
		bw.WriteString(fieldText(c))
	}
	bw.WriteByte('\n')
}

func fieldText(s string) string {
	if s == "" {
		return "_"
	}
	if strings.ContainsAny(s, "\t\n\r") {
		return strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, s)
	}
	return s
}
