package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"kg/article"
	"kg/graph"
)

// stdio is where a command reads its input and writes its output: stdout
// for results, stderr for errors, warnings and summaries.
type stdio struct {
	in  io.Reader
	out io.Writer
	err io.Writer
}

// command is one kg subcommand: its help text, its flags, and the function
// that parses the remaining arguments and does the work.
type command struct {
	name     string
	summary  string // one line: what the command does
	usage    string // "kg build [flags] PATH..."
	details  string // optional paragraphs after the usage line
	examples []string
	flags    *flag.FlagSet
	run      func(ctx context.Context, args []string, io stdio) error
}

// commands builds the command table. Each entry is created by the
// newXCommand function in cmd_X.go.
func commands() []*command {
	return []*command{
		newBuildCommand(),
		newExtractCommand(),
		newParseCommand(),
		newQueryCommand(),
		newExportCommand(),
		newImportCommand(),
		newStatsCommand(),
		newServeCommand(),
		newEvalCommand(),
		newTrainCommand(),
	}
}

// run is kg without the process: it runs the command named by args[0] and
// returns the exit status. main is a thin wrapper around it, and tests call
// it in-process.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	std := stdio{in: stdin, out: stdout, err: stderr}
	if len(args) == 0 {
		printCommands(stderr)
		return 2
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && name == "help" {
			if c := lookup(args[1]); c != nil {
				c.printHelp(stdout)
				return 0
			}
			return report(stderr, usagef("unknown command %q; run 'kg help' for the list", args[1]))
		}
		printCommands(stdout)
		return 0
	}
	c := lookup(name)
	if c == nil {
		return report(stderr, usagef("unknown command %q; run 'kg help' for the list", name))
	}
	err := c.flags.Parse(args[1:])
	switch {
	case errors.Is(err, flag.ErrHelp):
		c.printHelp(stdout)
		return 0
	case err != nil:
		return report(stderr, usagef("%s: %v; see 'kg %s --help'", name, err, name))
	}
	return report(stderr, c.run(ctx, c.flags.Args(), std))
}

func lookup(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

// newFlagSet returns a FlagSet that reports errors to run instead of
// printing them or exiting.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("kg "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// storeFlags are the flags of every command that opens the store.
type storeFlags struct {
	db      string
	backend string
}

// defaultDB is the store used without --db: $KG_DB, else ./kg.db.
func defaultDB() string {
	if db := os.Getenv("KG_DB"); db != "" {
		return db
	}
	return "kg.db"
}

func (s *storeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.db, "db", defaultDB(), "store `PATH` (default $KG_DB, else ./kg.db); :memory: for a store in memory")
	fs.StringVar(&s.backend, "backend", graph.BackendBolt, "store backend `NAME`: bolt, memstore or postgres (--db is then a postgres:// URL)")
}

func (s storeFlags) options(readOnly bool) graph.Options {
	return graph.Options{Backend: s.backend, Path: s.db, ReadOnly: readOnly}
}

// printCommands writes the list of commands.
func printCommands(w io.Writer) {
	fmt.Fprint(w, "kg builds a knowledge graph from news articles and queries it.\n\n")
	fmt.Fprint(w, "Usage:\n  kg COMMAND [flags] [arguments]\n\nCommands:\n")
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	for _, c := range commands() {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	tw.Flush()
	fmt.Fprint(w, "\nRun 'kg COMMAND --help' for a command's flags and examples.\n")
	fmt.Fprint(w, "\nExit status: 0 ok; 1 some input or a query failed; 2 usage error or the store cannot be opened; 130 interrupted.\n")
}

// printHelp writes the command's purpose, usage, flags and examples.
func (c *command) printHelp(w io.Writer) {
	fmt.Fprintf(w, "kg %s: %s\n\nUsage:\n  %s\n", c.name, c.summary, c.usage)
	if c.details != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.details))
	}
	var any bool
	c.flags.VisitAll(func(*flag.Flag) { any = true })
	if any {
		fmt.Fprint(w, "\nFlags:\n")
		c.flags.VisitAll(func(f *flag.Flag) {
			name, usage := flag.UnquoteUsage(f)
			dash := "--"
			if len(f.Name) == 1 {
				dash = "-"
			}
			fmt.Fprintf(w, "  %s%s", dash, f.Name)
			if name != "" {
				fmt.Fprintf(w, " %s", name)
			}
			fmt.Fprintf(w, "\n      %s", usage)
			if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && !strings.Contains(usage, "(default") {
				fmt.Fprintf(w, " (default %s)", f.DefValue)
			}
			fmt.Fprintln(w)
		})
	}
	fmt.Fprint(w, "\nExamples:\n")
	for _, ex := range c.examples {
		fmt.Fprintf(w, "  %s\n", ex)
	}
}

// usageError is a mistake in how kg was called (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

// inputsFailed says that some inputs could not be read or extracted; each
// was reported on stderr as it happened and the run went on (exit status 1).
type inputsFailed struct{ n int }

func (e inputsFailed) Error() string {
	if e.n == 1 {
		return "1 input failed"
	}
	return fmt.Sprintf("%d inputs failed", e.n)
}

// exitCode maps the error a command returned to kg's exit status. It is the
// only place that knows the statuses.
func exitCode(err error) int {
	var usage usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, context.Canceled):
		return 130
	case errors.As(err, &usage), errors.Is(err, graph.ErrOpen), errors.Is(err, article.ErrUnknownFormat):
		return 2
	default:
		return 1
	}
}

// report writes err to stderr, unless it was reported already, and returns
// the exit status for it.
func report(stderr io.Writer, err error) int {
	var failed inputsFailed
	switch {
	case err == nil, errors.As(err, &failed):
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "kg: interrupted")
	default:
		fmt.Fprintf(stderr, "kg: %v\n", err)
	}
	return exitCode(err)
}
