package history_test

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/history"
	"spry/engine/program"
	"spry/engine/progress"
	"spry/programs"
)

func TestCatalogComplete(t *testing.T) {
	placeholders := regexp.MustCompile(`%\[\d+\][a-z]`)
	for _, a := range history.Languages() {
		for _, b := range history.Languages() {
			for id, f := range history.Catalog[a] {
				g, ok := history.Catalog[b][id]
				if !assert.True(t, ok, "catalog[%q] lacks %q (present in %q)", b, id, a) {
					continue
				}
				assert.NotEmpty(t, g, "catalog[%q][%q]", b, id)
				pa, pb := placeholders.FindAllString(f, -1), placeholders.FindAllString(g, -1)
				slices.Sort(pa)
				slices.Sort(pb)
				assert.Equal(t, pa, pb, "placeholders of catalog[%q][%q] and catalog[%q][%q]", a, id, b, id)
			}
		}
	}
	assert.Len(t, history.Catalog, len(history.Languages()), "catalog languages")
}

func TestFormatDate(t *testing.T) {
	tests := []struct {
		t           time.Time
		lang        string
		long, short string
	}{
		{at(5, 9, 0), "en", "Mon 5 Jan", "5 Jan"},
		{at(5, 9, 0), "fr", "lun. 5 janv.", "5 janv."},
		{at(5, 9, 0), "fr-CA", "lun. 5 janv.", "5 janv."},
		{at(5, 9, 0), "de", "Mon 5 Jan", "5 Jan"},
		{time.Date(2026, 2, 1, 23, 0, 0, 0, zone), "fr", "dim. 1er févr.", "1er févr."},
		{time.Date(2026, 8, 15, 0, 0, 0, 0, time.UTC), "fr", "sam. 15 août", "15 août"},
		{time.Date(2026, 2, 1, 23, 0, 0, 0, zone), "en", "Sun 1 Feb", "1 Feb"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.long, history.FormatDate(tt.t, tt.lang), "FormatDate(%v, %q)", tt.t, tt.lang)
		assert.Equal(t, tt.short, history.FormatShortDate(tt.t, tt.lang), "FormatShortDate(%v, %q)", tt.t, tt.lang)
	}
}

func TestScheduleResolve(t *testing.T) {
	mon := at(5, 15, 0) // a Monday
	wd := func(d ...time.Weekday) []time.Weekday { return d }
	tests := []struct {
		name    string
		in      history.Schedule
		days    []time.Weekday
		weeks   int
		planned int
	}{
		{"zero: daily for 6 weeks", history.Schedule{}, wd(1, 2, 3, 4, 5, 6, 0), 6, 42},
		{"3 a week from Monday", history.Schedule{SessionsPerWeek: 3, Weeks: 4}, wd(1, 3, 5), 4, 12},
		{"2 a week from Monday", history.Schedule{SessionsPerWeek: 2, Weeks: 1}, wd(1, 4), 1, 2},
		{"3 a week from Saturday", history.Schedule{SessionsPerWeek: 3, Weeks: 2, Start: at(10, 0, 0)}, wd(1, 3, 6), 2, 6},
		{"days win, deduplicated, Monday first", history.Schedule{SessionsPerWeek: 5, Days: wd(0, 3, 3, 1, 9)}, wd(1, 3, 0), 6, 18},
		{"too many per week: daily", history.Schedule{SessionsPerWeek: 9, Weeks: 1}, wd(1, 2, 3, 4, 5, 6, 0), 1, 7},
	}
	for _, tt := range tests {
		s := tt.in.Resolve(mon)
		assert.Equal(t, tt.days, s.Days, "%s: Resolve().Days", tt.name)
		assert.Equal(t, len(tt.days), s.SessionsPerWeek, "%s: Resolve().SessionsPerWeek", tt.name)
		assert.Equal(t, tt.weeks, s.Weeks, "%s: Resolve().Weeks", tt.name)
		assert.Len(t, s.PlannedDays(), tt.planned, "%s: PlannedDays()", tt.name)
		assert.Equal(t, time.UTC, s.Start.Location(), "%s: Resolve().Start is a UTC date", tt.name)
	}
	s := history.Schedule{SessionsPerWeek: 3, Weeks: 2}.Resolve(mon)
	assert.Equal(t, "2026-01-18", s.End().Format(time.DateOnly), "End()")
	for _, tt := range []struct {
		t    time.Time
		want bool
	}{{at(4, 9, 0), false}, {at(5, 23, 59), true}, {at(6, 9, 0), false}, {at(16, 9, 0), true}, {at(19, 9, 0), false}} {
		assert.Equal(t, tt.want, s.Planned(tt.t), "Planned(%v)", tt.t)
	}
}

