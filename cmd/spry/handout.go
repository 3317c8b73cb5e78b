package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"spry/engine/handout"
	"spry/programs"
)

func runHandout(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("handout", stderr,
		"Usage: spry handout [-lang en|fr] FILE > handout.html",
		"Writes a standalone, printable HTML handout of the program: key poses, steps,",
		"dose and the warning-signs card.")
	lang := fs.String("lang", "en", "`language` of the handout: "+strings.Join(handout.Langs(), " or "))
	if code, ok := parseFlags(fs, args, 1); !ok {
		return code
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
