//go:build js

package main

import (
	"bytes"
	"image"
	"image/color"
	"runtime"
	"sync"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"spry/engine/figure"
	webcue "spry/wasm/cue"
	"spry/wasm/page"
	"spry/wasm/render"
)

// background is the page's background colour (--bg in site/style.css): the
// canvas behind the page is cleared to it so the figure sits on the page.
var background = color.RGBA{0xf5, 0xf1, 0xea, 0xff}

type command struct{ name, arg string }

// taps are the commands that come from the patient's taps (as opposed to
// the page reporting a resize, a scroll or a layout).
var taps = map[string]bool{"start": true, "pause": true, "skip": true, "done": true, "rest": true,
	"step": true, "act": true, "scale": true, "toggle": true}

// game runs a model inside ebiten's loop. Commands from the page arrive on
// JS callback goroutines and are queued for Update, so the model is only
// ever touched from the game loop.
type game struct {
	model model
	host  page.Host

	mu      sync.Mutex
	pending []command

	lastView  []byte
	stage     page.Rect
	drawnOnce bool
	// collected is set once the first garbage collection, held back until
	// the first frame was drawn (see main), has run.
	collected bool
	// moving is whether the last frame drawn showed the figure moving.
	moving bool
	// drawing is reused from frame to frame.
	drawing figure.Drawing

	// cues plays the model's cues; wake keeps the screen on while a
	// session plays.
	cues *webcue.Dispatcher
	wake webcue.WakeLock
}

func newGame(m model, host page.Host) *game {
	return &game{model: m, host: host, cues: webcue.Browser(), wake: webcue.NewWakeLock()}
}

// enqueue takes a command from the page. It may be called from any goroutine.
func (g *game) enqueue(name, arg string) {
	if taps[name] {
		// A tap: browsers let sound start only while handling one, so
		// this cannot wait for Update.
		g.cues.Unlock()
	}
	g.mu.Lock()
	g.pending = append(g.pending, command{name, arg})
	g.mu.Unlock()
	// When nothing moves the loop sleeps; wake it for the command.
	ebiten.ScheduleFrame()
}

func (g *game) takePending() []command {
	g.mu.Lock()
	defer g.mu.Unlock()
	cmds := g.pending
	g.pending = nil
	return cmds
}

// Update moves the model on to now, on elapsed time rather than frame
// counts, so a hidden tab or a locked phone keeps the count right.
func (g *game) Update() error {
	if g.drawnOnce && !g.collected {
		g.collected = true
		runtime.GC()
	}
	now := time.Now()
	for _, c := range g.takePending() {
		if c.name == "resize" {
			continue
		}
		cues, err := g.model.Command(now, c.name, c.arg)
		if err != nil {
			g.host.Warn("spry: " + err.Error())
		}
		g.cues.Play(cues)
		if c.name == "pause" {
			g.cues.Hush()
		}
	}
	g.cues.Play(g.model.Update(now))
	if g.model.Playing() {
		g.wake.Hold()
	} else {
		g.wake.Release()
	}
	if v := g.model.ViewJSON(); !bytes.Equal(v, g.lastView) {
		g.host.Render(v)
		g.lastView = v
	}
	g.stage = g.host.StageRect()
	// Redraw every frame only while the figure moves; otherwise sleep until
	// the page sends a command (battery on phones).
	if g.model.Moving() {
		ebiten.SetFPSMode(ebiten.FPSModeVsyncOn)
	} else {
		ebiten.SetFPSMode(ebiten.FPSModeVsyncOffMinimum)
	}
	return nil
}

// Draw clears the canvas to the page's colour and draws the figure inside
// the page's stage.
func (g *game) Draw(screen *ebiten.Image) {
	screen.Fill(background)
	if g.stage.W > 0 && g.stage.H > 0 && g.model.Draw(&g.drawing) {
		s := ebiten.Monitor().DeviceScaleFactor()
		r := image.Rect(int(g.stage.X*s), int(g.stage.Y*s), int((g.stage.X+g.stage.W)*s), int((g.stage.Y+g.stage.H)*s))
		render.Draw(screen, g.drawing, r)
	}
	if !g.drawnOnce {
		g.drawnOnce = true
		g.host.Mark("spry-first-frame")
		// One more frame soon, whose Update collects garbage: a page that
		// then waits for a tap must not collect during the tap's frame.
		ebiten.ScheduleFrame()
	}
	// For the bench: the first frame that moves after a Start or Resume.
	if m := g.model.Moving(); m != g.moving {
		g.moving = m
		if m {
			g.host.Mark("spry-moving-frame")
		}
	}
}

// Layout is not used: LayoutF below gives ebiten the real size.
func (g *game) Layout(w, h int) (int, int) { return w, h }

// LayoutF draws at the device's pixel density so the figure is sharp.
func (g *game) LayoutF(w, h float64) (float64, float64) {
	s := ebiten.Monitor().DeviceScaleFactor()
	return w * s, h * s
}
