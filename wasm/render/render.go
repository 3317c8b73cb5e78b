//go:build js

package render

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"

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
	mesh        Mesh
	vertices    []ebiten.Vertex
	rect        [4]ebiten.Vertex
	rectIndices = [6]uint16{0, 1, 2, 0, 2, 3}

	// Antialiasing is the mesh's own (see mesh.go), never ebiten's.
	fillOp = ebiten.DrawTrianglesOptions{ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha}
	// nonZeroOp fills paths that are concave or cross themselves.
	nonZeroOp = ebiten.DrawTrianglesOptions{
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
	// r has whole pixels: its background needs no antialiasing. It is two
	// triangles drawn like the figure's, with the same options.
	a := float32(d.Background.A) / 0xff
	bg := ebiten.Vertex{SrcX: 1, SrcY: 1, ColorR: float32(d.Background.R) / 0xff * a,
		ColorG: float32(d.Background.G) / 0xff * a, ColorB: float32(d.Background.B) / 0xff * a, ColorA: a}
	x0, y0, x1, y1 := float32(r.Min.X), float32(r.Min.Y), float32(r.Max.X), float32(r.Max.Y)
	rect[0], rect[1], rect[2], rect[3] = bg, bg, bg, bg
	rect[0].DstX, rect[0].DstY = x0, y0
	rect[1].DstX, rect[1].DstY = x1, y0
	rect[2].DstX, rect[2].DstY = x1, y1
	rect[3].DstX, rect[3].DstY = x0, y1
	dst.DrawTriangles(rect[:], rectIndices[:], whitePixel, &fillOp)
	mesh.Build(&d, scale, ox+float64(r.Min.X), oy+float64(r.Min.Y))
	vertices = vertices[:0]
	for _, v := range mesh.Vertices {
		vertices = append(vertices, ebiten.Vertex{DstX: v.X, DstY: v.Y, SrcX: 1, SrcY: 1, ColorR: v.R, ColorG: v.G, ColorB: v.B, ColorA: v.A})
	}
	for _, p := range mesh.Parts {
		if p.End == p.Start {
			continue
		}
		op := &fillOp
		if p.NonZero {
			op = &nonZeroOp
		}
		dst.DrawTriangles(vertices[p.VStart:p.VEnd], mesh.Indices[p.Start:p.End], whitePixel, op)
	}
}
