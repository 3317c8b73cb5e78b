package session_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/program"
	"spry/engine/session"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar")

// scenario is a golden test: a program, the patient's actions, and the log
// they must produce.
//
// The program section is JSON:
//
//	{"timing": {"getReady": 3, "switchSide": 2, "restBetweenExercises": 5},
//	 "items": [{"id": "bridge", "sides": "both", "dose": {...}}]}
//
// with doses as in package program. The actions section has one action a
// line, "<session time> <verb> [argument]": update, pause, resume, skip,
// finish-set, adjust-rest <±duration>, state (update, then log the state),
// start (the session starts at 0 unless an action starts it). Lines starting
// with # are comments.
type scenario struct {
	comment string
	program string
	actions string
	want    string
}

type scenarioProgram struct {
	Timing struct {
		GetReady             float64 `json:"getReady"`
		SwitchSide           float64 `json:"switchSide"`
		RestBetweenExercises float64 `json:"restBetweenExercises"`
	} `json:"timing"`
	Items []struct {
		ID    string        `json:"id"`
		Sides program.Sides `json:"sides"`
		Dose  program.Dose  `json:"dose"`
	} `json:"items"`
}

// build decodes the program section.
func (sc *scenario) build(t *testing.T) ([]program.Item, session.Timing) {
	t.Helper()
	var p scenarioProgram
	d := json.NewDecoder(strings.NewReader(sc.program))
	d.DisallowUnknownFields()
	require.NoError(t, d.Decode(&p), "program section")
	var items []program.Item
	for _, it := range p.Items {
		items = append(items, item(it.ID, it.Sides, it.Dose))
	}
	timing := session.TimingOf(&program.Program{
		GetReadySeconds:             p.Timing.GetReady,
		SwitchSideSeconds:           p.Timing.SwitchSide,
		RestBetweenExercisesSeconds: p.Timing.RestBetweenExercises,
	})
	return items, timing
}

// step is one parsed action.
type step struct {
	at   time.Duration
	verb string
	arg  time.Duration
	line string
}

func (sc *scenario) steps(t *testing.T) []step {
	t.Helper()
	var steps []step
	for _, line := range strings.Split(sc.actions, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		require.GreaterOrEqual(t, len(f), 2, "action %q", line)
		at, err := time.ParseDuration(f[0])
		require.NoError(t, err, "action %q", line)
		st := step{at: at, verb: f[1], line: line}
		switch st.verb {
		case "update", "pause", "resume", "skip", "finish-set", "state", "start":
			require.Len(t, f, 2, "action %q", line)
		case "adjust-rest":
			require.Len(t, f, 3, "action %q", line)
			st.arg, err = time.ParseDuration(f[2])
			require.NoError(t, err, "action %q", line)
		default:
			t.Fatalf("action %q: unknown verb %q", line, st.verb)
		}
		steps = append(steps, st)
	}
	return steps
}

// run plays the scenario with the given frames interleaved with the actions
// (an action runs after a frame at the same time) and returns the log.
func (sc *scenario) run(t *testing.T, frames func(time.Duration) []time.Duration) string {
	items, timing := sc.build(t)
	steps := sc.steps(t)
	s := session.New(items, timing)
	var b strings.Builder
	log := func(ev []session.Event) {
		for _, e := range ev {
			fmt.Fprintln(&b, e)
		}
	}
	if !slices.ContainsFunc(steps, func(st step) bool { return st.verb == "start" }) {
		steps = append([]step{{verb: "start"}}, steps...)
	}
	var last time.Duration
	for _, st := range steps {
		last = max(last, st.at)
	}
	var fs []time.Duration
	if frames != nil {
		fs = frames(last + s.Total() + time.Minute)
	}
	for _, st := range steps {
		for st.verb != "start" && len(fs) > 0 && fs[0] <= st.at {
			log(s.Update(fs[0]))
			fs = fs[1:]
		}
		switch st.verb {
		case "start":
			log(s.Start(st.at))
		case "update":
			log(s.Update(st.at))
		case "pause":
			log(s.Pause(st.at))
		case "resume":
			log(s.Resume(st.at))
		case "skip":
			log(s.Skip(st.at))
		case "finish-set":
			log(s.FinishSet(st.at))
		case "adjust-rest":
			log(s.AdjustRest(st.at, st.arg))
		case "state":
			// Catch up first, so that the state line sits after the events
			// due before it whatever the frames.
			log(s.Update(st.at))
			fmt.Fprintf(&b, "== state at %.3fs: %s\n", st.at.Seconds(), stateString(s.State(st.at)))
		}
	}
	for _, f := range fs {
		log(s.Update(f))
	}
	log(s.Update(24 * time.Hour))
	return b.String()
}

func stateString(st session.State) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v ex=%d/%d set=%d/%d rep=%d/%d side=%v reps-done=%d", st.Kind, st.Exercise, st.Exercises,
		st.Set, st.Sets, st.Rep, st.Reps, st.Side, st.RepsDone)
	fmt.Fprintf(&b, " elapsed=%.3fs remaining=%.3fs length=%.3fs progress=%.3f total=%.3fs",
		st.Elapsed.Seconds(), st.Remaining.Seconds(), st.Length.Seconds(), st.Progress, st.TotalElapsed.Seconds())
	for _, f := range []struct {
		on   bool
		name string
	}{{!st.Started, "not-started"}, {st.Paused, "paused"}, {st.Done, "done"}} {
		if f.on {
			b.WriteString(" " + f.name)
		}
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	require.NoError(t, err)
	require.NotEmpty(t, files, "testdata/*.txtar")
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			sc := parseScenario(t, data)
			got := sc.run(t, nil)
			if *update {
				sc.want = got
				require.NoError(t, os.WriteFile(file, sc.format(), 0o644))
				return
			}
			assert.Equal(t, sc.want, got, "%s: log with actions only", file)
			for _, tl := range []timeline{{"steady 60 fps", fps60}, {"jittery 5-50 ms", jitter}, {"hidden tab 1 fps", every(time.Second)}} {
				assert.Equal(t, sc.want, sc.run(t, tl.frames), "%s: log with frames %s", file, tl.name)
			}
		})
	}
}

// parseScenario reads a txtar file with program, actions and want sections.
func parseScenario(t *testing.T, data []byte) *scenario {
	t.Helper()
	sc := &scenario{}
	sections := map[string]*string{"program": &sc.program, "actions": &sc.actions, "want": &sc.want}
	cur := &sc.comment
	seen := map[string]bool{}
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		s := string(line)
		if name, ok := strings.CutPrefix(strings.TrimRight(s, "\n"), "-- "); ok && strings.HasSuffix(name, " --") {
			name = strings.TrimSuffix(name, " --")
			p, known := sections[name]
			require.True(t, known, "unknown section %q", name)
			cur, seen[name] = p, true
			continue
		}
		*cur += s
	}
	require.True(t, seen["program"] && seen["actions"] && seen["want"], "sections program, actions and want")
	return sc
}

func (sc *scenario) format() []byte {
	var b bytes.Buffer
	b.WriteString(sc.comment)
	for _, s := range []struct{ name, text string }{{"program", sc.program}, {"actions", sc.actions}, {"want", sc.want}} {
		fmt.Fprintf(&b, "-- %s --\n%s", s.name, s.text)
	}
	return b.Bytes()
}
