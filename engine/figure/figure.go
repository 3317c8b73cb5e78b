// Package figure turns a posed body into a Drawing: an ordered list of
// filled shapes (tapered limbs with round caps, a torso and head with volume,
// a mat with a soft contact shadow, and an optional highlight of the areas
// an exercise works). A Drawing is plain data: the browser player translates
// it to ebiten paths, and SVG renders it in pure Go for stills and tests.
//
// Drawing coordinates are in body heights, x to the right and y DOWN from the
// top-left corner of the view, so that renderers only scale and offset.
package figure

import (
	"image/color"
	"math"
	"slices"

	"spry/engine/motion"
)

// Op is a path command.
type Op uint8

// The path commands. They mirror ebiten's vector.Path.
const (
	// MoveTo starts a new subpath at (X, Y).
	MoveTo Op = iota
	// LineTo draws a line to (X, Y).
	LineTo
	// CubicTo draws a cubic Bézier curve through controls (X1, Y1), (X2, Y2)
	// to (X, Y).
	CubicTo
	// Arc draws a line to the arc's start, then an arc around centre (X, Y)
	// with radius R from angle A0 to A1 (radians, measured from +x towards
	// +y), increasing the angle when CW is set, decreasing it otherwise.
	Arc
	// Close closes the subpath.
	Close
)

// Cmd is one path command; which fields count depends on Op.
type Cmd struct {
	Op             Op
	X, Y           float64
	X1, Y1, X2, Y2 float64
	R, A0, A1      float64
	CW             bool
}

// Shape is a filled path: the commands Cmds[Start:End] of its Drawing.
type Shape struct {
	Start, End int
	Fill       color.NRGBA
	// Convex is set when the path is convex and does not cross itself, so a
	// renderer may fill it as a plain triangle fan; otherwise it must use
	// the non-zero fill rule.
	Convex bool
}

// Drawing is one frame of the figure as filled shapes, painted in order.
type Drawing struct {
	// Width and Height are the size of the view in body heights.
	Width, Height float64
	Background    color.NRGBA
	Shapes        []Shape
	Cmds          []Cmd
}

// Rect is an axis-aligned rectangle in world units (y up).
type Rect struct{ Min, Max motion.Vec }

// DefaultView frames a body lying or kneeling on a mat: 1.3 wide, 0.72 tall,
// centred on x = 0 with the floor near the bottom.
var DefaultView = Rect{Min: motion.Vec{X: -0.65, Y: -0.08}, Max: motion.Vec{X: 0.65, Y: 0.64}}

// FarOffset is how far far-side limbs are drawn from where they are, as if
// seen a little from above and behind, so that a far leg exactly behind the
// near one still shows.
var FarOffset = motion.Vec{X: 0.022, Y: 0.004}

// Palette holds the figure's colours. Far-side limbs are drawn darker.
type Palette struct {
	Background, Floor, Mat, MatEdge, Shadow color.NRGBA
	Skin, Hair, Shirt, Trousers             color.NRGBA
	Highlight                               color.NRGBA
	Wood, Wall, Strap                       color.NRGBA
	// FarShade is how much darker far-side limbs are, 0..1.
	FarShade float64
}

// DefaultPalette is a calm, high-contrast palette.
var DefaultPalette = Palette{
	Background: color.NRGBA{0xf7, 0xf4, 0xee, 0xff},
	Floor:      color.NRGBA{0xe6, 0xdf, 0xd3, 0xff},
	Mat:        color.NRGBA{0x6f, 0xa8, 0xa2, 0xff},
	MatEdge:    color.NRGBA{0x55, 0x8c, 0x86, 0xff},
	Shadow:     color.NRGBA{0x2a, 0x3a, 0x38, 0xff},
	Skin:       color.NRGBA{0xe9, 0xb9, 0x97, 0xff},
	Hair:       color.NRGBA{0x4b, 0x35, 0x27, 0xff},
	Shirt:      color.NRGBA{0x3f, 0x7f, 0xc0, 0xff},
	Trousers:   color.NRGBA{0x36, 0x43, 0x5c, 0xff},
	Highlight:  color.NRGBA{0xff, 0x8c, 0x42, 0xff},
	Wood:       color.NRGBA{0xa9, 0x83, 0x5a, 0xff},
	Wall:       color.NRGBA{0xd9, 0xd1, 0xc4, 0xff},
	Strap:      color.NRGBA{0xe0, 0x9a, 0x2b, 0xff},
	FarShade:   0.28,
}

