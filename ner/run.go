package ner

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"time"
)

// Report describes a Train run.
type Report struct {
	Scores   string        // per-class precision, recall and F1 on the dev data ("" without)
	F1       float64       // entity-level F1 on the dev data
	EpochF1  []float64     // dev F1 after each epoch
	Features int           // features seen in training
	Weights  int           // non-zero weights in the model
	Duration time.Duration // training time
}

// Train trains the NER model on the CoNLL-format file trainPath (word
// first, IOB label last on each line) and writes the model file to out.
// When devPath is not empty, the model is scored on it after every epoch.
// The same data and options always give the same model.
func Train(ctx context.Context, trainPath, devPath string, opts TrainOptions, out io.Writer) (Report, error) {
	var rep Report
	train, err := readCoNLLFile(trainPath, true)
	if err != nil {
		return rep, err
	}
	var dev []document
	if devPath != "" {
		if dev, err = readCoNLLFile(devPath, true); err != nil {
			return rep, err
		}
	}
	m, r, err := trainNER(ctx, train, dev, opts)
	if err != nil {
		return rep, err
	}
	rep = Report{EpochF1: r.Epochs, Features: r.Features, Weights: r.Weights, Duration: r.Duration}
	if r.Dev != nil {
		rep.Scores = r.Dev.String()
		_, _, rep.F1 = r.Dev.prf("")
	}
	return rep, m.save(out)
}

func readCoNLLFile(path string, withGold bool) ([]document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ner: %w", err)
	}
	defer f.Close()
	return readCoNLL(f, path, withGold)
}

// TagCoNLL reads CoNLL-format text from r (named name in errors) and
// writes every line to w unchanged, with the predicted IOB2 label (PER,
// ORG, LOC, MISC) appended to each token line. modelPath names a model
// file written by Train; "" means the model kg ships with.
func TagCoNLL(ctx context.Context, r io.Reader, name string, w io.Writer, modelPath string) error {
	m, err := modelAt(modelPath)
	if err != nil {
		return err
	}
	docs, err := readCoNLL(r, name, false)
	if err != nil {
		return err
	}
	labels := make([][][]string, len(docs))
	for i, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		words, pos := docColumns(d)
		if m.fx.posMode == posNone {
			pos = nil
		}
		labels[i] = m.TagDocument(words, pos)
	}
	return writeCoNLL(w, docs, labels)
}

// modelAt loads the model file at path, or the shipped model when path
// is empty.
func modelAt(path string) (*Model, error) {
	if path == "" {
		return Default()
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("ner: %w", err)
	}
	m, err := readModel(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("ner: %s: %w; train one with 'kg train ner'", path, err)
	}
	return m, nil
}
