// Package render draws a figure.Drawing onto an ebiten image as
// antialiased triangles. It only translates: all decisions about what to
// draw are made in spry/engine/figure. Mesh, which turns a Drawing into
// triangles, is plain Go and tested natively; Draw (js only) hands them to
// ebiten.
package render

import (
	"math"

	"spry/engine/figure"
)

// Why the renderer antialiases by itself: ebiten's AntiAlias option draws
// every antialiased path into an offscreen buffer twice the size of the
// whole screen and scales it down. On a phone at 3× that is about twelve
// million pixels a frame, and in Chromium's software WebGL it made each
// frame of a session take 30 to 50 ms (long tasks, 30 fps). Instead, each
// shape is filled without antialiasing, inset by half a pixel, and
// surrounded by a one-pixel "fringe" strip whose colour fades from the
// shape's to transparent: the technique of NanoVG. The edge looks the same,
// the fill touches no extra pixels, and the GPU does no extra pass.

// Vertex is a point of a triangle in device pixels with its colour,
// premultiplied by alpha.
type Vertex struct {
	X, Y       float32
	R, G, B, A float32
}

// Part is a run of triangles to draw in one call with one fill rule.
type Part struct {
	// VStart and VEnd are the range of Mesh.Vertices the triangles use;
	// their indices count from VStart.
	VStart, VEnd int
	// Start and End are the range of Mesh.Indices.
	Start, End int
	// NonZero is set when the triangles must be drawn with the non-zero
	// fill rule (a concave shape's fan); otherwise every triangle is
	// simply filled.
	NonZero bool
}

// Mesh is a Drawing turned into triangles, in painting order. It is reused
// from frame to frame, so building it allocates nothing once warm.
type Mesh struct {
	Vertices []Vertex
	Indices  []uint16
	Parts    []Part

	// scratch for one shape's flattened subpaths
	pts  []pt
	subs []int // end index in pts of each subpath
	norm []pt
}

type pt struct{ x, y float64 }

const (
	// fringe is the width of the antialiased edge in device pixels.
	fringe = 1.0
	// tolerance is how far a flattened curve may stray from the true one,
	// in device pixels.
	tolerance = 0.2
	// maxVertices keeps indices within uint16.
	maxVertices = math.MaxUint16
)

// Build turns d, scaled by scale and moved by (ox, oy) into device pixels,
// into m's triangles. A shape is one or more closed outlines that do not
// cut holes in each other (Spry's figure has none); each is filled and
// fringed on its own side.
func (m *Mesh) Build(d *figure.Drawing, scale, ox, oy float64) {
	m.Vertices, m.Indices, m.Parts = m.Vertices[:0], m.Indices[:0], m.Parts[:0]
	for _, s := range d.Shapes {
		m.flatten(d.Cmds[s.Start:s.End], scale, ox, oy)
		if 2*len(m.pts) > maxVertices {
			continue // a shape this large is a bug upstream; skip it, never wrap indices
		}
		a := float32(s.Fill.A) / 0xff
		col := Vertex{R: float32(s.Fill.R) / 0xff * a, G: float32(s.Fill.G) / 0xff * a, B: float32(s.Fill.B) / 0xff * a, A: a}
		m.shape(col, !s.Convex)
	}
}

// flatten turns one shape's commands into polygons in m.pts, one per
// subpath, ending at the indices in m.subs.
func (m *Mesh) flatten(cmds []figure.Cmd, scale, ox, oy float64) {
	m.pts, m.subs = m.pts[:0], m.subs[:0]
	px := func(x, y float64) pt { return pt{ox + x*scale, oy + y*scale} }
	start := 0
	endSub := func() {
		if len(m.pts) > start {
			// Drop a closing point that repeats the first.
			if n := len(m.pts); n-start > 1 && near(m.pts[n-1], m.pts[start]) {
				m.pts = m.pts[:n-1]
			}
			if len(m.pts)-start < 3 {
				m.pts = m.pts[:start] // nothing to fill
			} else {
				m.subs = append(m.subs, len(m.pts))
			}
		}
		start = len(m.pts)
	}
	add := func(p pt) {
		if n := len(m.pts); n > start && near(m.pts[n-1], p) {
			return
		}
		m.pts = append(m.pts, p)
	}
	for _, c := range cmds {
		switch c.Op {
		case figure.MoveTo:
			endSub()
			add(px(c.X, c.Y))
		case figure.LineTo:
			add(px(c.X, c.Y))
		case figure.CubicTo:
			if len(m.pts) == start {
				add(px(c.X1, c.Y1))
			}
			p0 := m.pts[len(m.pts)-1]
			p1, p2, p3 := px(c.X1, c.Y1), px(c.X2, c.Y2), px(c.X, c.Y)
			// Uniform steps: the error of n chords is at most
			// 3/4·max|second difference|/n².
			dd := math.Max(math.Hypot(p0.x-2*p1.x+p2.x, p0.y-2*p1.y+p2.y), math.Hypot(p1.x-2*p2.x+p3.x, p1.y-2*p2.y+p3.y))
			n := steps(math.Sqrt(0.75 * dd / tolerance))
			for i := 1; i <= n; i++ {
				t := float64(i) / float64(n)
				u := 1 - t
				a, b, cc, e := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
				add(pt{a*p0.x + b*p1.x + cc*p2.x + e*p3.x, a*p0.y + b*p1.y + cc*p2.y + e*p3.y})
			}
		case figure.Arc:
			delta := c.A1 - c.A0
			if !c.CW {
				delta = -delta
			}
			for delta < 0 {
				delta += 2 * math.Pi
			}
			delta = math.Min(delta, 2*math.Pi)
			dir := 1.0
			if !c.CW {
				dir = -1
			}
			r := c.R * scale
			// A chord spanning angle θ strays r(1-cos θ/2) from the arc.
			step := 2 * math.Acos(math.Max(-1, 1-tolerance/math.Max(r, tolerance)))
			n := steps(delta / step)
			// Chords cut inside the arc; pushing the points out by half
			// the sag halves the error and centres it on the true edge.
			sag := 1 - math.Cos(delta/float64(n)/2)
			r = c.R * (1 + sag/2)
			for i := 0; i <= n; i++ {
				s, co := math.Sincos(c.A0 + dir*delta*float64(i)/float64(n))
				add(px(c.X+r*co, c.Y+r*s))
			}
		case figure.Close:
			endSub()
		}
	}
	endSub()
}

