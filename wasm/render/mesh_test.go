package render_test

import (
	"image/color"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/figure"
	"spry/engine/motion"
	"spry/programs"
	"spry/wasm/render"
)

var navy = color.NRGBA{0x2b, 0x4c, 0x7e, 0xff}

// square is a 10×10 pixel square at (10, 10), wound either way.
func square(reverse bool) figure.Drawing {
	pts := [][2]float64{{10, 10}, {20, 10}, {20, 20}, {10, 20}}
	if reverse {
		pts[1], pts[3] = pts[3], pts[1]
	}
	d := figure.Drawing{Width: 100, Height: 100}
	d.Cmds = append(d.Cmds, figure.Cmd{Op: figure.MoveTo, X: pts[0][0], Y: pts[0][1]})
	for _, p := range pts[1:] {
		d.Cmds = append(d.Cmds, figure.Cmd{Op: figure.LineTo, X: p[0], Y: p[1]})
	}
	d.Cmds = append(d.Cmds, figure.Cmd{Op: figure.Close})
	d.Shapes = []figure.Shape{{Start: 0, End: len(d.Cmds), Fill: navy, Convex: true}}
	return d
}

// circle is a circle of radius r around (cx, cy), drawn as the figure draws
// joints: a move to its edge and a full arc.
func circle(d *figure.Drawing, cx, cy, r float64, cw, convex bool, fill color.NRGBA) {
	start := len(d.Cmds)
	a0, a1 := 0.0, 2*math.Pi
	if !cw {
		a0, a1 = a1, a0
	}
	d.Cmds = append(d.Cmds,
		figure.Cmd{Op: figure.MoveTo, X: cx + r, Y: cy},
		figure.Cmd{Op: figure.Arc, X: cx, Y: cy, R: r, A0: a0, A1: a1, CW: cw},
		figure.Cmd{Op: figure.Close})
	d.Shapes = append(d.Shapes, figure.Shape{Start: start, End: len(d.Cmds), Fill: fill, Convex: convex})
}

// alphaAt is the coverage the mesh paints at (x, y): every triangle over
// the point, its alpha interpolated across it, composited in order.
func alphaAt(m *render.Mesh, x, y float64) float64 {
	cover := 0.0
	for _, p := range m.Parts {
		for i := p.Start; i < p.End; i += 3 {
			a := m.Vertices[p.VStart+int(m.Indices[i])]
			b := m.Vertices[p.VStart+int(m.Indices[i+1])]
			c := m.Vertices[p.VStart+int(m.Indices[i+2])]
			ax, ay, bx, by, cx, cy := float64(a.X), float64(a.Y), float64(b.X), float64(b.Y), float64(c.X), float64(c.Y)
			det := (by-cy)*(ax-cx) + (cx-bx)*(ay-cy)
			if det == 0 {
				continue
			}
			l1 := ((by-cy)*(x-cx) + (cx-bx)*(y-cy)) / det
			l2 := ((cy-ay)*(x-cx) + (ax-cx)*(y-cy)) / det
			l3 := 1 - l1 - l2
			if l1 < -1e-9 || l2 < -1e-9 || l3 < -1e-9 {
				continue
			}
			alpha := l1*float64(a.A) + l2*float64(b.A) + l3*float64(c.A)
			cover = alpha + cover*(1-alpha)
		}
	}
	return cover
}

func TestMeshSquare(t *testing.T) {
	for _, reverse := range []bool{false, true} {
		var m render.Mesh
		d := square(reverse)
		m.Build(&d, 1, 0, 0)
		require.Len(t, m.Vertices, 8, "square (reversed %v): an inner and an outer vertex per corner", reverse)
		require.Len(t, m.Indices, 3*(2+8), "square (reversed %v): 2 fill and 8 fringe triangles", reverse)
		require.Len(t, m.Parts, 1, "square (reversed %v): fill and fringe share one simple part", reverse)
		for _, tc := range []struct {
			x, y, want float64
		}{
			{15, 15, 1},      // middle
			{10.6, 15, 1},    // just inside the left edge
			{10, 15, 0.5},    // on the edge: half covered
			{15, 9.4, 0},     // just outside the top edge
			{9.75, 15, 0.25}, // a quarter pixel out
			{25, 25, 0},
		} {
			assert.InDelta(t, tc.want, alphaAt(&m, tc.x, tc.y), 0.02, "square (reversed %v): alpha at (%v, %v)", reverse, tc.x, tc.y)
		}
		for i, v := range m.Vertices {
			want := float32(1)
			if i%2 == 1 {
				want = 0
			}
			assert.Equal(t, want, v.A, "vertex %d: inner vertices are opaque, outer ones transparent", i)
		}
	}
}