// Style says how to draw the figure.
type Style struct {
	// View is the part of the world shown; the zero Rect means DefaultView.
	View Rect
	// FlipX mirrors the picture so the figure faces the other way.
	FlipX bool
	// Highlight names target areas to tint: "core", "lower-back",
	// "upper-back", "glutes", "hamstrings", "quadriceps", "hip-flexors",
	// "calves", "shoulders", "obliques". Unknown names are ignored.
	Highlight []string
	// HighlightLevel is the highlight's strength, 0 (off) to 1.
	HighlightLevel float64
	// Breath is how far the chest has risen with a breath in, 0 (out) to 1
	// (in): a subtle cue to keep breathing during holds.
	Breath float64
	// Props are the clip's equipment (motion.Clip.PlacedProps).
	Props []motion.Prop
	// Palette is the colours; the zero Palette means DefaultPalette.
	Palette *Palette
}

// Areas lists the target areas Style.Highlight understands.
func Areas() []string {
	out := make([]string, len(areas))
	for i, a := range areas {
		out[i] = a.name
	}
	return out
}

// Draw returns the Drawing of a body at points pts.
func Draw(pts motion.Points, s Style) Drawing {
	var d Drawing
	d.Shapes = make([]Shape, 0, 64)
	d.Cmds = make([]Cmd, 0, 512)
	DrawTo(&d, &pts, &s)
	return d
}

// DrawTo draws like Draw into d, reusing its slices, so that a player
// drawing every frame allocates nothing.
func DrawTo(d *Drawing, pts *motion.Points, s *Style) {
	b := builder{d: d, pts: pts}
	b.begin(s)
	b.fixedProps(s.Props)
	b.body(s)
	b.straps(s.Props)
}

type builder struct {
	d     *Drawing
	shift motion.Vec // added to far-side limbs, so both legs show
	pts   *motion.Points
	view  Rect
	flip  bool
	pal   *Palette
	far   Palette // the palette shaded for far-side limbs
}

func (b *builder) begin(s *Style) {
	b.view = s.View
	if b.view == (Rect{}) {
		b.view = DefaultView
	}
	b.flip = s.FlipX
	b.pal = s.Palette
	if b.pal == nil {
		b.pal = &DefaultPalette
	}
	b.far = *b.pal
	for _, c := range []*color.NRGBA{&b.far.Skin, &b.far.Shirt, &b.far.Trousers} {
		*c = shade(*c, b.pal.FarShade)
	}
	d := b.d
	d.Width = b.view.Max.X - b.view.Min.X
	d.Height = b.view.Max.Y - b.view.Min.Y
	d.Background = b.pal.Background
	d.Shapes = d.Shapes[:0]
	d.Cmds = d.Cmds[:0]

	// Floor, mat, and shadows of whatever is near the floor.
	w := b.view
	b.rect(motion.Vec{X: w.Min.X, Y: w.Min.Y}, motion.Vec{X: w.Max.X, Y: 0}, b.pal.Floor)
	const matHalf, matThick = 0.6, 0.022
	b.rect(motion.Vec{X: -matHalf, Y: -matThick}, motion.Vec{X: matHalf, Y: 0}, b.pal.MatEdge)
	b.rect(motion.Vec{X: -matHalf, Y: -matThick * 0.45}, motion.Vec{X: matHalf, Y: 0}, b.pal.Mat)
	for _, seg := range shadowSegs {
		b.shadow(seg[0], seg[1])
	}
}

