package cue

import (
	"fmt"
	"sync"
	"time"

	"spry/engine/cue"
)

// Utterance is a phrase a Speaker was asked to say.
type Utterance struct {
	Text, Lang string
}

// Fake is an in-memory Beeper, Speaker, Vibrator, Flasher and WakeLock for
// tests. It behaves as a browser that has every API: it records what it is
// asked to play, in order, and its wake lock is dropped while the page is
// hidden, as a browser's is.
type Fake struct {
	mu       sync.Mutex
	log      []string
	unlocked bool
	tones    []Tone
	said     []Utterance
	cancels  int
	patterns [][]time.Duration
	flashes  int

	hidden   bool
	wantWake bool
	awake    bool
	requests int
}

// NewFake returns a Fake for a visible page whose sound is still locked.
func NewFake() *Fake { return &Fake{} }

func (f *Fake) record(format string, args ...any) {
	f.log = append(f.log, fmt.Sprintf(format, args...))
}

// Log returns everything the Fake was asked to do that had an effect, one
// entry a call, such as "beep start" or "say fr-CA Tenez".
func (f *Fake) Log() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.log...)
}

// Unlock unlocks the sound.
func (f *Fake) Unlock() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.unlocked = true
}

// Beep records the tones of s, once the sound is unlocked.
func (f *Fake) Beep(s cue.Sound) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.unlocked || s == cue.None {
		return
	}
	f.tones = append(f.tones, Tones(s)...)
	f.record("beep %v", s)
}

// Tones returns the tones played so far.
func (f *Fake) Tones() []Tone {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Tone(nil), f.tones...)
}

// Say records a cancel and the utterance, as the browser's Speaker cancels
// what it was saying before it speaks.
func (f *Fake) Say(text, lang string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if text == "" {
		return
	}
	f.cancels++
	f.said = append(f.said, Utterance{text, lang})
	f.record("say %s %s", lang, text)
}

// Cancel records a cancel.
func (f *Fake) Cancel() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cancels++
	f.record("cancel")
}

// Said returns the utterances spoken so far.
func (f *Fake) Said() []Utterance {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Utterance(nil), f.said...)
}

// Cancels returns how many times speech was cancelled, by Cancel or by Say.
func (f *Fake) Cancels() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.cancels
}

// Vibrate records the pattern.
func (f *Fake) Vibrate(pattern []time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(pattern) == 0 {
		return
	}
	f.patterns = append(f.patterns, append([]time.Duration(nil), pattern...))
	f.record("vibrate %v", pattern)
}

// Patterns returns the vibration patterns so far.
func (f *Fake) Patterns() [][]time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([][]time.Duration(nil), f.patterns...)
}

// Flash records a flash.
func (f *Fake) Flash() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.flashes++
	f.record("flash")
}

// Flashes returns how many flashes there were.
func (f *Fake) Flashes() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.flashes
}

// Hold keeps the screen on, at once if the page is visible, otherwise when
// it is shown.
func (f *Fake) Hold() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.wantWake {
		return
	}
	f.wantWake = true
	f.acquire()
}

func (f *Fake) acquire() {
	if f.awake || f.hidden {
		return
	}
	f.awake = true
	f.requests++
	f.record("wake lock")
}

// Release lets the screen turn off.
func (f *Fake) Release() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.wantWake {
		return
	}
	f.wantWake = false
	if f.awake {
		f.awake = false
		f.record("wake release")
	}
}

// SetHidden hides or shows the page, as switching apps or locking the
// phone does: hiding drops the wake lock, showing takes it again if it is
// still wanted.
func (f *Fake) SetHidden(hidden bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hidden = hidden
	if hidden {
		f.awake = false
	} else if f.wantWake {
		f.acquire()
	}
}

// Awake reports whether the Fake holds a wake lock now.
func (f *Fake) Awake() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.awake
}

// WakeRequests returns how many wake locks were requested.
func (f *Fake) WakeRequests() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests
}
