package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"spry/engine/handout"
	"spry/programs"
)

func runHandout(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("handout", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", "en", "`language` of the handout: "+strings.Join(handout.Langs(), " or "))
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: spry handout [-lang en|fr] FILE > handout.html")
		fmt.Fprintln(stderr, "Writes a standalone, printable HTML handout of the program: key poses, steps,")
		fmt.Fprintln(stderr, "dose and the warning-signs card.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	if !slices.Contains(handout.Langs(), *lang) {
		fmt.Fprintf(stderr, "spry handout: -lang %q: want %s\n", *lang, strings.Join(handout.Langs(), " or "))
		return 2
	}
	p, lib, ok := loadProgram(fs.Arg(0), stderr)
	if !ok {
		return 1
	}
	clips, err := programs.Motions()
	if err != nil {
		fmt.Fprintf(stderr, "spry handout: the built-in motions are broken: %v\n", err)
		return 1
	}
	page, err := handout.HTML(p, lib, clips, *lang)
	if err != nil {
		fmt.Fprintf(stderr, "spry handout: %v\n", err)
		return 1
	}
	if _, err := stdout.Write(page); err != nil {
		fmt.Fprintf(stderr, "spry handout: %v\n", err)
		return 1
	}
	return 0
}
