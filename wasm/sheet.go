//go:build js

package main

import (
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"spry/engine/cue"
	"spry/engine/figure"
	"spry/engine/i18n"
	"spry/engine/motion"
	"spry/engine/program"
)

// sheet is the contact sheet (site/contact.html), for development and for
// therapists: every exercise of the library, then every clip no exercise
// uses, each looping start → up → hold → down in its own cell of the page,
// all drawn into the one canvas behind the page.
//
// The page lays the cells out from the sheet's view and tells the sheet
// where they are with the command ("cells", "W,H,x,y,w,h,x,y,w,h,..."):
// the viewport's size, then each cell's rectangle in CSS pixels of the
// viewport, in the order of the view's cells. It sends it again whenever
// the cells move (scrolling, resizing). The command ("pose", "start" or
// "hold") freezes every cell at that key pose, for screenshots; ("pose", "")
// sets them moving again.
type sheet struct {
	cells []sheetCell
	t0    time.Time
	// now is the time since the sheet started.
	now time.Duration
	// frozen is the key pose every cell shows, "" while they move.
	frozen string
	// vw and vh are the viewport's size and rects the cells' rectangles
	// (x, y, w, h each), all in CSS pixels, as the page last sent them.
	vw, vh float64
	rects  []float64
	// seq counts the layouts received.
	seq int
	// view is the last view encoded, for seq and pose viewSeq and viewPose.
	view     []byte
	viewSeq  int
	viewPose string
	lang     string
	skel     *motion.Skeleton
	scratch  figure.Drawing
}

// sheetCell is one cell of the contact sheet.
type sheetCell struct {
	// Exercise is the exercise's ID, "" for a clip no exercise uses.
	Exercise string `json:"exercise"`
	// Name is the exercise's name in the page's language, or the clip's ID.
	Name string `json:"name"`
	// Clip is the motion clip's ID.
	Clip string `json:"clip"`
	// Up, Hold, Down and Rest are the seconds each phase of the loop takes.
	Up   float64 `json:"up"`
	Hold float64 `json:"hold"`
	Down float64 `json:"down"`
	Rest float64 `json:"rest"`

	clip  *motion.Clip
	style figure.Style
}

// The loop's tempo: the exercise's own up and down times and hold, kept
// between these bounds so that every cell reads at a glance.
const (
	sheetMinMove, sheetMaxMove = 1.5, 3.0
	sheetMinHold, sheetMaxHold = 1.0, 3.0
	sheetRest                  = 1.0
)

// newSheet returns the contact sheet of lib's exercises and clips, named in
// lang, started at now.
func newSheet(lib *program.Library, clips map[string]*motion.Clip, lang string, now time.Time) *sheet {
	s := &sheet{t0: now, lang: i18n.Match(lang), skel: motion.Standard()}
	used := map[string]bool{}
	for _, ex := range lib.Exercises {
		c := clips[ex.Motion]
		if c == nil {
			continue
		}
		used[ex.Motion] = true
		d := ex.Dose
		s.cells = append(s.cells, s.cell(sheetCell{
			Exercise: ex.ID,
			Name:     ex.Name.In(s.lang),
			Clip:     ex.Motion,
			Up:       clampTempo(d.Tempo.UpSeconds, sheetMinMove, sheetMaxMove),
			Hold:     clampTempo(d.HoldSeconds, sheetMinHold, sheetMaxHold),
			Down:     clampTempo(d.Tempo.DownSeconds, sheetMinMove, sheetMaxMove),
			Rest:     sheetRest,
			style:    figure.Style{Highlight: ex.Target},
		}, c))
	}
	var rest []string
	for id := range clips {
		if !used[id] {
			rest = append(rest, id)
		}
	}
	sort.Strings(rest)
	for _, id := range rest {
		s.cells = append(s.cells, s.cell(sheetCell{
			Name: id, Clip: id, Up: 2, Hold: 2, Down: 2, Rest: sheetRest,
		}, clips[id]))
	}
	return s
}

