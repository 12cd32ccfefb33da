package graph

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// Writing to PostgreSQL.
//
// Cayley's SQL backend writes a batch with one INSERT statement per node
// and one per quad, each a round trip to the server: about 2.7 k quads/s
// building Reuters articles into a local server, of which most of the
// time was spent in those round trips (and the rest in the per-document
// look-ups before them). pgStore writes the same rows — the same nodes
// (Cayley's csql.NodeValues encoding, refs counted as Cayley counts them:
// once per occurrence in the batch) and the same quads (ts = now()) — with
// a few multi-row INSERT statements in one transaction, so that Cayley
// reads them as its own; and it counts, from the rows each statement
// returns, what the batch really added, to update the running totals in
// the same transaction: exact, also with several writers at once.

// pgCountsTable holds a PostgreSQL store's running totals: one row, id 1.
const pgCountsTable = `CREATE TABLE IF NOT EXISTS kg_counts (
	id INT PRIMARY KEY CHECK (id = 1),
	documents BIGINT NOT NULL, persons BIGINT NOT NULL, organizations BIGINT NOT NULL,
	places BIGINT NOT NULL, statements BIGINT NOT NULL, facts BIGINT NOT NULL,
	quotes BIGINT NOT NULL, quads BIGINT NOT NULL, nodes BIGINT NOT NULL
)`

// pgColumns are the columns of kg_counts after id, in this order.
var pgColumns = []string{"documents", "persons", "organizations", "places", "statements", "facts", "quotes", "quads", "nodes"}

// fields returns pointers to the fields of c in the order of pgColumns.
func (c *counts) fields() []*int64 {
	return []*int64{&c.Documents, &c.Persons, &c.Organizations, &c.Places, &c.Statements, &c.Facts, &c.Quotes, &c.Quads, &c.Nodes}
}

// pgMaxParams bounds the parameters of one statement (PostgreSQL's
// protocol allows 65535).
const pgMaxParams = 60000

// pgStore is kg's own SQL on a PostgreSQL store, beside Cayley's, through
// a connection pool of its own: it writes batches, keeps the running
// totals in kg_counts, and reads what WriteBatch needs about a batch
// (postgres_read.go).
type pgStore struct {
	db        *sql.DB
	maxParams int                             // parameters per statement: pgMaxParams (tests: fewer)
	classes   map[string]func(*counts) *int64 // class node hash → its total
	edgeCount string                          // hash of <edge_count>
}

var _ totals = (*pgStore)(nil)

// newPGStore connects to the database at url; a writable store gets the
// kg_counts table when it has none.
func newPGStore(url string, writable bool) (*pgStore, error) {
	db, err := sql.Open("postgres", url)
	if err != nil {
		return nil, err
	}
	if writable {
		if _, err := db.Exec(pgCountsTable); err != nil {
			db.Close()
			return nil, fmt.Errorf("create table kg_counts: %w", err)
		}
	}
	t := &pgStore{db: db, maxParams: pgMaxParams, classes: make(map[string]func(*counts) *int64), edgeCount: hashKey(iriEdgeCount)}
	for _, cc := range classCounts {
		t.classes[hashKey(cc.class)] = cc.field
	}
	return t, nil
}

// hashKey is the hash of v as the database keeps it, as a map key.
func hashKey(v quad.Value) string {
	h := cgraph.HashOf(v)
	return string(h[:])
}

func (t *pgStore) Close() error { return t.db.Close() }

func (t *pgStore) read(ctx context.Context) (counts, bool, bool, error) {
	var c counts
	row := t.db.QueryRowContext(ctx, `SELECT `+strings.Join(pgColumns, ", ")+` FROM kg_counts WHERE id = 1`)
	var dst []any
	for _, f := range c.fields() {
		dst = append(dst, f)
	}
	err := row.Scan(dst...)
	var pe *pq.Error
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return c, false, false, nil
	case errors.As(err, &pe) && pe.Code == "42P01": // undefined_table: a store written before kg kept totals, opened read-only
		return c, false, false, nil
	case err != nil:
		return c, false, false, fmt.Errorf("read the counts: %w", err)
	}
	return c, true, true, nil
}

// exact is true: add counts what the database says it inserted.
func (t *pgStore) exact() bool { return true }

func (t *pgStore) set(ctx context.Context, s *Store, c *counts) error {
	if c == nil {
		_, err := t.db.ExecContext(ctx, `DELETE FROM kg_counts`)
		return err
	}
	args := []any{1}
	for _, f := range c.fields() {
		args = append(args, *f)
	}
	_, err := t.db.ExecContext(ctx, `INSERT INTO kg_counts (id, `+strings.Join(pgColumns, ", ")+`) VALUES (`+placeholders(1, len(args))+`)
		ON CONFLICT (id) DO UPDATE SET `+setExcluded(pgColumns), args...)
	return err
}

