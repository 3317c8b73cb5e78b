package history

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The chart geometry, in viewBox units. Charts are 360 wide, a phone's
// width in CSS pixels, so that 13 units of text read as 13 px there; they
// scale with the width of their container.
const (
	width      = 360.0
	titleSize  = 16.0
	textSize   = 13.0
	lineHeight = 18.0
	charWidth  = 0.6 // average advance of a sans-serif character, in em
	plotHeight = 150.0
	padRight   = 30.0
	padX       = 10.0 // between the axes and the first and last points
)

// The colours. On the white background, text colours have a contrast of
// at least 4.5:1 and series colours at least 3:1 (WCAG AA); gridColor is
// decorative. Series differ in dash and marker as well as colour.
const (
	background = "#ffffff"
	textColor  = "#1a1a1a"
	axisColor  = "#4d4d4d"
	gridColor  = "#d9d9d9"
	red        = "#b3261e"
	blue       = "#0b57d0"
	green      = "#146c2e"
	purple     = "#6a3d9a"
	grey       = "#5f6368"
)

// svgWriter builds SVG text. Every text node and attribute value that may
// hold data goes through esc.
type svgWriter struct{ strings.Builder }

// esc returns s escaped for XML text and attribute values. Line breaks
// and tabs become spaces, other control characters are dropped and invalid
// UTF-8 is replaced by U+FFFD.
func esc(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	return xmlEscaper.Replace(s)
}

// xmlEscaper escapes text for XML as encoding/xml's EscapeText does, without
// linking encoding/xml into the player (its size counts on phones).
var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")

// num writes a coordinate with at most one decimal.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// text writes a <text> element holding s, escaped, with attrs (trusted).
func (w *svgWriter) text(x, y float64, attrs, s string) {
	fmt.Fprintf(w, `<text x="%s" y="%s" %s>%s</text>`+"\n", num(x), num(y), attrs, esc(s))
}

// open writes the start of an accessible SVG document of height h whose
// accessible name is title and description desc. id must be unique in the
// page; it prefixes the IDs of the title and description.
func (w *svgWriter) open(id string, h float64, title, desc string) {
	id = cleanID(id)
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="100%%" role="img" aria-labelledby="%s-title %s-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="%s">`+"\n",
		num(width), num(h), id, id, num(textSize))
	fmt.Fprintf(w, `<title id="%s-title">%s</title>`+"\n", id, esc(title))
	fmt.Fprintf(w, `<desc id="%s-desc">%s</desc>`+"\n", id, esc(desc))
	fmt.Fprintf(w, `<rect width="%s" height="%s" fill="%s"/>`+"\n", num(width), num(h), background)
}

// close ends the document.
func (w *svgWriter) close() { w.WriteString("</svg>\n") }

// marker writes a series marker of the given shape centred on (x, y),
// filled with c or hollow, at its full size.
func (w *svgWriter) marker(shape string, x, y float64, c string, hollow bool) {
	w.markerSized(shape, x, y, c, hollow, 1)
}

// markerSized writes a marker scaled by k.
func (w *svgWriter) markerSized(shape string, x, y float64, c string, hollow bool, k float64) {
	fill := c
	if hollow {
		fill = background
	}
	paint := fmt.Sprintf(`fill="%s" stroke="%s" stroke-width="%s"`, fill, c, num(2*min(k, 1)))
	switch shape {
	case "square":
		fmt.Fprintf(w, `<rect x="%s" y="%s" width="%s" height="%s" %s/>`+"\n", num(x-4*k), num(y-4*k), num(8*k), num(8*k), paint)
	case "triangle":
		fmt.Fprintf(w, `<path d="M%s %sL%s %sL%s %sZ" %s/>`+"\n", num(x), num(y-5*k), num(x+5*k), num(y+4*k), num(x-5*k), num(y+4*k), paint)
	case "diamond":
		fmt.Fprintf(w, `<path d="M%s %sL%s %sL%s %sL%s %sZ" %s/>`+"\n", num(x), num(y-5.5*k), num(x+5.5*k), num(y), num(x), num(y+5.5*k), num(x-5.5*k), num(y), paint)
	default:
		fmt.Fprintf(w, `<circle cx="%s" cy="%s" r="%s" %s/>`+"\n", num(x), num(y), num(4.5*k), paint)
	}
}

// textWidth estimates the width of s at the given font size.
func textWidth(s string, size float64) float64 {
	return float64(utf8.RuneCountInString(s)) * size * charWidth
}

