package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kg/ingest"
)

func TestProgressLine(t *testing.T) {
	p := newProgress(new(bytes.Buffer), true)
	c := ingest.Counts{Read: 250, Words: 50000, Entities: 900, Facts: 120, Failed: 1}
	tests := []struct {
		name    string
		total   int
		stalled time.Duration
		want    string
	}{
		{"total unknown", -1, 0, "kg: 250 documents, 5000 words/s, 900 entities, 120 facts, 1 error"},
		{"with ETA", 1000, time.Second, "kg: 250/1000 documents, 5000 words/s, 900 entities, 120 facts, 1 error, 30s left"},
		{"stalled", -1, 45 * time.Second, "kg: 250 documents, 5000 words/s, 900 entities, 120 facts, 1 error, nothing finished for 45s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p.setTotal(tt.total)
			if got := p.line(c, 10*time.Second, tt.stalled); got != tt.want {
				t.Errorf("line = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestProgressRedraws(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, true)
	p.show(ingest.Counts{Read: 1})
	p.printf("kg: message\n")
	p.show(ingest.Counts{Read: 2})
	if out := buf.String(); !strings.Contains(out, "\r\x1b[Kkg: message\n\rkg: 2 documents") {
		t.Errorf("a message does not clear the status line first: %q", out)
	}
	buf.Reset()
	quiet := newProgress(&buf, false)
	quiet.show(ingest.Counts{Read: 1})
	quiet.printf("summary\n")
	if buf.String() != "summary\n" {
		t.Errorf("not on a terminal: %q, want only the messages", buf.String())
	}
}

// TestProgressStall holds that a run that stops finishing inputs says so:
// off a terminal, a warning line after stallAfter, again after twice as
// long, and none while the counts move.
func TestProgressStall(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, false)
	now := p.start
	p.now = func() time.Time { return now }
	c := ingest.Counts{Read: 3, Stored: 2}
	step := func(d time.Duration) {
		now = now.Add(d)
		p.show(c)
	}
	step(time.Second) // the counts moved: from 0 to 5
	step(stallAfter - time.Second)
	if buf.Len() != 0 {
		t.Fatalf("warned before stallAfter: %q", buf.String())
	}
	step(2 * time.Second)
	if !strings.Contains(buf.String(), "kg: warning: no input finished for 31s (3 documents read, 2 written, 0 failed so far)") {
		t.Fatalf("no stall warning after %s: %q", stallAfter+time.Second, buf.String())
	}
	buf.Reset()
	step(10 * time.Second)
	if buf.Len() != 0 {
		t.Errorf("warned again too soon: %q", buf.String())
	}
	step(stallAfter)
	if !strings.Contains(buf.String(), "no input finished for 1m11s") {
		t.Errorf("no second warning after twice as long: %q", buf.String())
	}
	buf.Reset()
	c.Stored++
	step(time.Second)
	step(stallAfter - 2*time.Second)
	if buf.Len() != 0 {
		t.Errorf("warned although the counts moved: %q", buf.String())
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
}
