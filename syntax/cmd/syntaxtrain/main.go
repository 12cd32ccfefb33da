// Command syntaxtrain trains the model shipped in kg/syntax (data/model.gz)
// from UD English EWT and unlabeled news text, and reports its figures on
// EWT dev.
//
//	go run ./syntax/cmd/syntaxtrain -shared ../shared -out syntax/data/model.gz
//
// With the default flags it reproduces the shipped model byte for byte.
package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"kg/syntax"
)

func main() {
	shared := flag.String("shared", "../shared", "the shared data folder, with corpus/ud, corpus/reuters21578.jsonl.gz, corpus/bbc and corpus/conll2003")
	out := flag.String("out", "", "write the model here")
	noUnlabeled := flag.Bool("no-unlabeled", false, "train without word clusters")
	var o syntax.TrainOptions
	flag.IntVar(&o.TaggerEpochs, "tagger-epochs", 0, "tagger epochs (0 = default)")
	flag.IntVar(&o.ParserEpochs, "parser-epochs", 0, "parser epochs (0 = default)")
	flag.IntVar(&o.Folds, "folds", 0, "jackknife folds (0 = default)")
	flag.Parse()
	o.Log = os.Stderr
	corpus := filepath.Join(*shared, "corpus")
	train, err := readCoNLLU(filepath.Join(corpus, "ud", "en_ewt-ud-train.conllu"))
	check(err)
	dev, err := readCoNLLU(filepath.Join(corpus, "ud", "en_ewt-ud-dev.conllu"))
	check(err)
	if !*noUnlabeled {
		o.Unlabeled, err = unlabeled(corpus)
		check(err)
		log.Printf("%d unlabeled texts", len(o.Unlabeled))
	}
	start := time.Now()
	m, err := syntax.Train(context.Background(), train, dev, o)
	check(err)
	log.Printf("trained in %v", time.Since(start).Round(time.Second))
	start = time.Now()
	f := syntax.Evaluate(m, dev)
	log.Printf("dev: %v (%.0f words/s)", f, float64(f.Words)/time.Since(start).Seconds())
	if *out != "" {
		w, err := os.Create(*out)
		check(err)
		check(m.Save(w))
		check(w.Close())
	}
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func readCoNLLU(path string) ([]syntax.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return syntax.ReadCoNLLU(f)
}

// unlabeled returns the texts of Reuters-21578 (bodies), the BBC articles
// and the CoNLL-2003 training sentences, in a fixed order.
func unlabeled(corpus string) ([]string, error) {
	var texts []string
	f, err := os.Open(filepath.Join(corpus, "reuters21578.jsonl.gz"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(zr)
	for {
		var doc struct{ Body string }
		if err := dec.Decode(&doc); err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		texts = append(texts, doc.Body)
	}
	files, err := filepath.Glob(filepath.Join(corpus, "bbc", "*", "*.txt"))
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		texts = append(texts, string(b))
	}
	c, err := os.Open(filepath.Join(corpus, "conll2003", "train.txt"))
	if err != nil {
		return nil, err
	}
	defer c.Close()
	sc := bufio.NewScanner(c)
	var sent []string
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

var _ = fmt.Sprint
