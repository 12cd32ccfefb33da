package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/boltdb/bolt"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
)

// Backend names understood by Open without any blank import.
const (
	BackendBolt     = "bolt"
	BackendMemstore = "memstore"
)

// MemoryPath is the Options.Path that selects an in-memory store.
const MemoryPath = ":memory:"

// boltLegacyFile is the file Cayley's own bolt backend keeps inside its
// directory; Open accepts such a directory too.
const boltLegacyFile = "indexes.bolt"

// lockTimeout is how long Open waits for another process's lock on a bolt file.
const lockTimeout = time.Second

// ErrOpen is wrapped by every error Open returns because the store cannot be
// opened or created (not a bolt file, a directory, no permission, locked).
var ErrOpen = errors.New("cannot open store")

// ErrReadOnly is returned by Write and Import on a store opened read-only.
var ErrReadOnly = errors.New("graph: store is read-only")

// Options select and configure the backend Open uses.
type Options struct {
	Backend  string // "bolt" (default), "memstore", "postgres"; others Cayley registers may work
	Path     string // bolt file path (":memory:" selects memstore); for postgres the connection URL
	ReadOnly bool   // open without writing; a missing store is then an error
}

// Store is a kg knowledge graph kept in a Cayley quad store. Its methods may
// be called from several goroutines; writes are serialised.
type Store struct {
	qs       cgraph.QuadStore
	totals   totals // the running totals, where the backend keeps them; nil: Stats scans
	readOnly bool
	path     string
	bolt     *bolt.DB // the bolt file, whose mapped pages apply releases (mmap.go); nil for other backends
	// mu serialises writes (Write, WriteBatch, Import: check, then write)
	// and keeps reads (HasDocument, EntitiesNamed, Query, Stats, Export, …)
	// from overlapping them. Bolt deadlocks when a write commit has to grow
	// its memory map while a reader holds a transaction and opens a second
	// one, as Cayley's iterators do: the commit waits for the reader, the
	// reader's second transaction waits behind the commit (a build stopped
	// that way: the resolver looked names up while a batch committed).
	mu sync.RWMutex

	// exclusive: this Store is the only writer of its store while open
	// (bolt, whose file it locks; memstore), so the registry it follows
	// stays the store's.
	exclusive bool
	// reg is the entity registry (registry.go) of the store, followed
	// through every WriteBatch since it was made: from an empty store, or
	// read by Consolidate. nil: not known; regChecked: WriteBatch looked
	// whether the store was empty.
	reg        *registry
	regChecked bool
	// quadsRead counts the quads Consolidate read since it last looked
	// at the mapped pages (readQuads).
	quadsRead int
}

// Open opens the store described by opts. For bolt, Path names the database
// file itself (e.g. "kg.db"); a directory laid out by Cayley's own bolt
// backend (holding indexes.bolt) is accepted too. A missing file is created
// and initialised unless opts.ReadOnly is set. Errors that concern the store
// itself wrap ErrOpen and name the path.
func Open(ctx context.Context, opts Options) (*Store, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	backend := opts.Backend
	if backend == "" {
		backend = BackendBolt
	}
	if opts.Path == MemoryPath {
		backend = BackendMemstore
	}
	var (
		qs  cgraph.QuadStore
		t   totals
		bdb *bolt.DB
		err error
	)
	switch backend {
	case BackendMemstore:
		qs = memstore.New()
	case BackendBolt:
		qs, t, bdb, err = openBolt(opts.Path, opts.ReadOnly)
	default:
		qs, err = openRegistered(backend, opts)
		if err == nil && backend == BackendPostgres {
			if t, err = newPGStore(opts.Path, !opts.ReadOnly); err != nil {
				qs.Close()
				err = fmt.Errorf("graph: %w %s (%s): %v", ErrOpen, redactURL(opts.Path), backend, err)
			}
		}
	}
	if err != nil {
		return nil, err
	}
	exclusive := backend == BackendMemstore || backend == BackendBolt
	return &Store{qs: qs, totals: t, readOnly: opts.ReadOnly, path: opts.Path, exclusive: exclusive, bolt: bdb}, nil
}

