// Command neardups lists the near-duplicate pairs of a corpus, read and
// cleaned as kg build reads it, and the closest pairs below the threshold:
// what the thresholds of package dedup were measured with.
//
//	go run ./scripts/neardups ../shared/corpus/bbc ../shared/corpus/reuters21578.jsonl.gz
//
// Each PATH is one set (a file or a directory). Per set it prints the
// histogram of similarities of the pairs sharing an LSH band, then one line
// per pair, the most similar first: a mark ("DUP " a near-duplicate, "date"
// or "keys" a pair similar enough that its dates or its key tokens keep
// apart, blank for the 15 closest pairs below dedup.DuplicateThreshold),
// the similarity, the agreement of numbers and names (shared/fewer, "-"
// when either has none), and both documents with their titles; last, the
// greatest similarity of 20,000 random pairs.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"kg/article"
	"kg/dedup"
	"kg/schema"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: neardups PATH...")
		os.Exit(2)
	}
	for _, path := range os.Args[1:] {
		if err := list(os.Stdout, path); err != nil {
			fmt.Fprintln(os.Stderr, "neardups:", err)
			os.Exit(1)
		}
	}
}

// doc is one cleaned article of a set.
type doc struct {
	name, title string
	d           *article.Document
}

// pair is two articles sharing an LSH band.
type pair struct {
	a, b  doc
	sim   float64
	close bool // dates close (dedup.DatesClose)
	keys  bool // key tokens agree (dedup.KeysAgree)
}

// list prints the pairs of the set at path.
func list(w io.Writer, path string) error {
	docs, err := read(path)
	if err != nil {
		return err
	}
	pairs := bandPairs(docs)
	var hist [11]int
	for _, p := range pairs {
		hist[int(p.sim*10)]++
	}
	fmt.Fprintf(w, "%s: %d documents, %d pairs sharing a band; by similarity 0.0–0.1 … 1.0: %v\n", path, len(docs), len(pairs), hist)
	below, count := 0, map[string]int{}
	for _, p := range pairs {
		mark := "DUP "
		switch {
		case p.sim < dedup.DuplicateThreshold:
			mark = "    "
		case !p.close:
			mark = "date"
		case !p.keys:
			mark = "keys"
		}
		count[mark]++
		if mark == "    " {
			if below++; below > 15 {
				continue
			}
		}
		fmt.Fprintf(w, "%s%.3f %s %s  %s %q  ~  %s %q\n", mark, p.sim, keyShare(p, numbersOf), keyShare(p, namesOf),
			p.a.name, p.a.title, p.b.name, p.b.title)
	}
	fmt.Fprintf(w, "%s: %d near-duplicate pairs; kept apart by their dates %d, by their key tokens %d\n",
		path, count["DUP "], count["date"], count["keys"])
	rng := rand.New(rand.NewPCG(1, 2))
	var most float64
	for range 20000 {
		a, b := docs[rng.IntN(len(docs))], docs[rng.IntN(len(docs))]
		if a.d.Meta.ID != b.d.Meta.ID {
			most = max(most, dedup.Similarity(a.d.Meta.Signature, b.d.Meta.Signature))
		}
	}
	fmt.Fprintf(w, "%s: greatest similarity of 20,000 random pairs: %.3f\n", path, most)
	return nil
}

// read reads every article under path with the readers kg uses.
func read(path string) ([]doc, error) {
	r := article.NewReader([]string{path}, nil, article.ReadOptions{})
	defer r.Close()
	var docs []doc
	for {
		d, err := r.Next(context.Background())
		if errors.Is(err, io.EOF) {
			break
		}
		var ferr *article.FileError
		if errors.As(err, &ferr) {
			fmt.Fprintln(os.Stderr, "neardups:", err)
			continue
		}
		if err != nil {
			return nil, err
		}
		name := strings.TrimPrefix(filepath.ToSlash(d.Meta.Source), filepath.ToSlash(path)+"/")
		docs = append(docs, doc{name, d.Meta.Title, d})
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("%s: no documents", path)
	}
	return docs, nil
}

// bandPairs returns every pair of documents with different ids that share
// an LSH band, the most similar first.
func bandPairs(docs []doc) []pair {
	var (
		idx   dedup.Index
		byID  = make(map[string]doc)
		pairs []pair
	)
	for _, d := range docs {
		id := d.d.Meta.ID
		if _, dup := byID[id]; dup {
			continue // byte-identical (after normalization): one document
		}
		for _, m := range idx.Candidates(id, d.d.Meta.Signature) {
			o := byID[m.ID]
			pairs = append(pairs, pair{o, d, m.Similarity, dedup.DatesClose(d.d.Meta.Date, m.Date),
				dedup.KeysAgree(o.d.Meta.Signature, d.d.Meta.Signature)})
		}
		byID[id] = d
		idx.Add(id, d.d.Meta.Date, d.d.Meta.Signature)
	}
	slices.SortFunc(pairs, func(x, y pair) int {
		if x.sim != y.sim {
			if x.sim > y.sim {
				return -1
			}
			return 1
		}
		return strings.Compare(x.a.name+x.b.name, y.a.name+y.b.name)
	})
	return pairs
}

func namesOf(s schema.Signature) []uint32   { n, _ := s.Keys(); return n }
func numbersOf(s schema.Signature) []uint32 { _, n := s.Keys(); return n }

// keyShare formats the agreement of one kind of key tokens of a pair.
func keyShare(p pair, kind func(schema.Signature) []uint32) string {
	a, b := kind(p.a.d.Meta.Signature), kind(p.b.d.Meta.Signature)
	if len(a) == 0 || len(b) == 0 {
		return "  -  "
	}
	shared, fewer := dedup.KeyOverlap(a, b)
	return fmt.Sprintf("%2d/%-2d", shared, fewer)
}