// shadowSegs are the body parts that cast contact shadows.
var shadowSegs = [][2]motion.Point{
	{motion.PtPelvis, motion.PtSacrum}, {motion.PtSacrum, motion.PtWaist},
	{motion.PtWaist, motion.PtChest}, {motion.PtChest, motion.PtNeckBase}, {motion.PtHead, motion.PtHead},
	{motion.PtKneeNear, motion.PtAnkleNear}, {motion.PtHeelNear, motion.PtToeNear},
	{motion.PtKneeFar, motion.PtAnkleFar}, {motion.PtHeelFar, motion.PtToeFar},
	{motion.PtElbowNear, motion.PtWristNear}, {motion.PtWristNear, motion.PtHandNear},
	{motion.PtElbowFar, motion.PtWristFar}, {motion.PtWristFar, motion.PtHandFar},
}

// shadow draws a soft flattened ellipse on the floor under the part from p
// to q, stronger the nearer the part is to the floor.
func (b *builder) shadow(p, q motion.Point) {
	const reach = 0.18 // no shadow from parts higher than this
	a, c := b.pts.At[p], b.pts.At[q]
	ra, rc := b.pts.Radius[p], b.pts.Radius[q]
	h := math.Min(a.Y-ra, c.Y-rc)
	if h >= reach {
		return
	}
	k := 1 - math.Max(0, h)/reach
	lo := math.Min(a.X-ra, c.X-rc)
	hi := math.Max(a.X+ra, c.X+rc)
	mid := motion.Vec{X: (lo + hi) / 2, Y: 0}
	half := (hi - lo) / 2
	for _, layer := range [3]struct{ grow, ry, alpha float64 }{
		{1.25, 0.016, 0.06}, {1.08, 0.011, 0.08}, {0.92, 0.006, 0.10},
	} {
		col := b.pal.Shadow
		col.A = uint8(255 * layer.alpha * k)
		b.ellipse(mid, half*layer.grow+0.01*(1-k), layer.ry*(0.6+0.4*k), 0, col)
	}
}

// part is one of the body parts body paints in depth order.
type part uint8

const (
	farArm part = iota
	farLeg
	torso
	nearLeg
	nearArm
	numParts
)

// body draws the person: the arms, the legs, and the torso with the head,
// furthest from the viewer first. Seen plainly from the side that is far
// arm, far leg, torso, near leg, near arm; a twisted chest or rolled knees
// (or elbows and knees bent towards or away from the viewer, seen from the
// front) can bring a far limb in front of the torso.
func (b *builder) body(s *Style) {
	P := b.pts
	order := [numParts]part{farArm, farLeg, torso, nearLeg, nearArm}
	var depth [numParts]float64
	depth[farArm] = (P.Z[motion.PtElbowFar] + P.Z[motion.PtWristFar]) / 2
	depth[farLeg] = (P.Z[motion.PtKneeFar] + P.Z[motion.PtAnkleFar]) / 2
	depth[nearLeg] = (P.Z[motion.PtKneeNear] + P.Z[motion.PtAnkleNear]) / 2
	depth[nearArm] = (P.Z[motion.PtElbowNear] + P.Z[motion.PtWristNear]) / 2
	// Insertion sort, stable, so equal depths keep the side-view order.
	for i := 1; i < len(order); i++ {
		for k := i; k > 0 && depth[order[k]] < depth[order[k-1]]; k-- {
			order[k], order[k-1] = order[k-1], order[k]
		}
	}
	p, far := b.pal, &b.far
	for _, pt := range order {
		b.shift = motion.Vec{}
		if (pt == farArm || pt == farLeg) && P.View == motion.Side {
			b.shift = FarOffset
		}
		switch pt {
		case farArm:
			b.arm(far, motion.PtShoulderFar, motion.PtElbowFar, motion.PtWristFar, motion.PtHandFar)
		case farLeg:
			b.leg(far, P.Hip[1], motion.PtKneeFar, motion.PtAnkleFar, motion.PtHeelFar, motion.PtToeFar)
		case torso:
			b.trunk(s.Breath)
		case nearLeg:
			b.leg(p, P.Hip[0], motion.PtKneeNear, motion.PtAnkleNear, motion.PtHeelNear, motion.PtToeNear)
		case nearArm:
			b.arm(p, motion.PtShoulderNear, motion.PtElbowNear, motion.PtWristNear, motion.PtHandNear)
		}
		// A part's target areas are painted on it, so whatever is in
		// front of the part covers them too.
		b.highlight(s, pt)
	}
	b.shift = motion.Vec{}
}