// change runs Consolidate's rewrite (write: Cayley's ApplyDeltas, a
// transaction of its own, which kg cannot join as bolt's totals do), then
// counts the totals from the tables in a transaction of kg's: c, what
// Consolidate computed, does not hold the nodes and quads as PostgreSQL
// counts them, and add's totals are exact. A writer that adds a batch
// between the two is counted with the tables.
func (t *pgStore) change(ctx context.Context, s *Store, _ *counts, write func() error) error {
	if err := write(); err != nil {
		return err
	}
	tx, err := t.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	all, err := t.scan(ctx, tx)
	if err != nil {
		return err
	}
	args := []any{1}
	for _, f := range all.fields() {
		args = append(args, *f)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO kg_counts (id, `+strings.Join(pgColumns, ", ")+`) VALUES (`+placeholders(1, len(args))+`)
		ON CONFLICT (id) DO UPDATE SET `+setExcluded(pgColumns), args...); err != nil {
		return fmt.Errorf("write the counts: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// add writes quads in one transaction: their nodes, the quads, and the
// totals plus what the two statements report they inserted (a store
// without totals is counted inside the transaction first).
func (t *pgStore) add(ctx context.Context, s *Store, quads []quad.Quad) error {
	d := graphlog.InsertQuads(quads)
	tx, err := t.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	newNodes, err := insertNodes(ctx, tx, d.IncNode, t.maxParams)
	if err != nil {
		return err
	}
	added, err := insertQuads(ctx, tx, d.QuadAdd, t.maxParams)
	if err != nil {
		return err
	}
	inc := counts{Nodes: newNodes, Quads: int64(len(added))}
	byHash := make(map[string]quad.Quad, len(d.QuadAdd))
	for _, u := range d.QuadAdd {
		byHash[quadKey(u.Quad)] = quads[u.Ind]
	}
	for _, k := range added {
		q := byHash[k]
		if f := t.classes[k[2*len(cgraph.ValueHash{}):3*len(cgraph.ValueHash{})]]; f != nil {
			*f(&inc)++
		}
		if n, ok := q.Object.(quad.Int); ok && q.Predicate == iriEdgeCount {
			inc.Facts += int64(n)
		}
	}
	if err := t.count(ctx, tx, inc); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	// Cayley caches the table sizes it counted until its own next write:
	// an empty write of its own makes it count again.
	return s.qs.ApplyDeltas(nil, cgraph.IgnoreOpts{})
}

// count adds inc to the totals in tx; totals that are missing are counted
// from the tables first (in tx: with this batch), and a concurrent writer
// that created them meanwhile gets inc added to its.
func (t *pgStore) count(ctx context.Context, tx *sql.Tx, inc counts) error {
	sets := make([]string, len(pgColumns))
	args := make([]any, 0, 2*len(pgColumns))
	for i, f := range inc.fields() {
		sets[i] = fmt.Sprintf("%s = kg_counts.%s + $%d", pgColumns[i], pgColumns[i], i+1)
		args = append(args, *f)
	}
	res, err := tx.ExecContext(ctx, `UPDATE kg_counts SET `+strings.Join(sets, ", ")+` WHERE id = 1`, args...)
	if err != nil {
		return fmt.Errorf("update the counts: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	all, err := t.scan(ctx, tx)
	if err != nil {
		return err
	}
	for _, f := range all.fields() {
		args = append(args, *f)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO kg_counts (id, `+strings.Join(pgColumns, ", ")+`) VALUES (1, `+
		placeholders(len(pgColumns)+1, len(pgColumns))+`) ON CONFLICT (id) DO UPDATE SET `+strings.Join(sets, ", "), args...)
	if err != nil {
		return fmt.Errorf("create the counts: %w", err)
	}
	return nil
}

// scan counts the totals from the tables, as Store.scanCounts does through
// Cayley: class sizes are the quads with the class as object; facts the
// sum of the <edge_count> values.
func (t *pgStore) scan(ctx context.Context, tx *sql.Tx) (counts, error) {
	var c counts
	var sel []string
	var args []any
	for _, cc := range classCounts {
		args = append(args, []byte(hashKey(cc.class)))
		sel = append(sel, fmt.Sprintf("(SELECT COUNT(*) FROM quads WHERE object_hash = $%d)", len(args)))
	}
	args = append(args, []byte(t.edgeCount))
	sel = append(sel, fmt.Sprintf(`(SELECT COALESCE(SUM(n.value_int), 0) FROM quads q JOIN nodes n ON n.hash = q.object_hash WHERE q.predicate_hash = $%d)`, len(args)),
		"(SELECT COUNT(*) FROM quads)", "(SELECT COUNT(*) FROM nodes)")
	dst := make([]any, 0, len(sel))
	for _, cc := range classCounts {
		dst = append(dst, cc.field(&c))
	}
	dst = append(dst, &c.Facts, &c.Quads, &c.Nodes)
	if err := tx.QueryRowContext(ctx, "SELECT "+strings.Join(sel, ", "), args...).Scan(dst...); err != nil {
		return c, fmt.Errorf("count the tables: %w", err)
	}
	return c, nil
}

