package graph

import (
	"context"
	"os"

	"github.com/boltdb/bolt"
	hkv "github.com/hidal-go/hidalgo/kv"
)

// Bolt's memory map and the resident set.
//
// Bolt reads the store through a read-only shared mapping of the whole
// file. Every page a transaction reads is faulted into it and stays in the
// process's resident set until bolt remaps the file, which it does only
// when the file outgrows the mapping (at most once per 1 GiB past the
// first gigabyte). A build reads pages all over the file: Cayley keeps
// the node values in 65,536 buckets keyed by hash, so each batch looks up
// and rewrites pages scattered through the store. The mapped pages so grew
// with the store, to about its size: on Reuters-21578 (a 1.1 GB file) they
// were two thirds of the build's 1.6 GB peak RSS, the Go heap the rest.
//
// So, as a write goes, the mapped pages are dropped from the resident set
// (madvise MADV_DONTNEED) whenever the file's pages in it pass
// mappedBudget. The data stays in the kernel's page cache (the mapping is
// of a file, read-only and shared: nothing is lost), and a page read again
// is mapped back by a minor fault, without touching the disk. Those faults
// are what a release costs, so it is done only above the budget, not on
// every write: until the store outgrows the budget nothing is dropped, and
// afterwards what a batch reads again soon after is mostly still mapped.
// One write transaction alone reads about half of a large store (each
// batch touches most of the hash buckets), so the write transaction looks
// too, every releaseCheckEvery pages it reads and writes (releasingTx); so
// do the long reads of Consolidate (Store.readQuads).
//
// This budget replaced a release every 16,384 reads and writes whatever
// the resident set: that one kept a Reuters-21578 build's peak RSS under
// 1 GB before Consolidate, but not Consolidate, whose reads ran outside
// any write transaction and whose one transaction read values of
// megabytes as one operation each.

// releaseCheckEvery is how many pages (a key, or a value's worth) a write
// transaction reads or writes between two looks at the resident set (a
// read of /proc/self/statm, a few microseconds): some ten times per batch.
// Between two looks the mapped pages grow by at most that many pages,
// 16 MiB.
const releaseCheckEvery = 1 << 12

// mappedBudget is how many bytes of file pages (bolt's mapped pages, and
// the program's own text) the resident set may hold before the mapped
// pages are dropped. With the Go heap under kg build's 512 MiB limit it
// keeps a Reuters-21578 build's peak RSS under 1 GB.
const mappedBudget = 256 << 20

// releaseIfOver drops the mapped pages of db (releaseMapped) when the
// resident set holds more than mappedBudget of file pages, or when that
// cannot be told.
func releaseIfOver(db *bolt.DB) error {
	if db == nil || !overBudget() {
		return nil
	}
	return releaseMapped(db)
}

// overBudget reports whether the resident file pages pass mappedBudget
// (true when they cannot be read).
func overBudget() bool {
	n := residentFileBytes()
	return n < 0 || n > mappedBudget
}

// releaseMapped drops the pages of db's memory map from the resident set
// (see above). It holds a read transaction meanwhile, so that bolt cannot
// remap the file under it. It is best effort: it does nothing where the
// system cannot (see mmap_other.go), and an error only means the pages
// stay resident.
func releaseMapped(db *bolt.DB) error {
	if db == nil {
		return nil
	}
	tx, err := db.Begin(false) // holds bolt's mmap lock until Rollback
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return dontNeed(db.Info().Data)
}

// releaseMappedInTx is releaseMapped for the goroutine of a write
// transaction before its commit: bolt remaps the file only in a write
// transaction's commit, and there is one writer, so the map cannot move
// (and a read transaction is not needed).
func releaseMappedInTx(db *bolt.DB) error {
	return dontNeed(db.Info().Data)
}

// releasingTx is a write transaction of the KV under Cayley that looks
// every releaseCheckEvery pages read or written whether the mapped pages
// are over budget, and releases them (releaseMappedInTx) if so. A key
// counts as a page, and a value as the pages it spans: Cayley keeps the
// quads of a node in one value per index, megabytes for a node as common
// as a class, and a Consolidate that deletes its quads reads such values
// over and over.
type releasingTx struct {
	hkv.Tx
	db    *bolt.DB
	pages int
}

// op counts n pages and releases the mapped pages when due.
func (tx *releasingTx) op(n int) {
	tx.pages += n
	if tx.pages >= releaseCheckEvery {
		tx.pages = 0
		if overBudget() {
			_ = releaseMappedInTx(tx.db) // best effort: on failure the pages only stay resident
		}
	}
}

// pagesOf is how many pages of the map a value of n bytes spans, at most.
func pagesOf(n int) int {
	return n / os.Getpagesize()
}

func (tx *releasingTx) Get(ctx context.Context, k hkv.Key) (hkv.Value, error) {
	tx.op(1)
	v, err := tx.Tx.Get(ctx, k)
	tx.op(pagesOf(len(v)))
	return v, err
}

// GetBatch reads keys releaseCheckEvery at a time: Cayley resolves all the
// nodes of a batch, and looks up all its index keys, in one call each.
func (tx *releasingTx) GetBatch(ctx context.Context, keys []hkv.Key) ([]hkv.Value, error) {
	out := make([]hkv.Value, 0, len(keys))
	for len(keys) > 0 {
		n := min(len(keys), releaseCheckEvery)
		tx.op(n)
		vals, err := tx.Tx.GetBatch(ctx, keys[:n])
		if err != nil {
			return nil, err
		}
		for _, v := range vals {
			tx.op(pagesOf(len(v)))
		}
		out = append(out, vals...)
		keys = keys[n:]
	}
	return out, nil
}

func (tx *releasingTx) Put(k hkv.Key, v hkv.Value) error {
	tx.op(1 + pagesOf(len(v)))
	return tx.Tx.Put(k, v)
}

// Commit drops the mapped pages first if they are over budget: bolt's
// commit copies every page the transaction changed out of the map (a page
// it read keeps its keys and values there), so the commit's own reads
// start from what the budget allows.
func (tx *releasingTx) Commit(ctx context.Context) error {
	if overBudget() {
		_ = releaseMappedInTx(tx.db) // best effort: on failure the pages only stay resident
	}
	return tx.Tx.Commit(ctx)
}

func (tx *releasingTx) Del(k hkv.Key) error {
	tx.op(1)
	return tx.Tx.Del(k)
}
