package ner

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"kg/internal/testkit"
)

// readConllOrSkip reads a file of the CoNLL-2003 corpus in ../shared, or
// skips the test when it is absent.
func readConllOrSkip(t testing.TB, name string) []document {
	t.Helper()
	docs, err := readCoNLLFile(testkit.Shared(t, "corpus/conll2003/"+name), true)
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestNERValid scores the shipped model on CoNLL-2003 valid.txt with
// conlleval's rules (an entity counts only with its exact span and type)
// and prints the per-class figures: go test -run TestNERValid -v ./ner
func TestNERValid(t *testing.T) {
	docs := readConllOrSkip(t, "valid.txt")
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sc := m.evaluate(docs)
	t.Logf("valid.txt, by document (POS use: %s):\n%s", m.hdr.POS, sc)
	if _, _, f := sc.prf(""); f < 0.85 {
		t.Errorf("F1 %.4f on valid.txt, want ≥ 0.85", f)
	}
	// Sentence by sentence, without the rest of the document (the
	// document-level features then see one sentence).
	sc = newScoreSheet()
	for _, d := range docs {
		for _, s := range d.sents {
			sc.add(s.gold, m.tag(s.words, nil))
		}
	}
	t.Logf("valid.txt, each sentence tagged alone:\n%s", sc)
}

// FuzzReadCoNLL checks that whatever readCoNLL accepts, writeCoNLL echoes
// line for line.
func FuzzReadCoNLL(f *testing.F) {
	f.Add(conllSample)
	f.Add("a\n\n\nb c\n-DOCSTART-\n")
	f.Fuzz(func(t *testing.T, in string) {
		docs, err := readCoNLL(strings.NewReader(in), "fuzz", false)
		if err != nil {
			return
		}
		labels := make([][][]string, len(docs))
		for i, d := range docs {
			for _, s := range d.sents {
				labels[i] = append(labels[i], make([]string, len(s.words)))
			}
		}
		var out bytes.Buffer
		if err := writeCoNLL(&out, docs, labels); err != nil {
			t.Fatal(err)
		}
		if got, want := strings.Count(out.String(), "\n"), len(strings.Split(strings.TrimSuffix(in, "\n"), "\n")); in != "" && got != want && !strings.ContainsAny(in, "\r") {
			t.Errorf("wrote %d lines for %d", got, want)
		}
	})
}

func TestIOBSpans(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []iobSpan
	}{
		{"empty", "", nil},
		{"one", "B-PER I-PER O", []iobSpan{{0, 2, "PER"}}},
		{"adjacent", "B-LOC B-LOC", []iobSpan{{0, 1, "LOC"}, {1, 2, "LOC"}}},
		{"I starts (IOB1)", "O I-ORG I-ORG", []iobSpan{{1, 3, "ORG"}}},
		{"type change", "B-ORG I-LOC", []iobSpan{{0, 1, "ORG"}, {1, 2, "LOC"}}},
		{"at end", "O B-MISC", []iobSpan{{1, 2, "MISC"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := iobSpans(strings.Fields(tt.in)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("iobSpans(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestSchemeLabels(t *testing.T) {
	labels, _ := labelsFor("bilou", []string{"LOC", "PER"})
	got, err := schemeLabels(strings.Fields("B-PER I-PER I-PER O B-LOC O B-PER I-PER"), labels)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, g := range got {
		names = append(names, labels[g])
	}
	want := "B-PER I-PER L-PER O U-LOC O B-PER L-PER"
	if strings.Join(names, " ") != want {
		t.Errorf("got %v, want %s", names, want)
	}
}

const conllSample = `-DOCSTART- -X- -X- O

EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC
call NN I-NP O
.   . O O

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- -X- O

BRUSSELS NNP B-NP B-LOC
`

// TestCoNLLRoundTrip checks that writeCoNLL echoes every input line
// byte for byte, with one more column on token lines.
func TestCoNLLRoundTrip(t *testing.T) {
	docs, err := readCoNLL(strings.NewReader(conllSample), "sample", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0].sents) != 2 || len(docs[1].sents) != 1 {
		t.Fatalf("read %d documents, want 2 with 2 and 1 sentences", len(docs))
	}
	labels := make([][][]string, len(docs))
	for i, d := range docs {
		for _, s := range d.sents {
			labels[i] = append(labels[i], s.gold)
		}
	}
	var out bytes.Buffer
	if err := writeCoNLL(&out, docs, labels); err != nil {
		t.Fatal(err)
	}
	in := strings.Split(strings.TrimSuffix(conllSample, "\n"), "\n")
	got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(got) != len(in) {
		t.Fatalf("wrote %d lines, want %d:\n%s", len(got), len(in), out.String())
	}
	for i := range in {
		f := strings.Fields(in[i])
		want := in[i]
		if len(f) > 0 && f[0] != "-DOCSTART-" {
			want += " " + f[len(f)-1]
		}
		if got[i] != want {
			t.Errorf("line %d = %q, want %q", i+1, got[i], want)
		}
	}
}

func TestReadCoNLLErrors(t *testing.T) {
	_, err := readCoNLL(strings.NewReader("EU NNP B-NP B-ORG\nrejects\n"), "bad.txt", true)
	if err == nil || !strings.Contains(err.Error(), "bad.txt:2") {
		t.Errorf("err = %v, want one naming bad.txt:2", err)
	}
}

// TestTagCoNLL tags text with the shipped model: every line comes back
// with a label column.
func TestTagCoNLL(t *testing.T) {
	in := "-DOCSTART-\n\nGerman\nChancellor\nAngela\nMerkel\nvisited\nParis\n.\n"
	var out bytes.Buffer
	if err := TagCoNLL(context.Background(), strings.NewReader(in), "in", &out, ""); err != nil {
		t.Fatal(err)
	}
	want := "-DOCSTART-\n\nGerman B-MISC\nChancellor O\nAngela B-PER\nMerkel I-PER\nvisited O\nParis B-LOC\n. O\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

// TestTrainNERDeterministic trains twice on the same small data: the model
// files must be identical, and the model must learn its training data.
func TestTrainNERDeterministic(t *testing.T) {
	data := strings.Repeat(conllSample+"\nMr NNP B-NP O\nSmith NNP I-NP B-PER\nwent VBD B-VP O\nto TO B-PP O\nLondon NNP B-NP B-LOC\n\n", 3)
	docs, err := readCoNLL(strings.NewReader(data), "train", true)
	if err != nil {
		t.Fatal(err)
	}
	var files [2][]byte
	for i := range files {
		m, _, err := trainNER(context.Background(), docs, nil, TrainOptions{Epochs: 3})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := m.save(&buf); err != nil {
			t.Fatal(err)
		}
		files[i] = buf.Bytes()
		back, err := readModel(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if got := back.tag(strings.Fields("Mr Smith went to London"), nil); strings.Join(got, " ") != "O B-PER O O B-LOC" {
			t.Errorf("trained model tags %v", got)
		}
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Error("two trainings on the same data gave different model files")
	}
}

// TestNERConcurrent tags from several goroutines at once (run with -race).
func TestNERConcurrent(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("SOCCER - JAPAN GET LUCKY WIN . Japan beat Syria 2-1 in Al Ain on Friday .")
	want := strings.Join(m.tag(words, nil), " ")
	done := make(chan string)
	for g := 0; g < 4; g++ {
		go func() {
			var got string
			for i := 0; i < 50; i++ {
				got = strings.Join(m.tag(words, nil), " ")
			}
			done <- got
		}()
	}
	for g := 0; g < 4; g++ {
		if got := <-done; got != want {
			t.Errorf("concurrent tag = %s, want %s", got, want)
		}
	}
}

// BenchmarkNERTag tags valid.txt document by document and reports
// tokens per second (one goroutine: per core).
func BenchmarkNERTag(b *testing.B) {
	docs := readConllOrSkip(b, "valid.txt")
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	type doc struct{ words, pos [][]string }
	var ds []doc
	tokens := 0
	for _, d := range docs {
		w, p := docColumns(d)
		ds = append(ds, doc{w, p})
		for _, s := range w {
			tokens += len(s)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range ds {
			m.TagDocument(d.words, d.pos)
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkNERLoad decodes the embedded model.
func BenchmarkNERLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readModel(bytes.NewReader(modelData)); err != nil {
			b.Fatal(err)
		}
	}
}
