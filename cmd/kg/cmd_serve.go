package main

import (
	"context"
	"fmt"
	"net"
	"strings"
	"time"

	"kg/graph"
	"kg/serve"
)

type serveOptions struct {
	store storeFlags
	addr  string
	hosts string
	serve serve.Options
}

func newServeCommand() *command {
	var opts serveOptions
	fs := newFlagSet("serve")
	opts.store.register(fs)
	fs.StringVar(&opts.addr, "addr", serve.DefaultAddr, "listen on `HOST:PORT`; a host other than 127.0.0.1 or localhost exposes the store to the network")
	fs.BoolVar(&opts.serve.Write, "write", false, "open the store writable and mount Cayley's /api/v2/write and /api/v2/delete")
	fs.DurationVar(&opts.serve.Timeout, "timeout", serve.DefaultTimeout, "stop any query running longer than `DURATION`")
	fs.IntVar(&opts.serve.Limit, "limit", serve.DefaultLimit, "return at most `N` results per query")
	fs.Int64Var(&opts.serve.MaxBody, "max-body", serve.DefaultMaxBody, "refuse request bodies larger than `BYTES` (413)")
	fs.IntVar(&opts.serve.MaxQueries, "max-queries", serve.DefaultMaxQueries, "run at most `N` queries at once")
	fs.StringVar(&opts.hosts, "allow-host", "", "also accept requests naming these `HOSTS` (comma-separated; * for any) besides localhost")
	return &command{
		name:    "serve",
		summary: "serve the store over HTTP: Cayley's query API and a graph explorer page",
		usage:   "kg serve [--db PATH] [--addr 127.0.0.1:64210] [--write] [--timeout 10s] [--limit N]",
		details: `
Open http://127.0.0.1:64210/ for the explorer: search an entity, see its
neighbourhood as a graph, click a node for its facts and aliases, an edge
for the sentences behind it. Clients of Cayley's HTTP API work too:
POST /api/v1/query/gizmo and /api/v1/query/graphql (body = query text),
and Cayley's own v2 API at /api/v2/query?lang=gizmo.

The store is opened read-only unless --write. Every query is stopped
after --timeout and returns at most --limit results; request bodies over
--max-body are refused. Ctrl-C stops the server.`,
		examples: []string{
			"kg serve",
			`curl -X POST --data 'g.V("<person/elena_marquez>").Out("<meet>").Out("<name>").All()' http://127.0.0.1:64210/api/v1/query/gizmo`,
			"kg serve --db seeds.db --addr 127.0.0.1:8080 --timeout 30s",
		},
		flags: fs,
		run: func(ctx context.Context, args []string, std stdio) error {
			return runServe(ctx, opts, args, std)
		},
	}
}

func runServe(ctx context.Context, opts serveOptions, args []string, std stdio) (err error) {
	if len(args) > 0 {
		return usagef("serve: unexpected argument %q", args[0])
	}
	if opts.serve.Timeout <= 0 || opts.serve.Limit <= 0 || opts.serve.MaxBody <= 0 || opts.serve.MaxQueries <= 0 {
		return usagef("serve: --timeout, --limit, --max-body and --max-queries must be positive")
	}
	if opts.hosts != "" {
		opts.serve.AllowedHosts = strings.Split(opts.hosts, ",")
	}
	store, err := graph.Open(ctx, opts.store.options(!opts.serve.Write))
	if err != nil {
		return err
	}
	defer func() {
		if cerr := store.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close store %s: %w", opts.store.db, cerr)
		}
	}()
	opts.serve.Log = std.err
	start := time.Now()
	srv, err := serve.New(ctx, store, opts.serve)
	if err != nil {
		return err
	}
	mode := "read-only"
	if opts.serve.Write {
		mode = "writable"
	}
	return serve.ListenAndServe(ctx, opts.addr, srv, func(a net.Addr) {
		fmt.Fprintf(std.err, "kg: serving %s (%s) on http://%s/ (ready in %.1f s; Ctrl-C to stop)\n", opts.store.db, mode, a, time.Since(start).Seconds())
		if !serve.IsLoopback(opts.addr) {
			fmt.Fprintf(std.err, "kg: warning: %s listens beyond loopback; requests must name localhost unless --allow-host lists the names clients use, and anyone allowed can query the store\n", opts.addr)
		}
	})
}