func TestStatusOf(t *testing.T) {
	end := at(5, 10, 0)
	ex := func(sets, done int, skipped, pain bool) progress.Exercise {
		e := progress.Exercise{Exercise: "bridge", Target: progress.Target{Sets: sets, Reps: 10}, Skipped: skipped, StoppedForPain: pain}
		for range done {
			e.Sets = append(e.Sets, progress.Set{Reps: 10})
		}
		return e
	}
	tests := []struct {
		name string
		s    progress.Session
		want history.Status
	}{
		{"all done", progress.Session{Ended: end, Exercises: []progress.Exercise{ex(2, 2, false, false), ex(1, 1, false, false)}}, history.Complete},
		{"one set short", progress.Session{Ended: end, Exercises: []progress.Exercise{ex(2, 1, false, false)}}, history.Partial},
		{"one skipped", progress.Session{Ended: end, Exercises: []progress.Exercise{ex(1, 1, false, false), ex(1, 0, true, false)}}, history.Partial},
		{"stopped for pain", progress.Session{Ended: end, Exercises: []progress.Exercise{ex(1, 1, false, true)}}, history.Partial},
		{"never ended", progress.Session{Exercises: []progress.Exercise{ex(1, 1, false, false)}}, history.Partial},
		{"all skipped", progress.Session{Ended: end, Exercises: []progress.Exercise{ex(1, 0, true, false)}}, history.Skipped},
		{"no exercises", progress.Session{Ended: end}, history.Skipped},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, history.StatusOf(&tt.s), "StatusOf(%s)", tt.name)
	}
}

func TestCalendar(t *testing.T) {
	h := fixture(t, "en", "Back core")
	c := h.Calendar
	require.Len(t, c.Weeks, 6, "Calendar.Weeks: 6 weeks of program from Mon 5 Jan")
	assert.Equal(t, "2026-01-05", c.Weeks[0][0].Date.Format(time.DateOnly), "first day")
	assert.Equal(t, "2026-02-15", c.Weeks[5][6].Date.Format(time.DateOnly), "last day")
	states := map[int]history.State{}
	for _, w := range c.Weeks {
		for _, d := range w {
			if d.Date.Month() == time.January {
				states[d.Date.Day()] = d.State
			}
			assert.Equal(t, d.Date.Equal(c.Today), d.Today, "Day(%v).Today", d.Date)
		}
	}
	tests := []struct {
		day  int
		want history.State
	}{
		{5, history.Done}, {6, history.Rest}, {7, history.Done}, {9, history.Done}, // Fri 9: done in the morning
		{10, history.Rest},        // another program's session does not count
		{16, history.Missed},      // planned Friday, nothing done
		{19, history.DonePartly},  // bird-dog skipped
		{21, history.DoneSkipped}, // everything skipped
		{23, history.Missed},      // planned Friday, done on Saturday instead
		{24, history.Done},        // an extra session on a rest day
		{26, history.DonePartly},  // left open
		{28, history.Planned},     // today, not done yet
		{30, history.Planned}, {31, history.Rest},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, states[tt.day], "Calendar day Jan %d", tt.day)
	}
	assert.Equal(t, map[history.State]int{history.Done: 6, history.DonePartly: 2, history.DoneSkipped: 1, history.Missed: 2, history.Planned: 8, history.Rest: 23}, c.Counts, "Calendar.Counts")

	// Before the program and after its end, the grid grows to the sessions and to today.
	lib, err := programs.Library()
	require.NoError(t, err)
	late := history.Build(fixtureLog(), fixtureProgram("x"), lib, history.Schedule{SessionsPerWeek: 3, Weeks: 1, Start: at(12, 0, 0)}, nil, at(30, 9, 0), "en")
	first, last := late.Calendar.Weeks[0][0].Date, late.Calendar.Weeks[len(late.Calendar.Weeks)-1][6].Date
	assert.Equal(t, "2026-01-05", first.Format(time.DateOnly), "first day with a session before the start")
	assert.Equal(t, "2026-02-01", last.Format(time.DateOnly), "last day with today after the end")
}

func TestBuildIgnoresOrderAndDuplicates(t *testing.T) {
	log := fixtureLog()
	h1 := fixture(t, "en", "Back core")
	rev := slices.Clone(log)
	slices.Reverse(rev)
	rev = append(rev, log[0]) // stored twice
	lib, err := programs.Library()
	require.NoError(t, err)
	s := history.Schedule{Days: []time.Weekday{time.Friday, time.Monday, time.Wednesday}, Start: at(5, 0, 0)}
	h2 := history.Build(rev, fixtureProgram("Back core"), lib, s, fixturePSFS(), at(28, 7, 30), "en")
	assert.Equal(t, h1.PainSVG("p"), h2.PainSVG("p"), "PainSVG with the log reversed and a record twice")
	assert.Equal(t, h1.CalendarSVG("c"), h2.CalendarSVG("c"), "CalendarSVG with the log reversed and a record twice")
	assert.Equal(t, h1.ExerciseSVG(0, "e"), h2.ExerciseSVG(0, "e"), "ExerciseSVG with the log reversed and a record twice")
	assert.Len(t, h2.Sessions, 9, "Sessions")
	assert.Equal(t, 5, *h2.Sessions[0].Morning, "Sessions[0].Morning")
}

func TestPSFSDue(t *testing.T) {
	start := at(5, 0, 0)
	entry := func(d time.Time) history.PSFS { return history.PSFS{Date: d} }
	day := func(n int) time.Time { return start.AddDate(0, 0, n).Add(9 * time.Hour) }
	tests := []struct {
		name    string
		entries []history.PSFS
		weeks   int
		now     time.Time
		want    bool
	}{
		{"start, none yet", nil, 6, day(0), true},
		{"start, given", []history.PSFS{entry(day(0))}, 6, day(0), false},
		{"before start", nil, 6, day(-1), false},
		{"intake 2 days before start counts", []history.PSFS{entry(day(-2))}, 6, day(0), false},
		{"day 13", []history.PSFS{entry(day(0))}, 6, day(13), false},
		{"day 14", []history.PSFS{entry(day(0))}, 6, day(14), true},
		{"day 14, given on day 12", []history.PSFS{entry(day(0)), entry(day(12))}, 6, day(14), false},
		{"day 14, given on day 14", []history.PSFS{entry(day(0)), entry(day(14))}, 6, day(14), false},
		{"missed day 14, still due on day 20", []history.PSFS{entry(day(0))}, 6, day(20), true},
		{"missed start, due on day 5", nil, 6, day(5), true},
		{"day 28", []history.PSFS{entry(day(0)), entry(day(14))}, 6, day(28), true},
		{"end: day 41 of 6 weeks", []history.PSFS{entry(day(0)), entry(day(14)), entry(day(28))}, 6, day(41), true},
		{"day 40 of 6 weeks", []history.PSFS{entry(day(0)), entry(day(14)), entry(day(28))}, 6, day(40), false},
		{"end given", []history.PSFS{entry(day(0)), entry(day(41))}, 6, day(41), false},
		{"after the end, end missed", []history.PSFS{entry(day(28))}, 6, day(60), true},
		{"end of 2 weeks is day 13", []history.PSFS{entry(day(0))}, 2, day(13), true},
		{"weeks 0 means 6", []history.PSFS{entry(day(0))}, 0, day(14), true},
		{"entry dated in the future counts", []history.PSFS{entry(day(30))}, 6, day(14), false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, history.PSFSDue(tt.entries, start, tt.weeks, tt.now), "PSFSDue(%s)", tt.name)
	}
	var got []string
	for _, d := range history.PSFSDates(start, 8) {
		got = append(got, d.Format(time.DateOnly))
	}
	assert.Equal(t, []string{"2026-01-05", "2026-01-19", "2026-02-02", "2026-02-16", "2026-03-01"}, got, "PSFSDates(start, 8)")
}

