//go:build js

// Command therapist is the engine for the therapist's pages (builder,
// preview, review), compiled to tools.wasm. It hands the page the engine's
// functions (wasm/tools) and draws nothing, so it needs no ebiten, and the
// patient's player (spry.wasm) does not carry these tools.
package main

import (
	"fmt"
	"os"

	"spry/programs"
	"spry/wasm/page"
	"spry/wasm/tools"
)

func main() {
	host, err := page.Browser()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	lib, err := programs.Library()
	if err != nil {
		host.Warn("spry: the exercise library is broken: " + err.Error())
		return
	}
	clips, err := programs.Motions()
	if err != nil {
		host.Warn("spry: the motion library is broken: " + err.Error())
		return
	}
	if err := tools.Expose(tools.New(lib, clips)); err != nil {
		host.Warn("spry: " + err.Error())
		return
	}
	host.Mark("spry-tools-ready")
	select {}
}
