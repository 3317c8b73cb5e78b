package figure

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"
)

// Fit returns the scale and offset that fit a drawing of size w×h into a
// width×height box, centred: a drawing point (x, y) lands at
// (ox + x*scale, oy + y*scale).
func (d *Drawing) Fit(width, height float64) (scale, ox, oy float64) {
	if d.Width <= 0 || d.Height <= 0 {
		return 0, 0, 0
	}
	scale = math.Min(width/d.Width, height/d.Height)
	return scale, (width - d.Width*scale) / 2, (height - d.Height*scale) / 2
}

// SVG renders the drawing as a standalone SVG document of the given size in
// pixels, fitted and centred. The output depends only on the drawing, so it
// can serve as a golden file.
func (d Drawing) SVG(width, height int) string {
	var sb strings.Builder
	scale, ox, oy := d.Fit(float64(width), float64(height))
	fmt.Fprintf(&sb, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">`+"\n",
		width, height, width, height)
	fmt.Fprintf(&sb, `<rect width="%d" height="%d" fill="%s"/>`+"\n", width, height, hex(d.Background))
	num := func(v float64) string {
		s := strconv.FormatFloat(v, 'f', 2, 64)
		if s == "-0.00" {
			s = "0.00"
		}
		return s
	}
	pt := func(x, y float64) string { return num(ox+x*scale) + " " + num(oy+y*scale) }
	for _, sh := range d.Shapes {
		sb.WriteString(`<path d="`)
		for i, c := range d.Cmds[sh.Start:sh.End] {
			if i > 0 {
				sb.WriteByte(' ')
			}
			switch c.Op {
			case MoveTo:
				sb.WriteString("M" + pt(c.X, c.Y))
			case LineTo:
				sb.WriteString("L" + pt(c.X, c.Y))
			case CubicTo:
				sb.WriteString("C" + pt(c.X1, c.Y1) + " " + pt(c.X2, c.Y2) + " " + pt(c.X, c.Y))
			case Arc:
				writeArc(&sb, c, pt, num(c.R*scale))
			case Close:
				sb.WriteString("Z")
			}
		}
		fmt.Fprintf(&sb, `" fill="%s"`, hex(sh.Fill))
		if sh.Fill.A < 0xff {
			fmt.Fprintf(&sb, ` fill-opacity="%s"`, strconv.FormatFloat(float64(sh.Fill.A)/255, 'f', 3, 64))
		}
		sb.WriteString("/>\n")
	}
	sb.WriteString("</svg>\n")
	return sb.String()
}

// writeArc writes an Arc command as a line to its start and SVG elliptical
// arcs of at most a quarter turn each.
func writeArc(sb *strings.Builder, c Cmd, pt func(x, y float64) string, r string) {
	delta := c.A1 - c.A0
	if !c.CW {
		delta = -delta
	}
	for delta < 0 {
		delta += 2 * math.Pi
	}
	dir, sweep := 1.0, "1"
	if !c.CW {
		dir, sweep = -1, "0"
	}
	s, co := math.Sincos(c.A0)
	sb.WriteString("L" + pt(c.X+c.R*co, c.Y+c.R*s))
	n := int(math.Ceil(delta / (math.Pi / 2)))
	for i := 1; i <= n; i++ {
		a := c.A0 + dir*delta*float64(i)/float64(n)
		s, co := math.Sincos(a)
		sb.WriteString(" A" + r + " " + r + " 0 0 " + sweep + " " + pt(c.X+c.R*co, c.Y+c.R*s))
	}
}

func hex(c color.NRGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }
