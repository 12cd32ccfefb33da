package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"kg/graph"
)

// Defaults of Options.
const (
	DefaultAddr       = "127.0.0.1:64210"
	DefaultTimeout    = 10 * time.Second
	DefaultLimit      = 100
	DefaultMaxBody    = 1 << 20 // 1 MiB
	DefaultMaxQueries = 4
)

// Options configure a Server. The zero value is the safe default: read-only,
// DefaultTimeout, DefaultLimit, DefaultMaxBody, DefaultMaxQueries.
type Options struct {
	// Timeout bounds every query (Gizmo, GraphQL, Cayley's v2 query): a
	// query still running then is stopped and answered with an error.
	Timeout time.Duration
	// Limit is the most results a query returns; a request may ask for
	// fewer (?limit=N), never more.
	Limit int
	// MaxBody caps request bodies in bytes; a larger one gets 413.
	MaxBody int64
	// MaxQueries is how many queries run at once; others wait for a slot
	// within their time limit, then get 503.
	MaxQueries int
	// Write mounts Cayley's v2 write and delete endpoints. The store must
	// have been opened writable. Without it no endpoint changes the store.
	Write bool
	// AllowedHosts are the Host header values accepted besides loopback
	// names (localhost, 127.0.0.1, [::1], with any port). Empty means only
	// loopback names are accepted, which defeats DNS rebinding; "*" accepts
	// any host (for a server bound to a public address on purpose).
	AllowedHosts []string
	// Log receives one line per failed request and per store reload; nil
	// discards them.
	Log io.Writer
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Limit <= 0 {
		o.Limit = DefaultLimit
	}
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.MaxQueries <= 0 {
		o.MaxQueries = DefaultMaxQueries
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	return o
}

// Server is kg's HTTP handler: the query APIs and the explorer over one
// store. It is safe for concurrent use.
type Server struct {
	store   *graph.Store
	opts    Options
	handler http.Handler
	slots   chan struct{} // one token per running query

	mu    sync.Mutex
	view  *view // the explorer's in-memory index; nil when stale
	stale bool  // a write went through; rebuild view on next use
	logMu sync.Mutex
}

// New returns a Server for store. It reads the store once to build the
// explorer's index (a scan, as an export does), so that the explorer
// answers from memory.
func New(ctx context.Context, store *graph.Store, opts Options) (*Server, error) {
	opts = opts.withDefaults()
	if opts.Write && store.ReadOnly() {
		return nil, errors.New("serve: write endpoints need a store opened for writing")
	}
	s := &Server{store: store, opts: opts, slots: make(chan struct{}, opts.MaxQueries)}
	if _, err := s.currentView(ctx); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/api/v2/", s.v2Handler())
	mux.HandleFunc("POST /api/v1/query/{lang}", s.serveV1Query)
	mux.HandleFunc("/api/v1/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "kg serve answers only POST /api/v1/query/gizmo and /api/v1/query/graphql of Cayley's v1 API")
	})
	s.explorerRoutes(mux)
	s.handler = s.guard(mux)
	return s, nil
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// guard applies the checks every request passes: a Host that names this
// server (no DNS rebinding), no cross-origin writes from a browser, and a
// capped body.
func (s *Server) guard(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	return cop.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hostAllowed(r.Host) {
			writeError(w, http.StatusForbidden, fmt.Sprintf("host %q not allowed; kg serve answers requests to localhost only (see --allow-host)", r.Host))
			return
		}
		if r.ContentLength > s.opts.MaxBody {
			writeError(w, http.StatusRequestEntityTooLarge, s.tooLarge())
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBody)
		next.ServeHTTP(w, r)
	}))
}

func (s *Server) tooLarge() string {
	return fmt.Sprintf("request body larger than %d bytes (kg serve --max-body)", s.opts.MaxBody)
}

// hostAllowed reports whether a request's Host header names this server.
func (s *Server) hostAllowed(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.Trim(h, "[]")
	if strings.EqualFold(h, "localhost") || strings.HasSuffix(strings.ToLower(h), ".localhost") {
		return true
	}
	if ip := net.ParseIP(h); ip != nil && ip.IsLoopback() {
		return true
	}
	for _, a := range s.opts.AllowedHosts {
		if a == "*" || strings.EqualFold(a, h) || strings.EqualFold(a, host) {
			return true
		}
	}
	return false
}

// logf writes one line to Options.Log.
func (s *Server) logf(format string, args ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.opts.Log, "kg serve: "+format+"\n", args...)
}

// writeJSON writes v as the JSON response with status code.
func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// writeError writes {"error": msg}, the error shape of Cayley's HTTP API.
func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}

// ListenAndServe serves h on addr until ctx is done, then shuts down,
// giving running requests a few seconds to finish. ready, when set, is
// called with the address actually bound (useful with port 0) before the
// first request is accepted. A cancelled ctx is a normal end: it returns
// nil.
func ListenAndServe(ctx context.Context, addr string, h http.Handler, ready func(addr net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: listen on %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	return nil
}

// IsLoopback reports whether addr (host:port) binds loopback addresses
// only; an empty host or 0.0.0.0 binds every interface.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
