// Package pgtest gives tests a fresh PostgreSQL database on the server
// named by $KG_TEST_POSTGRES, or skips them when it is unset.
//
// KG_TEST_POSTGRES is a connection URL of a role that may create
// databases, e.g. "postgres://kg@127.0.0.1:55432/postgres?sslmode=disable";
// .ci/run starts a throwaway server and sets it.
package pgtest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/lib/pq" // the "postgres" database/sql driver
)

// Env is the variable naming the test server.
const Env = "KG_TEST_POSTGRES"

// Database creates a database kgtest_<random> on the server of
// $KG_TEST_POSTGRES, drops it when the test ends, and returns its URL. It
// skips the test when the variable is unset.
func Database(t testing.TB) string {
	t.Helper()
	server := os.Getenv(Env)
	if server == "" {
		t.Skipf("%s is not set: no PostgreSQL server to test against (.ci/run starts one)", Env)
	}
	u, err := url.Parse(server)
	if err != nil || u.Scheme == "" {
		t.Fatalf("%s=%q is not a postgres:// URL: %v", Env, server, err)
	}
	admin, err := sql.Open("postgres", server)
	if err != nil {
		t.Fatalf("%s: %v", Env, err)
	}
	b := make([]byte, 8)
	rand.Read(b)
	name := "kgtest_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		admin.Close()
		t.Fatalf("create database %s on %s: %v", name, u.Redacted(), err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		// FORCE (PostgreSQL 13+) ends connections a store left open.
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name); err != nil {
				t.Errorf("drop database %s: %v", name, err)
			}
		}
	})
	u.Path = "/" + name
	return u.String()
}
