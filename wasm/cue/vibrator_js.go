package cue

import (
	"syscall/js"
	"time"
)

// navigatorVibrator is the browser's Vibrator, on navigator.vibrate.
type navigatorVibrator struct {
	navigator js.Value
}

// NewVibrator returns the browser's Vibrator, one that does nothing if the
// browser cannot vibrate (Safari, desktops).
func NewVibrator() Vibrator {
	nav := global.Get("navigator")
	if !isFunction(member(nav, "vibrate")) {
		return silent{}
	}
	return &navigatorVibrator{navigator: nav}
}

func (v *navigatorVibrator) Vibrate(pattern []time.Duration) {
	if len(pattern) == 0 || !activated() {
		return
	}
	ms := make([]any, len(pattern))
	for i, d := range pattern {
		ms[i] = d.Milliseconds()
	}
	safely("vibrating", func() { v.navigator.Call("vibrate", ms) })
}
