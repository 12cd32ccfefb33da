// Command kg builds a knowledge graph from news articles and queries it.
//
//	kg build testdata                       # articles → facts → ./kg.db
//	kg query 'g.V("<person/elena_marquez>").Out("<meet>").Out("<name>").All()'
//	kg export --format jsonl                # the JSON Lines records
//
// Run "kg help" for the list of commands and "kg COMMAND --help" for one.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
