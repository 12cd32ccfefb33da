// Package ingest is kg's document loop, the one every command that reads
// articles runs (kg build into a store on disk; kg extract and kg eval into
// one in memory): read (package article) → extract on N workers (package
// extract) → back into input order → write in batches (package graph) →
// join the nodes of one entity across documents (graph.Store.Consolidate).
// So the same inputs give the same entities and facts whichever command
// reads them, and in whichever order.
//
// Run is the entry point; Options carry the callbacks through which a
// command shows progress and reports each input.
package ingest
