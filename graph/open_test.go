package graph

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, []byte(strings.Repeat("not a bolt file\n", 512)), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		opts Options
		want string // in the message, besides the path
	}{
		{"directory", Options{Path: dir}, "is a directory"},
		{"garbage file", Options{Path: garbage}, "is it a kg store"},
		{"missing read-only", Options{Path: filepath.Join(dir, "missing.db"), ReadOnly: true}, "no store there"},
		{"unknown backend", Options{Backend: "nosuch", Path: "x"}, "unknown backend"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Open(context.Background(), tt.opts)
			if err == nil {
				s.Close()
				t.Fatal("no error")
			}
			if !errors.Is(err, ErrOpen) {
				t.Errorf("error %q does not wrap ErrOpen", err)
			}
			if !strings.Contains(err.Error(), tt.opts.Path) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q: want the path %q and %q", err, tt.opts.Path, tt.want)
			}
		})
	}
}

// TestOpenLocked opens a bolt file twice: the second Open waits for the
// lock (one second) and then reports it.
func TestOpenLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kg.db")
	mustOpen(t, Options{Path: path})
	s, err := Open(context.Background(), Options{Path: path})
	if err == nil {
		s.Close()
		t.Fatal("second Open of a locked store: no error")
	}
	if !errors.Is(err, ErrOpen) || !strings.Contains(err.Error(), "locked by another kg process") {
		t.Errorf("error %q: want ErrOpen and a lock message", err)
	}
}

// TestOpenCayleyDirectory opens a store laid out by Cayley's own bolt backend.
func TestOpenCayleyDirectory(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, Options{Path: filepath.Join(dir, "indexes.bolt")})
	writeAll(t, s, fixture()[:1])
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(context.Background(), Options{Path: dir, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if ok, err := s2.HasDocument(context.Background(), doc1); !ok || err != nil {
		t.Errorf("HasDocument = %v, %v", ok, err)
	}
}

func TestOpenPostgresUnreachable(t *testing.T) {
	url := "postgres://kg:s3cret@127.0.0.1:1/kg?sslmode=disable"
	_, err := Open(context.Background(), Options{Backend: BackendPostgres, Path: url})
	if !errors.Is(err, ErrOpen) {
		t.Fatalf("Open(unreachable server) = %v; want ErrOpen", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "127.0.0.1:1") || strings.Contains(msg, "s3cret") {
		t.Errorf("error %q should name the server but not the password", msg)
	}
	if _, err := Open(context.Background(), Options{Backend: BackendPostgres}); !errors.Is(err, ErrOpen) {
		t.Errorf("Open(postgres, no URL) = %v; want ErrOpen", err)
	}
}
