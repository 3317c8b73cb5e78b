package cue_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/cue"
	webcue "spry/wasm/cue"
)

const ms = time.Millisecond

// The peers are the browser's side of each interface under test: they say
// what reached the browser, and for the wake lock, hide and show the page.
type (
	beeperPeer  interface{ tones() []webcue.Tone }
	speakerPeer interface {
		said() []webcue.Utterance
		cancels() int
	}
	vibratorPeer interface{ patterns() [][]time.Duration }
	flasherPeer  interface{ flashes() int }
	wakePeer     interface {
		awake() bool
		requests() int
		setHidden(bool)
		// settle lets the browser's pending promises run.
		settle()
	}
)

// The suites below are the one test of each interface: run against the
// Fake natively, and against the browser's implementation under GOOS=js
// with stand-ins for the browser's APIs.

func testBeeper(t *testing.T, b webcue.Beeper, p beeperPeer) {
	t.Helper()
	b.Beep(cue.Start)
	require.Empty(t, p.tones(), "Beep before Unlock played %v, want nothing", p.tones())
	b.Unlock()
	b.Unlock()
	var want []webcue.Tone
	for _, s := range cue.Sounds {
		b.Beep(s)
		want = append(want, webcue.Tones(s)...)
	}
	b.Beep(cue.None)
	assert.Equal(t, want, p.tones(), "tones played for %v", cue.Sounds)
}

func testSpeaker(t *testing.T, s webcue.Speaker, p speakerPeer) {
	t.Helper()
	s.Say("Hold", "en-CA")
	s.Say("Changez de côté", "fr-CA")
	s.Say("", "en-CA")
	assert.Equal(t, []webcue.Utterance{{"Hold", "en-CA"}, {"Changez de côté", "fr-CA"}}, p.said())
	assert.Equal(t, 2, p.cancels(), "cancels after two Says: each cuts the last short")
	s.Cancel()
	assert.Equal(t, 3, p.cancels(), "cancels after Cancel")
}

func testVibrator(t *testing.T, v webcue.Vibrator, p vibratorPeer) {
	t.Helper()
	v.Vibrate([]time.Duration{100 * ms, 50 * ms, 100 * ms})
	v.Vibrate(nil)
	assert.Equal(t, [][]time.Duration{{100 * ms, 50 * ms, 100 * ms}}, p.patterns())
}

func testFlasher(t *testing.T, f webcue.Flasher, p flasherPeer) {
	t.Helper()
	f.Flash()
	f.Flash()
	assert.Equal(t, 2, p.flashes())
}

func testWakeLock(t *testing.T, w webcue.WakeLock, p wakePeer) {
	t.Helper()
	check := func(step string, awake bool, requests int) {
		t.Helper()
		p.settle()
		assert.Equal(t, awake, p.awake(), "%s: awake", step)
		assert.Equal(t, requests, p.requests(), "%s: wake lock requests", step)
	}
	w.Hold()
	check("Hold", true, 1)
	w.Hold()
	check("Hold again", true, 1)
	p.setHidden(true)
	check("page hidden", false, 1)
	p.setHidden(false)
	check("page shown", true, 2)
	w.Release()
	check("Release", false, 2)
	w.Release()
	p.setHidden(true)
	p.setHidden(false)
	check("hidden and shown after Release", false, 2)
	p.setHidden(true)
	w.Hold()
	check("Hold while hidden", false, 2)
	p.setHidden(false)
	check("shown after Hold while hidden", true, 3)
	w.Release()
	w.Hold()
	w.Release()
	check("Release while the lock is on its way", false, 4)
}

// fakePeer reads a Fake.
type fakePeer struct{ f *webcue.Fake }

func (p fakePeer) tones() []webcue.Tone        { return p.f.Tones() }
func (p fakePeer) said() []webcue.Utterance    { return p.f.Said() }
func (p fakePeer) cancels() int                { return p.f.Cancels() }
func (p fakePeer) patterns() [][]time.Duration { return p.f.Patterns() }
func (p fakePeer) flashes() int                { return p.f.Flashes() }
func (p fakePeer) awake() bool                 { return p.f.Awake() }
func (p fakePeer) requests() int               { return p.f.WakeRequests() }
func (p fakePeer) setHidden(h bool)            { p.f.SetHidden(h) }
func (p fakePeer) settle()                     {}

