package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"kg/extract"
	"kg/graph"
	"kg/schema"
)

// The ingest pipeline of kg build:
//
//	reader ──jobs──► N extraction workers ──results──► orderer ──ordered──► writer
//	(1 goroutine)     (share one Extractor)             (reorder buffer)     (the caller; batches)
//
// The reader numbers every input it meets (a document, or a file or record
// that cannot be read) and takes a token from the window before reading
// the next one; the writer gives the token back when the item reaches it, in
// input order. So at most window items are read but not yet written,
// however slow one document is, and memory is bounded by the window plus one
// batch, not by the size of the input. The writer adds items to a batch and
// writes it in one transaction (graph.Store.WriteBatch) when it reaches
// batchLimits, and reports each item, in input order, after the commit.
// Writing in input order makes the store independent of the number of
// workers: the first document naming an entity gives it its <name>, and a
// near-duplicate links to the earlier document, as in a sequential run.

// batchLimits bound one write transaction.
type batchLimits struct {
	documents int           // items (documents and failures) per batch
	quads     int           // quads per batch, as graph.EstimateQuads counts them
	delay     time.Duration // the longest an extracted document waits for its commit
}

// defaultBatch: a bolt commit costs an fsync (~7 ms) plus the pages it
// rewrites, so a few hundred short articles (~80 quads each) per
// transaction take the commit cost out of the profile; 40,000 quads is
// about a second of bolt's write time, the most a kill can lose.
var defaultBatch = batchLimits{documents: 256, quads: 40000, delay: 2 * time.Second}

// windowPerWorker is how many items per worker may be between the reader
// and the writer: enough to keep every worker busy while one is on a long
// document.
const windowPerWorker = 16

// item is one input of a build, numbered in input order.
type item struct {
	seq      int
	doc      *extract.Document  // the document read, or nil
	ferr     *extract.FileError // or why an input could not be read
	warnings []string           // the reader's warnings about it
	ex       *schema.Extraction // set by a worker
	err      error              // extraction failed
	words    int                // words of doc's text
}

// builder writes the documents of one kg build run.
type builder struct {
	store  *graph.Store
	x      *extract.Extractor
	prog   *progress
	limits batchLimits

	mu              sync.Mutex  // guards n, entities and facts
	n               buildCounts // what happened so far
	entities, facts int         // extracted, for the progress line

	// entities named so far in this run, for cross-document resolution
	// (by the writer only, in input order, so the result does not depend
	// on how many workers extract)
	known *runKnown

	// the batch being collected (by the writer only)
	batch []*item
	quads int       // its size, as graph.EstimateQuads counts it
	since time.Time // when its first item arrived
}

