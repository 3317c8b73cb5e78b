package history_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/history"
	"spry/engine/program"
	"spry/engine/progress"
	"spry/programs"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// zone is the patient's device time zone in the fixtures.
var zone = time.FixedZone("EST", -5*3600)

// at returns 2026-01-d at hh:mm on the patient's device.
func at(d, hh, mm int) time.Time { return time.Date(2026, 1, d, hh, mm, 0, 0, zone) }

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), got, "%s differs; run go test -update and review the diff", path)
}

// fixtureProgram is a program of three blocks: a bridge ladder, a bird-dog
// ladder and a fixed stretch.
func fixtureProgram(title string) *program.Program {
	return &program.Program{
		Schema: 1, ID: "back-core", Title: program.Text{"en": title, "fr": title},
		Blocks: []program.Block{
			{Exercise: "bridge", Ladder: []program.Step{{Exercise: "bridge"}, {Exercise: "single-leg-bridge"}}},
			{Exercise: "bird-dog", Ladder: []program.Step{{Exercise: "bird-dog", Bracing: true}}},
			{Exercise: "knee-to-chest", Dose: &program.Dose{Sets: 1, Reps: 2, HoldSeconds: 30}},
		},
	}
}

// day describes one fixture session.
type day struct {
	d, hh             int
	before, after, am int // -1: not answered
	bridge            progress.Target
	bridgeStep        int
	birdHold          float64
	birdSets          int // sets done of bird-dog (target 1)
	skipAll           bool
	open              bool // never ended
}

// fixtureLog builds the progress log of a patient doing Monday,
// Wednesday, Friday from Mon 5 Jan 2026: Fri 16 missed, Mon 19 partial,
// Wed 21 all skipped, Sat 24 an extra session, Mon 26 left open.
func fixtureLog() []progress.Record {
	days := []day{
		{5, 18, 6, 5, 5, progress.Target{Sets: 1, Reps: 10}, 0, 5, 1, false, false},
		{7, 18, 6, 4, 5, progress.Target{Sets: 1, Reps: 12}, 0, 5, 1, false, false},
		{9, 8, 5, 4, -1, progress.Target{Sets: 1, Reps: 12}, 0, 6, 1, false, false},
		{12, 18, 5, 4, 4, progress.Target{Sets: 2, Reps: 12}, 0, 6, 1, false, false},
		{14, 18, 5, 3, 4, progress.Target{Sets: 1, Reps: 8}, 1, 7, 1, false, false},
		{19, 18, 4, -1, 4, progress.Target{Sets: 1, Reps: 8}, 1, 7, 0, false, false},
		{21, 18, 4, 4, -1, progress.Target{Sets: 1, Reps: 8}, 1, 7, 0, true, false},
		{24, 10, 4, 2, 3, progress.Target{Sets: 1, Reps: 10}, 1, 8, 1, false, false},
		{26, 18, 3, -1, -1, progress.Target{Sets: 1, Reps: 10}, 1, 8, 0, false, true},
	}
	var log []progress.Record
	opt := func(v int) *int {
		if v < 0 {
			return nil
		}
		return progress.Pain(v)
	}
	for i, d := range days {
		id := "s" + string(rune('a'+i))
		start := at(d.d, d.hh, 0)
		s := &progress.Session{Started: start, PainBefore: opt(d.before), PainAfter: opt(d.after)}
		if !d.open {
			s.Ended = start.Add(25 * time.Minute)
		}
		bridge := progress.Exercise{Block: 0, Step: d.bridgeStep, Exercise: []string{"bridge", "single-leg-bridge"}[d.bridgeStep], Target: d.bridge}
		bird := progress.Exercise{Block: 1, Exercise: "bird-dog", Target: progress.Target{Sets: 1, Reps: 6, HoldSeconds: d.birdHold}}
		stretch := progress.Exercise{Block: 2, Exercise: "knee-to-chest", Target: progress.Target{Sets: 1, Reps: 2, HoldSeconds: 30}}
		if d.skipAll {
			bridge.Skipped, bird.Skipped, stretch.Skipped = true, true, true
		} else {
			for range d.bridge.Sets {
				bridge.Sets = append(bridge.Sets, progress.Set{Reps: d.bridge.Reps})
			}
			for range d.birdSets {
				bird.Sets = append(bird.Sets, progress.Set{Reps: 6, HoldSeconds: d.birdHold})
			}
			if d.birdSets == 0 {
				bird.Skipped = true
			}
			stretch.Sets = []progress.Set{{Reps: 2, HoldSeconds: 30}}
		}
		s.Exercises = []progress.Exercise{bridge, bird, stretch}
		log = append(log, progress.Record{V: 1, ID: id, Kind: progress.KindSession, Program: "back-core", Session: s})
		if d.am >= 0 {
			log = append(log, progress.Record{V: 1, ID: id + "-am", Kind: progress.KindMorning, Program: "back-core",
				Morning: &progress.Morning{Session: id, At: at(d.d+1, 8, 0), Pain: d.am}})
		}
	}
	// A record of another program is ignored.
	log = append(log, progress.Record{V: 1, ID: "other", Kind: progress.KindSession, Program: "other",
		Session: &progress.Session{Started: at(10, 9, 0), PainBefore: progress.Pain(9)}})
	return log
}

