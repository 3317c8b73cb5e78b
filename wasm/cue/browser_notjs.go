//go:build !js

package cue

// NewBeeper returns the browser's Beeper; outside a browser, one that plays
// nothing.
func NewBeeper() Beeper { return silent{} }

// NewSpeaker returns the browser's Speaker; outside a browser, one that says
// nothing.
func NewSpeaker() Speaker { return silent{} }

// NewVibrator returns the browser's Vibrator; outside a browser, one that
// does nothing.
func NewVibrator() Vibrator { return silent{} }

// NewFlasher returns the browser's Flasher; outside a browser, one that does
// nothing.
func NewFlasher() Flasher { return silent{} }

// NewWakeLock returns the browser's WakeLock; outside a browser, one that
// does nothing.
func NewWakeLock() WakeLock { return silent{} }
