package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestServeAcceptance runs kg serve in-process on a free loopback port over
// the seed articles (issue 6's acceptance: the v1 Gizmo endpoint answers
// Kim Jong Un; GET / serves the explorer), then stops it as Ctrl-C does:
// exit status 0.
func TestServeAcceptance(t *testing.T) {
	db := seedStore(t)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, strings.NewReader(""), io.Discard, &stderr)
	}()
	addr := regexp.MustCompile(`on (http://127\.0\.0\.1:\d+)/`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addr.FindStringSubmatch(stderr.String()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		t.Fatalf("kg serve did not report its address:\n%s", stderr.String())
	}

	q := `g.V().Has("<name>","Vladimir Putin").Out("<meet>").Out("<name>").All()`
	res, err := http.Post(base+"/api/v1/query/gizmo", "text/plain", strings.NewReader(q))
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ Result []map[string]any }
	err = json.NewDecoder(res.Body).Decode(&got)
	res.Body.Close()
	if err != nil || len(got.Result) == 0 || got.Result[0]["id"] != "Kim Jong Un" {
		t.Errorf("POST /api/v1/query/gizmo %s: %v %+v, want Kim Jong Un", q, err, got)
	}
	res, err = http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(page), "kg explorer") {
		t.Errorf("GET /: %d, want the explorer", res.StatusCode)
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("kg serve after Ctrl-C: exit status %d, want 0\n%s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("kg serve did not stop after its context was cancelled")
	}
}
