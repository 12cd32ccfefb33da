package graph

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"kg/schema"
)

// TestReadsDuringWrites reads a bolt store (name lookups, as the build's
// resolver does) while batches are written to it, as kg build does with
// its writer and committer. Without the store's read/write lock this
// deadlocks within a few batches: a commit that grows bolt's memory map
// waits for an open read transaction, whose reader waits to open a second
// one behind the commit (Cayley's iterators open one per lookup). Every
// batch must commit; a stall fails the test instead of hanging it.
func TestReadsDuringWrites(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t, Options{Path: filepath.Join(t.TempDir(), "kg.db")})
	writeAll(t, s, fixture())
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() { // readers
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := s.EntitiesNamed(ctx, schema.Person, "Putin"); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	defer func() { close(stop); wg.Wait() }()
	for i := range 60 {
		var xs []*schema.Extraction
		for j := range 5 {
			xs = append(xs, asDocument(fixture()[0], fmt.Sprintf("doc%d-%d", i, j)))
		}
		done := make(chan error, 1)
		go func() { _, err := s.WriteBatch(ctx, xs); done <- err }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(30 * time.Second):
			// the readers and the commit are deadlocked: nothing can end them,
			// not even closing the store, so end the test binary loudly
			panic(fmt.Sprintf("batch %d did not commit in 30 s while the store was read: the build stalls", i))
		}
	}
}

// asDocument returns x as a document of its own: new document and entity ids,
// so that every batch adds quads and bolt's file grows.
func asDocument(x *schema.Extraction, id string) *schema.Extraction {
	y := *x
	y.Document.ID = id
	y.Entities = append([]schema.Entity(nil), x.Entities...)
	for k := range y.Entities {
		y.Entities[k].ID += "_" + id
	}
	y.Relations = append([]schema.Relation(nil), x.Relations...)
	for k := range y.Relations {
		r := &y.Relations[k]
		r.SubjectID += "_" + id
		r.Evidence = []schema.Evidence{{Document: id, Sentence: r.Evidence[0].Sentence, Start: r.Evidence[0].Start, End: r.Evidence[0].End}}
	}
	y.Quotes = nil
	return &y
}
