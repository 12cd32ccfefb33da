package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/lib/pq"
)

// pgStore reads what WriteBatch needs about a batch in SQL, a query for
// all the batch's items at once (see lookups.go), from Cayley's tables:
// quads (subject_hash, predicate_hash, object_hash, label_hash) and nodes
// (hash, value_string, …), a node's hash being cgraph.HashOf of its value.
var _ batchReader = (*pgStore)(nil)

func (t *pgStore) storedDocuments(ctx context.Context, ids []string) (map[string]bool, error) {
	byHash := make(map[string]string, len(ids))
	hashes := make([][]byte, 0, len(ids))
	for _, id := range ids {
		h := hashKey(DocumentIRI(id))
		byHash[h] = id
		hashes = append(hashes, []byte(h))
	}
	rows, err := t.db.QueryContext(ctx, `SELECT subject_hash FROM quads
		WHERE subject_hash = ANY($1) AND predicate_hash = $2 AND object_hash = $3`,
		pq.ByteaArray(hashes), []byte(hashKey(iriType)), []byte(hashKey(iriDocument)))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string]bool)
	for rows.Next() {
		var h []byte
		if err := rows.Scan(&h); err != nil {
			return nil, err
		}
		out[byHash[string(h)]] = true
	}
	return out, rows.Err()
}

func (t *pgStore) lookUp(ctx context.Context, entities, bands []string) (*stored, error) {
	st := &stored{names: make(map[string]string), bands: make(map[string][]string), docs: make(map[string]docMeta)}
	hashes := func(vals []quad.Value) pq.ByteaArray {
		out := make(pq.ByteaArray, len(vals))
		for i, v := range vals {
			out[i] = []byte(hashKey(v))
		}
		return out
	}
	// The stored <name> of each entity.
	iris := make([]quad.Value, len(entities))
	for i, e := range entities {
		iris[i] = EntityIRI(e)
	}
	err := t.query(ctx, `SELECT s.value_string, o.value_string FROM quads q
		JOIN nodes s ON s.hash = q.subject_hash JOIN nodes o ON o.hash = q.object_hash
		WHERE q.subject_hash = ANY($1) AND q.predicate_hash = $2 AND o.value_string IS NOT NULL`,
		[]any{hashes(iris), []byte(hashKey(iriName))}, func(r []string) {
			if st.names[r[0]] == "" {
				st.names[r[0]] = r[1]
			}
		})
	if err != nil {
		return nil, fmt.Errorf("look up the names of %d entities: %w", len(entities), err)
	}
	// The stored documents of each band key.
	keys := make([]quad.Value, len(bands))
	for i, b := range bands {
		keys[i] = quad.String(b)
	}
	err = t.query(ctx, `SELECT o.value_string, s.value_string FROM quads q
		JOIN nodes s ON s.hash = q.subject_hash JOIN nodes o ON o.hash = q.object_hash
		WHERE q.object_hash = ANY($1) AND q.predicate_hash = $2`,
		[]any{hashes(keys), []byte(hashKey(iriLSH))}, func(r []string) {
			id := strings.TrimPrefix(r[1], docPrefix)
			st.bands[r[0]] = append(st.bands[r[0]], id)
			st.docs[id] = docMeta{}
		})
	if err != nil {
		return nil, fmt.Errorf("look up %d bands: %w", len(bands), err)
	}
	if len(st.docs) == 0 {
		return st, nil
	}
	// Their signatures and dates.
	docs := make([]quad.Value, 0, len(st.docs))
	for id := range st.docs {
		docs = append(docs, DocumentIRI(id))
	}
	err = t.query(ctx, `SELECT s.value_string, CASE WHEN q.predicate_hash = $2 THEN 'signature' ELSE 'date' END, o.value_string FROM quads q
		JOIN nodes s ON s.hash = q.subject_hash JOIN nodes o ON o.hash = q.object_hash
		WHERE q.subject_hash = ANY($1) AND q.predicate_hash IN ($2, $3)`,
		[]any{hashes(docs), []byte(hashKey(iriSignature)), []byte(hashKey(iriDate))}, func(r []string) {
			id := strings.TrimPrefix(r[0], docPrefix)
			meta := st.docs[id]
			if r[1] == "signature" {
				meta.signature = r[2]
			} else {
				meta.date = r[2]
			}
			st.docs[id] = meta
		})
	if err != nil {
		return nil, fmt.Errorf("look up %d documents: %w", len(docs), err)
	}
	return st, nil
}

// query runs a query of text columns and calls f with each row, NULL
// as "" and the text unescaped as Cayley escapes NUL bytes.
func (t *pgStore) query(ctx context.Context, q string, args []any, f func([]string)) error {
	rows, err := t.db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([][]byte, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = unescapeNUL(string(v))
		}
		f(row)
	}
	return rows.Err()
}

// unescapeNUL undoes Cayley's escaping of NUL bytes in text columns
// (graph/sql in Cayley v0.7.7 stores "\x00" as the four characters \x00).
func unescapeNUL(s string) string {
	return strings.ReplaceAll(s, `\x00`, "\x00")
}
