package cue_test

import (
	"math"
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/cue"
	webcue "spry/wasm/cue"
)

// standInJS installs on the JS global minimal stand-ins for the browser APIs
// the package uses (node has none of them), each recording its calls in
// rec. They behave as Chromium's do where it matters: an AudioContext starts
// suspended, navigator.vibrate needs navigator as this, a wake lock request
// is refused while the page is hidden, and hiding the page releases the
// lock.
const standInJS = `
const rec = {oscillators: [], gains: [], resumes: 0, said: [], cancels: 0, vibrations: [],
	classes: [], requests: 0, held: 0};
class AudioParam {
	constructor() { this.value = 0; this.events = []; }
	setValueAtTime(v, t) { this.events.push([v, t]); }
	linearRampToValueAtTime(v, t) { this.events.push([v, t]); }
}
class AudioContext {
	constructor() { this.state = 'suspended'; this.currentTime = 12.5; this.destination = {}; rec.context = this; }
	resume() { rec.resumes++; this.state = 'running'; return Promise.resolve(); }
	createOscillator() {
		const ctx = this;
		const o = {type: '', frequency: new AudioParam(),
			connect(n) { o.to = n; return n; },
			start(t) { o.startAt = t - ctx.currentTime; },
			stop(t) { o.stopAt = t - ctx.currentTime; }};
		rec.oscillators.push(o);
		return o;
	}
	createGain() {
		const g = {gain: new AudioParam(), connect(n) { g.to = n; return n; }};
		rec.gains.push(g);
		return g;
	}
}
function SpeechSynthesisUtterance(text) { this.text = text; this.lang = ''; }
const speechSynthesis = {
	cancel() { rec.cancels++; },
	speak(u) {
		if (!(u instanceof SpeechSynthesisUtterance)) throw new TypeError('not an utterance');
		rec.said.push({text: u.text, lang: u.lang});
	},
};
const classes = new Set();
const document = {
	visibilityState: 'visible',
	listeners: [],
	addEventListener(name, f) { if (name === 'visibilitychange') this.listeners.push(f); },
	documentElement: {classList: {
		add(c) { rec.classes.push('add ' + c); classes.add(c); },
		remove(c) { rec.classes.push('remove ' + c); classes.delete(c); },
		contains(c) { return classes.has(c); },
	}},
};
const sentinels = [];
const navigator = {
	vibrate(pattern) {
		if (this !== navigator) throw new TypeError('Illegal invocation');
		rec.vibrations.push(Array.from(pattern));
		return true;
	},
	wakeLock: {
		request(type) {
			rec.requests++;
			if (document.visibilityState === 'hidden') return Promise.reject(new Error('NotAllowedError: hidden'));
			const s = {type, released: false, listeners: [],
				addEventListener(name, f) { if (name === 'release') s.listeners.push(f); },
				release() {
					if (!s.released) {
						s.released = true;
						rec.held--;
						for (const f of s.listeners) f.call(s, {type: 'release', target: s});
					}
					return Promise.resolve();
				}};
			rec.held++;
			sentinels.push(s);
			return Promise.resolve(s);
		},
	},
};
const globals = {AudioContext, SpeechSynthesisUtterance, speechSynthesis, navigator, document};
for (const [name, value] of Object.entries(globals)) {
	Object.defineProperty(globalThis, name, {value, configurable: true, writable: true});
}
return {
	rec,
	setHidden(hidden) {
		document.visibilityState = hidden ? 'hidden' : 'visible';
		if (hidden) for (const s of sentinels) s.release();
		for (const f of document.listeners) f.call(document, {type: 'visibilitychange'});
	},
	uninstall() { for (const name of Object.keys(globals)) delete globalThis[name]; },
};
`

// browser is the stand-in browser, as the peer of every interface.
type browser struct {
	obj js.Value
	rec js.Value
}

func installBrowser(t *testing.T) *browser {
	t.Helper()
	obj := js.Global().Get("Function").New(standInJS).Invoke()
	t.Cleanup(func() { obj.Call("uninstall") })
	return &browser{obj: obj, rec: obj.Get("rec")}
}

// seconds converts JS seconds to a duration, to the microsecond.
func seconds(v js.Value) time.Duration {
	return time.Duration(math.Round(v.Float()*1e6)) * time.Microsecond
}