// fixturePSFS holds three PSFS entries, two weeks apart.
func fixturePSFS() []history.PSFS {
	acts := func(a, b, c int) []history.Activity {
		return []history.Activity{{Name: "Putting on socks", Score: a}, {Name: "Sitting 30 minutes", Score: b}, {Name: "Lifting my grandson", Score: c}}
	}
	return []history.PSFS{
		{Date: at(19, 9, 0), Activities: acts(5, 5, 4)},
		{Date: at(5, 17, 0), Activities: acts(3, 4, 2)},
	}
}

// fixture builds the history at Wed 28 Jan 2026, 07:30.
func fixture(t *testing.T, lang, title string) *history.History {
	t.Helper()
	lib, err := programs.Library()
	require.NoError(t, err)
	s := history.Schedule{Days: []time.Weekday{time.Friday, time.Monday, time.Wednesday}, Start: at(5, 0, 0)}
	return history.Build(fixtureLog(), fixtureProgram(title), lib, s, fixturePSFS(), at(28, 7, 30), lang)
}

func TestGoldenSVG(t *testing.T) {
	for _, lang := range history.Languages() {
		h := fixture(t, lang, "Back core")
		golden(t, "calendar-"+lang+".svg", h.CalendarSVG("cal"))
		golden(t, "pain-"+lang+".svg", h.PainSVG("pain"))
		golden(t, "bridge-"+lang+".svg", h.ExerciseSVG(0, "ex0"))
		golden(t, "birddog-"+lang+".svg", h.ExerciseSVG(1, "ex1"))
		golden(t, "stretch-"+lang+".svg", h.ExerciseSVG(2, "ex2"))
		golden(t, "psfs-"+lang+".svg", h.PSFSSVG("psfs"))
		var tables string
		for _, tb := range []history.Table{h.CalendarTable(), h.PainTable(), h.ExerciseTable(0), h.ExerciseTable(1), h.ExerciseTable(2), h.PSFSTable()} {
			tables += tb.HTML()
		}
		golden(t, "tables-"+lang+".html", tables)
		page := h.HTML("hist")
		wellFormedHTML(t, "HTML("+lang+")", page)
		for _, want := range []string{`id="hist-calendar"`, `id="hist-ex2"`, `aria-labelledby="hist-psfs-svg-title hist-psfs-svg-desc"`, "<details>"} {
			assert.Contains(t, page, want, "HTML(%s)", lang)
		}
	}
}

func TestGoldenEmpty(t *testing.T) {
	lib, err := programs.Library()
	require.NoError(t, err)
	h := history.Build(nil, fixtureProgram("Back core"), lib, history.Schedule{}, nil, at(5, 9, 0), "fr-CA")
	require.Equal(t, "fr", h.Lang, "Build(lang fr-CA).Lang")
	golden(t, "empty-calendar-fr.svg", h.CalendarSVG("cal"))
	golden(t, "empty-pain-fr.svg", h.PainSVG("pain"))
	golden(t, "empty-psfs-fr.svg", h.PSFSSVG("psfs"))
	golden(t, "empty-bridge-fr.svg", h.ExerciseSVG(0, "ex0"))
}

// denseLog is 12 weeks of daily sessions, twice on some days, with pain
// easing slowly and a flare in week 5.
func denseLog() []progress.Record {
	var log []progress.Record
	for d := range 84 {
		for k := range 1 + btoi(d%9 == 4) {
			start := time.Date(2026, 3, 2+d, 8+10*k, 0, 0, 0, zone)
			before := 7 - d/14 + 3*btoi(d >= 28 && d < 33)
			reps := min(8+d/7, 15)
			s := &progress.Session{Started: start, Ended: start.Add(20 * time.Minute),
				PainBefore: progress.Pain(min(before, 10)), PainAfter: progress.Pain(max(before-1-d%3, 0)),
				Exercises: []progress.Exercise{{Exercise: "bridge", Target: progress.Target{Sets: 1 + d/42, Reps: reps}, Sets: []progress.Set{{Reps: reps}}}}}
			id := fmt.Sprintf("d%02d-%d", d, k)
			log = append(log, progress.Record{V: 1, ID: id, Kind: progress.KindSession, Program: "back-core", Session: s})
		}
	}
	return log
}

// btoi returns 1 for true.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestGoldenDense(t *testing.T) {
	lib, err := programs.Library()
	require.NoError(t, err)
	h := history.Build(denseLog(), fixtureProgram("Back core"), lib, history.Schedule{Weeks: 12}, nil, time.Date(2026, 5, 20, 9, 0, 0, 0, zone), "en")
	golden(t, "dense-pain-en.svg", h.PainSVG("pain"))
	golden(t, "dense-bridge-en.svg", h.ExerciseSVG(0, "ex0"))
	golden(t, "dense-calendar-en.svg", h.CalendarSVG("cal"))
}
