package main

import (
	"context"
	"encoding/json"
	"fmt"

	"kg/graph"
)

type statsOptions struct {
	store storeFlags
	json  bool
}

func newStatsCommand() *command {
	var opts statsOptions
	fs := newFlagSet("stats")
	opts.store.register(fs)
	fs.BoolVar(&opts.json, "json", false, "print the counts as one JSON object")
	return &command{
		name:    "stats",
		summary: "print how many documents, entities, facts and quads the store holds",
		usage:   "kg stats [--db PATH] [--json]",
		details: `
Statements count every extracted fact occurrence (also negated, hedged
and reported ones); facts count the distinct asserted facts stored as
direct edges. The store is opened read-only.`,
		examples: []string{
			"kg stats",
			"kg stats --db /tmp/news.db --json",
		},
		flags: fs,
		run: func(ctx context.Context, args []string, std stdio) error {
			return runStats(ctx, opts, args, std)
		},
	}
}

// statsRecord is the JSON form of the counts.
type statsRecord struct {
	Documents     int64 `json:"documents"`
	Entities      int64 `json:"entities"`
	Persons       int64 `json:"persons"`
	Organizations int64 `json:"organizations"`
	Places        int64 `json:"places"`
	Statements    int64 `json:"statements"`
	Facts         int64 `json:"facts"`
	Quotes        int64 `json:"quotes"`
	Quads         int64 `json:"quads"`
	Nodes         int64 `json:"nodes"`
}

func runStats(ctx context.Context, opts statsOptions, args []string, std stdio) error {
	if len(args) > 0 {
		return usagef("stats: unexpected argument %q", args[0])
	}
	store, err := graph.Open(ctx, opts.store.options(true))
	if err != nil {
		return err
	}
	defer store.Close()
	s, err := store.Stats(ctx)
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	r := statsRecord{
		Documents: s.Documents, Entities: s.Entities, Persons: s.Persons,
		Organizations: s.Organizations, Places: s.Places, Statements: s.Statements,
		Facts: s.Facts, Quotes: s.Quotes, Quads: s.Quads, Nodes: s.Nodes,
	}
	if opts.json {
		enc := json.NewEncoder(std.out)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	for _, row := range []struct {
		name string
		n    int64
	}{
		{"documents", r.Documents},
		{"entities", r.Entities},
		{"  persons", r.Persons},
		{"  organizations", r.Organizations},
		{"  places", r.Places},
		{"statements", r.Statements},
		{"facts", r.Facts},
		{"quotes", r.Quotes},
		{"quads", r.Quads},
		{"nodes", r.Nodes},
	} {
		if _, err := fmt.Fprintf(std.out, "%-15s %10d\n", row.name, row.n); err != nil {
			return err
		}
	}
	return nil
}
