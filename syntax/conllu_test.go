package syntax

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
)

func writeAll(t testing.TB, sents []Sentence) []byte {
	t.Helper()
	var buf bytes.Buffer
	for i := range sents {
		if err := WriteCoNLLU(&buf, &sents[i]); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

func TestCoNLLURoundTrip(t *testing.T) {
	in, err := os.ReadFile("testdata/sample.conllu")
	if err != nil {
		t.Fatal(err)
	}
	sents, err := ReadCoNLLU(bytes.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 3 {
		t.Fatalf("%d sentences, want 3", len(sents))
	}
	if got := len(sents[0].Tokens); got != 5 {
		t.Errorf("sentence 1 has %d words, want 5 (multiword line is not a word)", got)
	}
	if got := sents[1].Extra[0]; got.Before != 5 || !strings.HasPrefix(got.Line, "5.1\t") {
		t.Errorf("empty node kept as %+v", got)
	}
	if sents[2].Tokens[0].Head != -1 {
		t.Errorf("head _ read as %d, want -1", sents[2].Tokens[0].Head)
	}
	if out := writeAll(t, sents); !bytes.Equal(out, in) {
		t.Errorf("round trip differs:\n%s", out)
	}
}

func TestReadCoNLLUErrors(t *testing.T) {
	for _, tc := range []struct {
		in   string
		line int
	}{
		{"1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n2\tb\t_\t_\n", 2},
		{"1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n3\tb\t_\t_\t_\t_\t1\tdep\t_\t_\n", 2},
		{"# c\n1\ta\t_\t_\t_\t_\t7\troot\t_\t_\n", 1},
		{"1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n# late\n", 2},
		{"01\ta\t_\t_\t_\t_\t0\troot\t_\t_\n", 1},
		{"1\ta\t\t_\t_\t_\t0\troot\t_\t_\n", 1},
		{"1-x\ta\t_\t_\t_\t_\t_\t_\t_\t_\n", 1},
	} {
		_, err := ReadCoNLLU(strings.NewReader(tc.in))
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%q: error %v, want a ParseError", tc.in, err)
			continue
		}
		if pe.Line != tc.line || !strings.HasPrefix(err.Error(), "syntax: ") {
			t.Errorf("%q: %v, want line %d", tc.in, err, tc.line)
		}
	}
}

func FuzzReadCoNLLU(f *testing.F) {
	if in, err := os.ReadFile("testdata/sample.conllu"); err == nil {
		f.Add(string(in))
	}
	f.Add("1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n")
	f.Add("# x\n1-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n\n\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := ReadCoNLLU(strings.NewReader(in))
		if err != nil {
			return
		}
		out := writeAll(t, sents)
		again, err := ReadCoNLLU(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("output does not read back: %v\n%s", err, out)
		}
		if out2 := writeAll(t, again); !bytes.Equal(out, out2) {
			t.Fatalf("not stable:\n%q\n%q", out, out2)
		}
	})
}

func TestWriteCoNLLUKeepsLines(t *testing.T) {
	s := Sentence{Tokens: []Token{
		{Form: "a\tb", Lemma: "x\ny", Head: 0, Rel: "root"},
		{Form: "", Head: 1, Rel: "dep"},
	}}
	var buf bytes.Buffer
	if err := WriteCoNLLU(&buf, &s); err != nil {
		t.Fatal(err)
	}
	back, err := ReadCoNLLU(&buf)
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.Bytes())
	}
	if len(back) != 1 || len(back[0].Tokens) != 2 || back[0].Tokens[0].Form != "a b" || back[0].Tokens[1].Form != "_" {
		t.Errorf("read back %+v", back)
	}
}
