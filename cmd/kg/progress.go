package main

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"kg/ingest"
)

// stallAfter is how long a run may go without finishing any input before
// kg says so: on the status line, and off a terminal as a warning line
// (again after twice as long, and so on).
const stallAfter = 30 * time.Second

// progress writes a build's messages to stderr and, on a terminal, keeps a
// live status line below them. Its methods may be called from several
// goroutines.
type progress struct {
	w     io.Writer
	live  bool // draw the status line: w is a terminal
	start time.Time
	total atomic.Int64 // documents expected; 0 while unknown, -1 when unknowable

	now func() time.Time // the clock (tests set their own)

	mu    sync.Mutex
	shown bool // the status line is on screen
	// the last time the counts moved, what they were, and when a stall
	// was last reported (off a terminal)
	moved     time.Time
	last      int
	nextStall time.Duration
}

func newProgress(w io.Writer, live bool) *progress {
	now := time.Now()
	return &progress{w: w, live: live, start: now, now: time.Now, moved: now, nextStall: stallAfter}
}

// writesToTerminal reports whether w is a terminal (see isTerminal).
func writesToTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && isTerminal(f)
}

// setTotal sets the number of documents expected (-1: unknown).
func (p *progress) setTotal(n int) {
	if n == 0 {
		n = -1
	}
	p.total.Store(int64(n))
}

// printf writes a message, above the status line when there is one.
func (p *progress) printf(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	fmt.Fprintf(p.w, format, args...)
}

// clear removes the status line; p.mu is held.
func (p *progress) clear() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// show redraws the status line with the counts of a run (on a terminal),
// and says so when nothing has moved for stallAfter or more.
func (p *progress) show(c ingest.Counts) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if n := c.Read + c.Stored + c.Present + c.Failed; n != p.last {
		p.last, p.moved, p.nextStall = n, now, stallAfter
	}
	stalled := now.Sub(p.moved)
	if !p.live {
		if stalled >= p.nextStall {
			fmt.Fprintf(p.w, "kg: warning: no input finished for %s (%d documents read, %d written, %d failed so far); still waiting\n",
				stalled.Round(time.Second), c.Read, c.Stored+c.Present, c.Failed)
			p.nextStall *= 2
		}
		return
	}
	fmt.Fprintf(p.w, "\r%s\x1b[K", p.line(c, now.Sub(p.start), stalled))
	p.shown = true
}

// line formats the status line: "kg: 1200/19043 documents, 21500 words/s,
// 3400 entities, 800 facts, 2 errors, 2m10s left", and ", nothing finished
// for 45s" when stalled is stallAfter or more.
func (p *progress) line(c ingest.Counts, elapsed, stalled time.Duration) string {
	var b strings.Builder
	total := p.total.Load()
	fmt.Fprintf(&b, "kg: %d", c.Read)
	if total > 0 {
		fmt.Fprintf(&b, "/%d", total)
	}
	secs := elapsed.Seconds()
	fmt.Fprintf(&b, " documents, %.0f words/s, %d entities, %d facts, %s", float64(c.Words)/max(secs, 0.001), c.Entities, c.Facts, plural(c.Failed, "error"))
	if total > 0 && c.Read > 0 && int64(c.Read) < total {
		left := time.Duration(float64(elapsed) * float64(total-int64(c.Read)) / float64(c.Read))
		fmt.Fprintf(&b, ", %s left", left.Round(time.Second))
	}
	if stalled >= stallAfter {
		fmt.Fprintf(&b, ", nothing finished for %s", stalled.Round(time.Second))
	}
	return b.String()
}

// countDocuments estimates how many documents paths hold, cheaply: a file
// is one document, a JSON Lines file (by name or format) one per non-blank
// line. It returns -1 when it cannot tell (standard input).
func countDocuments(paths []string, format string) int {
	n := 0
	for _, p := range paths {
		if p == "-" {
			return -1
		}
		_ = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return nil
			case path != p && strings.HasPrefix(d.Name(), "."):
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			case d.IsDir():
				return nil
			}
			n += countFile(path, format)
			return nil
		})
	}
	return n
}

// countFile is the number of documents in one file: its non-blank lines for
// JSON Lines, else 1.
func countFile(path, format string) int {
	name := strings.TrimSuffix(strings.ToLower(path), ".gz")
	ext := filepath.Ext(name)
	if format != "jsonl" && (format != "" || (ext != ".jsonl" && ext != ".ndjson")) {
		return 1
	}
	f, err := os.Open(path)
	if err != nil {
		return 1
	}
	defer f.Close()
	var r io.Reader = bufio.NewReaderSize(f, 64<<10)
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return 1
		}
		r = zr
	}
	n, blank := 0, true
	buf := make([]byte, 64<<10)
	for {
		k, err := r.Read(buf)
		for _, c := range buf[:k] {
			switch {
			case c == '\n':
				if !blank {
					n++
				}
				blank = true
			case c != ' ' && c != '\t' && c != '\r':
				blank = false
			}
		}
		if err != nil {
			break
		}
	}
	if !blank {
		n++
	}
	return n
}
