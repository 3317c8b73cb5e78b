//go:build js

package main

import (
	"spry/engine/motion"
	"spry/engine/program"
	"spry/wasm/page"
	"spry/wasm/tools"
)

// runTools serves the therapist's pages (mode "tools"): it hands the page
// the engine's functions (wasm/tools) and draws nothing.
func runTools(host page.Host, lib *program.Library, clips map[string]*motion.Clip) {
	if err := tools.Expose(tools.New(lib, clips)); err != nil {
		host.Warn("spry: " + err.Error())
		return
	}
	host.Mark("spry-tools-ready")
}