func (b *browser) tones() []webcue.Tone {
	var tones []webcue.Tone
	o := b.rec.Get("oscillators")
	for i := range o.Length() {
		osc := o.Index(i)
		at := seconds(osc.Get("startAt"))
		tones = append(tones, webcue.Tone{Hz: osc.Get("frequency").Get("value").Float(), At: at, Length: seconds(osc.Get("stopAt")) - at})
	}
	return tones
}

func (b *browser) said() []webcue.Utterance {
	var u []webcue.Utterance
	s := b.rec.Get("said")
	for i := range s.Length() {
		u = append(u, webcue.Utterance{Text: s.Index(i).Get("text").String(), Lang: s.Index(i).Get("lang").String()})
	}
	return u
}

func (b *browser) cancels() int { return b.rec.Get("cancels").Int() }

func (b *browser) patterns() [][]time.Duration {
	var ps [][]time.Duration
	v := b.rec.Get("vibrations")
	for i := range v.Length() {
		var p []time.Duration
		for j := range v.Index(i).Length() {
			p = append(p, time.Duration(v.Index(i).Index(j).Int())*time.Millisecond)
		}
		ps = append(ps, p)
	}
	return ps
}

func (b *browser) classLog() []string {
	var log []string
	c := b.rec.Get("classes")
	for i := range c.Length() {
		log = append(log, c.Index(i).String())
	}
	return log
}

func (b *browser) flashes() int {
	n := 0
	for _, c := range b.classLog() {
		if c == "add "+webcue.FlashClass {
			n++
		}
	}
	return n
}

func (b *browser) awake() bool      { return b.rec.Get("held").Int() > 0 }
func (b *browser) requests() int    { return b.rec.Get("requests").Int() }
func (b *browser) setHidden(h bool) { b.obj.Call("setHidden", h) }

// settle sleeps, which lets the JS event loop run the promises' callbacks.
func (b *browser) settle() { time.Sleep(5 * time.Millisecond) }

func TestBrowserBeeper(t *testing.T) {
	b := installBrowser(t)
	testBeeper(t, webcue.NewBeeper(), b)
	assert.Equal(t, 1, b.rec.Get("resumes").Int(), "AudioContext.resume calls")
}

func TestBrowserSpeaker(t *testing.T) {
	b := installBrowser(t)
	testSpeaker(t, webcue.NewSpeaker(), b)
}

func TestBrowserVibrator(t *testing.T) {
	b := installBrowser(t)
	testVibrator(t, webcue.NewVibrator(), b)
}

func TestBrowserFlasher(t *testing.T) {
	b := installBrowser(t)
	testFlasher(t, webcue.NewFlasher(), b)
}

func TestBrowserWakeLock(t *testing.T) {
	b := installBrowser(t)
	testWakeLock(t, webcue.NewWakeLock(), b)
}

// TestBrowserBeepEnvelope: every tone fades in from silence and back to it,
// so that it does not click, and goes to the speakers.
func TestBrowserBeepEnvelope(t *testing.T) {
	b := installBrowser(t)
	beeper := webcue.NewBeeper()
	beeper.Unlock()
	beeper.Beep(cue.Switch)
	ctx := b.rec.Get("context")
	gains := b.rec.Get("gains")
	require.Equal(t, len(webcue.Tones(cue.Switch)), gains.Length(), "gain nodes for %v", cue.Switch)
	for i := range gains.Length() {
		g := gains.Index(i)
		ev := g.Get("gain").Get("events")
		require.GreaterOrEqual(t, ev.Length(), 2, "gain events of tone %d", i)
		assert.Zero(t, ev.Index(0).Index(0).Float(), "tone %d starts at gain", i)
		assert.Zero(t, ev.Index(ev.Length()-1).Index(0).Float(), "tone %d ends at gain", i)
		assert.True(t, g.Get("to").Equal(ctx.Get("destination")), "tone %d goes to the destination", i)
		assert.True(t, b.rec.Get("oscillators").Index(i).Get("to").Equal(g), "tone %d's oscillator goes through its gain", i)
	}
}

// TestBrowserBeepSuspended: a beep while the audio is suspended is not
// queued to come out later; the beeper asks for the audio again.
func TestBrowserBeepSuspended(t *testing.T) {
	b := installBrowser(t)
	beeper := webcue.NewBeeper()
	beeper.Unlock()
	b.rec.Get("context").Set("state", "suspended")
	beeper.Beep(cue.Tick)
	assert.Empty(t, b.tones(), "tones played while suspended")
	assert.Equal(t, 2, b.rec.Get("resumes").Int(), "AudioContext.resume calls")
	beeper.Beep(cue.Tick)
	assert.Equal(t, webcue.Tones(cue.Tick), b.tones(), "tones once resumed")
}