func steps(f float64) int {
	switch {
	case !(f > 1): // also NaN
		return 1
	case f > 128:
		return 128
	}
	return int(math.Ceil(f))
}

func near(a, b pt) bool { return math.Abs(a.x-b.x) < 1e-3 && math.Abs(a.y-b.y) < 1e-3 }

// shape fills and fringes the polygons in m.pts with colour col. For each
// outline point it adds an inner vertex (half a pixel in, full colour) and
// an outer one (half a pixel out, transparent); the fill is a fan over the
// inner vertices and the fringe a strip between inner and outer.
func (m *Mesh) shape(col Vertex, nonZero bool) {
	first := len(m.Vertices)
	from := 0
	for _, end := range m.subs {
		poly := m.pts[from:end]
		from = end
		m.normals(poly)
		for i, p := range poly {
			d := m.norm[i]
			in, out := col, Vertex{}
			in.X, in.Y = float32(p.x-d.x*fringe/2), float32(p.y-d.y*fringe/2)
			out.X, out.Y = float32(p.x+d.x*fringe/2), float32(p.y+d.y*fringe/2)
			m.Vertices = append(m.Vertices, in, out)
		}
	}
	m.begin(nonZero, first)
	base, from := first, 0
	for _, end := range m.subs {
		n := end - from
		for i := 1; i+1 < n; i++ {
			m.tri(base, base+2*i, base+2*i+2)
		}
		base, from = base+2*n, end
	}
	m.begin(false, first)
	base, from = first, 0
	for _, end := range m.subs {
		n := end - from
		for i := 0; i < n; i++ {
			a, b := base+2*i, base+2*((i+1)%n)
			m.tri(a, a+1, b+1)
			m.tri(a, b+1, b)
		}
		base, from = base+2*n, end
	}
}

// begin makes the last part one that draws with the given fill rule and can
// index the vertices from first on, starting a new part when needed. Simple
// fills share a part across shapes; a non-zero fill has a part of its own.
func (m *Mesh) begin(nonZero bool, first int) {
	if n := len(m.Parts); n > 0 {
		last := &m.Parts[n-1]
		if !nonZero && !last.NonZero && len(m.Vertices)-last.VStart <= maxVertices {
			return
		}
		if last.Start == len(m.Indices) { // empty: reuse it
			*last = Part{VStart: first, VEnd: first, Start: len(m.Indices), End: len(m.Indices), NonZero: nonZero}
			return
		}
	}
	m.Parts = append(m.Parts, Part{VStart: first, VEnd: first, Start: len(m.Indices), End: len(m.Indices), NonZero: nonZero})
}

// tri adds a triangle to the last part.
func (m *Mesh) tri(a, b, c int) {
	p := &m.Parts[len(m.Parts)-1]
	m.Indices = append(m.Indices, uint16(a-p.VStart), uint16(b-p.VStart), uint16(c-p.VStart))
	p.End = len(m.Indices)
	p.VEnd = max(p.VEnd, a+1, b+1, c+1)
}

// normals sets m.norm[i] to the outward miter direction at poly[i], scaled
// so that moving by it moves each adjacent edge by one unit (capped at
// sharp corners).
func (m *Mesh) normals(poly []pt) {
	n := len(poly)
	m.norm = m.norm[:0]
	// The sign of the shoelace area tells which way the polygon winds, and
	// so which side of each edge is outside.
	area := 0.0
	for i, p := range poly {
		q := poly[(i+1)%n]
		area += p.x*q.y - q.x*p.y
	}
	sign := 1.0
	if area < 0 {
		sign = -1
	}
	edge := func(i int) pt { // unit outward normal of edge i → i+1
		p, q := poly[i], poly[(i+1)%n]
		dx, dy := q.x-p.x, q.y-p.y
		l := math.Hypot(dx, dy)
		if l == 0 {
			return pt{}
		}
		return pt{sign * dy / l, -sign * dx / l}
	}
	prev := edge(n - 1)
	for i := 0; i < n; i++ {
		next := edge(i)
		d := pt{(prev.x + next.x) / 2, (prev.y + next.y) / 2}
		l2 := d.x*d.x + d.y*d.y
		// The miter is d/|d|²; at corners sharper than about 50° its
		// length is capped at 2.
		l2 = math.Max(l2, 0.25)
		m.norm = append(m.norm, pt{d.x / l2, d.y / l2})
		prev = next
	}
}