// trunk draws the neck, head and torso.
func (b *builder) trunk(breath float64) {
	P := b.pts
	p := b.pal
	// Neck and head.
	b.capsule(P.At[motion.PtNeckBase], 0.03, P.At[motion.PtSkull], 0.027, p.Skin)
	head, skull := P.At[motion.PtHead], P.At[motion.PtSkull]
	up := unit(head.Sub(skull))
	front := motion.Vec{X: up.Y, Y: -up.X} // clockwise of up: the face
	r := P.Radius[motion.PtHead] * 0.95
	if P.View == motion.Front {
		// The face looks at the viewer: hair behind it, ears either side.
		side := front.Scale(r * 0.92)
		b.circle(head.Add(up.Scale(0.01)), r, p.Hair)
		b.circle(head.Add(side), 0.012, shade(p.Skin, 0.12))
		b.circle(head.Sub(side), 0.012, shade(p.Skin, 0.12))
		b.circle(head.Sub(up.Scale(0.008)), r*0.88, p.Skin)
		b.circle(head.Sub(up.Scale(0.036)), 0.028, p.Skin) // jaw
	} else {
		// In profile; a twisted chest turns the face towards the viewer
		// (or away), so the nose and jaw come in and the ear goes back.
		sn, cs := math.Sincos(P.Facing * math.Pi / 180)
		fc := front.Scale(cs)
		b.circle(head.Add(up.Scale(0.008)).Sub(fc.Scale(0.008)), r, p.Hair)
		b.circle(head.Add(fc.Scale(0.006)).Sub(up.Scale(0.004)), r*0.93, p.Skin)
		b.circle(head.Add(fc.Scale(0.026)).Sub(up.Scale(0.04)), 0.024, p.Skin)   // jaw
		b.circle(head.Add(fc.Scale(r*0.95)).Sub(up.Scale(0.012)), 0.011, p.Skin) // nose
		ear := fc.Scale(0.012).Add(front.Scale(r * 0.8 * sn))
		b.circle(head.Sub(ear), 0.011, shade(p.Skin, 0.12))
	}

	// Torso: trousers to just above the pelvis, shirt over it.
	pelvis, sacrum, waist := P.At[motion.PtPelvis], P.At[motion.PtSacrum], P.At[motion.PtWaist]
	chest, neck := P.At[motion.PtChest], P.At[motion.PtNeckBase]
	// Breathing in lifts the front of the chest; the back stays put.
	rise := 0.006 * math.Max(0, math.Min(1, breath))
	d := unit(neck.Sub(waist))
	if P.View == motion.Side {
		chest = chest.Add(motion.Vec{X: d.Y, Y: -d.X}.Scale(rise))
	}
	belt := sacrum.Lerp(waist, 0.35)
	rBelt := P.Radius[motion.PtSacrum]*0.65 + P.Radius[motion.PtWaist]*0.35
	b.tube([]motion.Vec{pelvis, sacrum, belt}, []float64{P.Radius[motion.PtPelvis], P.Radius[motion.PtSacrum], rBelt}, p.Trousers)
	// The collar stops short of the neck's base so the neck shows.
	collar := chest.Lerp(neck, 0.75)
	b.tube([]motion.Vec{belt, waist, chest, collar},
		[]float64{rBelt - 0.002, P.Radius[motion.PtWaist], P.Radius[motion.PtChest] + rise, P.Radius[motion.PtNeckBase] - 0.006}, p.Shirt)
}

func (b *builder) leg(p *Palette, hip motion.Vec, knee, ankle, heel, toe motion.Point) {
	P := b.pts
	k, a := P.At[knee], P.At[ankle]
	// The foot first, so the trouser hem covers the ankle.
	b.capsule(a, 0.024, P.At[heel], 0.014, p.Skin)
	b.capsule(a, 0.02, P.At[toe], 0.01, p.Skin)
	b.capsule(P.At[heel], 0.013, P.At[toe], 0.01, p.Skin)
	b.capsule(hip, 0.064, k, P.Radius[knee], p.Trousers)
	b.capsule(k, P.Radius[knee], a, P.Radius[ankle]+0.002, p.Trousers)
}

