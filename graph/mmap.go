package graph

import (
	"context"

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
// So after each write, releaseMapped drops the mapped pages from the
// resident set (madvise MADV_DONTNEED). The data stays in the kernel's
// page cache (the mapping is of a file, read-only and shared: nothing is
// lost), and a page read again is mapped back by a minor fault, without
// touching the disk. One write transaction alone reads about half of a
// large store, though (each batch touches most of the hash buckets), so
// the write transaction drops the pages too, every releaseEvery reads and
// writes (releasingTx). What stays resident is what those operations read.

// releaseEvery is how many KV operations (a key each) a write transaction
// makes between two releases of the mapped pages: about 10 per quad, so a
// few times per batch; each release costs well under a millisecond, the
// minor faults to map back what is read again a little more.
const releaseEvery = 1 << 14

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

// releasingTx is a write transaction of the KV under Cayley that releases
// the mapped pages (releaseMappedInTx) every releaseEvery operations.
type releasingTx struct {
	hkv.Tx
	db  *bolt.DB
	ops int
}

// op counts n operations and releases the mapped pages when due.
func (tx *releasingTx) op(n int) {
	tx.ops += n
	if tx.ops >= releaseEvery {
		tx.ops = 0
		_ = releaseMappedInTx(tx.db) // best effort: on failure the pages only stay resident
	}
}

func (tx *releasingTx) Get(ctx context.Context, k hkv.Key) (hkv.Value, error) {
	tx.op(1)
	return tx.Tx.Get(ctx, k)
}

// GetBatch reads keys releaseEvery at a time: Cayley resolves all the
// nodes of a batch, and looks up all its index keys, in one call each.
func (tx *releasingTx) GetBatch(ctx context.Context, keys []hkv.Key) ([]hkv.Value, error) {
	if len(keys) <= releaseEvery {
		tx.op(len(keys))
		return tx.Tx.GetBatch(ctx, keys)
	}
	out := make([]hkv.Value, 0, len(keys))
	for len(keys) > 0 {
		n := min(len(keys), releaseEvery)
		tx.op(n)
		vals, err := tx.Tx.GetBatch(ctx, keys[:n])
		if err != nil {
			return nil, err
		}
		out = append(out, vals...)
		keys = keys[n:]
	}
	return out, nil
}

func (tx *releasingTx) Put(k hkv.Key, v hkv.Value) error {
	tx.op(1)
	return tx.Tx.Put(k, v)
}

func (tx *releasingTx) Del(k hkv.Key) error {
	tx.op(1)
	return tx.Tx.Del(k)
}
