package cue_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"spry/engine/cue"
	"spry/engine/program"
	"spry/engine/session"
)

// sidePlankThenBridge is the session of the session package's
// left-then-right scenario: a side plank, one set of 2 reps a side with a
// 3 s hold and a 2 s switch, a 4 s rest, then one bridge.
func sidePlankThenBridge() ([]program.Item, session.Timing) {
	items := []program.Item{
		{Exercise: plank, Dose: program.Dose{Sets: 1, Reps: 2, HoldSeconds: 3, RestSeconds: 30,
			Tempo: program.Tempo{UpSeconds: 1, DownSeconds: 1}}},
		{Exercise: bridge, Dose: program.Dose{Sets: 1, Reps: 1, RestSeconds: 30,
			Tempo: program.Tempo{UpSeconds: 2, DownSeconds: 2}}},
	}
	return items, session.Timing{GetReady: 2 * time.Second, SwitchSide: 2 * time.Second, RestBetweenExercises: 4 * time.Second}
}

// play runs a session updated at the given session times (the first starts
// it) and returns every cue.
func play(items []program.Item, timing session.Timing, frames []time.Duration, settings cue.Settings) []cue.Cue {
	sess := session.New(items, timing)
	coach := cue.NewCoach(items)
	var cues []cue.Cue
	for i, now := range frames {
		var evs []session.Event
		if i == 0 {
			evs = sess.Start(now)
		} else {
			evs = sess.Update(now)
		}
		cues = append(cues, coach.Cues(evs, now, settings)...)
	}
	return cues
}

// steady returns frame times every step from 0 to end.
func steady(step, end time.Duration) []time.Duration {
	var f []time.Duration
	for t := time.Duration(0); t <= end; t += step {
		f = append(f, t)
	}
	return f
}

// late returns frames, each d later.
func late(d time.Duration, frames []time.Duration) []time.Duration {
	var f []time.Duration
	for _, t := range frames {
		f = append(f, t+d)
	}
	return f
}

// TestWholeSession reads as the patient hears it.
func TestWholeSession(t *testing.T) {
	items, timing := sidePlankThenBridge()
	want := `0.000s start "Side plank. Left side" en-CA
1.000s tick
2.000s end "Up" en-CA
3.000s start "Hold" en-CA
4.000s tick
5.000s tick
6.000s end "Down" en-CA
7.000s start "One" en-CA
8.000s start "Hold" en-CA
9.000s tick
10.000s tick
11.000s end "Down" en-CA
12.000s switch "Two. Switch sides" en-CA
13.000s tick
14.000s end "Up" en-CA
15.000s start "Hold" en-CA
16.000s tick
17.000s tick
18.000s end "Down" en-CA
19.000s start "One" en-CA
20.000s start "Hold" en-CA
21.000s tick
22.000s tick
23.000s end "Down" en-CA
24.000s end "Two. Rest" en-CA
25.000s tick "Three" en-CA
26.000s tick "Two" en-CA
27.000s tick "One" en-CA
28.000s end "Bridge" en-CA
29.000s tick "One" en-CA
30.000s end "Up" en-CA
32.000s start "Down" en-CA
34.000s done "One. Session done. Well done!" en-CA
`
	settings := cue.Settings{Sound: true, Speech: true, Lang: "en"}
	got := dump(play(items, timing, steady(time.Second/60, 40*time.Second), settings))
	assert.Equal(t, want, got, "cues at 60 fps:\n%s\nwant\n%s", got, want)
}

// TestLateFrames plays the same session on the timelines of a real page:
// each cue is played at most once, whatever the frame rate, and a page that
// catches up after being hidden does not play what it missed.
func TestLateFrames(t *testing.T) {
	items, timing := sidePlankThenBridge()
	settings := cue.Settings{Sound: true, Speech: true, Vibration: true, Lang: "en"}
	all := dump(play(items, timing, steady(time.Second/60, 40*time.Second), settings))
	tests := []struct {
		name   string
		frames []time.Duration
		want   string
	}{
		{"steady 60 fps", steady(time.Second/60, 40*time.Second), all},
		{"jittery 30 fps", steady(33*time.Millisecond, 40*time.Second), all},
		{"background tab at 1 Hz: every cue, a little late", steady(time.Second, 40*time.Second), all},
		{"background tab at 1 Hz, half a second late", append([]time.Duration{0}, late(500*time.Millisecond, steady(time.Second, 40*time.Second))...), all},
		{"hidden from 5.5 s to 10 minutes: nothing in between", []time.Duration{0, 500 * time.Millisecond, 5500 * time.Millisecond, 10 * time.Minute}, "" +
			"0.000s start \"Side plank. Left side\" en-CA vibrate[120ms]\n" +
			"5.000s tick vibrate[40ms]\n"},
		{"hidden during the hold, shown at 11.5 s: the last second only", []time.Duration{0, 3500 * time.Millisecond, 11500 * time.Millisecond}, "" +
			"0.000s start \"Side plank. Left side\" en-CA vibrate[120ms]\n" +
			"3.000s start \"Hold\" en-CA vibrate[120ms]\n" +
			"11.000s end \"Down\" en-CA vibrate[400ms]\n"},
		{"shown again in the second before the end", []time.Duration{0, 3500 * time.Millisecond, 34200 * time.Millisecond}, "" +
			"0.000s start \"Side plank. Left side\" en-CA vibrate[120ms]\n" +
			"3.000s start \"Hold\" en-CA vibrate[120ms]\n" +
			"34.000s done \"One. Session done. Well done!\" en-CA vibrate[300ms 120ms 300ms 120ms 600ms]\n"},
	}
	for _, tt := range tests {
		got := dump(play(items, timing, tt.frames, settings))
		assert.Equal(t, tt.want, got, "%s: cues\n%s\nwant\n%s", tt.name, got, tt.want)
	}
}
