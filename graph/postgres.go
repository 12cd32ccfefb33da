package graph

import (
	"net/url"
	"strings"

	"github.com/cayleygraph/cayley/clog"

	// Cayley's SQL backend for PostgreSQL ("postgres"), with the lib/pq driver.
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"
)

// BackendPostgres keeps the graph in a PostgreSQL database through Cayley's
// SQL backend: Options.Path is the connection URL
// ("postgres://user:pass@host:5432/kg?sslmode=disable"). Open creates the
// tables in a database that has none; the database itself must exist.
//
// What differs from bolt: several processes (machines) may write into the
// same database at once; kg writes and reads a batch with its own SQL on
// Cayley's tables (postgres_write.go, postgres_read.go) and keeps its
// running totals in a table kg_counts; queries are planned by Cayley's
// SQL backend. Writes are slower: 10–12 k quads/s building Reuters
// articles on a local server, against ~17 k into bolt.
const BackendPostgres = "postgres"

// Cayley logs a failed SQL connection with its full address, password
// included, on stderr (and more besides). Every failure reaches kg as an
// error, which Open words without the password, so Cayley's log is off.
func init() { clog.SetLogger(nil) }

// redactURL returns the connection URL addr without its password, for
// error messages. A string that is not a URL is returned unchanged,
// except that a key=value "password=…" setting is masked.
func redactURL(addr string) string {
	if u, err := url.Parse(addr); err == nil && u.Scheme != "" {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
		q := u.Query()
		if q.Has("password") {
			q.Set("password", "xxxxx")
			u.RawQuery = q.Encode()
		}
		return u.String()
	}
	fields := strings.Fields(addr)
	for i, f := range fields {
		if strings.HasPrefix(f, "password=") {
			fields[i] = "password=xxxxx"
		}
	}
	return strings.Join(fields, " ")
}