// fit shortens s with an ellipsis so that it fits in w at the given size.
func fit(s string, w, size float64) string {
	max := int(w / (size * charWidth))
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	if max < 2 {
		return "…"
	}
	return strings.TrimRightFunc(string(r[:max-1]), unicode.IsSpace) + "…"
}

// wrap breaks s into at most n lines that fit in w at the given size,
// shortening the last with an ellipsis.
func wrap(s string, w, size float64, n int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case textWidth(line+" "+word, size) <= w:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	lines = append(lines, line)
	if len(lines) > n {
		lines[n-1] = strings.Join(lines[n-1:], " ")
		lines = lines[:n]
	}
	for i := range lines {
		lines[i] = fit(lines[i], w, size)
	}
	return lines
}

// cleanID keeps the characters of id that are safe in an XML ID and a CSS
// selector; an empty result gives "chart".
func cleanID(id string) string {
	var b strings.Builder
	for _, r := range id {
		if r < utf8.RuneSelf && (r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 || !unicode.IsLetter(rune(b.String()[0])) {
		return "chart" + b.String()
	}
	return b.String()
}

// tick is a labelled position on an axis.
type tick struct {
	v     float64
	label string
	// marker, when set, is drawn before the label in the colour of the
	// chart's first series.
	marker string
}

// series is one line of a chart.
type series struct {
	name   string
	color  string
	dash   string // stroke-dasharray, "" for a solid line
	marker string
	// step draws the line as steps: the value holds until the next point.
	step bool
	// noLine draws the markers alone.
	noLine bool
	points []point
}

// point is one value of a series; a NaN y leaves a gap.
type point struct {
	x, y   float64
	hollow bool
	// label, when set, is written above the point.
	label string
}

// legendItem is one entry of a chart's legend.
type legendItem struct {
	label, color, dash, marker string
	line                       bool
}

// lineChart is a chart of series over time.
type lineChart struct {
	id, title, desc string
	// empty is shown instead of the plot when no series has a point.
	empty  string
	yLabel string
	yMin   float64
	yMax   float64
	yTicks []tick
	xMin   float64
	xMax   float64
	xTicks []tick
	series []series
	legend []legendItem
	// note is a line written under the chart.
	note string
	// height is the height of the plot; 0 means plotHeight.
	height float64
}

// render writes the chart as an SVG document.
func (c *lineChart) render() string {
	var w svgWriter
	titleLines := wrap(c.title, width-16, titleSize, 2)

	// Lay the legend out in rows before knowing the height.
	type placed struct {
		legendItem
		x, y float64
	}
	var items []placed
	y := 12 + float64(len(titleLines))*22
	x := 8.0
	if len(c.legend) > 0 {
		y += 6
		for _, it := range c.legend {
			label := fit(it.label, width-16-30, textSize)
			iw := 30 + textWidth(label, textSize) + 14
			if x > 8 && x+iw > width-8 {
				x, y = 8, y+lineHeight+2
			}
			it.label = label
			items = append(items, placed{it, x, y})
			x += iw
		}
		y += lineHeight
	}
	yLabelY := y + 10
	top := yLabelY + 12
	left := 8.0
	for _, t := range c.yTicks {
		tw := 8 + textWidth(t.label, textSize) + 8
		if t.marker != "" {
			tw += 16
		}
		left = max(left, tw)
	}
	right := width - padRight
	ph := c.height
	if ph == 0 {
		ph = plotHeight
	}
	bottom := top + ph
	h := bottom + 26
	if c.note != "" {
		h += lineHeight
	}
	if !c.hasData() {
		h = yLabelY + 16
	}

	w.open(c.id, h, c.title, c.desc)
	for i, l := range titleLines {
		w.text(8, 24+float64(i)*22, fmt.Sprintf(`font-size="%s" font-weight="bold" fill="%s"`, num(titleSize), textColor), l)
	}
	for _, it := range items {
		cy := it.y + lineHeight/2 - 4
		if it.line {
			fmt.Fprintf(&w, `<path d="M%s %sH%s" stroke="%s" stroke-width="2.5"%s fill="none"/>`+"\n", num(it.x), num(cy), num(it.x+24), it.color, dashAttr(it.dash))
		}
		if it.marker != "" {
			w.marker(it.marker, it.x+12, cy, it.color, false)
		}
		w.text(it.x+30, cy+4.5, fmt.Sprintf(`fill="%s"`, textColor), it.label)
	}

	if !c.hasData() {
		w.text(8, yLabelY, fmt.Sprintf(`fill="%s"`, textColor), fit(c.empty, width-16, textSize))
		w.close()
		return w.String()
	}

	w.text(8, yLabelY, fmt.Sprintf(`fill="%s"`, textColor), fit(c.yLabel, width-16, textSize))
	sy := func(v float64) float64 {
		if c.yMax == c.yMin {
			return (top + bottom) / 2
		}
		return bottom - (v-c.yMin)/(c.yMax-c.yMin)*ph
	}
	sx := func(v float64) float64 {
		if c.xMax == c.xMin {
			return (left + right) / 2
		}
		return left + padX + (v-c.xMin)/(c.xMax-c.xMin)*(right-left-2*padX)
	}
	for _, t := range c.yTicks {
		ty := sy(t.v)
		fmt.Fprintf(&w, `<path d="M%s %sH%s" stroke="%s" stroke-width="1"/>`+"\n", num(left), num(ty), num(right), gridColor)
		w.text(left-6, ty+4.5, fmt.Sprintf(`text-anchor="end" fill="%s"`, textColor), t.label)
		if t.marker != "" {
			w.marker(t.marker, 14, ty, c.series[0].color, false)
		}
	}
	fmt.Fprintf(&w, `<path d="M%s %sV%sH%s" stroke="%s" stroke-width="1.5" fill="none"/>`+"\n", num(left), num(top), num(bottom), num(right), axisColor)
	labelEnd := math.Inf(-1)
	for _, t := range c.xTicks {
		tx := sx(t.v)
		fmt.Fprintf(&w, `<path d="M%s %sv5" stroke="%s" stroke-width="1.5"/>`+"\n", num(tx), num(bottom), axisColor)
		if half := textWidth(t.label, textSize) / 2; tx-half > labelEnd+6 {
			w.text(tx, bottom+20, fmt.Sprintf(`text-anchor="middle" fill="%s"`, textColor), t.label)
			labelEnd = tx + half
		}
	}
	// Shrink the markers and lines as the points crowd together, so that
	// a long history still shows its trend.
	n := 0
	for _, s := range c.series {
		n = max(n, len(s.points))
	}
	k, lw := 1.0, 2.5
	if gap := (right - left - 2*padX) / float64(max(n-1, 1)); gap < 14 {
		k, lw = max(gap/14, 0.45), 1.75
	}
	for _, s := range c.series {
		var d strings.Builder
		pen := false
		for _, p := range s.points {
			if math.IsNaN(p.y) {
				pen = false
				continue
			}
			px, py := sx(p.x), sy(p.y)
			switch {
			case !pen:
				fmt.Fprintf(&d, "M%s %s", num(px), num(py))
			case s.step:
				fmt.Fprintf(&d, "H%sV%s", num(px), num(py))
			default:
				fmt.Fprintf(&d, "L%s %s", num(px), num(py))
			}
			pen = true
		}
		if d.Len() > 0 && !s.noLine {
			fmt.Fprintf(&w, `<path d="%s" stroke="%s" stroke-width="%s"%s fill="none" stroke-linejoin="round"/>`+"\n", d.String(), s.color, num(lw), dashAttr(s.dash))
		}
		for _, p := range s.points {
			if math.IsNaN(p.y) {
				continue
			}
			w.markerSized(s.marker, sx(p.x), sy(p.y), s.color, p.hollow, k)
			if p.label != "" {
				w.text(sx(p.x), sy(p.y)-10, fmt.Sprintf(`text-anchor="middle" fill="%s"`, textColor), p.label)
			}
		}
	}
	if c.note != "" {
		w.text(8, bottom+26+lineHeight-4, fmt.Sprintf(`fill="%s"`, textColor), fit(c.note, width-16, textSize))
	}
	w.close()
	return w.String()
}

// hasData reports whether any series has a point to draw.
func (c *lineChart) hasData() bool {
	for _, s := range c.series {
		for _, p := range s.points {
			if !math.IsNaN(p.y) {
				return true
			}
		}
	}
	return false
}

// dashAttr returns the stroke-dasharray attribute for dash, if any.
func dashAttr(dash string) string {
	if dash == "" {
		return ""
	}
	return fmt.Sprintf(` stroke-dasharray="%s"`, dash)
}
