package session_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/program"
	"spry/engine/session"
)

// item returns a program item for an exercise with the given sidedness and
// dose.
func item(id string, sides program.Sides, d program.Dose) program.Item {
	return program.Item{Exercise: &program.Exercise{ID: id, Sides: sides}, Dose: d}
}

func dose(sets, reps int, up, hold, down, rest float64) program.Dose {
	return program.Dose{
		Sets: sets, Reps: reps, HoldSeconds: hold, RestSeconds: rest,
		Tempo: program.Tempo{UpSeconds: up, DownSeconds: down},
	}
}

// mixed is a program with all three kinds of sidedness, fractional times
// and a hold shorter than the three-second countdown.
var mixed = []program.Item{
	item("bridge", program.Both, dose(2, 3, 2, 2, 2, 10)),
	item("side-plank", program.LeftThenRight, dose(2, 2, 1, 5, 1, 15)),
	item("bird-dog", program.Alternating, dose(1, 3, 1.5, 3.5, 1.5, 0)),
}

var mixedTiming = session.Timing{GetReady: 5 * time.Second, SwitchSide: 5 * time.Second, RestBetweenExercises: 20 * time.Second}

// timeline is a sequence of frame times.
type timeline struct {
	name   string
	frames func(end time.Duration) []time.Duration
}

// every returns frames every step from 0 to end.
func every(step time.Duration) func(time.Duration) []time.Duration {
	return func(end time.Duration) []time.Duration {
		var f []time.Duration
		for i := 0; ; i++ {
			t := time.Duration(i) * step
			f = append(f, t)
			if t > end {
				return f
			}
		}
	}
}

// fps60 returns frames at exactly 60 a second, rounded to the nanosecond as a
// browser's timestamps are.
func fps60(end time.Duration) []time.Duration {
	var f []time.Duration
	for i := int64(0); ; i++ {
		t := time.Duration(i * int64(time.Second) / 60)
		f = append(f, t)
		if t > end {
			return f
		}
	}
}

// jitter returns frames 5 to 50 ms apart, from a fixed seed.
func jitter(end time.Duration) []time.Duration {
	r := rand.New(rand.NewPCG(1, 2))
	var f []time.Duration
	for t := time.Duration(0); ; t += 5*time.Millisecond + time.Duration(r.Int64N(int64(45*time.Millisecond))) {
		f = append(f, t)
		if t > end {
			return f
		}
	}
}

// resumed returns frames at 60 a second for 30 s, then one frame after a tab
// was hidden for ten minutes, then frames at 60 a second again.
func resumed(end time.Duration) []time.Duration {
	var f []time.Duration
	for _, t := range fps60(30 * time.Second) {
		if t <= 30*time.Second {
			f = append(f, t)
		}
	}
	for _, t := range fps60(end) {
		f = append(f, 30*time.Second+10*time.Minute+t)
	}
	return f
}

// backwards returns frames at 60 a second where every 300th frame (5 s) the
// clock jumps back 2 s and runs on from there.
func backwards(end time.Duration) []time.Duration {
	var f []time.Duration
	var back time.Duration
	for i := int64(0); ; i++ {
		if i > 0 && i%300 == 0 {
			back += 2 * time.Second
		}
		t := time.Duration(i*int64(time.Second)/60) - back
		f = append(f, t)
		if t > end {
			return f
		}
	}
}

// viaClock returns frames at 60 a second of real time, read through a Clock
// at the given speeds, changing speed every 20 s of real time.
func viaClock(speeds ...float64) func(time.Duration) []time.Duration {
	return func(end time.Duration) []time.Duration {
		c := session.NewClock(0)
		c.SetSpeed(0, speeds[0])
		var f []time.Duration
		for i := int64(0); ; i++ {
			real := time.Duration(i * int64(time.Second) / 60)
			if k := int(real / (20 * time.Second)); i%(20*60) == 0 && k < len(speeds) {
				c.SetSpeed(real, speeds[k])
			}
			t := c.Now(real)
			f = append(f, t)
			if t > end {
				return f
			}
		}
	}
}

