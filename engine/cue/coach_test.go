package cue_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/cue"
	"spry/engine/program"
	"spry/engine/session"
)

const s = time.Second

var (
	bridge = &program.Exercise{ID: "bridge", Name: program.Text{"en": "Bridge", "fr": "Pont"}, Sides: program.Both}
	plank  = &program.Exercise{ID: "side-plank", Name: program.Text{"en": "Side plank", "fr": "Planche latérale"},
		Sides: program.LeftThenRight}
	items = []program.Item{{Exercise: plank}, {Exercise: bridge}}
	all   = cue.Settings{Sound: true, Speech: true, Vibration: true, Flash: true, Lang: "en"}
)

// dump writes cues one a line, such as `12.000s end "Hold" vibrate flash`.
func dump(cues []cue.Cue) string {
	var b strings.Builder
	for _, c := range cues {
		fmt.Fprintf(&b, "%.3fs %v", c.At.Seconds(), c.Sound)
		if c.Say != "" {
			fmt.Fprintf(&b, " %q %s", c.Say, c.Lang)
		}
		if len(c.Vibrate) > 0 {
			fmt.Fprintf(&b, " vibrate%v", c.Vibrate)
		}
		if c.Flash {
			b.WriteString(" flash")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func ev(at time.Duration, k session.EventKind, f ...func(*session.Event)) session.Event {
	e := session.Event{Kind: k, At: at}
	for _, f := range f {
		f(&e)
	}
	return e
}

func phase(k session.Kind) func(*session.Event) { return func(e *session.Event) { e.Phase = k } }
func rep(n int) func(*session.Event)            { return func(e *session.Event) { e.Rep = n } }
func exercise(i int) func(*session.Event)       { return func(e *session.Event) { e.Exercise = i } }
func side(sd session.Side) func(*session.Event) { return func(e *session.Event) { e.Side = sd } }
func left(n int) func(*session.Event)           { return func(e *session.Event) { e.Remaining = n } }

func TestCues(t *testing.T) {
	// before are events the coach has already seen, at their own times.
	tests := []struct {
		name     string
		before   []session.Event
		events   []session.Event
		now      time.Duration
		settings cue.Settings
		want     string
	}{
		{
			name:   "first exercise: its name and side, start",
			events: []session.Event{ev(0, session.PhaseStarted, phase(session.GetReady), side(session.Left)), ev(0, session.Countdown, phase(session.GetReady), left(3))},
			want:   "0.000s start \"Side plank. Left side\" en-CA vibrate[120ms] flash\n",
		},
		{
			name:     "first exercise in French",
			events:   []session.Event{ev(0, session.PhaseStarted, phase(session.GetReady), side(session.Left))},
			settings: cue.Settings{Sound: true, Speech: true, Lang: "fr-CA"},
			want:     "0.000s start \"Planche latérale. Côté gauche\" fr-CA\n",
		},
		{
			name:     "a language without a catalog speaks English",
			events:   []session.Event{ev(0, session.PhaseStarted, phase(session.GetReady), exercise(1))},
			settings: cue.Settings{Speech: true, Lang: "de"},
			want:     "0.000s none \"Bridge\" en-CA\n",
		},
		{
			name:   "countdown: a tick and the number",
			before: []session.Event{ev(0, session.PhaseStarted, phase(session.GetReady))},
			events: []session.Event{ev(2*s, session.Countdown, phase(session.GetReady), left(1))},
			now:    2 * s,
			want:   "2.000s tick \"One\" en-CA vibrate[40ms]\n",
		},
		{
			name:   "the end of a get-ready countdown ends with End and Up",
			before: []session.Event{ev(0, session.PhaseStarted, phase(session.GetReady))},
			events: []session.Event{ev(3*s, session.PhaseStarted, phase(session.Up), rep(1))},
			now:    3 * s,
			want:   "3.000s end \"Up\" en-CA vibrate[400ms] flash\n",
		},
		{
			name:   "hold starts: Hold wins over the countdown that starts with it",
			before: []session.Event{ev(0, session.PhaseStarted, phase(session.Up))},
			events: []session.Event{ev(1*s, session.PhaseStarted, phase(session.Hold), rep(1)), ev(1*s, session.Countdown, phase(session.Hold), left(3))},
			now:    1 * s,
			want:   "1.000s start \"Hold\" en-CA vibrate[120ms] flash\n",
		},
		{
			name:   "hold ends",
			before: []session.Event{ev(0, session.PhaseStarted, phase(session.Hold))},
			events: []session.Event{ev(3*s, session.PhaseStarted, phase(session.Down), rep(1))},
			now:    3 * s,
			want:   "3.000s end \"Down\" en-CA vibrate[400ms] flash\n",
		},
		{
			name:     "rep counted: the number replaces Up",
			before:   []session.Event{ev(0, session.PhaseStarted, phase(session.Down))},
			events:   []session.Event{ev(2*s, session.RepCounted, rep(5)), ev(2*s, session.PhaseStarted, phase(session.Up), rep(6))},
			now:      2 * s,
			settings: cue.Settings{Sound: true, Speech: true, Lang: "en"},
			want:     "2.000s start \"Five\" en-CA\n",
		},
		{
			name:     "rep counted in French",
			before:   []session.Event{ev(0, session.PhaseStarted, phase(session.Down))},
			events:   []session.Event{ev(2*s, session.RepCounted, rep(5)), ev(2*s, session.PhaseStarted, phase(session.Up), rep(6))},
			now:      2 * s,
			settings: cue.Settings{Speech: true, Lang: "fr"},
			want:     "2.000s none \"Cinq\" fr-CA\n",
		},
		{
			name:   "hold-only stretch: the count, then Hold again",
			before: []session.Event{ev(0, session.PhaseStarted, phase(session.Hold))},
			events: []session.Event{ev(20*s, session.RepCounted, rep(1)), ev(20*s, session.PhaseStarted, phase(session.Hold), rep(2))},
			now:    20 * s,
			want:   "20.000s end \"One. Hold\" en-CA vibrate[400ms] flash\n",
		},
		{
			name:   "set done: the count, rest",
			before: []session.Event{ev(0, session.PhaseStarted, phase(session.Down))},
			events: []session.Event{ev(2*s, session.RepCounted, rep(10)), ev(2*s, session.SetDone),
				ev(2*s, session.PhaseStarted, phase(session.Rest))},
			now:      2 * s,
			settings: cue.Settings{Sound: true, Speech: true, Lang: "fr"},
			want:     "2.000s end \"Dix. Repos\" fr-CA\n",
		},
		{
			name:   "switch sides",
			before: []session.Event{ev(0, session.PhaseStarted, phase(session.Down), side(session.Left))},
			events: []session.Event{ev(2*s, session.RepCounted, rep(2), side(session.Left)), ev(2*s, session.SideSwitched, side(session.Right)),
				ev(2*s, session.PhaseStarted, phase(session.SwitchSide), side(session.Right)),
				ev(2*s, session.Countdown, phase(session.SwitchSide), left(2))},
			now:  2 * s,
			want: "2.000s switch \"Two. Switch sides\" en-CA vibrate[120ms 80ms 120ms 80ms 120ms] flash\n",
		},
		{
			name:     "switch sides in French",
			before:   []session.Event{ev(0, session.PhaseStarted, phase(session.Down), side(session.Left))},
			events:   []session.Event{ev(2*s, session.SideSwitched, side(session.Right)), ev(2*s, session.PhaseStarted, phase(session.Up), side(session.Right))},
			now:      2 * s,
			settings: cue.Settings{Speech: true, Lang: "fr"},
			want:     "2.000s none \"Changez de côté\" fr-CA\n",
		},
		{
			name:   "next exercise after a rest: rest ends, the name",
			before: []session.Event{ev(0, session.PhaseStarted, phase(session.Rest), exercise(1))},
			events: []session.Event{ev(30*s, session.PhaseStarted, phase(session.GetReady), exercise(1)),
				ev(30*s, session.Countdown, phase(session.GetReady), exercise(1), left(3))},
			now:  30 * s,
			want: "30.000s end \"Bridge\" en-CA vibrate[400ms] flash\n",
		},
		{
			name:   "session done",
			before: []session.Event{ev(0, session.PhaseStarted, phase(session.Down), exercise(1))},
			events: []session.Event{ev(2*s, session.RepCounted, rep(8), exercise(1)), ev(2*s, session.SetDone, exercise(1)),
				ev(2*s, session.ExerciseDone, exercise(1)), ev(2*s, session.SessionDone)},
			now:  2 * s,
			want: "2.000s done \"Eight. Session done. Well done!\" en-CA vibrate[300ms 120ms 300ms 120ms 600ms] flash\n",
		},
		{
			name:     "session done in French",
			before:   []session.Event{ev(0, session.PhaseStarted, phase(session.Rest), exercise(1))},
			events:   []session.Event{ev(2*s, session.SessionDone)},
			now:      2 * s,
			settings: cue.Settings{Speech: true, Lang: "fr"},
			want:     "2.000s none \"Séance terminée. Bravo!\" fr-CA\n",
		},
		{
			name:   "pause and resume are not cued",
			before: []session.Event{ev(0, session.PhaseStarted, phase(session.Hold))},
			events: []session.Event{ev(1*s, session.Paused), ev(5*s, session.Resumed)},
			now:    5 * s,
		},
		{
			name:   "an event one second late is cued",
			before: []session.Event{ev(0, session.PhaseStarted, phase(session.Hold))},
			events: []session.Event{ev(3*s, session.PhaseStarted, phase(session.Down))},
			now:    4 * s,
			want:   "3.000s end \"Down\" en-CA vibrate[400ms] flash\n",
		},
		{
			name:   "an event more than a second late is not",
			before: []session.Event{ev(0, session.PhaseStarted, phase(session.Hold))},
			events: []session.Event{ev(3*s, session.PhaseStarted, phase(session.Down))},
			now:    4*s + time.Millisecond,
		},
		{
			name:   "late events are not cued, fresh ones are",
			before: []session.Event{ev(0, session.PhaseStarted, phase(session.Hold))},
			events: []session.Event{ev(3*s, session.PhaseStarted, phase(session.Down)), ev(5*s, session.RepCounted, rep(1)),
				ev(5*s, session.PhaseStarted, phase(session.Up), rep(2)), ev(6*s, session.PhaseStarted, phase(session.Hold), rep(2)),
				ev(6*s, session.Countdown, phase(session.Hold), rep(2), left(3))},
			now:  6*s + 500*time.Millisecond,
			want: "6.000s start \"Hold\" en-CA vibrate[120ms] flash\n",
		},
		{
			name:   "one phrase a batch: the newest; older cues keep their sound",
			before: []session.Event{ev(0, session.PhaseStarted, phase(session.Down)), ev(0, session.PhaseStarted, phase(session.Rest))},
			events: []session.Event{ev(1*s, session.Countdown, phase(session.Rest), left(2)),
				ev(2*s, session.Countdown, phase(session.Rest), left(1)), ev(2500*time.Millisecond, session.PhaseStarted, phase(session.Up))},
			now:  2600 * time.Millisecond,
			want: "2.000s tick vibrate[40ms]\n2.500s end \"Up\" en-CA vibrate[400ms] flash\n",
		},
		{
			name:   "the seconds left do not cut a long name short",
			before: []session.Event{ev(0, session.PhaseStarted, phase(session.GetReady), side(session.Left))},
			events: []session.Event{ev(1*s, session.Countdown, phase(session.GetReady), left(2))},
			now:    1 * s,
			want:   "1.000s tick vibrate[40ms]\n",
		},
		{
			name:   "nor do they wait for a short one",
			before: []session.Event{ev(0, session.PhaseStarted, phase(session.GetReady), exercise(1))},
			events: []session.Event{ev(1*s, session.Countdown, phase(session.GetReady), exercise(1), left(2))},
			now:    1 * s,
			want:   "1.000s tick \"Two\" en-CA vibrate[40ms]\n",
		},
		{
			name:   "a phrase other than the seconds left is said, even over the last",
			before: []session.Event{ev(0, session.PhaseStarted, phase(session.GetReady), side(session.Left))},
			events: []session.Event{ev(1*s, session.PhaseStarted, phase(session.Up))},
			now:    1 * s,
			want:   "1.000s end \"Up\" en-CA vibrate[400ms] flash\n",
		},
		{
			name:   "the last seconds of a hold are ticked, not spoken",
			before: []session.Event{ev(0, session.PhaseStarted, phase(session.Hold))},
			events: []session.Event{ev(2*s, session.Countdown, phase(session.Hold), left(1))},
			now:    2 * s,
			want:   "2.000s tick vibrate[40ms]\n",
		},
		{
			name:     "the last seconds of a rest are spoken",
			before:   []session.Event{ev(0, session.PhaseStarted, phase(session.Rest))},
			events:   []session.Event{ev(2*s, session.Countdown, phase(session.Rest), left(3))},
			now:      2 * s,
			settings: cue.Settings{Speech: true, Lang: "fr"},
			want:     "2.000s none \"Trois\" fr-CA\n",
		},
		{
			name:     "speech only",
			before:   []session.Event{ev(0, session.PhaseStarted, phase(session.Hold))},
			events:   []session.Event{ev(3*s, session.PhaseStarted, phase(session.Down))},
			now:      3 * s,
			settings: cue.Settings{Speech: true},
			want:     "3.000s none \"Down\" en-CA\n",
		},
		{
			name:     "vibration only, with the pattern of the sound that is off",
			before:   []session.Event{ev(0, session.PhaseStarted, phase(session.Hold))},
			events:   []session.Event{ev(3*s, session.PhaseStarted, phase(session.Down))},
			now:      3 * s,
			settings: cue.Settings{Vibration: true},
			want:     "3.000s none vibrate[400ms]\n",
		},
		{
			name:     "flash only; ticks do not flash",
			before:   []session.Event{ev(0, session.PhaseStarted, phase(session.Hold))},
			events:   []session.Event{ev(1*s, session.Countdown, phase(session.Hold), left(2)), ev(3*s, session.PhaseStarted, phase(session.Down))},
			now:      3 * s,
			settings: cue.Settings{Flash: true},
			want:     "3.000s none flash\n",
		},
		{
			name:     "everything off",
			events:   []session.Event{ev(0, session.PhaseStarted, phase(session.GetReady))},
			settings: cue.Settings{Lang: "en"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cue.NewCoach(items)
			settings := tt.settings
			if settings == (cue.Settings{}) && !strings.Contains(tt.name, "off") {
				settings = all
			}
			for _, e := range tt.before {
				c.Cues([]session.Event{e}, e.At, settings)
			}
			got := dump(c.Cues(tt.events, tt.now, settings))
			assert.Equal(t, tt.want, got, "Cues(%v, %v) = \n%s\nwant\n%s", tt.events, tt.now, got, tt.want)
		})
	}
}

func TestDefaultSettings(t *testing.T) {
	assert.Equal(t, cue.Settings{Sound: true, Speech: true, Vibration: true, Lang: "fr"}, cue.DefaultSettings("fr"))
}

func TestSoundsDistinct(t *testing.T) {
	seen := map[string]cue.Sound{}
	for _, snd := range cue.Sounds {
		v := fmt.Sprint(cue.Vibration(snd))
		require.NotEmpty(t, cue.Vibration(snd), "Vibration(%v)", snd)
		assert.NotContains(t, seen, v, "Vibration(%v) = %v, the same as for %v", snd, v, seen[v])
		seen[v] = snd
		assert.NotEqual(t, "", snd.String())
	}
	assert.Nil(t, cue.Vibration(cue.None))
	assert.Equal(t, "sound(9)", cue.Sound(9).String())
}