func TestPSFSValidate(t *testing.T) {
	a := func(n string, s int) history.Activity { return history.Activity{Name: n, Score: s} }
	tests := []struct {
		name  string
		p     history.PSFS
		score float64
		err   []string
	}{
		{"three", history.PSFS{Date: at(5, 9, 0), Activities: []history.Activity{a("socks", 3), a("sitting", 4), a("lifting", 2)}}, 3, nil},
		{"five", history.PSFS{Date: at(5, 9, 0), Activities: []history.Activity{a("a", 10), a("b", 10), a("c", 0), a("d", 0), a("e", 5)}}, 5, nil},
		{"two, missing date", history.PSFS{Activities: []history.Activity{a("a", 1), a("b", 2)}}, 1.5, []string{"date: missing", "activities: 2 activities"}},
		{"bad fields", history.PSFS{Date: at(5, 9, 0), Activities: []history.Activity{a(" ", 1), a("b", 11), a(strings.Repeat("x", 201), -1)}}, 11.0 / 3,
			[]string{"activities[0].name: missing", "activities[1].score: 11", "activities[2].name: longer", "activities[2].score: -1"}},
		{"six", history.PSFS{Date: at(5, 9, 0), Activities: make([]history.Activity, 6)}, 0, []string{"activities: 6 activities"}},
	}
	for _, tt := range tests {
		assert.InDelta(t, tt.score, tt.p.Score(), 1e-9, "Score(%s)", tt.name)
		err := tt.p.Validate()
		if tt.err == nil {
			assert.NoError(t, err, "Validate(%s)", tt.name)
			continue
		}
		require.Error(t, err, "Validate(%s)", tt.name)
		for _, e := range tt.err {
			assert.Contains(t, err.Error(), e, "Validate(%s)", tt.name)
		}
	}
}

// hostile is text a patient, a clinician or a tampered file may put where
// the charts show it.
const hostile = `<script>alert("x")</script> & <img src=x onerror=alert(1)> ]]> "'` + "\x00\x1b\n"

func TestHostileTextEscaped(t *testing.T) {
	lib, err := programs.Library()
	require.NoError(t, err)
	evil := *lib
	evil.Exercises = slices.Clone(lib.Exercises)
	for i := range evil.Exercises {
		if evil.Exercises[i].ID == "bridge" {
			evil.Exercises[i].Name = program.Text{"en": hostile, "fr": hostile}
		}
	}
	psfs := fixturePSFS()
	psfs[0].Activities[0].Name = hostile
	s := history.Schedule{SessionsPerWeek: 3, Start: at(5, 0, 0)}
	for _, lang := range history.Languages() {
		h := history.Build(fixtureLog(), fixtureProgram(hostile), &evil, s, psfs, at(28, 7, 30), lang)
		docs := map[string]string{
			"CalendarSVG": h.CalendarSVG(`"><script>`), "PainSVG": h.PainSVG("pain"),
			"ExerciseSVG": h.ExerciseSVG(0, "ex"), "PSFSSVG": h.PSFSSVG("psfs"),
			"PSFSTable.HTML": "<div>" + h.PSFSTable().HTML() + "</div>", "ExerciseTable.HTML": "<div>" + h.ExerciseTable(0).HTML() + "</div>",
			"HTML": "<div>" + h.HTML(`x"><script>`) + "</div>",
		}
		for name, doc := range docs {
			assert.NotContains(t, strings.ToLower(doc), "<script", "%s(%s) lets a tag through", name, lang)
			assert.NotContains(t, doc, "<img", "%s(%s) lets a tag through", name, lang)
			assert.NotContains(t, doc, "\x00", "%s(%s) keeps a NUL", name, lang)
			wellFormed(t, name+"("+lang+")", doc)
		}
		assert.Contains(t, docs["ExerciseSVG"], "&lt;script&gt;", "ExerciseSVG(%s) shows the name as text", lang)
		assert.Contains(t, docs["PSFSTable.HTML"], "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;", "PSFSTable.HTML(%s) shows the name as text", lang)
	}
}

// wellFormed fails unless doc parses as XML to the end.
func wellFormed(t *testing.T, name, doc string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(doc))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if !assert.NoError(t, err, "%s is not well-formed XML", name) {
			return
		}
	}
}

// wellFormedHTML fails unless the fragment parses as XML inside a <div>:
// the fragment is written as XHTML-compatible markup.
func wellFormedHTML(t *testing.T, name, frag string) {
	t.Helper()
	wellFormed(t, name, "<div>"+frag+"</div>")
}

