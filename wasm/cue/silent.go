package cue

import (
	"time"

	"spry/engine/cue"
)

// silent stands in for an API the browser lacks, and for every API outside
// a browser: it does nothing.
type silent struct{}

func (silent) Unlock()                 {}
func (silent) Beep(cue.Sound)          {}
func (silent) Say(text, lang string)   {}
func (silent) Cancel()                 {}
func (silent) Vibrate([]time.Duration) {}
func (silent) Flash()                  {}
func (silent) Hold()                   {}
func (silent) Release()                {}
