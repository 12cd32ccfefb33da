package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"kg/article"
	"kg/extract"
	"kg/graph"
	"kg/schema"
)

// Limits bound one write transaction. A zero field takes its default.
type Limits struct {
	Documents int           // items (documents and failures) per batch (default 256)
	Quads     int           // quads per batch, as graph.EstimateQuads counts them (default 40,000)
	Delay     time.Duration // the longest an extracted document waits for its commit (default 2 s)
}

// Defaults: a bolt commit costs an fsync (~7 ms) plus the pages it
// rewrites, so a few hundred short articles (~80 quads each) per
// transaction take the commit cost out of the profile; 40,000 quads is
// about a second of bolt's write time, the most a kill can lose.
const (
	DefaultDocuments = 256
	DefaultQuads     = 40000
	DefaultDelay     = 2 * time.Second
)

func (l Limits) withDefaults() Limits {
	if l.Documents <= 0 {
		l.Documents = DefaultDocuments
	}
	if l.Quads <= 0 {
		l.Quads = DefaultQuads
	}
	if l.Delay <= 0 {
		l.Delay = DefaultDelay
	}
	return l
}

// Options are the settings of Run; the zero value reads the paths with one
// worker and the default limits, reporting nothing.
type Options struct {
	Format  string    // input format: txt, html or jsonl ("": by each file's extension, else sniffed)
	Stdin   io.Reader // what "-" reads
	Workers int       // extraction goroutines (default runtime.NumCPU())
	Limits  Limits

	// Report, when set, is called once per input, in input order, after
	// its batch is committed (or at once for an input that failed), from
	// one goroutine at a time.
	Report func(Result)
	// Progress, when set, is called about every ProgressInterval with the
	// counts so far, from a goroutine of its own: it goes on being called
	// when the run makes no progress, so a caller can tell a stall.
	Progress func(Counts)
}

// ProgressInterval is how often Options.Progress is called (at most).
const ProgressInterval = 250 * time.Millisecond

// windowPerWorker is how many items per worker may be between the reader
// and the writer: enough to keep every worker busy while one is on a long
// document.
const windowPerWorker = 16

// Result is what happened to one input.
type Result struct {
	Source     string   // where it came from: the file (or "-"), for messages
	Document   string   // its document id; "" when it could not be read
	Warnings   []string // the reader's warnings about it, each "PATH: message"
	Err        error    // why it failed: an *article.FileError (unreadable), or an extraction error; nil otherwise
	Skipped    bool     // already in the store: nothing written
	Duplicates []string // ids of the stored documents it is a near-duplicate of
}

// Counts are what a Run did so far.
type Counts struct {
	Read       int   // documents read
	Words      int64 // words of their cleaned texts
	Stored     int   // documents written
	Present    int   // documents already in the store, skipped
	Failed     int   // inputs that could not be read or extracted
	Duplicates int   // near-duplicate links made
	Entities   int   // entities extracted (per document, before merging)
	Facts      int   // relations extracted (per document, before merging)
	Merged     int   // entity nodes the run's Consolidate joined into others
	Dissolved  int   // nodes named only by a generic word that it removed
}

// Run reads paths (files, directories, "-"; see article.NewReader),
// extracts every document with x on opts.Workers goroutines and writes
// them to store in input order, many per transaction; at the end of the
// input it joins the nodes that name one entity across documents
// (graph.Store.Consolidate), so the store does not depend on the order of
// the inputs. It returns the counts and nil at the end of the input,
// ctx.Err() when interrupted (after committing the batch being collected;
// the entities are joined by the next run), or an error that stopped the
// run (the store failed). Inputs that cannot be read or extracted are
// reported and counted, and the run goes on.
//
// The pipeline:
//
//	reader ──jobs──► N extraction workers ──results──► orderer ──ordered──► writer ──batches──► committer ──► Consolidate
//	(1 goroutine)     (share one Extractor)             (reorder buffer)     (collects batches)   (one transaction each)  (at the end)
//
// The reader numbers every input it meets and takes a token from the
// window before reading the next one; the writer gives the token back when
// the item reaches it, in input order. So at most the window's items are
// read but not yet written, however slow one document is, and memory is
// bounded by the window plus two batches, not by the size of the input.
// Writing in input order makes the store independent of the number of
// workers: a near-duplicate links to the earlier document, as in a
// sequential run; entity names and classes are Consolidate's, from sums
// over all documents.
func Run(ctx context.Context, store *graph.Store, x *extract.Extractor, paths []string, opts Options) (Counts, error) {
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	l := &loop{store: store, x: x, opts: opts, limits: opts.Limits.withDefaults()}
	if opts.Progress != nil {
		done, stopped := make(chan struct{}), make(chan struct{})
		go func() { l.watch(done); close(stopped) }()
		defer func() { close(done); <-stopped }()
	}
	err := l.run(ctx, paths)
	if err == nil {
		var res graph.ConsolidateResult
		if res, err = store.Consolidate(ctx); err == nil {
			l.count(func(n *Counts) { n.Merged, n.Dissolved = res.Merged, res.Dissolved })
		}
	}
	return l.counts(), err
}

// watch calls Options.Progress every ProgressInterval until done is closed.
func (l *loop) watch(done <-chan struct{}) {
	tick := time.NewTicker(ProgressInterval)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			l.opts.Progress(l.counts())
		case <-done:
			return
		}
	}
}

