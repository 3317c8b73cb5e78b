package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// newFlags returns the flag set of subcommand name, writing to stderr. Its
// usage message is the given lines, then the flags.
func newFlags(name string, stderr io.Writer, usage ...string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		for _, l := range usage {
			fmt.Fprintln(stderr, l)
		}
		fs.PrintDefaults()
	}
	return fs
}

// anyFiles, as parseFlags' want, takes one or more arguments.
const anyFiles = -1

// parseFlags parses args into fs and checks that want arguments are left
// (anyFiles: at least one). When ok is false the subcommand ends at once
// with code: 0 after -h, 2 after a usage error, whose usage is printed.
func parseFlags(fs *flag.FlagSet, args []string, want int) (code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	if n := fs.NArg(); want == anyFiles && n == 0 || want != anyFiles && n != want {
		fs.Usage()
		return 2, false
	}
	return 0, true
}
