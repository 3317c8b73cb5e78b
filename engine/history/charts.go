package history

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"spry/engine/progress"
)

// Table is a chart's data as text, for the page's text alternative: a
// caption, column headings and rows of cells, all plain text.
type Table struct {
	Caption string
	Header  []string
	Rows    [][]string
}

// Chart is one chart of a History: its picture and its numbers.
type Chart struct {
	SVG   string
	Table Table
}

// Charts returns every chart of the history in the order the history
// screen and the therapist's review show them: the calendar, the pain
// scores, each exercise's dose, and the PSFS scores when there are any.
// Their SVG element IDs are "calendar", "pain", "exercise-N" and "psfs".
func (h *History) Charts() []Chart {
	out := []Chart{{h.CalendarSVG("calendar"), h.CalendarTable()}, {h.PainSVG("pain"), h.PainTable()}}
	for i := range h.Exercises {
		out = append(out, Chart{h.ExerciseSVG(i, fmt.Sprintf("exercise-%d", i)), h.ExerciseTable(i)})
	}
	if len(h.PSFS) > 0 {
		out = append(out, Chart{h.PSFSSVG("psfs"), h.PSFSTable()})
	}
	return out
}

// HTML returns the table as an HTML <table>, every cell escaped, the
// first cell of each row a row heading.
func (t Table) HTML() string {
	var b strings.Builder
	b.WriteString("<table>\n")
	fmt.Fprintf(&b, "<caption>%s</caption>\n<thead><tr>", esc(t.Caption))
	for _, h := range t.Header {
		fmt.Fprintf(&b, `<th scope="col">%s</th>`, esc(h))
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, r := range t.Rows {
		b.WriteString("<tr>")
		for i, c := range r {
			if i == 0 {
				fmt.Fprintf(&b, `<th scope="row">%s</th>`, esc(c))
			} else {
				fmt.Fprintf(&b, "<td>%s</td>", esc(c))
			}
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
	return b.String()
}

// dayX places t on a time axis counted in days from the date ref: its day
// plus the fraction of the day gone.
func dayX(ref, t time.Time) float64 {
	return float64(daysBetween(ref, t)) + float64(t.Hour()*60+t.Minute())/(24*60)
}

// timeAxis sets the x range of c to whole days from first to last and
// labels up to four of them.
func (c *lineChart) timeAxis(first, last time.Time, lang string) {
	n := daysBetween(first, last)
	c.xMin, c.xMax = 0, float64(n+1)
	k := min(3, n)
	for i := 0; i <= k; i++ {
		d := 0
		if k > 0 {
			d = int(math.Round(float64(i*n) / float64(k)))
		}
		c.xTicks = append(c.xTicks, tick{v: float64(d) + 0.5, label: FormatShortDate(first.AddDate(0, 0, d), lang)})
	}
}

// scaleTicks labels 0, 2, ..., 10.
func scaleTicks(lang string) []tick {
	var out []tick
	for v := 0; v <= 10; v += 2 {
		out = append(out, tick{v: float64(v), label: number(float64(v), lang)})
	}
	return out
}

// painKinds names the three pain series: their catalog keys and style.
var painKinds = []struct {
	key, color, dash, marker string
	get                      func(SessionPoint) *int
}{
	{"before", red, "", "circle", func(s SessionPoint) *int { return s.Before }},
	{"after", blue, "7 4", "square", func(s SessionPoint) *int { return s.After }},
	{"morning", green, "2 4", "triangle", func(s SessionPoint) *int { return s.Morning }},
}

// PainSVG returns the chart of pain before and after each session and the
// next morning, as an SVG document whose element IDs start with id.
func (h *History) PainSVG(id string) string {
	c := lineChart{
		id: id, title: tr(h.Lang, "pain-title"), empty: tr(h.Lang, "pain-none"),
		yLabel: tr(h.Lang, "pain-axis"), yMax: 10, yTicks: scaleTicks(h.Lang),
	}
	var desc []string
	if len(h.Sessions) > 0 {
		c.timeAxis(h.Sessions[0].Started, h.Sessions[len(h.Sessions)-1].Started, h.Lang)
	}
	for _, k := range painKinds {
		s := series{name: tr(h.Lang, "pain-"+k.key), color: k.color, dash: k.dash, marker: k.marker}
		var first, last *SessionPoint
		for i, sp := range h.Sessions {
			y := math.NaN()
			if v := k.get(sp); v != nil {
				y = float64(*v)
				if first == nil {
					first = &h.Sessions[i]
				}
				last = &h.Sessions[i]
			}
			s.points = append(s.points, point{x: dayX(dateOf(h.Sessions[0].Started), sp.Started), y: y})
		}
		if first == nil {
			continue
		}
		c.series = append(c.series, s)
		c.legend = append(c.legend, legendItem{label: s.name, color: s.color, dash: s.dash, marker: s.marker, line: true})
		if first == last {
			desc = append(desc, tr(h.Lang, "desc-"+k.key+"-1", strconv.Itoa(*k.get(*first)), FormatDate(first.Started, h.Lang)))
		} else {
			desc = append(desc, tr(h.Lang, "desc-"+k.key, strconv.Itoa(*k.get(*first)), strconv.Itoa(*k.get(*last)), span(first.Started, last.Started, h.Lang)))
		}
	}
	if len(desc) == 0 {
		desc = []string{c.empty}
	}
	c.desc = strings.Join(desc, " ")
	return c.render()
}

// PainTable returns the pain scores as a table: one row per session.
func (h *History) PainTable() Table {
	t := Table{Caption: tr(h.Lang, "pain-title"), Header: []string{tr(h.Lang, "col-date")}}
	for _, k := range painKinds {
		t.Header = append(t.Header, tr(h.Lang, "pain-"+k.key))
	}
	for _, sp := range h.Sessions {
		row := []string{FormatDate(sp.Started, h.Lang)}
		for _, k := range painKinds {
			row = append(row, h.score(k.get(sp)))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// score writes an optional 0–10 score.
func (h *History) score(v *int) string {
	if v == nil {
		return tr(h.Lang, "none")
	}
	return strconv.Itoa(*v)
}

// doseText writes a dose in full: "2 × 10, hold 5 s".
func doseText(t progress.Target, lang string) string {
	if t.HoldSeconds > 0 {
		return tr(lang, "dose-hold", t.Sets, t.Reps, number(t.HoldSeconds, lang))
	}
	return tr(lang, "dose", t.Sets, t.Reps)
}

// doseShort writes a dose for an axis label: "2×10 · 5 s".
func doseShort(t progress.Target, lang string) string {
	s := fmt.Sprintf("%d×%d", t.Sets, t.Reps)
	if t.HoldSeconds > 0 {
		s += " · " + number(t.HoldSeconds, lang) + " s"
	}
	return s
}

// level is a dose on a block's ladder, ordered as the progression rules
// raise it (CLINICAL.md B): step, then sets, then hold, then reps.
type level struct {
	step int
	t    progress.Target
}

// compareLevels orders levels from easiest to hardest.
func compareLevels(a, b level) int {
	switch {
	case a.step != b.step:
		return a.step - b.step
	case a.t.Sets != b.t.Sets:
		return a.t.Sets - b.t.Sets
	case a.t.HoldSeconds != b.t.HoldSeconds:
		if a.t.HoldSeconds < b.t.HoldSeconds {
			return -1
		}
		return 1
	}
	return a.t.Reps - b.t.Reps
}

// stepMarkers are the markers of successive ladder steps.
var stepMarkers = []string{"circle", "square", "diamond", "triangle"}

// ExerciseSVG returns the chart of the dose asked of program block i at
// each session, as an SVG document whose element IDs start with id. The
// y axis lists the doses played, easiest at the bottom; each exercise of
// the block's ladder has its own marker; a hollow marker is a dose not
// done in full.
func (h *History) ExerciseSVG(i int, id string) string {
	pr := h.progression(i)
	c := lineChart{
		id: id, title: tr(h.Lang, "ex-title", pr.Name), empty: tr(h.Lang, "ex-none", pr.Name),
		yLabel: tr(h.Lang, "ex-axis"),
	}
	var levels []level
	var steps []int // the ladder steps played, in order of first play
	stepName := map[int]string{}
	for _, p := range pr.Points {
		l := level{p.Step, p.Target}
		if !slices.ContainsFunc(levels, func(m level) bool { return compareLevels(l, m) == 0 }) {
			levels = append(levels, l)
		}
		if !slices.Contains(steps, p.Step) {
			steps = append(steps, p.Step)
		}
		stepName[p.Step] = p.Name
	}
	// sort.Slice, not slices.SortFunc: a generic sort of a struct type
	// adds its own copy of the sorting code to the player's wasm (about
	// 5 KB gzip each).
	sort.Slice(levels, func(i, j int) bool { return compareLevels(levels[i], levels[j]) < 0 })
	markerOf := func(step int) string { return stepMarkers[slices.Index(steps, step)%len(stepMarkers)] }
	every := (len(levels) + 6) / 7
	for j, l := range levels {
		if j%max(every, 1) == 0 || j == len(levels)-1 {
			tk := tick{v: float64(j), label: doseShort(l.t, h.Lang)}
			if len(steps) > 1 {
				tk.marker = markerOf(l.step)
			}
			c.yTicks = append(c.yTicks, tk)
		}
	}
	c.yMin, c.yMax = -0.5, float64(len(levels))-0.5
	c.height = min(plotHeight, 40+30*float64(len(levels)))
	if len(pr.Points) == 0 {
		c.desc = c.empty
		return c.render()
	}
	first, last := pr.Points[0], pr.Points[len(pr.Points)-1]
	c.timeAxis(first.At, last.At, h.Lang)
	ref := dateOf(first.At)
	line := series{color: purple, step: true}
	marks := make([]series, len(steps))
	for j, st := range steps {
		marks[j] = series{name: stepName[st], color: purple, marker: markerOf(st), noLine: true}
	}
	for _, p := range pr.Points {
		y := float64(slices.IndexFunc(levels, func(m level) bool { return compareLevels(level{p.Step, p.Target}, m) == 0 }))
		x := dayX(ref, p.At)
		line.points = append(line.points, point{x: x, y: y})
		j := slices.Index(steps, p.Step)
		marks[j].points = append(marks[j].points, point{x: x, y: y, hollow: !p.Done()})
	}
	c.series = append([]series{line}, marks...)
	if len(marks) > 1 {
		for _, m := range marks {
			c.legend = append(c.legend, legendItem{label: m.name, color: m.color, marker: m.marker})
		}
	}
	if slices.ContainsFunc(levels, func(l level) bool { return l.t.HoldSeconds > 0 }) {
		c.yLabel = tr(h.Lang, "ex-axis-hold")
	}
	c.note = tr(h.Lang, "ex-legend")

	dose := func(p DosePoint) string {
		if len(steps) > 1 {
			return tr(h.Lang, "dose-named", p.Name, doseText(p.Target, h.Lang))
		}
		return doseText(p.Target, h.Lang)
	}
	switch {
	case len(pr.Points) == 1:
		c.desc = tr(h.Lang, "ex-desc-1", pr.Name, dose(first), FormatDate(first.At, h.Lang))
	case len(levels) == 1:
		c.desc = tr(h.Lang, "ex-desc-same", pr.Name, dose(first))
	default:
		c.desc = tr(h.Lang, "ex-desc", pr.Name, dose(first), dose(last), span(first.At, last.At, h.Lang))
	}
	return c.render()
}

// ExerciseTable returns the doses of program block i as a table: one row
// per session.
func (h *History) ExerciseTable(i int) Table {
	pr := h.progression(i)
	t := Table{
		Caption: tr(h.Lang, "ex-title", pr.Name),
		Header:  []string{tr(h.Lang, "col-date"), tr(h.Lang, "col-exercise"), tr(h.Lang, "col-dose"), tr(h.Lang, "col-sets"), tr(h.Lang, "col-status")},
	}
	for _, p := range pr.Points {
		status := "ex-done"
		switch {
		case p.StoppedForPain:
			status = "ex-pain"
		case p.Skipped && p.SetsDone == 0:
			status = "ex-skipped"
		case !p.Done():
			status = "ex-part"
		}
		t.Rows = append(t.Rows, []string{
			FormatDate(p.At, h.Lang), p.Name, doseText(p.Target, h.Lang),
			tr(h.Lang, "sets-of", p.SetsDone, p.Target.Sets), tr(h.Lang, status),
		})
	}
	return t
}

// progression returns the progression of block i, or an empty one.
func (h *History) progression(i int) Progression {
	if i < 0 || i >= len(h.Exercises) {
		return Progression{Block: i}
	}
	return h.Exercises[i]
}

// PSFSSVG returns the chart of the PSFS score (the mean of the activity
// scores) over time, as an SVG document whose element IDs start with id.
func (h *History) PSFSSVG(id string) string {
	c := lineChart{
		id: id, title: tr(h.Lang, "psfs-title"), empty: tr(h.Lang, "psfs-none"),
		yLabel: tr(h.Lang, "psfs-axis"), yMax: 10, yTicks: scaleTicks(h.Lang),
	}
	if len(h.PSFS) == 0 {
		c.desc = c.empty
		return c.render()
	}
	first, last := h.PSFS[0], h.PSFS[len(h.PSFS)-1]
	c.timeAxis(first.Date, last.Date, h.Lang)
	if len(h.PSFS) <= 4 {
		// Label the dates of the entries themselves.
		c.xTicks = nil
		for _, p := range h.PSFS {
			d := daysBetween(first.Date, p.Date)
			if len(c.xTicks) == 0 || c.xTicks[len(c.xTicks)-1].v != float64(d)+0.5 {
				c.xTicks = append(c.xTicks, tick{v: float64(d) + 0.5, label: FormatShortDate(p.Date, h.Lang)})
			}
		}
	}
	s := series{name: tr(h.Lang, "psfs-mean"), color: blue, marker: "circle"}
	for _, p := range h.PSFS {
		pt := point{x: dayX(dateOf(first.Date), p.Date), y: p.Score()}
		if len(h.PSFS) <= 8 {
			pt.label = number(p.Score(), h.Lang)
		}
		s.points = append(s.points, pt)
	}
	c.series = []series{s}
	c.legend = []legendItem{{label: s.name, color: s.color, marker: s.marker, line: true}}
	if len(h.PSFS) == 1 {
		c.desc = tr(h.Lang, "psfs-desc-1", number(first.Score(), h.Lang), FormatDate(first.Date, h.Lang))
	} else {
		c.desc = tr(h.Lang, "psfs-desc", number(first.Score(), h.Lang), number(last.Score(), h.Lang), span(first.Date, last.Date, h.Lang))
	}
	return c.render()
}

// PSFSTable returns the PSFS entries as a table: one row per entry, one
// column per activity (in the order they were first named) and the mean.
func (h *History) PSFSTable() Table {
	t := Table{Caption: tr(h.Lang, "psfs-title"), Header: []string{tr(h.Lang, "col-date")}}
	var names []string
	for _, p := range h.PSFS {
		for _, a := range p.Activities {
			if !slices.Contains(names, a.Name) {
				names = append(names, a.Name)
			}
		}
	}
	t.Header = append(append(t.Header, names...), tr(h.Lang, "psfs-mean"))
	for _, p := range h.PSFS {
		row := []string{FormatDate(p.Date, h.Lang)}
		for _, n := range names {
			cell := tr(h.Lang, "none")
			for _, a := range p.Activities {
				if a.Name == n {
					cell = strconv.Itoa(a.Score)
				}
			}
			row = append(row, cell)
		}
		t.Rows = append(t.Rows, append(row, number(p.Score(), h.Lang)))
	}
	return t
}

// HTML returns every chart of the history as an HTML fragment for the
// History screen: for each, a <figure> holding the SVG chart and, in a
// <details> element, the same data as a table. Element IDs start with id.
// All text in it is escaped; it carries no script and no style attribute,
// so it may be set as the innerHTML of a container under a strict
// Content-Security-Policy.
func (h *History) HTML(id string) string {
	id = cleanID(id)
	var b strings.Builder
	figure := func(suffix, svg string, t Table) {
		fmt.Fprintf(&b, "<figure class=\"spry-chart\" id=\"%s-%s\">\n%s<details>\n<summary>%s</summary>\n%s</details>\n</figure>\n",
			id, suffix, svg, esc(tr(h.Lang, "show-table")), t.HTML())
	}
	figure("calendar", h.CalendarSVG(id+"-calendar-svg"), h.CalendarTable())
	figure("pain", h.PainSVG(id+"-pain-svg"), h.PainTable())
	for i := range h.Exercises {
		figure("ex"+strconv.Itoa(i), h.ExerciseSVG(i, id+"-ex"+strconv.Itoa(i)+"-svg"), h.ExerciseTable(i))
	}
	figure("psfs", h.PSFSSVG(id+"-psfs-svg"), h.PSFSTable())
	return b.String()
}
