//go:build js

// Command wasm is the Spry player compiled to WebAssembly. It only wires
// things together: the page (wasm/page), the engine's player
// (engine/player), the shipped programs and motions (programs), and the
// figure's drawing (wasm/render) inside an ebiten game loop.
package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"

	"spry/engine/player"
	"spry/programs"
	"spry/wasm/page"
)

// defaultProgram is played when the page names none.
const defaultProgram = "low-back-first-week"

func main() {
	host, err := page.Browser()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	// The shipped library and motions are checked by tests; they fail here
	// only in a broken build, which must still say so on the page.
	lib, err := programs.Library()
	if err != nil {
		broken(host, "the exercise library is broken: "+err.Error())
		return
	}
	clips, err := programs.Motions()
	if err != nil {
		broken(host, "the motion library is broken: "+err.Error())
		return
	}
	params := host.Params()
	pl := player.New(lib, clips, params.Lang)
	load(pl, params)
	if f := pl.Failure(); f != nil {
		host.Warn("spry: " + f.Message + "\n" + f.Details)
	}
	if s, err := strconv.ParseFloat(params.Speed, 64); err == nil {
		if _, err := pl.Command(0, "speed", strconv.FormatFloat(s, 'f', -1, 64)); err != nil {
			host.Warn("spry: " + err.Error())
		}
	}

	g := newGame(pl, host)
	host.Attach(g.enqueue)
	ebiten.SetRunnableOnUnfocused(true)
	ebiten.SetWindowTitle("Spry")
	if err := ebiten.RunGameWithOptions(g, &ebiten.RunGameOptions{ScreenTransparent: false}); err != nil {
		host.Warn("spry: the player stopped: " + err.Error())
		os.Exit(1)
	}
}

// load gives the player the program the page asked for: a clinic-hosted file
// (?src=) or a shipped program (?program=).
func load(pl *player.Player, params page.Params) {
	switch {
	case params.LoadError != "":
		pl.Fail(params.Src, errors.New(params.LoadError))
	case params.Src != "":
		pl.LoadFile(params.Src, []byte(params.ProgramText))
	default:
		id := params.Program
		if id == "" {
			id = defaultProgram
		}
		prog, err := programs.Program(id)
		if err != nil {
			pl.Fail(id, err)
			return
		}
		pl.Load(prog)
	}
}

// broken tells the patient the player itself cannot run, and developers why.
func broken(host page.Host, details string) {
	host.Warn("spry: " + details)
	host.Render(player.View{State: player.Failed, Error: &player.Failure{
		Title:   "The player cannot start",
		Message: "This copy of Spry is damaged, so it cannot play any program. Nothing has been changed.",
		Contact: "Please tell the clinic whose website this is.",
	}}.JSON())
}
