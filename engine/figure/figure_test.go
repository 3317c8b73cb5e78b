package figure_test

import (
	"flag"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/figure"
	"spry/engine/motion"
	"spry/programs"
)

var update = flag.Bool("update", false, "rewrite golden files")

func clips(t testing.TB) map[string]*motion.Clip {
	t.Helper()
	m, err := programs.Motions()
	require.NoError(t, err, "programs.Motions()")
	return m
}

// TestSVGGoldens draws every shipped clip at its start and hold poses and
// compares the SVG text with testdata/<id>-<phase>.svg; run with -update to
// rewrite them.
func TestSVGGoldens(t *testing.T) {
	m := clips(t)
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		for _, ph := range []string{motion.PhaseStart, motion.PhaseHold} {
			t.Run(id+"-"+ph, func(t *testing.T) {
				pts := m[id].Sample(ph, 0.5).Points(motion.Standard())
				st := figure.Style{Highlight: []string{"glutes", "core"}, View: figure.Frame(m[id].Bounds()), Props: m[id].PlacedProps()}
				if ph == motion.PhaseHold {
					st.HighlightLevel = 1
				}
				got := figure.Draw(pts, st).SVG(640, 360)
				golden := filepath.Join("testdata", id+"-"+ph+".svg")
				if *update {
					require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
				}
				want, err := os.ReadFile(golden)
				require.NoError(t, err, "run go test -update to create %s", golden)
				assert.Equal(t, string(want), got, "SVG of %s at %s differs from %s", id, ph, golden)
			})
		}
	}
}

func TestDraw(t *testing.T) {
	c := clips(t)["bridge"]
	pts := c.Sample(motion.PhaseHold, 0).Points(motion.Standard())
	plain := figure.Draw(pts, figure.Style{})
	lit := figure.Draw(pts, figure.Style{Highlight: []string{"glutes", "nonsense"}, HighlightLevel: 1})
	assert.Greater(t, len(lit.Shapes), len(plain.Shapes), "a highlight adds shapes")
	assert.Equal(t, plain.SVG(320, 180), figure.Draw(pts, figure.Style{}).SVG(320, 180), "SVG is deterministic")
	breath := figure.Draw(pts, figure.Style{Breath: 1})
	assert.NotEqual(t, plain.SVG(320, 180), breath.SVG(320, 180), "Breath changes the chest")
	flipped := figure.Draw(pts, figure.Style{FlipX: true})
	assert.NotEqual(t, plain.SVG(320, 180), flipped.SVG(320, 180), "FlipX changes the picture")

	// Far-side limbs are darker than near-side ones.
	p := figure.DefaultPalette
	fills := map[[3]uint8]bool{}
	for _, s := range plain.Shapes {
		fills[[3]uint8{s.Fill.R, s.Fill.G, s.Fill.B}] = true
	}
	dark := p.Trousers
	dark.R = uint8(float64(dark.R)*(1-p.FarShade) + 0.5)
	dark.G = uint8(float64(dark.G)*(1-p.FarShade) + 0.5)
	dark.B = uint8(float64(dark.B)*(1-p.FarShade) + 0.5)
	assert.True(t, fills[[3]uint8{dark.R, dark.G, dark.B}], "far leg drawn in darker trousers %v", dark)

	// Every shape's commands stay in the drawing's bounds (give or take the
	// shadow spreading past the mat).
	for _, c := range plain.Cmds {
		if c.Op == figure.Close {
			continue
		}
		assert.True(t, c.X >= -0.1 && c.X <= plain.Width+0.1 && c.Y >= -0.1 && c.Y <= plain.Height+0.1,
			"command %+v outside %gx%g", c, plain.Width, plain.Height)
	}
	svg := plain.SVG(640, 360)
	assert.True(t, strings.HasPrefix(svg, `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"`), "SVG header: %.80s", svg)
}

func TestFrame(t *testing.T) {
	for id, c := range clips(t) {
		lo, hi := c.Bounds()
		v := figure.Frame(lo, hi)
		assert.True(t, v.Min.X < lo.X && v.Max.X > hi.X && v.Min.Y < 0 && v.Max.Y > hi.Y,
			"Frame(Bounds()) of %s = %v, does not hold %v..%v and the floor", id, v, lo, hi)
		assert.InDelta(t, 0, v.Min.X+v.Max.X, 1e-9, "Frame of %s is centred on the mat", id)
	}
}