// insertNodes inserts or references the nodes of a batch as Cayley's
// postgres RunTx does (refs += occurrences), with one statement per value
// type and chunk, and returns how many nodes are new.
func insertNodes(ctx context.Context, tx *sql.Tx, nodes []graphlog.NodeUpdate, maxParams int) (int64, error) {
	type row struct{ values []any }
	groups := make(map[csql.ValueType][]row)
	var types []csql.ValueType
	for _, n := range nodes {
		typ, values, err := csql.NodeValues(csql.NodeHash{ValueHash: n.Hash}, n.Val)
		if err != nil {
			return 0, fmt.Errorf("encode node %v: %w", n.Val, err)
		}
		if _, ok := groups[typ]; !ok {
			types = append(types, typ)
		}
		groups[typ] = append(groups[typ], row{append([]any{n.RefInc}, values...)})
	}
	slices.Sort(types)
	var fresh int64
	for _, typ := range types {
		rows := groups[typ]
		width := len(rows[0].values)
		head := `INSERT INTO nodes (refs, hash, ` + strings.Join(typ.Columns(), ", ") + `) VALUES `
		for len(rows) > 0 {
			n := min(len(rows), max(1, maxParams/width))
			var b strings.Builder
			b.WriteString(head)
			args := make([]any, 0, n*width)
			for i, r := range rows[:n] {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString("(" + placeholders(len(args)+1, width) + ")")
				args = append(args, r.values...)
			}
			b.WriteString(` ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs RETURNING (xmax = 0)`)
			res, err := tx.QueryContext(ctx, b.String(), args...)
			if err != nil {
				return 0, fmt.Errorf("insert %d nodes: %w", n, err)
			}
			for res.Next() {
				var inserted bool
				if err := res.Scan(&inserted); err != nil {
					res.Close()
					return 0, err
				}
				if inserted {
					fresh++
				}
			}
			if err := res.Err(); err != nil {
				return 0, fmt.Errorf("insert %d nodes: %w", n, err)
			}
			rows = rows[n:]
		}
	}
	return fresh, nil
}

// insertQuads inserts the quads of a batch (those stored already are
// passed over, as Cayley's IgnoreDup does) in hash order, so that
// concurrent writers take their locks in one order, and returns the keys
// (quadKey) of those inserted.
func insertQuads(ctx context.Context, tx *sql.Tx, quads []graphlog.QuadUpdate, maxParams int) ([]string, error) {
	keys := make([]string, len(quads))
	for i, u := range quads {
		keys[i] = quadKey(u.Quad)
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	var added []string
	const width = 4
	for len(keys) > 0 {
		n := min(len(keys), max(1, maxParams/width))
		var b strings.Builder
		b.WriteString(`INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts) VALUES `)
		args := make([]any, 0, n*width)
		for i, k := range keys[:n] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(" + placeholders(len(args)+1, width) + ", now())")
			for _, h := range splitKey(k) {
				args = append(args, h)
			}
		}
		b.WriteString(` ON CONFLICT DO NOTHING RETURNING subject_hash, predicate_hash, object_hash, label_hash`)
		res, err := tx.QueryContext(ctx, b.String(), args...)
		if err != nil {
			return nil, fmt.Errorf("insert %d quads: %w", n, err)
		}
		for res.Next() {
			var s, p, o, l []byte
			if err := res.Scan(&s, &p, &o, &l); err != nil {
				res.Close()
				return nil, err
			}
			added = append(added, string(s)+string(p)+string(o)+string(l))
		}
		if err := res.Err(); err != nil {
			return nil, fmt.Errorf("insert %d quads: %w", n, err)
		}
		keys = keys[n:]
	}
	return added, nil
}

// quadKey is the hashes of a quad's directions, as the database returns
// them, concatenated: no label is no bytes.
func quadKey(q cgraph.QuadHash) string {
	var b bytes.Buffer
	for _, d := range quad.Directions {
		if h := q.Get(d); h.Valid() {
			b.Write(h[:])
		}
	}
	return b.String()
}

// splitKey returns the four column values of a quadKey: three hashes and
// the label's, or nil.
func splitKey(k string) []any {
	n := len(cgraph.ValueHash{})
	out := []any{[]byte(k[:n]), []byte(k[n : 2*n]), []byte(k[2*n : 3*n]), nil}
	if len(k) == 4*n {
		out[3] = []byte(k[3*n:])
	}
	return out
}

// placeholders returns "$from, $from+1, …", n of them.
func placeholders(from, n int) string {
	ph := make([]string, n)
	for i := range ph {
		ph[i] = "$" + strconv.Itoa(from+i)
	}
	return strings.Join(ph, ", ")
}

// setExcluded returns "c = EXCLUDED.c, …" for the columns.
func setExcluded(cols []string) string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c + " = EXCLUDED." + c
	}
	return strings.Join(out, ", ")
}