// run reads paths (see extract.NewReader) to the end with workers
// extraction goroutines and writes what they extract. It returns nil at the end of the input, ctx.Err() when
// interrupted (after committing the batch being collected), or an error
// that stops the run (the store failed, the options are wrong).
func (b *builder) run(ctx context.Context, paths []string, format string, stdin io.Reader, workers int) (err error) {
	pctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	window := make(chan struct{}, windowPerWorker*workers)
	jobs := make(chan *item, workers)
	results := make(chan *item, workers)
	ordered := make(chan *item)
	var readErr error

	wg.Add(1)
	go func() { // reader
		defer wg.Done()
		defer close(jobs)
		readErr = readItems(pctx, paths, format, stdin, window, jobs)
	}()
	var ws sync.WaitGroup
	for range workers {
		ws.Add(1)
		go func() { // extraction worker
			defer ws.Done()
			for it := range jobs {
				if it.doc != nil {
					it.words = countWords(it.doc.Text)
					it.ex, it.err = extractSafely(pctx, b.x, it.doc)
					if pctx.Err() != nil {
						return // interrupted: not a failure of the document
					}
				}
				select {
				case results <- it:
				case <-pctx.Done():
					return
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		ws.Wait()
		close(results)
	}()
	wg.Add(1)
	go func() { // orderer
		defer wg.Done()
		defer close(ordered)
		reorder(pctx, results, ordered)
	}()
	defer func() {
		cancel()
		for range ordered { // let the orderer finish
		}
		wg.Wait()
		if err == nil && readErr != nil && !errors.Is(readErr, context.Canceled) {
			err = readErr
		}
	}()
	return b.write(ctx, ordered, window, cancel)
}

// readItems reads the documents of paths into jobs, numbering the items,
// until the end of the input or cancellation. It takes a token from window
// for every item. The reader's warnings go with the item they are about.
func readItems(ctx context.Context, paths []string, format string, stdin io.Reader, window chan<- struct{}, jobs chan<- *item) error {
	var warnings []string
	r := extract.NewReader(paths, stdin, extract.ReadOptions{
		Format: format,
		Warn: func(path, msg string) {
			warnings = append(warnings, fmt.Sprintf("kg: warning: %s: %s", path, msg))
		},
	})
	defer r.Close()
	for seq := 0; ; seq++ {
		select {
		case window <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		d, err := r.Next(ctx)
		it := &item{seq: seq, doc: d, warnings: warnings}
		warnings = nil
		var ferr *extract.FileError
		switch {
		case errors.Is(err, io.EOF):
			return nil
		case errors.As(err, &ferr):
			it.ferr = ferr
		case err != nil:
			return err
		}
		select {
		case jobs <- it:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// reorder passes the items of results on to ordered in input order.
func reorder(ctx context.Context, results <-chan *item, ordered chan<- *item) {
	held := map[int]*item{}
	next := 0
	for it := range results {
		held[it.seq] = it
		for {
			it, ok := held[next]
			if !ok {
				break
			}
			delete(held, next)
			next++
			select {
			case ordered <- it:
			case <-ctx.Done():
				return
			}
		}
	}
}

// extractSafely is x.Extract, with a panic on one document turned into an
// error about it, so that one hostile input cannot end the run.
func extractSafely(ctx context.Context, x *extract.Extractor, d *extract.Document) (ex *schema.Extraction, err error) {
	defer func() {
		if r := recover(); r != nil {
			ex, err = nil, fmt.Errorf("extraction failed (internal error, please report it): %v", r)
		}
	}()
	return x.Extract(ctx, d)
}

// write is the writer. It collects the items of ordered, in input order,
// into batches and hands each to a committer goroutine, which writes it in
// one transaction and reports its items; meanwhile the next batch is
// collected (and the window refilled), so extraction does not wait for
// commits. It returns when ordered is closed, ctx is done (after committing
// what was collected) or a commit failed (stop is then called).
func (b *builder) write(ctx context.Context, ordered <-chan *item, window <-chan struct{}, stop func()) error {
	commits := make(chan []*item, 1)
	committed := make(chan error)
	go func() {
		var err error
		for batch := range commits {
			if err == nil {
				if err = b.commit(ctx, batch); err != nil {
					stop()
				}
			}
		}
		committed <- err
	}()
	finish := func(err error) error {
		if len(b.batch) > 0 {
			commits <- b.batch
		}
		close(commits)
		return errors.Join(<-committed, err)
	}
	tick := time.NewTicker(progressInterval)
	defer tick.Stop()
	for {
		select {
		case it, ok := <-ordered:
			if !ok {
				return finish(ctx.Err())
			}
			<-window
			b.add(it)
			if len(b.batch) >= b.limits.documents || b.quads >= b.limits.quads {
				commits <- b.batch
				b.batch, b.quads = nil, 0
			}
		case <-tick.C:
			if len(b.batch) > 0 && time.Since(b.since) >= b.limits.delay {
				commits <- b.batch
				b.batch, b.quads = nil, 0
			}
			b.prog.show(b.status())
		case <-ctx.Done():
			return finish(ctx.Err())
		}
	}
}

// add puts an item in the batch being collected.
func (b *builder) add(it *item) {
	if len(b.batch) == 0 {
		b.since = time.Now()
	}
	if it.ex != nil && b.known != nil {
		if err := extract.Resolve(context.Background(), it.ex, b.known); err != nil {
			it.ex, it.err = nil, err
		} else {
			b.known.add(it.ex.Entities)
		}
	}
	b.batch = append(b.batch, it)
	if it.ex != nil {
		b.quads += graph.EstimateQuads(it.ex)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if it.doc != nil {
		b.n.read++
		b.n.words += int64(it.words)
	}
	if it.ferr != nil || it.err != nil {
		b.n.failed++
	}
	if it.ex != nil {
		b.entities += len(it.ex.Entities)
		b.facts += len(it.ex.Relations)
	}
}

// commit writes a batch in one transaction, even when ctx is done (the
// documents are extracted already, and a transaction is all or nothing),
// and reports its items in order.
func (b *builder) commit(ctx context.Context, batch []*item) error {
	ctx = context.WithoutCancel(ctx)
	var xs []*schema.Extraction
	for _, it := range batch {
		if it.ex != nil {
			xs = append(xs, it.ex)
		}
	}
	res, err := b.store.WriteBatch(ctx, xs)
	if err != nil {
		return fmt.Errorf("%s: store: %w", source(firstDoc(batch)), err)
	}
	for _, it := range batch {
		for _, w := range it.warnings {
			b.prog.printf("%s\n", w)
		}
		switch {
		case it.ferr != nil:
			b.prog.printf("kg: %v\n", &extract.FileError{Path: it.ferr.Path, Line: it.ferr.Line, Err: reason(it.ferr.Err)})
		case it.err != nil:
			b.prog.printf("kg: %s: %v\n", source(it.doc), it.err)
		default:
			b.report(ctx, it, res[0])
			res = res[1:]
		}
	}
	return nil
}

// report tells what WriteBatch did with one document.
func (b *builder) report(ctx context.Context, it *item, res graph.WriteResult) {
	if res.Skipped {
		b.count(func(n *buildCounts) { n.present++ })
		b.prog.printf("kg: %s: already present (document %s), skipped\n", source(it.doc), res.Document)
		return
	}
	b.count(func(n *buildCounts) { n.stored++; n.duplicates += len(res.Duplicates) })
	for _, dup := range res.Duplicates {
		title, _ := b.store.DocumentTitle(ctx, dup) // only for the message
		b.prog.printf("kg: %s: near-duplicate of document %s (%s)\n", source(it.doc), dup, title)
	}
}

// count updates the counts.
func (b *builder) count(f func(*buildCounts)) {
	b.mu.Lock()
	defer b.mu.Unlock()
	f(&b.n)
}

// counts returns the counts so far.
func (b *builder) counts() buildCounts {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.n
}

// firstDoc is the first extracted document of batch, for naming a failed write.
func firstDoc(batch []*item) *extract.Document {
	for _, it := range batch {
		if it.ex != nil {
			return it.doc
		}
	}
	return &extract.Document{}
}

// status is what the progress line shows.
func (b *builder) status() status {
	b.mu.Lock()
	defer b.mu.Unlock()
	return status{documents: b.n.read, words: b.n.words, entities: b.entities, facts: b.facts, errors: b.n.failed}
}

// countWords counts the runs of non-space characters of text.
func countWords(text string) int {
	n, in := 0, false
	for i := 0; i < len(text); i++ {
		space := text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// runKnown answers extract.Resolve from the store and from the entities of
// the documents this run has passed to the writer already (stored or still
// in a batch being written).
type runKnown struct {
	store *graph.Store
	seen  map[string][]schema.Entity // class + "\x00" + name or alias
}

var _ extract.Known = (*runKnown)(nil)

func newRunKnown(store *graph.Store) *runKnown {
	return &runKnown{store: store, seen: map[string][]schema.Entity{}}
}

// EntitiesNamed returns the entities of class c named or aliased name, from
// the store and from this run, each once.
func (k *runKnown) EntitiesNamed(ctx context.Context, c schema.Class, name string) ([]schema.Entity, error) {
	out, err := k.store.EntitiesNamed(ctx, c, name)
	if err != nil {
		return nil, err
	}
	for _, e := range k.seen[string(c)+"\x00"+name] {
		dup := false
		for _, o := range out {
			dup = dup || o.ID == e.ID
		}
		if !dup {
			out = append(out, e)
		}
	}
	return out, nil
}

// add records the entities of one document.
func (k *runKnown) add(ents []schema.Entity) {
	for _, e := range ents {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			key := string(e.Class) + "\x00" + n
			have := false
			for _, o := range k.seen[key] {
				have = have || o.ID == e.ID
			}
			if !have {
				k.seen[key] = append(k.seen[key], schema.Entity{ID: e.ID, Name: e.Name, Class: e.Class})
			}
		}
	}
}
