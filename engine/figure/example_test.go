package figure_test

import (
	"fmt"
	"math"
	"strings"

	"spry/engine/figure"
	"spry/engine/motion"
	"spry/programs"
)

// A player builds one Drawing per frame from the session's phase and
// progress, reusing the Drawing, then hands it to a renderer (ebiten in the
// browser, SVG here).
func ExampleDrawTo() {
	clips, err := programs.Motions()
	if err != nil {
		panic(err)
	}
	clip := clips["bridge"]
	style := figure.Style{
		View:      figure.Frame(clip.Bounds()), // once per exercise: a steady camera
		Props:     clip.PlacedProps(),
		Highlight: []string{"glutes", "hamstrings"},
	}
	var d figure.Drawing
	// The session is 1.2 s into a 2 s hold.
	phase, progress, held := motion.PhaseHold, 0.6, 1.2
	pose := clip.Sample(phase, progress)
	style.HighlightLevel = 1
	style.Breath = 0.5 - 0.5*math.Cos(2*math.Pi*held/4) // one breath every 4 s
	pts := pose.Points(motion.Standard())
	figure.DrawTo(&d, &pts, &style)
	svg := d.SVG(640, 360)
	fmt.Println(strings.HasPrefix(svg, "<svg"), len(d.Shapes) > 20)
	// Output: true true
}