// svgRoot is what TestGoldenAccessible reads of each golden chart.
type svgRoot struct {
	Role       string `xml:"role,attr"`
	Labelledby string `xml:"aria-labelledby,attr"`
	ViewBox    string `xml:"viewBox,attr"`
	Title      struct {
		ID   string `xml:"id,attr"`
		Text string `xml:",chardata"`
	} `xml:"title"`
	Desc struct {
		ID   string `xml:"id,attr"`
		Text string `xml:",chardata"`
	} `xml:"desc"`
}

func TestGoldenAccessible(t *testing.T) {
	files, err := filepath.Glob("testdata/*.svg")
	require.NoError(t, err)
	require.NotEmpty(t, files, "golden SVGs")
	colour := regexp.MustCompile(`<(\w+)[^>]*?(fill|stroke)="(#[0-9a-f]{6})"`)
	decorative := map[string]bool{"#ffffff": true, "#d9d9d9": true, "#eef2f8": true}
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		doc := string(b)
		var root svgRoot
		require.NoError(t, xml.Unmarshal(b, &root), "%s", f)
		assert.Equal(t, "img", root.Role, "%s: role", f)
		assert.Equal(t, root.Title.ID+" "+root.Desc.ID, root.Labelledby, "%s: aria-labelledby", f)
		assert.NotEmpty(t, root.Title.Text, "%s: <title>", f)
		assert.NotEmpty(t, root.Desc.Text, "%s: <desc>", f)
		assert.Regexp(t, `^0 0 360 \d+(\.\d)?$`, root.ViewBox, "%s: viewBox", f)
		for _, banned := range []string{"href", "url(", "@import", "<image", "<foreignObject", "<style"} {
			assert.NotContains(t, doc, banned, "%s: external or styled content", f)
		}
		for _, m := range colour.FindAllStringSubmatch(doc, -1) {
			if decorative[m[3]] {
				continue
			}
			want := 3.0 // graphics (WCAG 1.4.11)
			if m[1] == "text" {
				want = 4.5 // text (WCAG 1.4.3)
			}
			assert.GreaterOrEqual(t, contrast(m[3], "#eef2f8"), want, "%s: %s %s=%s on the lightest fill", f, m[1], m[2], m[3])
		}
	}
}

// contrast returns the WCAG contrast ratio of two #rrggbb colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// luminance returns the WCAG relative luminance of a #rrggbb colour.
func luminance(c string) float64 {
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseUint(c[1+2*i:3+2*i], 16, 8)
		s := float64(v) / 255
		if s <= 0.04045 {
			s /= 12.92
		} else {
			s = math.Pow((s+0.055)/1.055, 2.4)
		}
		l += w * s
	}
	return l
}

func TestPSFSJSON(t *testing.T) {
	p := history.PSFS{Date: time.Date(2026, 1, 5, 17, 0, 0, 0, zone), Activities: []history.Activity{{Name: "Putting on socks", Score: 3}, {Name: "Sitting 30 min", Score: 4}, {Name: "Lifting", Score: 2}}}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	want := `{"date":"2026-01-05T17:00:00-05:00","activities":[{"name":"Putting on socks","score":3},{"name":"Sitting 30 min","score":4},{"name":"Lifting","score":2}]}`
	assert.Equal(t, want, string(b), "json.Marshal(PSFS): the stored form")
	var back history.PSFS
	require.NoError(t, json.Unmarshal(b, &back))
	assert.True(t, p.Date.Equal(back.Date), "round trip Date")
	assert.Equal(t, p.Activities, back.Activities, "round trip Activities")
}

func TestBuildFromLogAlone(t *testing.T) {
	h := history.Build(fixtureLog(), &program.Program{ID: "back-core"}, nil, history.Schedule{}, nil, at(28, 7, 30), "en")
	assert.Equal(t, "back-core", h.Title, "Title of a bare program")
	require.Len(t, h.Exercises, 3, "Exercises from the records")
	assert.Equal(t, "single-leg-bridge", h.Exercises[0].Name, "Exercises[0].Name without a library")
	assert.Len(t, h.Exercises[1].Points, 9, "Exercises[1].Points")
	wellFormed(t, "HTML of a bare program", "<div>"+h.HTML("x")+"</div>")
}

