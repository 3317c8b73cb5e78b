// Command spry is Spry's command-line tool.
//
// Usage:
//
//	spry serve [-addr 127.0.0.1:8080] [-dir out]...   serve the built site
//	spry check FILE...                                check program files
//	spry simulate [-weeks N] [-scenario S] FILE       progression table
//	spry link [-base URL] FILE                        share link
//	spry handout [-lang en|fr] FILE > handout.html    printable handout
//	spry stills [-dir out/stills]                     key poses as SVG
//	spry stamp [-dir out]                             service worker's files and hash
//
// Run "spry help" for the full list.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// command is one subcommand: it gets its arguments after the name and
// returns the process exit code.
type command struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands = map[string]command{
	"serve":    {"serve the built site for development and the browser tests", runServe},
	"check":    {"decode and validate program files against the exercise library", runCheck},
	"simulate": {"show how a program would progress over its weeks", runSimulate},
	"link":     {"print the share link that carries a program", runLink},
	"handout":  {"write a printable HTML handout of a program", runHandout},
	"stills":   {"draw every motion clip's key poses as SVG files for the contact sheet", runStills},
	"stamp":    {"write the service worker's file list and content hash into the built site", runStamp},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "spry: unknown command %q (run \"spry help\")\n", args[0])
		return 2
	}
	return c.run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Spry plays physiotherapy home-exercise programs.")
	fmt.Fprintln(w, "\nUsage: spry COMMAND [flags]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun \"spry COMMAND -h\" for a command's flags.")
}
