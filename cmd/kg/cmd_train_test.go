package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const trainSample = `-DOCSTART- -X- -X- O

Mr NNP B-NP O
Smith NNP I-NP B-PER
went VBD B-VP O
to TO B-PP O
London NNP B-NP B-LOC
. . O O

The DT B-NP O
European NNP I-NP B-ORG
Commission NNP I-NP I-ORG
met VBD B-VP O
in IN B-PP O
Paris NNP B-NP B-LOC
. . O O
`

// TestTrainAndTagCoNLL trains a model on a tiny corpus with kg train ner,
// then tags the corpus with it through kg extract --format conll: every
// line comes back unchanged plus a label column.
func TestTrainAndTagCoNLL(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "train.txt")
	if err := os.WriteFile(data, []byte(strings.Repeat(trainSample, 3)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "model")
	mustKG(t, "train", "ner", "--train", data, "--dev", data, "-o", out, "--epochs", "3")
	r := mustKG(t, "extract", "--format", "conll", "--ner-model", filepath.Join(out, nerModelFile), data)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	in := strings.Split(strings.TrimSuffix(strings.Repeat(trainSample, 3), "\n"), "\n")
	if len(lines) != len(in) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(in), r.stdout)
	}
	for i, l := range lines {
		f := strings.Fields(in[i])
		if len(f) == 0 || f[0] == "-DOCSTART-" {
			if l != in[i] {
				t.Errorf("line %d = %q, want %q unchanged", i+1, l, in[i])
			}
			continue
		}
		if want := in[i] + " " + f[len(f)-1]; l != want {
			t.Errorf("line %d = %q, want %q", i+1, l, want)
		}
	}
}

func TestTrainUsage(t *testing.T) {
	for _, args := range [][]string{{"train"}, {"train", "ner"}, {"train", "ner", "--train", "x.txt"}} {
		if r := kg(t, "", args...); r.code != 2 {
			t.Errorf("kg %s: exit status %d, want 2 (usage)", strings.Join(args, " "), r.code)
		}
	}
}

// TestExtractCoNLLShipped tags stdin with the shipped model.
func TestExtractCoNLLShipped(t *testing.T) {
	r := kg(t, "Angela\nMerkel\nvisited\nParis\n", "extract", "--format", "conll", "-")
	if r.code != 0 || r.stdout != "Angela B-PER\nMerkel I-PER\nvisited O\nParis B-LOC\n" {
		t.Errorf("exit status %d, output:\n%s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
}
