//go:build js

// Package render draws a figure.Drawing onto an ebiten image with
// antialiased vector paths. It only translates: all decisions about what to
// draw are made in spry/engine/figure.
package render

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"spry/engine/figure"
)

var (
	white = func() *ebiten.Image {
		img := ebiten.NewImage(3, 3)
		img.Fill(image.White.C)
		return img
	}()
	whitePixel = white.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)

	// Reused between frames so that drawing allocates nothing in steady state.
	vertices []ebiten.Vertex
	indices  []uint16
	path     vector.Path

	fanOp = ebiten.DrawTrianglesOptions{
		AntiAlias:      true,
		ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha,
	}
	// nonZeroOp fills paths that are concave or cross themselves.
	nonZeroOp = ebiten.DrawTrianglesOptions{
		AntiAlias:      true,
		ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha,
		FillRule:       ebiten.FillRuleNonZero,
	}
)

// Draw paints d into the rectangle r of dst, scaled to fit and centred,
// background first.
func Draw(dst *ebiten.Image, d figure.Drawing, r image.Rectangle) {
	scale, ox, oy := d.Fit(float64(r.Dx()), float64(r.Dy()))
	if scale == 0 {
		return
	}
	ox += float64(r.Min.X)
	oy += float64(r.Min.Y)
	bg := d.Background
	vector.DrawFilledRect(dst, float32(r.Min.X), float32(r.Min.Y), float32(r.Dx()), float32(r.Dy()), bg, true)
	px := func(x, y float64) (float32, float32) {
		return float32(ox + x*scale), float32(oy + y*scale)
	}
	for _, s := range d.Shapes {
		path = vector.Path{}
		for _, c := range d.Cmds[s.Start:s.End] {
			switch c.Op {
			case figure.MoveTo:
				path.MoveTo(px(c.X, c.Y))
			case figure.LineTo:
				path.LineTo(px(c.X, c.Y))
			case figure.CubicTo:
				x1, y1 := px(c.X1, c.Y1)
				x2, y2 := px(c.X2, c.Y2)
				x, y := px(c.X, c.Y)
				path.CubicTo(x1, y1, x2, y2, x, y)
			case figure.Arc:
				x, y := px(c.X, c.Y)
				dir := vector.CounterClockwise
				if c.CW {
					dir = vector.Clockwise
				}
				path.Arc(x, y, float32(c.R*scale), float32(c.A0), float32(c.A1), dir)
			case figure.Close:
				path.Close()
			}
		}
		vertices, indices = path.AppendVerticesAndIndicesForFilling(vertices[:0], indices[:0])
		// Vertex colours are premultiplied by alpha.
		a := float32(s.Fill.A) / 0xff
		cr := float32(s.Fill.R) / 0xff * a
		cg := float32(s.Fill.G) / 0xff * a
		cb := float32(s.Fill.B) / 0xff * a
		for i := range vertices {
			v := &vertices[i]
			v.SrcX, v.SrcY = 1, 1
			v.ColorR, v.ColorG, v.ColorB, v.ColorA = cr, cg, cb, a
		}
		op := &fanOp
		if !s.Convex {
			op = &nonZeroOp
		}
		dst.DrawTriangles(vertices, indices, whitePixel, op)
	}
}