var timelines = []timeline{
	{"steady 60 fps", fps60},
	{"jittery 5-50 ms", jitter},
	{"hidden tab 1 fps", every(time.Second)},
	{"resumed after ten minutes", resumed},
	{"clock jumps backwards", backwards},
	{"one frame at the end", func(end time.Duration) []time.Duration { return []time.Duration{end + time.Hour} }},
	{"clock at 16x", viaClock(16)},
	{"clock at 0.5x, 4x, 32x", viaClock(0.5, 4, 32)},
}

// play starts a session at 0 and updates it at every frame.
func play(s *session.Session, frames []time.Duration) []session.Event {
	ev := s.Start(0)
	for _, f := range frames {
		ev = append(ev, s.Update(f)...)
	}
	return ev
}

// lines returns the events one per line, for readable diffs.
func lines(ev []session.Event) string {
	var b strings.Builder
	for _, e := range ev {
		b.WriteString(e.String())
		b.WriteByte('\n')
	}
	return b.String()
}

func count(ev []session.Event, k session.EventKind) int {
	n := 0
	for _, e := range ev {
		if e.Kind == k {
			n++
		}
	}
	return n
}

func TestTimelines(t *testing.T) {
	ref := session.New(mixed, mixedTiming)
	want := play(ref, every(time.Millisecond)(ref.Total()))
	require.Equal(t, session.SessionDone, want[len(want)-1].Kind, "last event")
	assert.Equal(t, ref.Total(), want[len(want)-1].At, "SessionDone.At, want Total()")
	// 2×3 (both) + 2×2×2 (left then right) + 1×3×2 (alternating).
	assert.Equal(t, 20, count(want, session.RepCounted), "RepCounted events")
	for _, tl := range timelines {
		t.Run(tl.name, func(t *testing.T) {
			s := session.New(mixed, mixedTiming)
			got := play(s, tl.frames(s.Total()))
			require.Equal(t, lines(want), lines(got), "events over %s", tl.name)
			require.Equal(t, want, got, "events over %s", tl.name)
			assert.True(t, s.State(s.Total()).Done, "State().Done after the last frame")
		})
	}
}

// TestPlanMatchesEvents checks that, without pauses or skips, each segment
// starts exactly when the plan says.
func TestPlanMatchesEvents(t *testing.T) {
	s := session.New(mixed, mixedTiming)
	plan := s.Plan()
	var started []session.Segment
	for _, e := range play(s, fps60(s.Total())) {
		if e.Kind == session.PhaseStarted {
			started = append(started, session.Segment{Kind: e.Phase, Start: e.At, Exercise: e.Exercise, Set: e.Set, Rep: e.Rep, Side: e.Side})
		}
	}
	require.Len(t, started, len(plan))
	for i, g := range plan {
		g.Length = 0
		assert.Equal(t, g, started[i], "segment %d", i)
	}
	assert.Equal(t, 221*time.Second, s.Total(), "Total()")
}

// action is a patient's tap at a session time.
type action struct {
	at time.Duration
	do func(*session.Session, time.Duration) []session.Event
}

// playWith starts a session at 0 and runs frames and actions in time order;
// an action due at a frame's time runs after that frame.
func playWith(s *session.Session, frames []time.Duration, acts []action) []session.Event {
	ev := s.Start(0)
	for _, f := range frames {
		for len(acts) > 0 && acts[0].at < f {
			ev = append(ev, acts[0].do(s, acts[0].at)...)
			acts = acts[1:]
		}
		ev = append(ev, s.Update(f)...)
	}
	for _, a := range acts {
		ev = append(ev, a.do(s, a.at)...)
	}
	return append(ev, s.Update(24*time.Hour)...)
}

