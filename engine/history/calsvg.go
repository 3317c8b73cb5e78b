package history

import (
	"fmt"
	"strconv"
	"time"
)

// The calendar geometry, in viewBox units.
const (
	calLeft  = 44.0 // the month column
	calCell  = 44.0
	calHead  = 22.0 // the weekday row
	progFill = "#eef2f8"
)

// stateKeys gives the catalog key of each day state.
var stateKeys = map[State]string{
	Done: "st-complete", DonePartly: "st-partial", DoneSkipped: "st-skipped",
	Missed: "st-missed", Planned: "st-planned", Rest: "st-rest",
}

// legendStates lists the states shown in the calendar's legend.
var legendStates = []State{Done, DonePartly, DoneSkipped, Missed, Planned}

// symbol draws the symbol of a day state centred on (x, y). Each state
// has its own shape, so that colour is never the only difference.
func (w *svgWriter) symbol(s State, x, y float64) {
	switch s {
	case Done:
		fmt.Fprintf(w, `<circle cx="%s" cy="%s" r="9" fill="%s"/>`+"\n", num(x), num(y), green)
		fmt.Fprintf(w, `<path d="M%s %sl3.5 3.5l6-7" stroke="%s" stroke-width="2.2" fill="none" stroke-linecap="round" stroke-linejoin="round"/>`+"\n", num(x-5), num(y), background)
	case DonePartly:
		fmt.Fprintf(w, `<circle cx="%s" cy="%s" r="8" fill="%s" stroke="%s" stroke-width="2"/>`+"\n", num(x), num(y), background, green)
		fmt.Fprintf(w, `<path d="M%s %sA8 8 0 0 0 %s %sZ" fill="%s"/>`+"\n", num(x), num(y-8), num(x), num(y+8), green)
	case DoneSkipped:
		fmt.Fprintf(w, `<circle cx="%s" cy="%s" r="8" fill="%s" stroke="%s" stroke-width="2"/>`+"\n", num(x), num(y), background, grey)
		fmt.Fprintf(w, `<path d="M%s %sh9" stroke="%s" stroke-width="2.2" stroke-linecap="round"/>`+"\n", num(x-4.5), num(y), grey)
	case Missed:
		fmt.Fprintf(w, `<path d="M%s %sl12 12m0 -12l-12 12" stroke="%s" stroke-width="2.5" stroke-linecap="round"/>`+"\n", num(x-6), num(y-6), red)
	case Planned:
		fmt.Fprintf(w, `<circle cx="%s" cy="%s" r="8" fill="none" stroke="%s" stroke-width="2" stroke-dasharray="3 2.3"/>`+"\n", num(x), num(y), blue)
	}
}

// CalendarSVG returns the calendar of planned and done sessions as an SVG
// document whose element IDs start with id.
func (h *History) CalendarSVG(id string) string {
	var w svgWriter
	cal := h.Calendar
	title := tr(h.Lang, "cal-title")
	titleLines := wrap(title, width-16, titleSize, 2)
	top := 8 + float64(len(titleLines))*22 + 8
	gridTop := top + calHead
	gridBottom := gridTop + float64(len(cal.Weeks))*calCell

	// Lay the legend out under the grid.
	type placed struct {
		s    State
		x, y float64
	}
	var items []placed
	x, y := 8.0, gridBottom+14
	for _, s := range legendStates {
		label := tr(h.Lang, stateKeys[s])
		iw := 26 + textWidth(label, textSize) + 14
		if x > 8 && x+iw > width-8 {
			x, y = 8, y+lineHeight+4
		}
		items = append(items, placed{s, x, y})
		x += iw
	}
	height := y + lineHeight + 8

	w.open(id, height, title, h.calendarDesc())
	for i, l := range titleLines {
		w.text(8, 24+float64(i)*22, fmt.Sprintf(`font-size="%s" font-weight="bold" fill="%s"`, num(titleSize), textColor), l)
	}
	for i := range 7 {
		cx := calLeft + float64(i)*calCell + calCell/2
		w.text(cx, top+15, fmt.Sprintf(`text-anchor="middle" fill="%s"`, textColor), weekday(weekdayOf(i), h.Lang))
	}
	for r, week := range cal.Weeks {
		ry := gridTop + float64(r)*calCell
		label := ""
		for i, d := range week {
			if (r == 0 && i == 0) || d.Date.Day() == 1 {
				label = month(d.Date, h.Lang)
			}
		}
		if label != "" {
			w.text(6, ry+17, fmt.Sprintf(`font-weight="bold" fill="%s"`, textColor), label)
		}
		for i, d := range week {
			cx := calLeft + float64(i)*calCell
			if d.InProgram {
				fmt.Fprintf(&w, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n", num(cx+1), num(ry+1), num(calCell-2), num(calCell-2), progFill)
			}
			attrs := fmt.Sprintf(`font-size="12" fill="%s"`, textColor)
			if !d.InProgram {
				attrs = fmt.Sprintf(`font-size="12" fill="%s"`, grey)
			}
			if d.Today {
				attrs += ` font-weight="bold"`
				fmt.Fprintf(&w, `<rect x="%s" y="%s" width="%s" height="%s" rx="3" fill="none" stroke="%s" stroke-width="2.5"/>`+"\n", num(cx+2), num(ry+2), num(calCell-4), num(calCell-4), textColor)
			}
			w.text(cx+5, ry+14, attrs, strconv.Itoa(d.Date.Day()))
			w.symbol(d.State, cx+calCell/2+4, ry+calCell/2+6)
		}
	}
	for _, it := range items {
		w.symbol(it.s, it.x+10, it.y+lineHeight/2-4)
		w.text(it.x+26, it.y+lineHeight/2+0.5, fmt.Sprintf(`fill="%s"`, textColor), tr(h.Lang, stateKeys[it.s]))
	}
	w.close()
	return w.String()
}

// calendarDesc summarises the calendar in words.
func (h *History) calendarDesc() string {
	s := h.Schedule
	c := h.Calendar.Counts
	d := tr(h.Lang, "cal-desc", FormatDate(s.Start, h.Lang), FormatDate(s.End(), h.Lang),
		len(s.PlannedDays()), c[Done], c[DonePartly], c[DoneSkipped], c[Missed])
	return d + " " + tr(h.Lang, "cal-today", FormatDate(h.Calendar.Today, h.Lang))
}

// CalendarTable returns the calendar as a table: one row per week, one
// column per day, Monday first; each cell gives the day and its state.
func (h *History) CalendarTable() Table {
	t := Table{Caption: tr(h.Lang, "cal-title"), Header: []string{""}}
	for i := range 7 {
		t.Header = append(t.Header, weekday(weekdayOf(i), h.Lang))
	}
	for _, week := range h.Calendar.Weeks {
		row := []string{tr(h.Lang, "cal-week", FormatShortDate(week[0].Date, h.Lang))}
		for _, d := range week {
			cell := tr(h.Lang, "cal-day", FormatShortDate(d.Date, h.Lang), tr(h.Lang, stateKeys[d.State]))
			if d.Today {
				cell += " (" + tr(h.Lang, "today") + ")"
			}
			row = append(row, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// weekdayOf returns the weekday of calendar column i, Monday first.
func weekdayOf(i int) time.Weekday { return time.Weekday((i + 1) % 7) }