// cell completes c with its clip's frame and props.
func (s *sheet) cell(c sheetCell, clip *motion.Clip) sheetCell {
	c.clip = clip
	c.style.View = figure.Frame(clip.Bounds())
	c.style.Props = clip.PlacedProps()
	return c
}

// clampTempo keeps a time in lo..hi, taking lo for none.
func clampTempo(v, lo, hi float64) float64 {
	if !(v > 0) {
		return lo
	}
	return min(max(v, lo), hi)
}

func (s *sheet) Command(now time.Time, name, arg string) ([]cue.Cue, error) {
	switch name {
	case "cells":
		nums, err := parseNumbers(arg)
		if err != nil {
			return nil, fmt.Errorf("sheet: cells %q: %w", arg, err)
		}
		if len(nums) < 2 || len(nums)%4 != 2 {
			return nil, fmt.Errorf("sheet: cells: want the viewport's width and height, then x, y, w, h per cell; got %d numbers", len(nums))
		}
		s.vw, s.vh = nums[0], nums[1]
		s.rects = append(s.rects[:0], nums[2:]...)
		s.seq++
	case "pose":
		if arg != "" && arg != motion.PhaseStart && arg != motion.PhaseHold {
			return nil, fmt.Errorf("sheet: pose %q: want start, hold or nothing", arg)
		}
		s.frozen = arg
	case "visible":
	default:
		return nil, fmt.Errorf("sheet: unknown command %q", name)
	}
	return nil, nil
}

// parseNumbers reads comma-separated numbers.
func parseNumbers(s string) ([]float64, error) {
	var out []float64
	for f := range strings.SplitSeq(s, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%q is not a number", f)
		}
		out = append(out, v)
	}
	return out, nil
}

func (s *sheet) Update(now time.Time) []cue.Cue {
	s.now = max(0, now.Sub(s.t0))
	return nil
}

// sheetView is what the page shows: the cells to lay out, in order, and how
// many cell layouts the sheet has received (so a test can wait for its own).
type sheetView struct {
	Mode  string      `json:"mode"`
	Lang  string      `json:"lang"`
	Pose  string      `json:"pose"`
	Seq   int         `json:"seq"`
	Cells []sheetCell `json:"cells"`
}

// ViewJSON is asked for every tick; it is encoded again only when it changes.
func (s *sheet) ViewJSON() []byte {
	if s.view != nil && s.viewSeq == s.seq && s.viewPose == s.frozen {
		return s.view
	}
	b, err := json.Marshal(sheetView{Mode: "sheet", Lang: s.lang, Pose: s.frozen, Seq: s.seq, Cells: s.cells})
	if err != nil {
		panic(err) // a sheetView holds only strings, numbers and booleans
	}
	s.view, s.viewSeq, s.viewPose = b, s.seq, s.frozen
	return b
}

// Draw draws every cell that shows in the viewport, each figure fitted and
// centred in its cell, into one drawing the size of the viewport (in CSS
// pixels, so the game scales it to the screen's pixels).
func (s *sheet) Draw(d *figure.Drawing) bool {
	vw, vh := s.vw, s.vh
	if vw <= 0 || vh <= 0 {
		return false
	}
	d.Width, d.Height = vw, vh
	d.Background = color.NRGBA(background) // opaque, so the same colour
	d.Shapes, d.Cmds = d.Shapes[:0], d.Cmds[:0]
	for i := range min(len(s.cells), len(s.rects)/4) {
		x, y, w, h := s.rects[4*i], s.rects[4*i+1], s.rects[4*i+2], s.rects[4*i+3]
		if w <= 0 || h <= 0 || x >= vw || y >= vh || x+w <= 0 || y+h <= 0 {
			continue // not on screen: not drawn
		}
		c := &s.cells[i]
		phase, progress := s.phase(c)
		pts := c.clip.Sample(phase, progress).Points(s.skel)
		switch phase {
		case motion.PhaseUp:
			c.style.HighlightLevel = progress
		case motion.PhaseHold:
			c.style.HighlightLevel = 1
		case motion.PhaseDown:
			c.style.HighlightLevel = 1 - progress
		default:
			c.style.HighlightLevel = 0
		}
		c.style.Breath = 0
		if s.frozen == "" {
			c.style.Breath = breathAt(s.now)
		}
		figure.DrawTo(&s.scratch, &pts, &c.style)
		place(d, &s.scratch, c.style.View.Max.Y, x, y, w, h)
	}
	return true
}

