package simulate_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/program"
	"spry/engine/progress"
	"spry/engine/simulate"
	"spry/programs"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// monday is the start of every simulation here: Monday 5 January 2026, 18:00.
var monday = time.Date(2026, time.January, 5, 18, 0, 0, 0, time.UTC)

func library(t *testing.T) *program.Library {
	t.Helper()
	lib, err := programs.Library()
	require.NoError(t, err)
	return lib
}

func load(t *testing.T, name string) *program.Program {
	t.Helper()
	if name == "low-back-first-week" {
		p, err := programs.Program(name)
		require.NoError(t, err)
		return p
	}
	f, err := os.Open(filepath.Join("testdata", name+".json"))
	require.NoError(t, err)
	defer f.Close()
	p, err := program.DecodeProgram(f)
	require.NoError(t, err)
	require.NoError(t, p.Validate(library(t)))
	return p
}

// TestGolden compares each scenario's table, for the shipped program and for
// a program with ladders, with testdata/<program>.<scenario>.txt; run with
// -update to rewrite them.
func TestGolden(t *testing.T) {
	lib := library(t)
	for _, name := range []string{"low-back-first-week", "ladders"} {
		p := load(t, name)
		for _, s := range simulate.Scenarios() {
			t.Run(name+"/"+string(s), func(t *testing.T) {
				got := simulate.Simulate(p, lib, s, 4, monday).Text()
				golden := filepath.Join("testdata", name+"."+string(s)+".txt")
				if *update {
					require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
				}
				want, err := os.ReadFile(golden)
				require.NoError(t, err, "run go test -update to create %s", golden)
				assert.Equal(t, string(want), got, "Simulate(%s, %s).Text() differs from %s", name, s, golden)
			})
		}
	}
}

func TestAllGreenNeverStepsBack(t *testing.T) {
	lib := library(t)
	for _, name := range []string{"low-back-first-week", "ladders"} {
		for _, perWeek := range []int{1, 3, 7} {
			tab := simulate.Simulate(load(t, name), lib, simulate.AllGreen, 8, monday, simulate.SessionsPerWeek(perWeek))
			for _, b := range tab.Blocks {
				for _, r := range b.Weeks {
					for i, s := range r.Sessions {
						assert.NotEqual(t, progress.StepBack, s.Kind, "%s, %d a week: block %d week %d session %d steps back", name, perWeek, b.Index, r.Week, i)
						assert.NotEqual(t, progress.Stop, s.Kind, "%s: block %d week %d session %d stops", name, b.Index, r.Week, i)
					}
				}
			}
		}
	}
}

func TestAllGreenProgresses(t *testing.T) {
	tab := simulate.Simulate(load(t, "ladders"), library(t), simulate.AllGreen, 4, monday)
	for _, b := range tab.Blocks[:2] {
		first, last := b.Weeks[0], b.Weeks[len(b.Weeks)-1]
		assert.True(t, last.Step > first.Step || last.Reps > first.Reps || last.Sets > first.Sets || last.HoldSeconds > first.HoldSeconds,
			"block %d: week 4 %s %s, want more than week 1 %s %s", b.Index, last.Exercise, last.DoseText(), first.Exercise, first.DoseText())
	}
}

func TestFlareWeek2StepsBack(t *testing.T) {
	tab := simulate.Simulate(load(t, "ladders"), library(t), simulate.FlareWeek2, 4, monday)
	for _, b := range tab.Blocks[:2] {
		stepped := false
		for _, r := range b.Weeks[1:3] {
			for _, s := range r.Sessions {
				stepped = stepped || s.Kind == progress.StepBack
			}
		}
		assert.True(t, stepped, "FlareWeek2: block %d does not step back in week 2 or 3: %+v", b.Index, b.Weeks)
		assert.Equal(t, progress.StepBack, b.Weeks[1].Kind, "FlareWeek2: block %d week 2 row kind", b.Index)
	}
}

func TestFlareWeek2AsksForTheClinician(t *testing.T) {
	for _, name := range []string{"low-back-first-week", "ladders"} {
		tab := simulate.Simulate(load(t, name), library(t), simulate.FlareWeek2, 4, monday)
		require.Len(t, tab.ProgramWeeks, 4)
		assert.False(t, tab.ProgramWeeks[0].ContactClinician, "%s: week 1 asks for the clinician", name)
		assert.True(t, tab.ProgramWeeks[1].ContactClinician || tab.ProgramWeeks[2].ContactClinician,
			"%s: FlareWeek2 does not ask for the clinician in week 2 or 3: %+v", name, tab.ProgramWeeks)
	}
	green := simulate.Simulate(load(t, "ladders"), library(t), simulate.AllGreen, 4, monday)
	for _, w := range green.ProgramWeeks {
		assert.False(t, w.ContactClinician || w.StepBack, "AllGreen week %d: %+v", w.Week, w)
	}
}

func TestSomeAmberHolds(t *testing.T) {
	tab := simulate.Simulate(load(t, "ladders"), library(t), simulate.SomeAmber, 4, monday)
	holds := 0
	for _, r := range tab.Blocks[0].Weeks {
		for _, s := range r.Sessions {
			assert.NotEqual(t, progress.StepBack, s.Kind, "SomeAmber: week %d steps back", r.Week)
			if s.Kind == progress.Hold {
				holds++
			}
		}
	}
	assert.Positive(t, holds, "SomeAmber: block 0 never holds")
}

func TestShape(t *testing.T) {
	p := load(t, "low-back-first-week")
	tab := simulate.Simulate(p, library(t), simulate.AllGreen, 3, monday, simulate.SessionsPerWeek(5))
	assert.Equal(t, 5, tab.SessionsPerWeek)
	require.Len(t, tab.Blocks, len(p.Blocks))
	for _, b := range tab.Blocks {
		require.Len(t, b.Weeks, 3, "block %d weeks", b.Index)
		for _, r := range b.Weeks {
			assert.Len(t, r.Sessions, 5, "block %d week %d sessions", b.Index, r.Week)
		}
	}
	js, err := json.Marshal(tab)
	require.NoError(t, err)
	assert.Contains(t, string(js), `"kind":"fixed"`)
	assert.Empty(t, simulate.Simulate(p, library(t), simulate.AllGreen, 0, monday).Blocks[0].Weeks, "zero weeks")
}

func TestLang(t *testing.T) {
	p := load(t, "low-back-first-week")
	en := simulate.Simulate(p, library(t), simulate.AllGreen, 1, monday)
	fr := simulate.Simulate(p, library(t), simulate.AllGreen, 1, monday, simulate.Lang("fr"))
	assert.NotEqual(t, en.Blocks[0].Weeks[0].Reason, fr.Blocks[0].Weeks[0].Reason, "Lang(fr) reason")
}

func TestParseScenario(t *testing.T) {
	for _, s := range simulate.Scenarios() {
		got, err := simulate.ParseScenario(string(s))
		require.NoError(t, err)
		assert.Equal(t, s, got, "ParseScenario(%q) = %q, want %q", s, got, s)
	}
	_, err := simulate.ParseScenario("sunny")
	assert.ErrorContains(t, err, `unknown scenario "sunny"`)
}
