package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/query/graphql" // registers "graphql"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"
	"github.com/julienschmidt/httprouter"
)

// v1Languages are the query languages of /api/v1/query/{lang}.
var v1Languages = map[string]bool{"gizmo": true, "graphql": true}

// serveV1Query answers POST /api/v1/query/{lang} as Cayley's v1 API does
// (docs/http.md): the body is the query text; Gizmo answers
// {"result": [...]} or {"error": "..."}; GraphQL answers {"data": {...}}
// or {"errors": [{"message": "..."}]} (Cayley's docs/graphql.md).
// ?limit=N asks for at most N results (never more than Options.Limit).
func (s *Server) serveV1Query(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	if !v1Languages[lang] {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("unknown query language %q (kg serve has gizmo and graphql)", lang))
		return
	}
	fail := writeError
	if lang == "graphql" {
		fail = writeGraphQLError
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			fail(w, http.StatusRequestEntityTooLarge, s.tooLarge())
			return
		}
		fail(w, http.StatusBadRequest, "cannot read the request body: "+err.Error())
		return
	}
	text := strings.TrimSpace(string(body))
	if text == "" {
		fail(w, http.StatusBadRequest, "query is empty; POST the query text as the request body")
		return
	}
	limit, err := s.limit(r)
	if err != nil {
		fail(w, http.StatusBadRequest, err.Error())
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.Timeout)
	defer cancel()
	release, err := s.acquire(ctx)
	if err != nil {
		fail(w, http.StatusServiceUnavailable, err.Error())
		return
	}
	defer release()
	start := time.Now()
	res, err := s.store.Query(ctx, lang, text, limit)
	if err != nil {
		msg := s.queryError(ctx, err)
		s.logf("%s query failed after %.1f s: %s", lang, time.Since(start).Seconds(), msg)
		fail(w, http.StatusBadRequest, msg)
		return
	}
	if lang == "graphql" {
		var data any = map[string]any{}
		if len(res) > 0 {
			data = truncate(res[0], limit)
		}
		writeJSON(w, http.StatusOK, map[string]any{"data": data})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"result": res})
}

// writeGraphQLError writes the error shape of Cayley's GraphQL endpoint.
func writeGraphQLError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]any{"errors": []map[string]string{{"message": msg}}})
}

// limit returns the result limit a request asks for, at most Options.Limit.
func (s *Server) limit(r *http.Request) (int, error) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return s.opts.Limit, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("limit %q: want a positive number (at most %d)", v, s.opts.Limit)
	}
	return min(n, s.opts.Limit), nil
}

// queryError turns a failed query into the message for the client, naming
// the time limit when that is what stopped it.
func (s *Server) queryError(ctx context.Context, err error) string {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Sprintf("query stopped: it ran longer than the time limit of %s (kg serve --timeout); start it from fewer nodes, such as an entity IRI, g.V(\"<person/vladimir_putin>\"), or a name, g.V().Has(\"<name>\", \"Vladimir Putin\")", s.opts.Timeout)
	}
	if errors.Is(err, context.Canceled) {
		return "query cancelled: the client went away"
	}
	return strings.TrimPrefix(err.Error(), "graph: ")
}

// acquire waits for a query slot until ctx is done.
func (s *Server) acquire(ctx context.Context) (release func(), err error) {
	select {
	case s.slots <- struct{}{}:
		return func() { <-s.slots }, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("server busy: %d queries are running; try again later", cap(s.slots))
	}
}

// truncate cuts every array in a GraphQL result to at most limit
// elements, so that Options.Limit bounds GraphQL answers as it bounds
// Gizmo's (Cayley's GraphQL has no global limit, only first: N).
func truncate(v any, limit int) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = truncate(x, limit)
		}
		return v
	case []map[string]any:
		if len(v) > limit {
			v = v[:limit]
		}
		for i := range v {
			truncate(v[i], limit)
		}
		return v
	case []any:
		if len(v) > limit {
			v = v[:limit]
		}
		for i := range v {
			v[i] = truncate(v[i], limit)
		}
		return v
	}
	return v
}

// v2Handler mounts Cayley's public v2 API (server/http) as it is, with the
// query time limit and result limit of Options. Read-only unless
// Options.Write: the write and delete routes are then not registered at
// all (404). Queries take a slot like v1 queries; a successful write
// marks the explorer's index stale and drops the store's running totals
// (graph.Store.ForgetCounts).
func (s *Server) v2Handler() http.Handler {
	qs := s.store.QuadStore()
	h := &cgraph.Handle{QuadStore: qs}
	if s.opts.Write {
		qw, err := cgraph.NewQuadWriter("single", qs, cgraph.Options{"ignore_duplicate": true, "ignore_missing": true})
		if err == nil {
			h.QuadWriter = qw
		}
	}
	api := cayleyhttp.NewAPIv2(h)
	api.SetReadOnly(!s.opts.Write || h.QuadWriter == nil)
	api.SetQueryTimeout(s.opts.Timeout)
	api.SetQueryLimit(s.opts.Limit)
	router := httprouter.New()
	router.NotFound = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		msg := "no such endpoint of Cayley's v2 API"
		if !s.opts.Write {
			msg += "; the store is served read-only (kg serve --write mounts /api/v2/write and /api/v2/delete)"
		}
		writeError(w, http.StatusNotFound, msg)
	})
	api.RegisterOn(router, s.v2Wrapper)
	return router
}

// v2Wrapper gives Cayley's v2 handlers a query slot and, after a
// successful write, marks the explorer's index stale.
func (s *Server) v2Wrapper(next httprouter.Handle) httprouter.Handle {
	return func(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/api/v2/query"):
			ctx, cancel := context.WithTimeout(r.Context(), s.opts.Timeout)
			defer cancel()
			release, err := s.acquire(ctx)
			if err != nil {
				writeError(w, http.StatusServiceUnavailable, err.Error())
				return
			}
			defer release()
			next(w, r, ps)
		case r.Method == http.MethodPost && r.URL.Path != "/api/v2/read":
			sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
			next(sw, r, ps)
			if sw.code < 300 {
				s.markStale()
				// The write bypassed the store's running totals.
				if err := s.store.ForgetCounts(context.WithoutCancel(r.Context())); err != nil {
					s.logf("%v", err)
				}
			}
		default:
			next(w, r, ps)
		}
	}
}

// statusWriter records the status code of a response.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	w.code = code
	w.ResponseWriter.WriteHeader(code)
}