// item is one input of a run, numbered in input order.
type item struct {
	seq      int
	doc      *article.Document  // the document read, or nil
	ferr     *article.FileError // or why an input could not be read
	warnings []string           // the reader's warnings about it
	ex       *schema.Extraction // set by a worker
	err      error              // extraction failed
	words    int                // words of doc's text
}

// loop is one Run.
type loop struct {
	store  *graph.Store
	x      *extract.Extractor
	opts   Options
	limits Limits

	mu sync.Mutex // guards n
	n  Counts

	// the batch being collected (by the writer only)
	batch []*item
	quads int       // its size, as graph.EstimateQuads counts it
	since time.Time // when its first item arrived
}

// run is Run.
func (l *loop) run(ctx context.Context, paths []string) (err error) {
	workers := l.opts.Workers
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
		readErr = l.read(pctx, paths, window, jobs)
	}()
	var ws sync.WaitGroup
	for range workers {
		ws.Add(1)
		go func() { // extraction worker
			defer ws.Done()
			for it := range jobs {
				if it.doc != nil {
					it.words = countWords(it.doc.Text)
					it.ex, it.err = extractSafely(pctx, l.x, it.doc)
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
	return l.write(ctx, ordered, window, cancel)
}

// read reads the documents of paths into jobs, numbering the items, until
// the end of the input or cancellation. It takes a token from window for
// every item. The reader's warnings go with the item they are about.
func (l *loop) read(ctx context.Context, paths []string, window chan<- struct{}, jobs chan<- *item) error {
	var warnings []string
	r := article.NewReader(paths, l.opts.Stdin, article.ReadOptions{
		Format: l.opts.Format,
		Warn: func(path, msg string) {
			warnings = append(warnings, path+": "+msg)
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
		var ferr *article.FileError
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
func extractSafely(ctx context.Context, x *extract.Extractor, d *article.Document) (ex *schema.Extraction, err error) {
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
func (l *loop) write(ctx context.Context, ordered <-chan *item, window <-chan struct{}, stop func()) error {
	commits := make(chan []*item, 1)
	committed := make(chan error)
	go func() {
		var err error
		for batch := range commits {
			if err == nil {
				if err = l.commit(ctx, batch); err != nil {
					stop()
				}
			}
		}
		committed <- err
	}()
	finish := func(err error) error {
		if len(l.batch) > 0 {
			commits <- l.batch
		}
		close(commits)
		return errors.Join(<-committed, err)
	}
	tick := time.NewTicker(ProgressInterval)
	defer tick.Stop()
	for {
		select {
		case it, ok := <-ordered:
			if !ok {
				return finish(ctx.Err())
			}
			<-window
			l.add(it)
			if len(l.batch) >= l.limits.Documents || l.quads >= l.limits.Quads {
				commits <- l.batch
				l.batch, l.quads = nil, 0
			}
		case <-tick.C:
			if len(l.batch) > 0 && time.Since(l.since) >= l.limits.Delay {
				commits <- l.batch
				l.batch, l.quads = nil, 0
			}
		case <-ctx.Done():
			return finish(ctx.Err())
		}
	}
}

// add puts an item in the batch being collected.
func (l *loop) add(it *item) {
	if len(l.batch) == 0 {
		l.since = time.Now()
	}
	l.batch = append(l.batch, it)
	if it.ex != nil {
		l.quads += graph.EstimateQuads(it.ex)
	}
	l.count(func(n *Counts) {
		if it.doc != nil {
			n.Read++
			n.Words += int64(it.words)
		}
		if it.ferr != nil || it.err != nil {
			n.Failed++
		}
		if it.ex != nil {
			n.Entities += len(it.ex.Entities)
			n.Facts += len(it.ex.Relations)
		}
	})
}

// commit writes a batch in one transaction, even when ctx is done (the
// documents are extracted already, and a transaction is all or nothing),
// and reports its items in order.
func (l *loop) commit(ctx context.Context, batch []*item) error {
	ctx = context.WithoutCancel(ctx)
	var xs []*schema.Extraction
	for _, it := range batch {
		if it.ex != nil {
			xs = append(xs, it.ex)
		}
	}
	res, err := l.store.WriteBatch(ctx, xs)
	if err != nil {
		return fmt.Errorf("%s: store: %w", Source(firstDoc(batch)), err)
	}
	for _, it := range batch {
		r := Result{Warnings: it.warnings}
		switch {
		case it.ferr != nil:
			r.Source, r.Err = it.ferr.Path, it.ferr
		case it.err != nil:
			r.Source, r.Document, r.Err = Source(it.doc), it.doc.Meta.ID, it.err
		default:
			w := res[0]
			res = res[1:]
			r.Source, r.Document, r.Skipped, r.Duplicates = Source(it.doc), w.Document, w.Skipped, w.Duplicates
			l.count(func(n *Counts) {
				if w.Skipped {
					n.Present++
				} else {
					n.Stored++
					n.Duplicates += len(w.Duplicates)
				}
			})
		}
		if l.opts.Report != nil {
			l.opts.Report(r)
		}
	}
	return nil
}

// count updates the counts.
func (l *loop) count(f func(*Counts)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f(&l.n)
}

// counts returns the counts so far.
func (l *loop) counts() Counts {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.n
}

// Source names a document in messages: the file (or "-") it came from, or
// its id.
func Source(d *article.Document) string {
	if d.Meta.Source != "" {
		return d.Meta.Source
	}
	return "document " + d.Meta.ID
}

// firstDoc is the first extracted document of batch, for naming a failed write.
func firstDoc(batch []*item) *article.Document {
	for _, it := range batch {
		if it.ex != nil {
			return it.doc
		}
	}
	return &article.Document{}
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