func TestFake(t *testing.T) {
	for _, tt := range []struct {
		name string
		run  func(*testing.T, *webcue.Fake)
	}{
		{"Beeper", func(t *testing.T, f *webcue.Fake) { testBeeper(t, f, fakePeer{f}) }},
		{"Speaker", func(t *testing.T, f *webcue.Fake) { testSpeaker(t, f, fakePeer{f}) }},
		{"Vibrator", func(t *testing.T, f *webcue.Fake) { testVibrator(t, f, fakePeer{f}) }},
		{"Flasher", func(t *testing.T, f *webcue.Fake) { testFlasher(t, f, fakePeer{f}) }},
		{"WakeLock", func(t *testing.T, f *webcue.Fake) { testWakeLock(t, f, fakePeer{f}) }},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, webcue.NewFake()) })
	}
}

func TestTones(t *testing.T) {
	seen := map[string]cue.Sound{}
	for _, s := range cue.Sounds {
		tones := webcue.Tones(s)
		require.NotEmpty(t, tones, "Tones(%v)", s)
		key := fmt.Sprint(tones)
		for i, n := range tones {
			assert.True(t, n.Hz >= 500 && n.Hz <= 1100, "Tones(%v)[%d].Hz = %v, want 500..1100", s, i, n.Hz)
			assert.GreaterOrEqual(t, n.Length, 50*ms, "Tones(%v)[%d].Length", s, i)
			if i > 0 {
				prev := tones[i-1]
				assert.GreaterOrEqual(t, n.At, prev.At+prev.Length, "Tones(%v)[%d] starts before the last ends", s, i)
			}
		}
		assert.NotContains(t, seen, key, "Tones(%v) = %v, the same as for %v", s, tones, seen[key])
		seen[key] = s
	}
	assert.Empty(t, webcue.Tones(cue.None))
}

func TestDispatcher(t *testing.T) {
	tests := []struct {
		name string
		cues []cue.Cue
		want []string
	}{
		{"nothing", nil, nil},
		{"one of each", []cue.Cue{{Sound: cue.End, Say: "Tenez", Lang: "fr-CA", Vibrate: []time.Duration{400 * ms}, Flash: true}},
			[]string{"beep end", "vibrate [400ms]", "flash", "say fr-CA Tenez"}},
		{"in order", []cue.Cue{{Sound: cue.Tick, Vibrate: []time.Duration{40 * ms}}, {Sound: cue.End, Say: "Down", Lang: "en-CA"}},
			[]string{"beep tick", "vibrate [40ms]", "beep end", "say en-CA Down"}},
		{"speech only", []cue.Cue{{Say: "Rest", Lang: "en-CA"}}, []string{"say en-CA Rest"}},
	}
	for _, tt := range tests {
		f := webcue.NewFake()
		d := webcue.NewDispatcher(f, f, f, f)
		d.Unlock()
		d.Play(tt.cues)
		assert.Equal(t, tt.want, f.Log(), "%s: Play(%v)", tt.name, tt.cues)
	}

	f := webcue.NewFake()
	webcue.NewDispatcher(f, f, f, f).Play([]cue.Cue{{Sound: cue.Start}})
	assert.Empty(t, f.Log(), "Play before Unlock")

	f = webcue.NewFake()
	d := webcue.NewDispatcher(nil, f, nil, nil)
	d.Unlock()
	d.Play([]cue.Cue{{Sound: cue.Done, Say: "Bravo!", Lang: "fr-CA", Vibrate: []time.Duration{ms}, Flash: true}})
	d.Hush()
	assert.Equal(t, []string{"say fr-CA Bravo!", "cancel"}, f.Log(), "a Dispatcher with a Speaker only")
}

// TestBrowserOutside: outside a browser everything plays nothing, and
// nothing panics.
func TestBrowserOutside(t *testing.T) {
	d := webcue.Browser()
	d.Unlock()
	d.Play([]cue.Cue{{Sound: cue.Done, Say: "Done", Lang: "en-CA", Vibrate: []time.Duration{ms}, Flash: true}})
	d.Hush()
	w := webcue.NewWakeLock()
	w.Hold()
	w.Release()
}
