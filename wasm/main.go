//go:build js

// Command wasm is the Spry player compiled to WebAssembly. It only wires
// things together: the page (wasm/page), the patient's app (engine/app) or
// the bare player for a therapist's preview (engine/player), the shipped
// programs and motions (programs), the browser's storage (wasm/store) and
// cues (wasm/cue), and the figure's drawing (wasm/render) inside an ebiten
// game loop.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"spry/engine/app"
	"spry/engine/player"
	"spry/engine/program"
	"spry/engine/progress"
	"spry/programs"
	"spry/wasm/page"
	"spry/wasm/store"
)

// defaultProgram is played when the page names none.
const defaultProgram = "low-back-first-week"

func main() {
	host, err := page.Browser()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	// Marks for the bench: how the time to the first frame splits.
	host.Mark("spry-main")
	// The first frame allocates about 3 MB (ebiten's vertex buffers), which
	// with the default GOGC of 100 set off the first garbage collection in
	// the middle of that frame, where V8 also had to compile the collector's
	// code. With 200 it waits: game.Update collects once, right after the
	// first frame, while nothing moves.
	debug.SetGCPercent(200)
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
	host.Mark("spry-data")
	params := host.Params()
	now := time.Now()

	var storage store.Storage
	var st progress.Store
	var prefs app.PrefsStore
	var problem error
	if params.Mode == "app" {
		storage, st, prefs, problem = openStorage()
		if problem != nil {
			host.Warn("spry: storage: " + problem.Error())
		}
	}

	// The bare player plays whatever it is given and shows why it cannot.
	pl := player.New(lib, clips, params.Lang)
	pl.SetReducedMotion(params.ReducedMotion)
	prog := load(host, pl, params, storage)
	if f := pl.Failure(); f != nil {
		host.Warn("spry: " + f.Message + "\n" + f.Details)
	}

	var m model
	if params.Mode == "sheet" {
		m = newSheet(lib, clips, params.Lang, now)
	} else if params.Mode == "app" && prog != nil {
		m = patient{app.New(app.Deps{Library: lib, Clips: clips, Program: prog, Store: st, Prefs: prefs,
			Lang: params.Lang, ReducedMotion: params.ReducedMotion, StorageProblem: problem}, now)}
	} else {
		if s, err := strconv.ParseFloat(params.Speed, 64); err == nil {
			if _, err := pl.Command(0, "speed", strconv.FormatFloat(s, 'f', -1, 64)); err != nil {
				host.Warn("spry: " + err.Error())
			}
		}
		m = &bare{p: pl, t0: now}
	}

	host.Mark("spry-model")
	g := newGame(m, host)
	host.Attach(g.enqueue)
	ebiten.SetRunnableOnUnfocused(true)
	ebiten.SetWindowTitle("Spry")
	if err := ebiten.RunGame(g); err != nil {
		host.Warn("spry: the player stopped: " + err.Error())
		os.Exit(1)
	}
}

// programKey is where the patient's program from a shared link is kept, so
// that later visits, offline and without the link, follow the same program.
const programKey = "spry/program"

// load gives the player the program the page asked for: one shared in the
// link's fragment, a clinic-hosted file (?src=), a shipped program
// (?program=), or else the program an earlier link left in storage (which
// may be nil). It returns the program when it can be played.
func load(host page.Host, pl *player.Player, params page.Params, storage store.Storage) *program.Program {
	switch {
	case params.Fragment != "":
		if err := pl.LoadLink(params.Fragment); err != nil {
			return nil
		}
		if storage != nil {
			if data, err := json.Marshal(pl.Program()); err == nil {
				if err := storage.Set(programKey, string(data)); err != nil {
					host.Warn("spry: the shared program could not be kept for offline visits: " + err.Error())
				}
			}
		}
	case params.LoadError != "":
		pl.Fail(params.Src, errors.New(params.LoadError))
		return nil
	case params.Src != "":
		if err := pl.LoadFile(params.Src, []byte(params.ProgramText)); err != nil {
			return nil
		}
	case params.Program == "" && storage != nil && stored(pl, storage):
	default:
		id := params.Program
		if id == "" {
			id = defaultProgram
		}
		prog, err := programs.Program(id)
		if err != nil {
			pl.Fail(id, err)
			return nil
		}
		if pl.Load(prog) != nil {
			return nil
		}
	}
	return pl.Program()
}

// stored loads the program an earlier shared link left, reporting whether
// there was one that plays.
func stored(pl *player.Player, storage store.Storage) bool {
	data, ok, err := storage.Get(programKey)
	if err != nil || !ok {
		return false
	}
	return pl.LoadFile("", []byte(data)) == nil
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
