package cue

import (
	"syscall/js"

	"spry/engine/cue"
)

// The loudness of a tone and its fade in and out, in seconds.
const (
	volume  = 0.35
	attack  = 0.005
	release = 0.03
)

// webAudio is the browser's Beeper: each tone is an OscillatorNode through a
// GainNode that fades it in and out.
type webAudio struct {
	ctor js.Value
	// ctx is created by Unlock, in the patient's tap: an AudioContext
	// created before any tap starts suspended in Chrome and Safari
	// (https://developer.chrome.com/blog/autoplay#web_audio).
	ctx js.Value
}

// NewBeeper returns the browser's Beeper, one that plays nothing if the
// browser has no Web Audio.
func NewBeeper() Beeper {
	ctor := global.Get("AudioContext")
	if !isFunction(ctor) {
		// Safari before 14.1.
		ctor = global.Get("webkitAudioContext")
	}
	if !isFunction(ctor) {
		return silent{}
	}
	return &webAudio{ctor: ctor}
}

func (b *webAudio) Unlock() {
	safely("starting the sound", func() {
		if b.ctx.IsUndefined() {
			b.ctx = b.ctor.New()
		}
		if b.ctx.Get("state").String() != "running" {
			settle(b.ctx.Call("resume"))
		}
	})
}

func (b *webAudio) Beep(s cue.Sound) {
	notes := tones[s]
	if len(notes) == 0 || b.ctx.IsUndefined() {
		return
	}
	safely("a beep", func() {
		if b.ctx.Get("state").String() != "running" {
			// Suspended (or, on iOS, interrupted): ask again, but do
			// not queue a sound that would come out later.
			settle(b.ctx.Call("resume"))
			return
		}
		t0 := b.ctx.Get("currentTime").Float()
		out := b.ctx.Get("destination")
		for _, n := range notes {
			start := t0 + n.At.Seconds()
			end := start + n.Length.Seconds()
			osc := b.ctx.Call("createOscillator")
			osc.Set("type", "sine")
			osc.Get("frequency").Set("value", n.Hz)
			gain := b.ctx.Call("createGain")
			g := gain.Get("gain")
			g.Call("setValueAtTime", 0, start)
			g.Call("linearRampToValueAtTime", volume, start+attack)
			g.Call("setValueAtTime", volume, end-release)
			g.Call("linearRampToValueAtTime", 0, end)
			osc.Call("connect", gain)
			gain.Call("connect", out)
			osc.Call("start", start)
			osc.Call("stop", end)
		}
	})
}