func TestTimelinesWithActions(t *testing.T) {
	sec := func(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }
	acts := []action{
		{sec(3.25), (*session.Session).Skip},      // the get-ready
		{sec(7.5), (*session.Session).Pause},      // during a down
		{sec(60), (*session.Session).Resume},      // most of a minute later
		{sec(70.1), (*session.Session).FinishSet}, // in a hold: set 1 ends with 2 of 3 reps
		{sec(72), (*session.Session).Pause},       // in the rest
		{sec(73), adjust(15 * time.Second)},       // longer, while paused
		{sec(74), (*session.Session).Resume},      //
		{sec(80), adjust(-15 * time.Second)},      // shorter, to 2.1 s
		{sec(100), (*session.Session).Skip},       // in a down: the bridge is skipped
		{sec(140), (*session.Session).Skip},       // the switch-side
		{sec(200), (*session.Session).Pause},      // in a hold
		{sec(200.5), (*session.Session).Skip},     // while paused: the side plank is skipped
		{sec(260), (*session.Session).Resume},     // in the rest before the bird-dog
		{sec(300), (*session.Session).FinishSet},  // the last set of the last exercise
		{sec(1000), (*session.Session).Pause},     // after the end: nothing
		{sec(1000.5), (*session.Session).Resume},  //
		{sec(1001), (*session.Session).Skip},      //
		{sec(1001.5), adjust(-15 * time.Second)},  //
		{sec(1002), (*session.Session).FinishSet}, //
		{sec(1003), func(s *session.Session, now time.Duration) []session.Event { return s.Update(now) }},
	}
	want := playWith(session.New(mixed, mixedTiming), every(time.Millisecond)(1100*time.Second), acts)
	require.Equal(t, session.SessionDone, want[len(want)-1].Kind, "last event")
	for i := 1; i < len(want); i++ {
		require.LessOrEqual(t, want[i-1].At, want[i].At, "events out of order: %v then %v", want[i-1], want[i])
	}
	for _, tl := range timelines {
		if tl.name == "resumed after ten minutes" || tl.name == "clock jumps backwards" {
			// Taps during a hidden tab or on a clock that runs backwards
			// would come at other times: not comparable.
			continue
		}
		t.Run(tl.name, func(t *testing.T) {
			got := playWith(session.New(mixed, mixedTiming), tl.frames(1100*time.Second), acts)
			require.Equal(t, lines(want), lines(got), "events over %s", tl.name)
			require.Equal(t, want, got, "events over %s", tl.name)
		})
	}
}

func adjust(d time.Duration) func(*session.Session, time.Duration) []session.Event {
	return func(s *session.Session, now time.Duration) []session.Event { return s.AdjustRest(now, d) }
}

func TestRepCountedPerDose(t *testing.T) {
	tests := []struct {
		name  string
		sides program.Sides
		d     program.Dose
		want  int
	}{
		{"both", program.Both, dose(3, 10, 2, 0, 2, 30), 30},
		{"left then right", program.LeftThenRight, dose(2, 5, 1, 10, 1, 30), 20},
		{"alternating", program.Alternating, dose(3, 6, 1, 5, 1, 30), 36},
		{"hold only", program.Both, dose(1, 3, 0, 30, 0, 0), 3},
		{"no time at all", program.Both, dose(2, 4, 0, 0, 0, 0), 8},
		{"nil exercise", "", dose(1, 2, 1, 1, 1, 1), 2},
	}
	for _, tt := range tests {
		it := item("x", tt.sides, tt.d)
		if tt.sides == "" {
			it.Exercise = nil
		}
		s := session.New([]program.Item{it}, mixedTiming)
		ev := play(s, jitter(s.Total()))
		assert.Equal(t, tt.want, count(ev, session.RepCounted), "%s: RepCounted events", tt.name)
		assert.Equal(t, tt.d.Sets, count(ev, session.SetDone), "%s: SetDone events", tt.name)
		for _, e := range ev {
			if e.Kind == session.SetDone {
				assert.False(t, e.Partial, "%s: %v", tt.name, e)
				assert.Equal(t, e.RepsPlanned, e.RepsDone, "%s: %v", tt.name, e)
			}
		}
	}
}

func TestEmptyProgram(t *testing.T) {
	s := session.New(nil, mixedTiming)
	assert.Equal(t, time.Duration(0), s.Total(), "Total()")
	ev := s.Start(5 * time.Second)
	require.Len(t, ev, 1)
	assert.Equal(t, session.SessionDone, ev[0].Kind, "Start() event")
	assert.True(t, s.State(6*time.Second).Done, "State().Done")
	assert.Nil(t, s.Update(7*time.Second), "Update after the end")
}

