package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"spry/cmd/spry/internal/check"
	"spry/programs"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: spry check FILE...")
		fmt.Fprintln(stderr, "Decodes and validates program files against Spry's exercise library;")
		fmt.Fprintln(stderr, "prints every problem as file:path: message and exits 1 if there is any.")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	lib, err := programs.Library()
	if err != nil {
		fmt.Fprintf(stderr, "spry check: the built-in exercise library is broken: %v\n", err)
		return 1
	}
	bad := 0
	for _, name := range fs.Args() {
		data, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			bad++
			continue
		}
		lines := check.Program(name, data, lib)
		for _, l := range lines {
			fmt.Fprintln(stderr, l)
		}
		if len(lines) > 0 {
			bad++
			continue
		}
		fmt.Fprintf(stdout, "%s: ok\n", name)
	}
	if bad > 0 {
		return 1
	}
	return 0
}
