package graph

import (
	"bytes"
	"context"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/cayleygraph/quad/nquads"
)

// exportNQuads writes every quad as an N-Quads line, the lines sorted
// byte-wise so that the dump does not depend on the backend's order.
// Integers and floats are written as XSD typed literals
// ("3"^^<http://www.w3.org/2001/XMLSchema#integer>, "8.2E-01"^^<…#double>)
// that RDF tools know and that the N-Quads reader turns back into the same
// values; Cayley's own default types (<schema:Integer>) are short IRIs.
//
// With opts.Base every IRI of the store (nodes, properties, classes,
// labels) is written as Base+IRI, so that RDF tools which reject relative
// IRIs (rdflib) read the dump; ImportWith with the same Base reads it back.
// Without it the dump is the store's own relative IRIs, byte for byte.
func exportNQuads(ctx context.Context, s *Store, w io.Writer, opts ExportOptions) error {
	quads, err := s.allQuads(ctx)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	nw := nquads.NewWriter(&buf)
	for _, q := range quads {
		for _, d := range quad.Directions {
			q.Set(d, rdfValue(withBase(q.Get(d), opts.Base)))
		}
		if err := nw.WriteQuad(q); err != nil {
			return err
		}
	}
	if err := nw.Close(); err != nil {
		return err
	}
	lines := bytes.SplitAfter(buf.Bytes(), []byte("\n"))
	if n := len(lines); n > 0 && len(lines[n-1]) == 0 {
		lines = lines[:n-1]
	}
	sort.Slice(lines, func(i, j int) bool { return bytes.Compare(lines[i], lines[j]) < 0 })
	for _, l := range lines {
		if _, err := w.Write(l); err != nil {
			return err
		}
	}
	return nil
}

// XSD datatypes of the numbers kg stores.
const (
	xsdInteger quad.IRI = "http://www.w3.org/2001/XMLSchema#integer"
	xsdDouble  quad.IRI = "http://www.w3.org/2001/XMLSchema#double"
)

// withBase returns an IRI prefixed with base; other values unchanged.
func withBase(v quad.Value, base string) quad.Value {
	if iri, ok := v.(quad.IRI); ok && base != "" {
		return quad.IRI(base + string(iri))
	}
	return v
}

// withoutBase returns an IRI with the prefix base removed; other values
// unchanged.
func withoutBase(v quad.Value, base string) quad.Value {
	if iri, ok := v.(quad.IRI); ok && base != "" {
		return quad.IRI(strings.TrimPrefix(string(iri), base))
	}
	return v
}

// rdfValue returns v with numbers typed by XSD datatypes.
func rdfValue(v quad.Value) quad.Value {
	switch v := v.(type) {
	case quad.Int:
		return quad.TypedString{Value: quad.String(strconv.FormatInt(int64(v), 10)), Type: xsdInteger}
	case quad.Float:
		return quad.TypedString{Value: quad.String(strconv.FormatFloat(float64(v), 'E', -1, 64)), Type: xsdDouble}
	}
	return v
}