func (b *builder) arm(p *Palette, shoulder, elbow, wrist, hand motion.Point) {
	P := b.pts
	s, e, w, h := P.At[shoulder], P.At[elbow], P.At[wrist], P.At[hand]
	b.capsule(w, P.Radius[wrist], h, P.Radius[hand], p.Skin)
	b.circle(h, P.Radius[hand]+0.002, p.Skin)
	b.capsule(e, P.Radius[elbow]-0.002, w, P.Radius[wrist], p.Skin)
	if p == b.pal {
		// The near sleeve often lies over the shirt: a darker rim keeps
		// the arm readable.
		b.capsule(s, 0.041, e, P.Radius[elbow]+0.004, shade(p.Shirt, 0.22))
	}
	b.capsule(s, 0.037, e, P.Radius[elbow], p.Shirt)
}

// area is a target area: a band along part of the body, pushed towards its
// front (side > 0) or back (side < 0), painted on the body part on (the
// torso, or the near leg or arm) over its cloth.
type area struct {
	name     string
	on       part
	trousers bool // over the trousers, else over the shirt
	parts    []areaPart
}

type areaPart struct {
	a, b  motion.Point
	fa    float64 // how far from a to b the band starts and ends
	fb    float64
	side  float64
	width float64 // fraction of the body's radius
}

var areas = []area{
	{"core", torso, false, []areaPart{{motion.PtSacrum, motion.PtChest, 0.1, 0.85, 0.45, 0.55}}},
	{"obliques", torso, false, []areaPart{{motion.PtSacrum, motion.PtChest, 0.2, 0.8, 0.1, 0.55}}},
	{"lower-back", torso, false, []areaPart{{motion.PtSacrum, motion.PtChest, 0, 0.6, -0.45, 0.55}}},
	{"upper-back", torso, false, []areaPart{{motion.PtWaist, motion.PtNeckBase, 0.2, 0.9, -0.45, 0.55}}},
	{"glutes", torso, true, []areaPart{{motion.PtPelvis, motion.PtSacrum, -0.1, 0.8, -0.45, 0.6}}},
	{"hip-flexors", torso, true, []areaPart{{motion.PtPelvis, motion.PtSacrum, 0.1, 0.9, 0.45, 0.5}}},
	{"hamstrings", nearLeg, true, []areaPart{{motion.PtPelvis, motion.PtKneeNear, 0.25, 0.85, -0.4, 0.55}}},
	{"quadriceps", nearLeg, true, []areaPart{{motion.PtPelvis, motion.PtKneeNear, 0.2, 0.85, 0.4, 0.55}}},
	{"calves", nearLeg, true, []areaPart{{motion.PtKneeNear, motion.PtAnkleNear, 0.1, 0.6, -0.4, 0.6}}},
	{"shoulders", nearArm, false, []areaPart{{motion.PtShoulderNear, motion.PtElbowNear, -0.05, 0.35, 0, 0.8}}},
}

// highlightMix is how far a highlighted band's colour goes from the cloth
// under it towards Palette.Highlight at full strength.
const highlightMix = 0.8

// highlight tints the named target areas that lie on body part on. Each
// band is opaque, its colour mixed from the cloth under it towards the
// highlight colour by the strength: translucent bands darkened where they
// overlapped and turned muddy over the navy trousers.
func (b *builder) highlight(s *Style, on part) {
	if s.HighlightLevel <= 0 || len(s.Highlight) == 0 {
		return
	}
	k := highlightMix * math.Min(1, s.HighlightLevel)
	P := b.pts
	for _, ar := range areas {
		if ar.on != on || !slices.Contains(s.Highlight, ar.name) {
			continue
		}
		col := mix(b.pal.Shirt, b.pal.Highlight, k)
		if ar.trousers {
			col = mix(b.pal.Trousers, b.pal.Highlight, k)
		}
		for _, pt := range ar.parts {
			a, c := P.At[pt.a], P.At[pt.b]
			ra, rc := P.Radius[pt.a], P.Radius[pt.b]
			if pt.a == motion.PtPelvis && pt.b != motion.PtSacrum {
				ra = 0.064 // the thigh's root, not the buttocks
			}
			dir := unit(c.Sub(a))
			// Left of the part's direction: the front for the trunk, which
			// points head-wards, and the back for limbs, which point away.
			left := motion.Vec{X: -dir.Y, Y: dir.X}
			front := left.Scale(-1)
			if pt.a >= motion.PtShoulderNear || pt.a == motion.PtPelvis && pt.b != motion.PtSacrum {
				front = left
			}
			p0, r0 := a.Lerp(c, pt.fa), ra+(rc-ra)*pt.fa
			p1, r1 := a.Lerp(c, pt.fb), ra+(rc-ra)*pt.fb
			side := pt.side
			if P.View == motion.Front {
				// Seen from the front, front and back overlap: the band
				// runs down the middle of the part.
				side = 0
			}
			p0 = p0.Add(front.Scale(side * r0))
			p1 = p1.Add(front.Scale(side * r1))
			b.capsule(p0, r0*pt.width, p1, r1*pt.width, col)
		}
	}
}