// openBolt opens (or creates) the bolt file at path with a lock timeout, and
// hands the KV to Cayley's kv quad store. Cayley's registered "bolt" backend
// takes a directory (DIR/indexes.bolt) and waits forever for a lock, so it is
// not used here.
//
// Cayley's bloom filters are turned off (kv.OptNoBloom): they are fixed
// at 100 M entries each (~80 MB apiece, one per index on a new store), and
// opening a store fills one by scanning every quad, so that every kg
// command on a corpus-sized store read the whole file at start and a build
// of Reuters-21578 peaked at 1.6 GB RSS. Without them a write checks the
// index for each quad instead; measured on 1,000 Reuters articles, the
// build is as fast (8.8 s either way) at a third of the memory.
//
// The bolt DB is returned too, for releasing its mapped pages after
// each write (see mmap.go).
//
// The KV is wrapped in a txHook, so that the running totals are written
// in the transactions of Cayley's ApplyDeltas (see counts.go).
//
// boltdb/bolt v1.3.1 works on Go 1.26, but its unsafe page casts trip the
// race detector's pointer checks (checkptr); run race tests with
// -gcflags=all=-d=checkptr=0.
func openBolt(path string, readOnly bool) (cgraph.QuadStore, totals, *bolt.DB, error) {
	if path == "" {
		return nil, nil, nil, fmt.Errorf("graph: %w: no bolt path given", ErrOpen)
	}
	file := path
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		file = filepath.Join(path, boltLegacyFile)
		if _, err := os.Stat(file); err != nil {
			return nil, nil, nil, fmt.Errorf("graph: %w %s: is a directory, not a kg store file", ErrOpen, path)
		}
	case errors.Is(err, os.ErrNotExist):
		if readOnly {
			return nil, nil, nil, fmt.Errorf("graph: %w %s: no store there (build one first)", ErrOpen, path)
		}
	case err != nil:
		return nil, nil, nil, fmt.Errorf("graph: %w %s: %v", ErrOpen, path, err)
	}
	bdb, err := hbolt.Open(file, &bolt.Options{Timeout: lockTimeout, ReadOnly: readOnly})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, nil, nil, fmt.Errorf("graph: %w %s: store is locked by another kg process", ErrOpen, path)
	} else if err != nil {
		return nil, nil, nil, fmt.Errorf("graph: %w %s: %v (is it a kg store?)", ErrOpen, path, err)
	}
	db := &txHook{KV: bdb, bolt: bdb.DB()}
	opt := cgraph.Options{kv.OptNoBloom: true}
	qs, err := kv.New(db, opt)
	if errors.Is(err, cgraph.ErrNotInitialized) && !readOnly {
		if err = kv.Init(db, opt); err == nil {
			qs, err = kv.New(db, opt)
		}
	}
	if err != nil {
		db.Close()
		return nil, nil, nil, fmt.Errorf("graph: %w %s: %v", ErrOpen, path, err)
	}
	indexes, err := kvIndexes(db)
	if err != nil {
		qs.Close()
		return nil, nil, nil, fmt.Errorf("graph: %w %s: %v", ErrOpen, path, err)
	}
	return newPlanner(qs, indexes), &kvTotals{db: db, hook: db}, bdb.DB(), nil
}

// kvIndexes reads the quad indexes a Cayley KV store keeps from its
// metadata, as Cayley's kv.New does: the key meta/indexes holds them as
// JSON; a store without it has the indexes of Cayley before v0.7.6.
func kvIndexes(db hkv.KV) ([]kv.QuadIndex, error) {
	var data []byte
	err := hkv.View(db, func(tx hkv.Tx) error {
		v, err := tx.Get(context.Background(), hkv.Key{[]byte("meta"), []byte("indexes")})
		data = v
		return err
	})
	if errors.Is(err, hkv.ErrNotFound) || (err == nil && len(data) == 0) {
		return []kv.QuadIndex{{Dirs: []quad.Direction{quad.Subject}}, {Dirs: []quad.Direction{quad.Object}}}, nil
	} else if err != nil {
		return nil, fmt.Errorf("read the quad indexes: %w", err)
	}
	var out []kv.QuadIndex
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("read the quad indexes: %w", err)
	}
	return out, nil
}

// openRegistered opens any other backend registered with Cayley (a program
// links it in with a blank import; postgres always is, see postgres.go),
// initialising it first when allowed: a database without kg's tables gets
// them. Errors name opts.Path without its password.
func openRegistered(backend string, opts Options) (cgraph.QuadStore, error) {
	where := redactURL(opts.Path)
	if !cgraph.IsRegistered(backend) {
		known := append([]string{BackendBolt}, cgraph.QuadStores()...)
		sort.Strings(known)
		return nil, fmt.Errorf("graph: %w %s: unknown backend %q (known: %s)", ErrOpen, where, backend, strings.Join(known, ", "))
	}
	if opts.Path == "" && cgraph.IsPersistent(backend) {
		return nil, fmt.Errorf("graph: %w: no address given for backend %s (--db)", ErrOpen, backend)
	}
	if !opts.ReadOnly && cgraph.IsPersistent(backend) {
		err := cgraph.InitQuadStore(backend, opts.Path, nil)
		if err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			return nil, fmt.Errorf("graph: %w %s (%s): %v", ErrOpen, where, backend, err)
		}
	}
	qs, err := cgraph.NewQuadStore(backend, opts.Path, nil)
	if err != nil {
		return nil, fmt.Errorf("graph: %w %s (%s): %v", ErrOpen, where, backend, err)
	}
	return qs, nil
}

// Close releases the store (and the bolt file lock).
func (s *Store) Close() error {
	err := s.qs.Close()
	if c, ok := s.totals.(io.Closer); ok {
		if cerr := c.Close(); err == nil {
			err = cerr
		}
	}
	return err
}
