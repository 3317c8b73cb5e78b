package main

import (
	"fmt"
	"io"
	"os"

	"spry/cmd/spry/internal/check"
	"spry/programs"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", stderr,
		"Usage: spry check FILE...",
		"Decodes and validates program files against Spry's exercise library;",
		"prints every problem as file:path: message and exits 1 if there is any.")
	if code, ok := parseFlags(fs, args, anyFiles); !ok {
		return code
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
