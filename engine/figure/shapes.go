package figure

import (
	"image/color"
	"math"

	"spry/engine/motion"
)

// to maps a world point to drawing coordinates.
func (b *builder) to(v motion.Vec) (float64, float64) {
	v = v.Add(b.shift)
	x := v.X - b.view.Min.X
	if b.flip {
		x = b.view.Max.X - v.X
	}
	return x, b.view.Max.Y - v.Y
}

func (b *builder) cmd(c Cmd) { b.d.Cmds = append(b.d.Cmds, c) }

func (b *builder) shape(start int, fill color.NRGBA) {
	b.d.Shapes = append(b.d.Shapes, Shape{Start: start, End: len(b.d.Cmds), Fill: fill, Convex: true})
}

// rect fills the world rectangle from lo to hi.
func (b *builder) rect(lo, hi motion.Vec, fill color.NRGBA) {
	start := len(b.d.Cmds)
	x0, y0 := b.to(lo)
	x1, y1 := b.to(hi)
	b.cmd(Cmd{Op: MoveTo, X: x0, Y: y0})
	b.cmd(Cmd{Op: LineTo, X: x1, Y: y0})
	b.cmd(Cmd{Op: LineTo, X: x1, Y: y1})
	b.cmd(Cmd{Op: LineTo, X: x0, Y: y1})
	b.cmd(Cmd{Op: Close})
	b.shape(start, fill)
}

// circle fills a circle of radius r around world point c.
func (b *builder) circle(c motion.Vec, r float64, fill color.NRGBA) {
	start := len(b.d.Cmds)
	x, y := b.to(c)
	b.cmd(Cmd{Op: MoveTo, X: x + r, Y: y})
	b.cmd(Cmd{Op: Arc, X: x, Y: y, R: r, A0: 0, A1: 2 * math.Pi, CW: true})
	b.cmd(Cmd{Op: Close})
	b.shape(start, fill)
}

// ellipse fills an ellipse with radii rx, ry around world point c, its rx
// axis turned by angle (radians, counter-clockwise in the world).
func (b *builder) ellipse(c motion.Vec, rx, ry, angle float64, fill color.NRGBA) {
	const k = 0.5522847498 // control distance of a quarter circle
	start := len(b.d.Cmds)
	s, co := math.Sincos(angle)
	pt := func(u, v float64) (float64, float64) {
		return b.to(motion.Vec{X: c.X + u*co - v*s, Y: c.Y + u*s + v*co})
	}
	x, y := pt(rx, 0)
	b.cmd(Cmd{Op: MoveTo, X: x, Y: y})
	quad := [4][3][2]float64{
		{{rx, k * ry}, {k * rx, ry}, {0, ry}},
		{{-k * rx, ry}, {-rx, k * ry}, {-rx, 0}},
		{{-rx, -k * ry}, {-k * rx, -ry}, {0, -ry}},
		{{k * rx, -ry}, {rx, -k * ry}, {rx, 0}},
	}
	for _, q := range quad {
		x1, y1 := pt(q[0][0], q[0][1])
		x2, y2 := pt(q[1][0], q[1][1])
		x, y := pt(q[2][0], q[2][1])
		b.cmd(Cmd{Op: CubicTo, X1: x1, Y1: y1, X2: x2, Y2: y2, X: x, Y: y})
	}
	b.cmd(Cmd{Op: Close})
	b.shape(start, fill)
}