func TestBeforeStart(t *testing.T) {
	s := session.New(mixed, mixedTiming)
	for name, ev := range map[string][]session.Event{
		"Update":     s.Update(time.Second),
		"Pause":      s.Pause(time.Second),
		"Resume":     s.Resume(time.Second),
		"Skip":       s.Skip(time.Second),
		"FinishSet":  s.FinishSet(time.Second),
		"AdjustRest": s.AdjustRest(time.Second, time.Second),
	} {
		assert.Nil(t, ev, "%s before Start", name)
	}
	st := s.State(time.Second)
	assert.Equal(t, session.State{
		Kind: session.GetReady, Exercises: 3, Set: 1, Sets: 2, Reps: 3,
		Length: 5 * time.Second, Remaining: 5 * time.Second,
	}, st, "State before Start")
	assert.Len(t, s.Start(2*time.Second), 1, "Start() events")
	assert.Nil(t, s.Start(3*time.Second), "second Start()")
}

func TestStateDoesNotConsumeEvents(t *testing.T) {
	s := session.New(mixed, mixedTiming)
	s.Start(0)
	st := s.State(12 * time.Second)
	assert.Equal(t, session.Up, st.Kind, "State(12s).Kind")
	assert.Equal(t, 2, st.Rep, "State(12s).Rep")
	assert.Equal(t, 1, st.RepsDone, "State(12s).RepsDone")
	assert.InDelta(t, 0.5, st.Progress, 1e-9, "State(12s).Progress")
	ev := s.Update(12 * time.Second)
	assert.Equal(t, 4, count(ev, session.PhaseStarted), "Update(12s) PhaseStarted events")
	assert.Equal(t, 1, count(ev, session.RepCounted), "Update(12s) RepCounted events")
}

func TestKindAndSideNames(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{session.GetReady.String(), "get-ready"},
		{session.Up.String(), "up"},
		{session.Hold.String(), "hold"},
		{session.Down.String(), "down"},
		{session.Rest.String(), "rest"},
		{session.SwitchSide.String(), "switch-side"},
		{session.Done.String(), "done"},
		{session.Kind(99).String(), "kind(?)"},
		{session.NoSide.String(), "none"},
		{session.Left.String(), "left"},
		{session.Right.String(), "right"},
		{session.PhaseStarted.String(), "phase-started"},
		{session.Resumed.String(), "resumed"},
		{session.EventKind(-1).String(), "event(?)"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.got, "String() = %q, want %q", tt.got, tt.want)
	}
}

func TestTimingOf(t *testing.T) {
	p := &program.Program{GetReadySeconds: 5, SwitchSideSeconds: 2.5, RestBetweenExercisesSeconds: -1}
	want := session.Timing{GetReady: 5 * time.Second, SwitchSide: 2500 * time.Millisecond}
	assert.Equal(t, want, session.TimingOf(p), "TimingOf(%+v)", p)
}

func BenchmarkUpdate(b *testing.B) {
	items := append(append(append([]program.Item{}, mixed...), mixed...), mixed...)
	s := session.New(items, mixedTiming)
	s.Start(0)
	step := time.Second / 60
	now := time.Duration(0)
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		now += step
		n += len(s.Update(now))
		if now > s.Total() {
			b.StopTimer()
			s = session.New(items, mixedTiming)
			s.Start(0)
			now = 0
			b.StartTimer()
		}
	}
	_ = n
}

// BenchmarkSession plays the mixed program through at 60 frames a second:
// one op is a whole session of 221 s (13,260 frames).
func BenchmarkSession(b *testing.B) {
	frames := fps60(221 * time.Second)
	b.ReportAllocs()
	for b.Loop() {
		s := session.New(mixed, mixedTiming)
		s.Start(0)
		for _, f := range frames {
			s.Update(f)
		}
	}
}

func BenchmarkState(b *testing.B) {
	s := session.New(mixed, mixedTiming)
	s.Start(0)
	s.Update(100 * time.Second)
	b.ReportAllocs()
	for b.Loop() {
		_ = s.State(100*time.Second + 500*time.Millisecond)
	}
}
