// Package cue turns a session's events into cues for the patient: a sound,
// a spoken phrase in the patient's language, a vibration, a flash of the
// screen. It decides what to cue and when; the browser adapters in wasm/cue
// only play what it decides.
//
// Cues are for the moment they happen. Events the player notices late, such
// as the ten minutes of events a hidden tab catches up on when it is shown
// again, are not cued at all: counting them is the session's job, and a
// phone that plays two hundred beeps at once helps nobody.
package cue

import (
	"strconv"
	"strings"
	"time"
)

// Sound is one of the distinct sounds a cue can play.
type Sound int

// The cue sounds. Each has its own pitch and pattern, so that the patient
// can tell them apart without looking.
const (
	// None plays nothing.
	None Sound = iota
	// Start: a phase of a repetition or an exercise starts.
	Start
	// Tick: one of the last three seconds of a hold, a rest, a get-ready
	// countdown or a switch of sides.
	Tick
	// End: a hold, a rest, a countdown, a set or an exercise ends.
	End
	// Switch: time to switch sides.
	Switch
	// Done: the session is done.
	Done
)

var soundNames = [...]string{"none", "start", "tick", "end", "switch", "done"}

// String returns the sound's lower-case name, such as "tick".
func (s Sound) String() string {
	if s < 0 || int(s) >= len(soundNames) {
		return "sound(" + strconv.Itoa(int(s)) + ")"
	}
	return soundNames[s]
}

// Sounds lists every sound but None, in order.
var Sounds = []Sound{Start, Tick, End, Switch, Done}

// rank orders the sounds of events that happen together: only the most
// important one plays.
var rank = [...]int{None: 0, Tick: 1, Start: 2, End: 3, Switch: 4, Done: 5}

// Cue is what to play for the events of one moment of a session.
type Cue struct {
	// Sound is the sound to play, or None.
	Sound Sound
	// Say is the phrase to speak, or "".
	Say string
	// Lang is the BCP 47 tag of the language of Say, such as "fr-CA".
	Lang string
	// Vibrate is a vibration pattern: on, off, on... Nil means no vibration.
	Vibrate []time.Duration
	// Flash asks for a brief flash of the screen.
	Flash bool
	// At is the session time the events were due.
	At time.Duration
}

// empty reports whether the cue plays nothing.
func (c Cue) empty() bool {
	return c.Sound == None && c.Say == "" && len(c.Vibrate) == 0 && !c.Flash
}

// Settings says which kinds of cue the patient wants, and in which language.
type Settings struct {
	Sound, Speech, Vibration, Flash bool
	// Lang is the language to speak: "en" or "fr", or a tag such as
	// "fr-CA". Other languages are spoken in English.
	Lang string
}

// DefaultSettings returns the settings a patient starts with: sounds, speech
// and vibration on, the screen flash off, speaking lang.
func DefaultSettings(lang string) Settings {
	return Settings{Sound: true, Speech: true, Vibration: true, Lang: lang}
}

// vibrations are the vibration patterns of the sounds, as distinct from each
// other as the sounds are.
var vibrations = map[Sound][]time.Duration{
	Start:  {120 * time.Millisecond},
	Tick:   {40 * time.Millisecond},
	End:    {400 * time.Millisecond},
	Switch: {120 * time.Millisecond, 80 * time.Millisecond, 120 * time.Millisecond, 80 * time.Millisecond, 120 * time.Millisecond},
	Done:   {300 * time.Millisecond, 120 * time.Millisecond, 300 * time.Millisecond, 120 * time.Millisecond, 600 * time.Millisecond},
}

// Vibration returns the vibration pattern that goes with s, nil for None.
// The slice is the caller's.
func Vibration(s Sound) []time.Duration {
	return append([]time.Duration(nil), vibrations[s]...)
}

// language returns the catalog language for lang ("fr-CA" → "fr"),
// English for a language the catalog does not have.
func language(lang string) string {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if _, ok := catalog[base]; ok {
		return base
	}
	return "en"
}
