package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"spry/engine/share"
)

// defaultBase is where "spry serve" serves the player by default.
const defaultBase = "http://127.0.0.1:8080/"

func runLink(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("link", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("base", defaultBase, "`URL` of the Spry player the link opens")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: spry link [-base URL] FILE")
		fmt.Fprintln(stderr, "Prints the share link that carries the program in its fragment (after #),")
		fmt.Fprintln(stderr, "which the browser never sends to a server.")
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
	p, _, ok := loadProgram(fs.Arg(0), stderr)
	if !ok {
		return 1
	}
	link, err := share.Link(*base, p)
	if err != nil {
		fmt.Fprintf(stderr, "spry link: %v\n", err)
		return 2
	}
	fmt.Fprintln(stdout, link)
	if !share.FitsQR(link) {
		fmt.Fprintf(stderr, "spry link: warning: the link is %d bytes, too long for a QR code (at most %d: version 40, level L);\n"+
			"it still works when clicked or pasted, or print the handout instead\n", len(link), share.QRMaxBytes)
	}
	return 0
}