func TestMeshCircleEdge(t *testing.T) {
	for _, cw := range []bool{true, false} {
		for _, r := range []float64{3, 20, 150} {
			d := figure.Drawing{Width: 400, Height: 400}
			circle(&d, 200, 200, r, cw, true, navy)
			var m render.Mesh
			m.Build(&d, 1, 0, 0)
			for _, a := range []float64{0.05, 0.3, 1, 2.5, 4} { // off the polygon's corners
				s, c := math.Sincos(a)
				at := func(dr float64) float64 { return alphaAt(&m, 200+(r+dr)*c, 200+(r+dr)*s) }
				assert.InDelta(t, 1, at(-0.75), 0.05, "circle r=%v cw=%v angle %v: alpha 0.75 px inside", r, cw, a)
				assert.InDelta(t, 0.5, at(0), 0.15, "circle r=%v cw=%v angle %v: alpha on the edge", r, cw, a)
				assert.InDelta(t, 0, at(0.75), 0.05, "circle r=%v cw=%v angle %v: alpha 0.75 px outside", r, cw, a)
			}
			assert.InDelta(t, 1, alphaAt(&m, 200, 200), 1e-6, "circle r=%v: centre", r)
		}
	}
}

func TestMeshParts(t *testing.T) {
	d := figure.Drawing{Width: 100, Height: 100}
	circle(&d, 20, 20, 5, true, true, navy)
	circle(&d, 40, 20, 5, true, true, navy)
	circle(&d, 60, 20, 5, true, false, navy) // concave: needs the non-zero rule
	circle(&d, 80, 20, 5, true, true, navy)
	var m render.Mesh
	m.Build(&d, 1, 0, 0)
	var rules []bool
	for _, p := range m.Parts {
		rules = append(rules, p.NonZero)
		assert.Less(t, p.Start, p.End, "part %+v is empty", p)
		for _, i := range m.Indices[p.Start:p.End] {
			assert.Less(t, p.VStart+int(i), p.VEnd, "part %+v indexes a vertex past its range", p)
		}
	}
	// Two simple shapes share a part; the concave fill has its own; its
	// fringe and the last shape share the next.
	assert.Equal(t, []bool{false, true, false}, rules, "parts' fill rules")
}

func TestMeshTransform(t *testing.T) {
	d := square(false)
	var m render.Mesh
	m.Build(&d, 3, 100, 50)
	assert.InDelta(t, 1, alphaAt(&m, 100+15*3, 50+15*3), 1e-6, "the square's middle, scaled by 3 and moved")
	assert.InDelta(t, 0.5, alphaAt(&m, 100+10*3, 50+15*3), 0.02, "the square's left edge, scaled by 3 and moved: still a one-pixel fringe")
}

// TestMeshFigure builds every shipped clip's figure at its key poses: all
// vertices are finite and near the stage, and a warm mesh allocates nothing.
func TestMeshFigure(t *testing.T) {
	clips, err := programs.Motions()
	require.NoError(t, err)
	const w, h = 390.0 * 3, 420.0 * 3 // a phone's stage at 3×
	var m render.Mesh
	var d figure.Drawing
	for id, clip := range clips {
		style := figure.Style{View: figure.Frame(clip.Bounds()), Props: clip.PlacedProps(), Highlight: []string{"core"}, HighlightLevel: 1}
		for _, ph := range []string{motion.PhaseStart, motion.PhaseUp, motion.PhaseHold, motion.PhaseDown} {
			pose := clip.Sample(ph, 0.5)
			pts := pose.Points(motion.Standard())
			figure.DrawTo(&d, &pts, &style)
			scale, ox, oy := d.Fit(w, h)
			m.Build(&d, scale, ox, oy)
			require.NotEmpty(t, m.Parts, "%s %s: no triangles", id, ph)
			for i, v := range m.Vertices {
				ok := !math.IsNaN(float64(v.X)) && !math.IsNaN(float64(v.Y)) && v.X > -2 && v.X < w+2 && v.Y > -2 && v.Y < h+2
				require.True(t, ok, "%s %s: vertex %d at (%v, %v) is off a %v×%v stage", id, ph, i, v.X, v.Y, w, h)
			}
			allocs := testing.AllocsPerRun(5, func() { m.Build(&d, scale, ox, oy) })
			assert.Zero(t, allocs, "%s %s: a warm Build allocates", id, ph)
		}
	}
}

func BenchmarkMesh(b *testing.B) {
	clips, err := programs.Motions()
	require.NoError(b, err)
	clip := clips["bird-dog"]
	style := figure.Style{View: figure.Frame(clip.Bounds()), Props: clip.PlacedProps(), Highlight: []string{"core"}, HighlightLevel: 1}
	pose := clip.Sample(motion.PhaseHold, 0.5)
	pts := pose.Points(motion.Standard())
	var d figure.Drawing
	figure.DrawTo(&d, &pts, &style)
	scale, ox, oy := d.Fit(1170, 1260)
	var m render.Mesh
	b.ReportAllocs()
	for b.Loop() {
		m.Build(&d, scale, ox, oy)
	}
	b.ReportMetric(float64(len(m.Vertices)), "vertices")
}
