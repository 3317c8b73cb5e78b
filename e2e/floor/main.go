//go:build js

// Command floor is the smallest ebiten program that does what the player
// must: open a WebGL2 canvas, draw a shape, and link ebiten's audio. Its wasm
// size and time to first frame are the floor the bench compares the player
// against (make bench). It marks performance "spry-first-frame" on its first
// drawn frame, as the player does.
package main

import (
	"image/color"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/audio"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

type game struct {
	drawn bool
}

func (g *game) Update() error { return nil }

func (g *game) Draw(screen *ebiten.Image) {
	screen.Fill(color.RGBA{0xf4, 0xf1, 0xea, 0xff})
	w, h := screen.Bounds().Dx(), screen.Bounds().Dy()
	cx, cy := float32(w)/2, float32(h)/2
	vector.DrawFilledCircle(screen, cx, cy-40, 24, color.RGBA{0x2b, 0x4c, 0x7e, 0xff}, true)
	vector.StrokeLine(screen, cx, cy-16, cx, cy+80, 8, color.RGBA{0x2b, 0x4c, 0x7e, 0xff}, true)
	if !g.drawn {
		g.drawn = true
		js.Global().Get("performance").Call("mark", "spry-first-frame")
	}
}

func (g *game) Layout(w, h int) (int, int) { return w, h }

func main() {
	audio.NewContext(48000)
	ebiten.SetWindowTitle("floor")
	if err := ebiten.RunGame(&game{}); err != nil {
		panic(err)
	}
}
