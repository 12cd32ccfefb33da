package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestProgressLine(t *testing.T) {
	p := newProgress(new(bytes.Buffer), true)
	s := status{documents: 250, words: 50000, entities: 900, facts: 120, errors: 1}
	tests := []struct {
		name  string
		total int
		want  string
	}{
		{"total unknown", -1, "kg: 250 documents, 5000 words/s, 900 entities, 120 facts, 1 error"},
		{"with ETA", 1000, "kg: 250/1000 documents, 5000 words/s, 900 entities, 120 facts, 1 error, 30s left"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p.setTotal(tt.total)
			if got := p.line(s, 10*time.Second); got != tt.want {
				t.Errorf("line = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestProgressRedraws(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, true)
	p.show(status{documents: 1})
	p.printf("kg: message\n")
	p.show(status{documents: 2})
	if out := buf.String(); !strings.Contains(out, "\r\x1b[Kkg: message\n\rkg: 2 documents") {
		t.Errorf("a message does not clear the status line first: %q", out)
	}
	buf.Reset()
	quiet := newProgress(&buf, false)
	quiet.show(status{documents: 1})
	quiet.printf("summary\n")
	if buf.String() != "summary\n" {
		t.Errorf("not on a terminal: %q, want only the messages", buf.String())
	}
}

func TestCountDocuments(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "one article")
	write(".hidden.txt", "skipped")
	write("b.jsonl", "{}\n\n{}\n{}")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("{}\n{}\n"))
	zw.Close()
	write("c.jsonl.gz", gz.String())
	if got := countDocuments([]string{dir}, ""); got != 6 {
		t.Errorf("countDocuments = %d, want 6", got)
	}
	if got := countDocuments([]string{dir, "-"}, ""); got != -1 {
		t.Errorf("countDocuments with stdin = %d, want -1", got)
	}
	if got := countWords(" two  words\n"); got != 2 {
		t.Errorf("countWords = %d", got)
	}
}
