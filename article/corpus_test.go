package article

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"kg/internal/testkit"
)

// readCorpus reads paths through a Reader and checks every document: a
// body, valid UTF-8, valid block offsets. It returns the documents' metadata
// and the file errors and warnings.
func readCorpus(t *testing.T, paths []string) (docs []*Document, errs []string, warnings []string) {
	t.Helper()
	r := NewReader(paths, nil, ReadOptions{Warn: func(path, msg string) {
		warnings = append(warnings, path+": "+msg)
	}})
	defer r.Close()
	for {
		doc, err := r.Next(context.Background())
		if err == io.EOF {
			return docs, errs, warnings
		}
		var fe *FileError
		if errors.As(err, &fe) {
			errs = append(errs, fe.Error())
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if doc.Body() == "" || !utf8.ValidString(doc.Text) {
			t.Errorf("%s: empty body or invalid UTF-8", doc.Meta.Source)
		}
		checkBlocks(t, doc)
		// Keep what the checks below need, not the text: memory stays small.
		docs = append(docs, &Document{Meta: doc.Meta})
	}
}

func readCorpusSkip(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("reads the whole shared corpus; skipped with -short")
	}
	testkit.Shared(t, "corpus")
}

// TestReadCorpusReuters reads all of Reuters-21578 through the JSON Lines reader.
func TestReadCorpusReuters(t *testing.T) {
	readCorpusSkip(t)
	t.Parallel()
	start := time.Now()
	docs, errs, warnings := readCorpus(t, []string{filepath.Join(filepath.Join(testkit.SharedRoot(), "corpus"), "reuters21578.jsonl.gz")})
	t.Logf("Reuters-21578: %d documents, %d errors, %d warnings in %.1f s", len(docs), len(errs), len(warnings), time.Since(start).Seconds())
	if len(docs) != 19043 || len(errs) != 0 || len(warnings) != 0 {
		t.Errorf("read %d documents, errors %q, warnings %q; want 19043, none, none", len(docs), readCorpusFirst(errs, 10), readCorpusFirst(warnings, 10))
	}
	iso := regexp.MustCompile(`^1987-\d{2}-\d{2}$`)
	bad := 0
	for _, d := range docs {
		m := d.Meta
		if !iso.MatchString(m.Date) || m.Title == "" || m.Publisher != "Reuters" || !strings.Contains(m.Source, "#") {
			if bad++; bad <= 10 {
				t.Errorf("%s: date %q, title %q, publisher %q", m.Source, m.Date, m.Title, m.Publisher)
			}
		}
	}
	if len(docs) > 0 {
		if m := docs[0].Meta; m.Title != "BAHIA COCOA REVIEW" || m.Date != "1987-02-26" || m.Dateline != "Salvador" {
			t.Errorf("first article: %+v", m)
		}
	}
}

// TestReadCorpusBBC reads all BBC articles through the text reader and counts
// the byte-identical files by document id.
func TestReadCorpusBBC(t *testing.T) {
	readCorpusSkip(t)
	t.Parallel()
	var paths []string
	for _, topic := range []string{"business", "entertainment", "politics", "sport", "tech"} {
		paths = append(paths, filepath.Join(filepath.Join(testkit.SharedRoot(), "corpus"), "bbc", topic))
	}
	start := time.Now()
	docs, errs, warnings := readCorpus(t, paths)
	t.Logf("BBC: %d documents, %d errors, %d warnings in %.1f s", len(docs), len(errs), len(warnings), time.Since(start).Seconds())
	if len(docs) != 2221 || len(errs) != 0 {
		t.Errorf("read %d documents, errors %q; want 2221, none", len(docs), readCorpusFirst(errs, 10))
	}
	wantWarn := filepath.Join(filepath.Join(testkit.SharedRoot(), "corpus"), "bbc", "sport", "199.txt") + ": not valid UTF-8: 1 byte decoded as Windows-1252"
	if len(warnings) != 1 || warnings[0] != wantWarn {
		t.Errorf("warnings %q, want [%q]", warnings, wantWarn)
	}

	// Byte-identical files have the same body, hence the same document id,
	// and are stored once. The id hashes the body only, so files that differ
	// in their title line or in white space share an id too: listed, not
	// counted.
	byID := map[string][]string{}
	for _, d := range docs {
		rel, _ := filepath.Rel(filepath.Join(filepath.Join(testkit.SharedRoot(), "corpus"), "bbc"), d.Meta.Source)
		byID[d.Meta.ID] = append(byID[d.Meta.ID], rel)
	}
	var identical, sameBody []string
	for _, names := range byID {
		if len(names) < 2 {
			continue
		}
		slices.Sort(names)
		if readCorpusSameBytes(t, names) {
			identical = append(identical, strings.Join(names, "="))
		} else {
			sameBody = append(sameBody, strings.Join(names, "="))
		}
	}
	slices.Sort(identical)
	slices.Sort(sameBody)
	t.Logf("BBC: %d byte-identical groups (one document id each): %s", len(identical), strings.Join(identical, " "))
	t.Logf("BBC: %d more groups with one body but different bytes (title or white space): %s", len(sameBody), strings.Join(sameBody, " "))
	if len(identical) != 98 {
		t.Errorf("%d byte-identical groups of files share a document id, want 98 pairs", len(identical))
	}
	for _, g := range identical {
		if strings.Count(g, "=") != 1 {
			t.Errorf("%s: more than a pair", g)
		}
	}
}

// readCorpusSameBytes reports whether the BBC files named hold the same
// bytes.
func readCorpusSameBytes(t *testing.T, names []string) bool {
	t.Helper()
	var first []byte
	for i, n := range names {
		b, err := os.ReadFile(filepath.Join(filepath.Join(testkit.SharedRoot(), "corpus"), "bbc", n))
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = b
		} else if !bytes.Equal(b, first) {
			return false
		}
	}
	return true
}

func readCorpusFirst(s []string, n int) []string { return s[:min(len(s), n)] }
