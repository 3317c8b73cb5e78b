//go:build js

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
	mesh     Mesh
	vertices []ebiten.Vertex

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
	// r has whole pixels: its background needs no antialiasing.
	vector.DrawFilledRect(dst, float32(r.Min.X), float32(r.Min.Y), float32(r.Dx()), float32(r.Dy()), d.Background, false)
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
