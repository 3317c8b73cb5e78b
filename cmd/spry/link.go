package main

import (
	"fmt"
	"io"

	"spry/engine/share"
)

// defaultBase is where "spry serve" serves the player by default.
const defaultBase = "http://127.0.0.1:8080/"

func runLink(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("link", stderr,
		"Usage: spry link [-base URL] FILE",
		"Prints the share link that carries the program in its fragment (after #),",
		"which the browser never sends to a server.")
	base := fs.String("base", defaultBase, "`URL` of the Spry player the link opens")
	if code, ok := parseFlags(fs, args, 1); !ok {
		return code
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