// TestBrowserFlashEnds: a flash takes its class off after FlashLength, once
// however many flashes overlapped.
func TestBrowserFlashEnds(t *testing.T) {
	b := installBrowser(t)
	f := webcue.NewFlasher()
	f.Flash()
	time.Sleep(webcue.FlashLength / 2)
	f.Flash()
	assert.True(t, js.Global().Get("document").Get("documentElement").Get("classList").Call("contains", webcue.FlashClass).Bool())
	time.Sleep(webcue.FlashLength + 50*time.Millisecond)
	c := "spry-flash"
	assert.Equal(t, []string{"add " + c, "add " + c, "remove " + c}, b.classLog())
}

// TestBrowserBeforeActivation: no speech or vibration before the patient
// has touched the page, where the browser tells.
func TestBrowserBeforeActivation(t *testing.T) {
	b := installBrowser(t)
	ua := js.Global().Get("Object").New()
	ua.Set("hasBeenActive", false)
	js.Global().Get("navigator").Set("userActivation", ua)
	s, v := webcue.NewSpeaker(), webcue.NewVibrator()
	s.Say("Hold", "en-CA")
	v.Vibrate([]time.Duration{ms})
	assert.Empty(t, b.said())
	assert.Empty(t, b.patterns())
	ua.Set("hasBeenActive", true)
	s.Say("Hold", "en-CA")
	v.Vibrate([]time.Duration{ms})
	assert.Len(t, b.said(), 1)
	assert.Len(t, b.patterns(), 1)
}

// TestBrowserBrokenAPIs: APIs that throw, or are not what they seem, make
// warnings, never a panic.
func TestBrowserBrokenAPIs(t *testing.T) {
	b := installBrowser(t)
	thrower := js.Global().Get("Function").New("throw new Error('broken')")
	beeper := webcue.NewBeeper()
	beeper.Unlock()
	ctx := b.rec.Get("context")
	ctx.Set("createOscillator", thrower)
	js.Global().Get("speechSynthesis").Set("speak", thrower)
	js.Global().Get("navigator").Set("vibrate", thrower)
	js.Global().Get("navigator").Get("wakeLock").Set("request", thrower)
	classes := js.Global().Get("document").Get("documentElement").Get("classList")
	classes.Set("add", thrower)
	d := webcue.NewDispatcher(beeper, webcue.NewSpeaker(), webcue.NewVibrator(), webcue.NewFlasher())
	w := webcue.NewWakeLock()
	assert.NotPanics(t, func() {
		d.Play([]cue.Cue{{Sound: cue.Done, Say: "Done", Lang: "en-CA", Vibrate: []time.Duration{ms}, Flash: true}})
		w.Hold()
		w.Release()
		w.Hold()
	})
	ctx.Set("state", 42)
	ctx.Set("resume", thrower)
	assert.NotPanics(t, func() {
		beeper.Unlock()
		beeper.Beep(cue.Tick)
	})
}

// TestBrowserWithoutAPIs: a browser with none of the APIs (node, here) gets
// adapters that do nothing.
func TestBrowserWithoutAPIs(t *testing.T) {
	for _, name := range []string{"AudioContext", "webkitAudioContext", "speechSynthesis", "SpeechSynthesisUtterance", "navigator", "document"} {
		require.True(t, js.Global().Get(name).IsUndefined(), "%s is defined", name)
	}
	assert.NotPanics(t, func() {
		d := webcue.Browser()
		d.Unlock()
		d.Play([]cue.Cue{{Sound: cue.Done, Say: "Done", Lang: "en-CA", Vibrate: []time.Duration{ms}, Flash: true}})
		d.Hush()
		w := webcue.NewWakeLock()
		w.Hold()
		w.Release()
	})
	// A navigator without vibrate or wakeLock, a document without a root.
	js.Global().Set("navigator", js.Global().Get("Object").New())
	js.Global().Set("document", js.Global().Get("Object").New())
	t.Cleanup(func() {
		js.Global().Delete("navigator")
		js.Global().Delete("document")
	})
	assert.NotPanics(t, func() {
		webcue.NewVibrator().Vibrate([]time.Duration{ms})
		webcue.NewFlasher().Flash()
		w := webcue.NewWakeLock()
		w.Hold()
		w.Release()
	})
}
