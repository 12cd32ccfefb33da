package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"kg/graph"

	"kg/internal/testkit"
)

// reuters is the Reuters-21578 corpus in ../shared/corpus, beside the
// repository.
var reuters = filepath.Join(testkit.SharedRoot(), "corpus", "reuters21578.jsonl.gz")

// corpus writes n articles to a JSON Lines file in dir and returns its path:
// the first n articles of Reuters-21578 when ../shared/corpus is there, else
// generated ones. When badEvery > 0, every badEvery-th line is a record
// that is not JSON (kg reports it by its line, after the commit of its
// batch).
func corpus(t *testing.T, dir string, n, badEvery int) string {
	t.Helper()
	var lines []string
	if f, err := os.Open(reuters); err == nil {
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(zr)
		sc.Buffer(nil, 16<<20)
		for len(lines) < n && sc.Scan() {
			lines = append(lines, sc.Text())
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	} else {
		t.Logf("Reuters-21578 not found (%v): generated articles", err)
		for i := range n {
			lines = append(lines, generatedArticle(i))
		}
	}
	var b strings.Builder
	for i, l := range lines {
		if badEvery > 0 && i > 0 && i%badEvery == 0 {
			b.WriteString("{not json\n")
		}
		b.WriteString(l + "\n")
	}
	path := filepath.Join(dir, "corpus.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// generatedArticle is a short news-like article: people, companies and
// places that recur across articles, so that entities merge.
func generatedArticle(i int) string {
	people := []string{"Anna Berg", "Tomas Keller", "Maria Lopez", "John Smith", "Li Wei", "Omar Haddad", "Sara Novak"}
	orgs := []string{"Acme Motors", "Northwind Bank", "Globex Corp", "the United Nations", "Initech"}
	places := []string{"Paris", "Berlin", "Madrid", "Seoul", "Cairo", "Lima"}
	p, q := people[i%len(people)], people[(i*3+1)%len(people)]
	o, c := orgs[i%len(orgs)], places[(i/2)%len(places)]
	text := fmt.Sprintf("%s met %s in %s on Monday, officials said.\n\n"+
		"%s, the chief executive of %s, said the company would sell %d trucks to the government of %s. "+
		"\"This is a good day for %s,\" %s said. Shares of %s rose %d percent in trading number %d.",
		p, q, c, q, o, 10+i, c, c, q, o, i%9+1, i)
	return fmt.Sprintf(`{"id": "gen-%d", "title": "Talks in %s, report %d", "date": "2023-09-%02d", "text": %q}`, i, c, i, i%28+1, text)
}

// exports returns the N-Quads and JSON Lines exports of the store at db.
func exports(t *testing.T, db string) (nquads, jsonl string) {
	t.Helper()
	return mustKG(t, "export", "--db", db, "--format", "nquads").stdout,
		mustKG(t, "export", "--db", db, "--format", "jsonl").stdout
}

// withoutSummary drops the last line (the summary, with its timing).
func withoutSummary(stderr string) string {
	s := strings.TrimSuffix(stderr, "\n")
	return s[:strings.LastIndexByte(s, '\n')+1]
}

func TestBuildWorkersSameStore(t *testing.T) {
	dir := t.TempDir()
	in := corpus(t, dir, 300, 0)
	testdata := filepath.Join("..", "..", "testdata")
	var dumps, records, stderrs []string
	for _, args := range [][]string{
		{"--workers", "1"},
		{"--workers", "4", "--batch", "7"},
	} {
		db := filepath.Join(t.TempDir(), "kg.db")
		r := mustKG(t, append(append([]string{"build", "--db", db}, args...), testdata, in)...)
		if !strings.Contains(r.stderr, "305 documents read") {
			t.Fatalf("build %v: summary %q", args, r.stderr[strings.LastIndexByte(strings.TrimSuffix(r.stderr, "\n"), '\n')+1:])
		}
		if strings.ContainsAny(r.stderr, "\r\x1b") {
			t.Errorf("build %v drew a progress line on a non-terminal", args)
		}
		n, j := exports(t, db)
		dumps, records, stderrs = append(dumps, n), append(records, j), append(stderrs, withoutSummary(r.stderr))
	}
	if dumps[0] != dumps[1] {
		t.Error("N-Quads export with 4 workers differs from 1 worker's")
	}
	if records[0] != records[1] {
		t.Error("jsonl export with 4 workers differs from 1 worker's")
	}
	if stderrs[0] != stderrs[1] {
		t.Errorf("messages with 4 workers differ from 1 worker's:\n%s\nwant\n%s", stderrs[1], stderrs[0])
	}
}

// kgBinary builds the kg command into a temporary directory.
func kgBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the kg binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "kg")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func TestBuildKilledResumes(t *testing.T) {
	bin := kgBinary(t)
	dir := t.TempDir()
	const every = 20 // a bad record every 20 lines: a message per batch of 20
	in := corpus(t, dir, 400, every)
	db := filepath.Join(dir, "killed.db")
	cmd := exec.Command(bin, "build", "--db", db, "--workers", "2", "--batch", fmt.Sprint(every), in)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// A bad record is reported once the batch holding it is committed:
	// kill the build after the second report.
	sc := bufio.NewScanner(stderr)
	committed := 0
	for committed < 2 && sc.Scan() {
		if strings.Contains(sc.Text(), "corpus.jsonl:") {
			committed++
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, stderr)
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("the build ended before it was killed (%v): make the corpus larger", err)
	}

	// The store opens, and running the same command again completes it.
	r := kg(t, "", "build", "--db", db, "--batch", fmt.Sprint(every), in)
	if r.code != 1 || strings.Contains(r.stderr, "panic") {
		t.Fatalf("build after kill: exit status %d, want 1 (bad records)\n%s", r.code, r.stderr)
	}
	summary := r.stderr[strings.LastIndexByte(strings.TrimSuffix(r.stderr, "\n"), '\n')+1:]
	var read, stored, present int
	if _, err := fmt.Sscanf(summary, "%d documents read: %d stored, %d already present", &read, &stored, &present); err != nil {
		t.Fatalf("summary %q: %v", summary, err)
	}
	if stored == 0 || present < 2*every-2 {
		t.Errorf("resumed build: %d stored, %d already present; want the documents of the first commits present and the rest stored", stored, present)
	}

	clean := filepath.Join(dir, "clean.db")
	kg(t, "", "build", "--db", clean, in)
	n1, j1 := exports(t, clean)
	n2, j2 := exports(t, db)
	if n1 != n2 {
		t.Error("N-Quads export of the killed and resumed build differs from a clean build's")
	}
	if j1 != j2 {
		t.Error("jsonl export of the killed and resumed build differs from a clean build's")
	}
}

func TestBuildStoreLocked(t *testing.T) {
	bin := kgBinary(t)
	db := tempDB(t)
	s, err := graph.Open(context.Background(), graph.Options{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "build", "--db", db, filepath.Join("..", "..", "testdata", "04_name_forms.txt"))
	cmd.Stderr = &stderr
	start := time.Now()
	err = cmd.Run()
	took := time.Since(start)
	if code := cmd.ProcessState.ExitCode(); code != 2 {
		t.Errorf("second writer: exit status %d (%v), want 2", code, err)
	}
	if want := "store is locked by another kg process"; !strings.Contains(stderr.String(), want) {
		t.Errorf("second writer: stderr %q, want it to say %q", stderr.String(), want)
	}
	if took > 3*time.Second {
		t.Errorf("second writer took %v to give up, want about a second", took)
	}
}

func TestBuildHostileInput(t *testing.T) {
	bin := kgBinary(t)
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	var long bytes.Buffer
	for long.Len() < 50<<20 {
		long.WriteString("the minister said that a company in Berlin will sell trucks to France and ")
	}
	bad := map[string]string{ // file → what its message says
		write("binary.bin", append([]byte("\x7fELF\x02\x01\x01\x00"), bytes.Repeat([]byte{0, 0xff, 3, 0x80}, 4096)...)): "binary",
		write("empty.txt", nil): "empty",
		write("furniture.txt", []byte("Send a link to a friend\n[to top of second column]\n|\nCopyright 2023 Reuters. All rights reserved.\n")): "no article text",
		write("long.txt", long.Bytes()): "too long",
		write("nested.html", []byte("<html><body>"+strings.Repeat("<div>", 100000)+"<p>Anna Berg met Tomas Keller in Paris.</p>"+strings.Repeat("</div>", 100000)+"</body></html>")): "html",
	}
	latin1 := write("latin1.txt", []byte("Caf\xe9 owner Jos\xe9 Mart\xednez met Mayor Anna Berg in Paris on Monday, officials said.\n"))
	goods := []string{latin1}
	for _, name := range []string{"01_lisbon_summit.txt", "03_drone_denial.txt"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		goods = append(goods, write(name, b))
	}

	db := filepath.Join(t.TempDir(), "kg.db")
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "build", "--db", db, dir)
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	peak := watchPeakRSS(cmd.Process.Pid)
	err := cmd.Wait()
	out := stderr.String()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Errorf("exit status %d (%v), want 1\n%s", code, err, out)
	}
	if strings.Contains(out, "panic") || strings.Contains(out, "goroutine ") {
		t.Fatalf("kg panicked:\n%s", out)
	}
	for path, what := range bad {
		if !strings.Contains(out, "kg: "+path+": ") || !strings.Contains(strings.SplitAfter(out, "kg: "+path+": ")[1], what) {
			t.Errorf("no message naming %s (%s):\n%s", path, what, out)
		}
	}
	if !strings.Contains(out, "kg: warning: "+latin1+": not valid UTF-8") {
		t.Errorf("no warning naming %s:\n%s", latin1, out)
	}
	want := fmt.Sprintf("%d documents read: %d stored, 0 already present, %d failed", len(goods), len(goods), len(bad))
	if !strings.Contains(out, want) {
		t.Errorf("summary: want %q in\n%s", want, out)
	}
	rss := <-peak
	t.Logf("peak RSS %d MiB", rss>>20)
	if rss > 768<<20 {
		t.Errorf("peak RSS %d MiB on a 50 MiB file, want at most 768 MiB", rss>>20)
	}
}

// watchPeakRSS reads the peak resident set size (VmHWM) of process pid
// until it ends, and then sends the last value read, in bytes (0 where there
// is no /proc). Rusage's Maxrss would not do: a child started by a Go
// program shares its memory until exec, and Linux keeps that peak.
func watchPeakRSS(pid int) <-chan int64 {
	out := make(chan int64, 1)
	go func() {
		var peak int64
		for {
			b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
			if err != nil {
				break
			}
			var kib int64
			for _, line := range strings.Split(string(b), "\n") {
				if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
					fmt.Sscan(rest, &kib)
				}
			}
			if kib == 0 { // a zombie: it has ended
				break
			}
			peak = max(peak, kib<<10)
			time.Sleep(5 * time.Millisecond)
		}
		out <- peak
	}()
	return out
}