func TestCalendarBounded(t *testing.T) {
	log := fixtureLog()
	for i, y := range []int{1970, 2099} {
		log = append(log, progress.Record{V: 1, ID: "far" + strconv.Itoa(i), Kind: progress.KindSession, Program: "back-core",
			Session: &progress.Session{Started: time.Date(y, 1, 1, 9, 0, 0, 0, zone)}})
	}
	h := history.Build(log, fixtureProgram("x"), nil, history.Schedule{Weeks: 1 << 30}, nil, at(28, 7, 30), "en")
	assert.Equal(t, history.MaxWeeks, h.Schedule.Weeks, "Schedule.Weeks capped")
	assert.LessOrEqual(t, len(h.Calendar.Weeks), history.MaxCalendarWeeks+1, "Calendar.Weeks with sessions in 1970 and 2099")
	assert.Len(t, history.PSFSDates(at(5, 0, 0), 1<<30), history.MaxWeeks/2+1, "PSFSDates capped")
}

func TestPSFSOf(t *testing.T) {
	rec := func(id, prog string, d time.Time, score int) progress.Record {
		return progress.Record{V: progress.Version, ID: id, Kind: progress.KindPSFS, Program: prog, PSFS: &progress.PSFS{Date: d,
			Activities: []progress.Activity{{Name: "socks", Score: score}, {Name: "sitting", Score: score}, {Name: "lifting", Score: score}}}}
	}
	log := append(fixtureLog(),
		rec("c", "back-core", at(19, 9, 0), 6), rec("a", "back-core", at(5, 9, 0), 2),
		rec("x", "other", at(6, 9, 0), 9), rec("b", "back-core", at(5, 9, 0), 3))
	got := history.PSFSOf(log, "back-core")
	var scores []float64
	for _, p := range got {
		scores = append(scores, p.Score())
	}
	assert.Equal(t, []float64{2, 3, 6}, scores, "PSFSOf(back-core): by date, then ID, other programs left out")
	assert.Empty(t, history.PSFSOf(fixtureLog(), "back-core"), "PSFSOf(a log without PSFS)")

	h := history.Build(log, fixtureProgram("Back core"), nil, history.Schedule{}, got, at(28, 7, 30), "en")
	assert.Len(t, h.PSFS, 3, "Build(PSFSOf(log)).PSFS")
	assert.Contains(t, h.PSFSSVG("psfs"), "<svg", "PSFSSVG of stored entries")
}

func TestScheduleOf(t *testing.T) {
	monday := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		s     *program.Schedule
		days  []time.Weekday
		weeks int
	}{
		{"none: every day for 6 weeks", nil, []time.Weekday{1, 2, 3, 4, 5, 6, 0}, 6},
		{"weekdays, in any order", &program.Schedule{Days: []string{"sun", "wed", "mon"}, Weeks: 8}, []time.Weekday{1, 3, 0}, 8},
		{"sessions a week from the first day", &program.Schedule{SessionsPerWeek: 3}, []time.Weekday{1, 3, 5}, 6},
	} {
		s := history.ScheduleOf(&program.Program{Schedule: tc.s}).Resolve(monday)
		assert.Equal(t, tc.days, s.Days, "%s: days", tc.name)
		assert.Equal(t, tc.weeks, s.Weeks, "%s: weeks", tc.name)
		assert.Len(t, s.PlannedDays(), len(tc.days)*tc.weeks, "%s: planned days", tc.name)
	}
}

// TestCharts: the charts come in screen order, each picture with its table.
func TestCharts(t *testing.T) {
	lib, err := programs.Library()
	require.NoError(t, err)
	p, err := programs.Program("low-back-first-week")
	require.NoError(t, err)
	now := time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC)
	h := history.Build(nil, p, lib, history.Schedule{}, nil, now, "en")
	var ids []string
	for _, c := range h.Charts() {
		id := regexp.MustCompile(`id="([a-z0-9-]+)-title"`).FindStringSubmatch(c.SVG)
		require.NotNil(t, id, "a chart's SVG has a title id")
		ids = append(ids, id[1])
		assert.NotEmpty(t, c.Table.Caption, "chart %s has a table caption", id[1])
	}
	assert.Equal(t, []string{"calendar", "pain", "exercise-0", "exercise-1", "exercise-2", "exercise-3"}, ids,
		"Charts() without PSFS scores")
}