// capsule fills a tapered limb from world point a (radius ra) to c (radius
// rc): two circles joined by their outer tangents.
func (b *builder) capsule(a motion.Vec, ra float64, c motion.Vec, rc float64, fill color.NRGBA) {
	ax, ay := b.to(a)
	cx, cy := b.to(c)
	dx, dy := cx-ax, cy-ay
	l := math.Hypot(dx, dy)
	if l <= math.Abs(ra-rc)+1e-9 {
		if ra >= rc {
			b.circle(a, ra, fill)
		} else {
			b.circle(c, rc, fill)
		}
		return
	}
	start := len(b.d.Cmds)
	th := math.Atan2(dy, dx)
	phi := math.Asin((ra - rc) / l)
	n1 := th + math.Pi/2 + phi
	n2 := th - math.Pi/2 - phi
	s1, c1 := math.Sincos(n1)
	b.cmd(Cmd{Op: MoveTo, X: ax + ra*c1, Y: ay + ra*s1})
	b.cmd(Cmd{Op: Arc, X: cx, Y: cy, R: rc, A0: n1, A1: n2})
	b.cmd(Cmd{Op: Arc, X: ax, Y: ay, R: ra, A0: n2, A1: n1 - 2*math.Pi})
	b.cmd(Cmd{Op: Close})
	b.shape(start, fill)
}

// tube fills a smooth body part along world points ps with radii rs (at
// most 8): its outline follows the points' offsets on both sides with
// Catmull-Rom curves, and both ends are rounded.
func (b *builder) tube(ps []motion.Vec, rs []float64, fill color.NRGBA) {
	n := len(ps)
	var c, l, r [8][2]float64
	for i := range n {
		c[i][0], c[i][1] = b.to(ps[i])
	}
	for i := range n {
		prev, next := c[max(i-1, 0)], c[min(i+1, n-1)]
		tx, ty := next[0]-prev[0], next[1]-prev[1]
		tl := math.Hypot(tx, ty)
		if tl == 0 {
			tx, ty, tl = 1, 0, 1
		}
		nx, ny := -ty/tl*rs[i], tx/tl*rs[i]
		l[i] = [2]float64{c[i][0] + nx, c[i][1] + ny}
		r[i] = [2]float64{c[i][0] - nx, c[i][1] - ny}
	}
	start := len(b.d.Cmds)
	b.cmd(Cmd{Op: MoveTo, X: r[0][0], Y: r[0][1]})
	b.capArc(c[0], rs[0], r[0], l[0], c[1])
	b.curve(l[:n], false)
	b.capArc(c[n-1], rs[n-1], l[n-1], r[n-1], c[n-2])
	b.curve(r[:n], true)
	b.cmd(Cmd{Op: Close})
	b.shape(start, fill)
	b.d.Shapes[len(b.d.Shapes)-1].Convex = false
}

// capArc adds the half-circle around centre c from point p to point q that
// bulges away from point away.
func (b *builder) capArc(c [2]float64, radius float64, p, q, away [2]float64) {
	a0 := math.Atan2(p[1]-c[1], p[0]-c[0])
	a1 := math.Atan2(q[1]-c[1], q[0]-c[0])
	mid := math.Atan2(c[1]-away[1], c[0]-away[0])
	turn := func(a float64) float64 { return math.Mod(math.Mod(a, 2*math.Pi)+2*math.Pi, 2*math.Pi) }
	cw := turn(mid-a0) < turn(a1-a0)
	b.cmd(Cmd{Op: Arc, X: c[0], Y: c[1], R: radius, A0: a0, A1: a1, CW: cw})
}

// curve adds Catmull-Rom curves through qs (drawing coordinates), from the
// first point (already reached) to the last, or backwards.
func (b *builder) curve(qs [][2]float64, backwards bool) {
	n := len(qs)
	at := func(i int) [2]float64 {
		i = max(0, min(n-1, i))
		if backwards {
			return qs[n-1-i]
		}
		return qs[i]
	}
	for i := 0; i < n-1; i++ {
		p0, p1, p2, p3 := at(i-1), at(i), at(i+1), at(i+2)
		b.cmd(Cmd{
			Op: CubicTo,
			X1: p1[0] + (p2[0]-p0[0])/6, Y1: p1[1] + (p2[1]-p0[1])/6,
			X2: p2[0] - (p3[0]-p1[0])/6, Y2: p2[1] - (p3[1]-p1[1])/6,
			X: p2[0], Y: p2[1],
		})
	}
}