func TestAreas(t *testing.T) {
	assert.Contains(t, figure.Areas(), "glutes", "Areas()")
	pts := clips(t)["bridge"].Sample(motion.PhaseHold, 0).Points(motion.Standard())
	n := len(figure.Draw(pts, figure.Style{}).Shapes)
	for _, a := range figure.Areas() {
		d := figure.Draw(pts, figure.Style{Highlight: []string{a}, HighlightLevel: 1})
		assert.Greater(t, len(d.Shapes), n, "highlighting %s adds shapes", a)
	}
}

// TestHighlightIsOpaque: a highlighted band is opaque, its colour mixed from
// the cloth under it towards the highlight colour by the strength, so that
// overlapping bands do not darken and nothing turns muddy.
func TestHighlightIsOpaque(t *testing.T) {
	pts := clips(t)["bridge"].Sample(motion.PhaseHold, 0).Points(motion.Standard())
	p := figure.DefaultPalette
	mix := func(c color.NRGBA, k float64) color.NRGBA {
		f := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*k)) }
		return color.NRGBA{f(c.R, p.Highlight.R), f(c.G, p.Highlight.G), f(c.B, p.Highlight.B), 0xff}
	}
	plain := map[color.NRGBA]bool{}
	for _, s := range figure.Draw(pts, figure.Style{}).Shapes {
		plain[s.Fill] = true
	}
	for _, tc := range []struct {
		area  string
		level float64
		want  color.NRGBA
	}{
		{"core", 1, mix(p.Shirt, 0.8)},
		{"core", 0.5, mix(p.Shirt, 0.4)},
		{"glutes", 1, mix(p.Trousers, 0.8)},
		{"hamstrings", 0.25, mix(p.Trousers, 0.2)},
	} {
		var bands []color.NRGBA
		for _, s := range figure.Draw(pts, figure.Style{Highlight: []string{tc.area}, HighlightLevel: tc.level}).Shapes {
			if !plain[s.Fill] {
				bands = append(bands, s.Fill)
			}
		}
		require.NotEmpty(t, bands, "%s at %v: no band", tc.area, tc.level)
		for _, c := range bands {
			assert.Equal(t, tc.want, c, "%s at %v: band colour", tc.area, tc.level)
		}
	}
}

// BenchmarkDraw measures building one frame: sampling the clip, forward
// kinematics and the draw list, reusing the Drawing as a player does.
func BenchmarkDraw(b *testing.B) {
	c := clips(b)["bridge"]
	s := motion.Standard()
	st := figure.Style{Highlight: []string{"glutes", "core", "hamstrings"}, HighlightLevel: 1}
	var d figure.Drawing
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		pts := c.Sample(motion.PhaseUp, float64(i%100)/100).Points(s)
		figure.DrawTo(&d, &pts, &st)
		i++
	}
}

// BenchmarkDrawOnly measures the draw list alone.
func BenchmarkDrawOnly(b *testing.B) {
	pts := clips(b)["bridge"].Sample(motion.PhaseHold, 0).Points(motion.Standard())
	st := figure.Style{}
	var d figure.Drawing
	b.ReportAllocs()
	for b.Loop() {
		figure.DrawTo(&d, &pts, &st)
	}
}

// TestDepthOrder checks that a far arm is painted behind the torso when it
// is behind it, and over it when a twist brings it in front (the far hand
// on the near knee in a seated twist).
func TestDepthOrder(t *testing.T) {
	p := figure.DefaultPalette
	farShirt := p.Shirt
	for _, c := range []*uint8{&farShirt.R, &farShirt.G, &farShirt.B} {
		*c = uint8(float64(*c)*(1-p.FarShade) + 0.5)
	}
	tests := []struct {
		clip, phase string
		inFront     bool
	}{
		{"bridge", motion.PhaseHold, false},
		{"seated-twist", motion.PhaseStart, false},
		{"seated-twist", motion.PhaseHold, true},
	}
	for _, tt := range tests {
		pts := clips(t)[tt.clip].Sample(tt.phase, 0.5).Points(motion.Standard())
		d := figure.Draw(pts, figure.Style{})
		sleeve, torso := -1, -1
		for i, s := range d.Shapes {
			if s.Fill == farShirt && sleeve < 0 {
				sleeve = i
			}
			if s.Fill == p.Shirt && !s.Convex {
				torso = i
			}
		}
		require.True(t, sleeve >= 0 && torso >= 0, "%s %s: far sleeve %d, torso %d", tt.clip, tt.phase, sleeve, torso)
		assert.Equal(t, tt.inFront, sleeve > torso, "%s %s: far sleeve painted at %d, torso at %d", tt.clip, tt.phase, sleeve, torso)
	}
}
