package cue

import "syscall/js"

// webSpeech is the browser's Speaker, on speechSynthesis.
type webSpeech struct {
	synth     js.Value
	utterance js.Value
}

// NewSpeaker returns the browser's Speaker, one that says nothing if the
// browser has no speech synthesis.
func NewSpeaker() Speaker {
	synth := global.Get("speechSynthesis")
	utterance := global.Get("SpeechSynthesisUtterance")
	if !isObject(synth) || !isFunction(utterance) {
		return silent{}
	}
	return &webSpeech{synth: synth, utterance: utterance}
}

func (w *webSpeech) Say(text, lang string) {
	if text == "" || !activated() {
		return
	}
	safely("speaking", func() {
		w.synth.Call("cancel")
		u := w.utterance.New(text)
		// The voice is left to the browser: it picks one for lang.
		u.Set("lang", lang)
		w.synth.Call("speak", u)
	})
}

func (w *webSpeech) Cancel() {
	safely("stopping speech", func() { w.synth.Call("cancel") })
}