// unit returns v scaled to length 1 (or +x for a zero vector).
func unit(v motion.Vec) motion.Vec {
	l := v.Len()
	if l == 0 {
		return motion.Vec{X: 1}
	}
	return v.Scale(1 / l)
}

// shade darkens c by fraction k.
// mix returns the colour a fraction k of the way from c to d.
func mix(c, d color.NRGBA, k float64) color.NRGBA {
	f := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*k)) }
	return color.NRGBA{f(c.R, d.R), f(c.G, d.G), f(c.B, d.B), f(c.A, d.A)}
}

func shade(c color.NRGBA, k float64) color.NRGBA {
	f := func(v uint8) uint8 { return uint8(math.Round(float64(v) * (1 - k))) }
	return color.NRGBA{f(c.R), f(c.G), f(c.B), c.A}
}

// Frame returns a view that shows a body moving within the world rectangle
// lo..hi (see motion.Clip.Bounds) with a margin, the floor and the mat, kept
// centred on the mat at x = 0 so the camera never moves during a clip.
func Frame(lo, hi motion.Vec) Rect {
	const margin = 0.06
	half := math.Max(math.Max(-lo.X, hi.X)+margin+FarOffset.X, 0.62)
	top := math.Max(hi.Y+margin, 0.4)
	return Rect{Min: motion.Vec{X: -half, Y: -0.08}, Max: motion.Vec{X: half, Y: top}}
}

// fixedProps draws chairs and walls, behind the body.
func (b *builder) fixedProps(props []motion.Prop) {
	for _, p := range props {
		lo, hi := p.Box[0], p.Box[1]
		switch p.Kind {
		case motion.Wall:
			b.rect(lo, hi, b.pal.Wall)
			b.rect(motion.Vec{X: hi.X - 0.006, Y: lo.Y}, hi, shade(b.pal.Wall, 0.12))
		case motion.Chair:
			const seat, leg = 0.035, 0.018
			wood := b.pal.Wood
			dark := shade(wood, 0.2)
			// Back legs and backrest, far legs, seat, near legs.
			b.rect(motion.Vec{X: lo.X, Y: 0}, motion.Vec{X: lo.X + leg, Y: hi.Y + 0.3}, dark)
			b.rect(motion.Vec{X: hi.X - leg - 0.02, Y: 0}, motion.Vec{X: hi.X - 0.02, Y: hi.Y}, dark)
			b.rect(motion.Vec{X: lo.X, Y: hi.Y - seat}, hi, wood)
			b.rect(motion.Vec{X: lo.X + 0.02, Y: 0}, motion.Vec{X: lo.X + 0.02 + leg, Y: hi.Y - seat}, wood)
			b.rect(motion.Vec{X: hi.X - leg, Y: 0}, motion.Vec{X: hi.X, Y: hi.Y - seat}, wood)
		}
	}
}

// straps draws straps, over the body.
func (b *builder) straps(props []motion.Prop) {
	for _, p := range props {
		if p.Kind == motion.Strap {
			b.capsule(b.pts.At[p.From], 0.008, b.pts.At[p.To], 0.008, b.pal.Strap)
		}
	}
}
