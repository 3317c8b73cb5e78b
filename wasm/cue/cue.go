// Package cue plays the engine's cues (package spry/engine/cue) in the
// browser: sounds through Web Audio, speech through the Web Speech API,
// vibration, a flash of the screen, and a wake lock that keeps the screen
// on during a session. Each sits behind a small interface with an in-memory
// Fake for tests; the browser's implementations are in the *_js.go files.
// Where the browser lacks an API, its implementation does nothing, and it
// never panics.
//
// Everything here is called from the player's game loop, except Unlock,
// which the page's tap handler calls.
package cue

import (
	"time"

	"spry/engine/cue"
)

// Beeper plays the cue sounds.
type Beeper interface {
	// Unlock readies the sound output. Browsers keep audio off until the
	// patient touches the page, so call it while handling a tap.
	Unlock()
	// Beep plays s now. Before Unlock, or while the browser has the sound
	// output suspended, it plays nothing: a sound queued then would come
	// out later, all at once with the others.
	Beep(s cue.Sound)
}

// Speaker speaks the spoken cues.
type Speaker interface {
	// Say speaks text in lang, a BCP 47 tag such as "fr-CA", cutting short
	// whatever was being said. An empty text says nothing.
	Say(text, lang string)
	// Cancel stops speaking.
	Cancel()
}

// Vibrator vibrates the phone.
type Vibrator interface {
	// Vibrate vibrates with pattern: on, off, on... An empty pattern does
	// nothing.
	Vibrate(pattern []time.Duration)
}

// Flasher flashes the screen briefly.
type Flasher interface {
	Flash()
}

// WakeLock keeps the screen on. Both methods may be called at every frame:
// they only act when the wish changes.
type WakeLock interface {
	// Hold keeps the screen on from now until Release, including after the
	// page has been hidden and shown again (browsers drop the lock when the
	// page is hidden).
	Hold()
	// Release lets the screen turn off again.
	Release()
}

// FlashClass is the class the browser's Flasher puts on the document's root
// element during a flash; the page's style sheet says what it looks like.
const FlashClass = "spry-flash"

// FlashLength is how long a flash lasts.
const FlashLength = 250 * time.Millisecond

// Tone is one note of a sound: a sine wave of Hz hertz that starts At after
// the sound starts and lasts Length, faded in and out to avoid clicks.
type Tone struct {
	Hz     float64
	At     time.Duration
	Length time.Duration
}

const ms = time.Millisecond

// tones are the notes of each sound. The pitches stay between 500 and
// 1100 Hz, which phone speakers play well and older ears still hear.
var tones = map[cue.Sound][]Tone{
	// A short, high blip.
	cue.Tick: {{Hz: 1046.5, Length: 70 * ms}},
	// Two notes going up: go.
	cue.Start: {{Hz: 659.3, Length: 110 * ms}, {Hz: 987.8, At: 120 * ms, Length: 160 * ms}},
	// One long, lower note: time is up.
	cue.End: {{Hz: 784, Length: 450 * ms}},
	// Three quick notes, down-up-down: change over.
	cue.Switch: {{Hz: 880, Length: 90 * ms}, {Hz: 659.3, At: 130 * ms, Length: 90 * ms}, {Hz: 880, At: 260 * ms, Length: 90 * ms}},
	// A rising arpeggio: well done.
	cue.Done: {{Hz: 523.3, Length: 140 * ms}, {Hz: 659.3, At: 150 * ms, Length: 140 * ms},
		{Hz: 784, At: 300 * ms, Length: 140 * ms}, {Hz: 1046.5, At: 450 * ms, Length: 400 * ms}},
}

// Tones returns the notes of s, none for cue.None. The slice is the
// caller's.
func Tones(s cue.Sound) []Tone {
	return append([]Tone(nil), tones[s]...)
}

// Dispatcher plays cues through a Beeper, a Speaker, a Vibrator and a
// Flasher. It plays what it is given: the engine's Coach has already
// applied the patient's settings and dropped the cues that came too late.
type Dispatcher struct {
	beeper   Beeper
	speaker  Speaker
	vibrator Vibrator
	flasher  Flasher
}

// NewDispatcher returns a Dispatcher that plays cues through b, s, v and f.
// Any of them may be nil, to leave that kind of cue out.
func NewDispatcher(b Beeper, s Speaker, v Vibrator, f Flasher) *Dispatcher {
	return &Dispatcher{beeper: b, speaker: s, vibrator: v, flasher: f}
}

// Browser returns a Dispatcher that plays cues in the browser. Outside a
// browser, and for each API the browser lacks, it plays nothing.
func Browser() *Dispatcher {
	return NewDispatcher(NewBeeper(), NewSpeaker(), NewVibrator(), NewFlasher())
}

// Unlock readies the sound output; call it while handling the patient's tap
// (see Beeper).
func (d *Dispatcher) Unlock() {
	if d.beeper != nil {
		d.beeper.Unlock()
	}
}

// Play plays cues now, in order.
func (d *Dispatcher) Play(cues []cue.Cue) {
	for _, c := range cues {
		if c.Sound != cue.None && d.beeper != nil {
			d.beeper.Beep(c.Sound)
		}
		if len(c.Vibrate) > 0 && d.vibrator != nil {
			d.vibrator.Vibrate(c.Vibrate)
		}
		if c.Flash && d.flasher != nil {
			d.flasher.Flash()
		}
		if c.Say != "" && d.speaker != nil {
			d.speaker.Say(c.Say, c.Lang)
		}
	}
}

// Hush stops any speech under way, as when the patient pauses.
func (d *Dispatcher) Hush() {
	if d.speaker != nil {
		d.speaker.Cancel()
	}
}