// phase returns where in its loop cell c is now: up, hold, down, then the
// start pose at rest.
func (s *sheet) phase(c *sheetCell) (string, float64) {
	switch s.frozen {
	case motion.PhaseStart:
		return motion.PhaseStart, 0
	case motion.PhaseHold:
		// The middle of the hold, as the stills and handouts show it.
		return motion.PhaseHold, 0.5
	}
	t := math.Mod(s.now.Seconds(), c.Up+c.Hold+c.Down+c.Rest)
	for _, p := range [...]struct {
		name string
		dur  float64
	}{{motion.PhaseUp, c.Up}, {motion.PhaseHold, c.Hold}, {motion.PhaseDown, c.Down}} {
		if t < p.dur {
			return p.name, t / p.dur
		}
		t -= p.dur
	}
	return motion.PhaseStart, 0
}

// breathAt is the chest's rise at t: one slow breath every four seconds,
// like the player's.
func breathAt(t time.Duration) float64 {
	const period = 4 * time.Second
	return 0.5 - 0.5*math.Cos(2*math.Pi*float64(t%period)/float64(period))
}

// place appends src to dst, fitted in the rectangle x, y, w, h of dst's
// coordinates, centred across and standing on its bottom edge (so that the
// floors of a row of cells line up). The rectangle is filled first with
// src's background above its floor, at floorY in src's coordinates, and
// with the floor's colour below, so a narrow picture's floor spans the cell.
func place(dst, src *figure.Drawing, floorY, x, y, w, h float64) {
	scale, ox, _ := src.Fit(w, h)
	if scale == 0 {
		return
	}
	ox += x
	oy := y + h - src.Height*scale
	floor := min(max(oy+floorY*scale, y), y+h)
	rect(dst, x, y, w, floor-y, src.Background)
	rect(dst, x, floor, w, y+h-floor, figure.DefaultPalette.Floor)
	base := len(dst.Cmds)
	for _, c := range src.Cmds {
		c.X, c.Y = ox+c.X*scale, oy+c.Y*scale
		c.X1, c.Y1 = ox+c.X1*scale, oy+c.Y1*scale
		c.X2, c.Y2 = ox+c.X2*scale, oy+c.Y2*scale
		c.R *= scale
		dst.Cmds = append(dst.Cmds, c)
	}
	for _, sh := range src.Shapes {
		sh.Start += base
		sh.End += base
		dst.Shapes = append(dst.Shapes, sh)
	}
}

// rect appends a filled rectangle to d.
func rect(d *figure.Drawing, x, y, w, h float64, fill color.NRGBA) {
	if w <= 0 || h <= 0 {
		return
	}
	start := len(d.Cmds)
	d.Cmds = append(d.Cmds,
		figure.Cmd{Op: figure.MoveTo, X: x, Y: y},
		figure.Cmd{Op: figure.LineTo, X: x + w, Y: y},
		figure.Cmd{Op: figure.LineTo, X: x + w, Y: y + h},
		figure.Cmd{Op: figure.LineTo, X: x, Y: y + h},
		figure.Cmd{Op: figure.Close})
	d.Shapes = append(d.Shapes, figure.Shape{Start: start, End: len(d.Cmds), Fill: fill, Convex: true})
}

// Moving reports whether the cells move: always, unless frozen at a key pose.
func (s *sheet) Moving() bool { return s.frozen == "" }

// Playing is false: the contact sheet need not keep the screen awake.
func (s *sheet) Playing() bool { return false }

var _ model = (*sheet)(nil)
