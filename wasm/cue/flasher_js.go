package cue

import "syscall/js"

// classFlasher is the browser's Flasher: it puts FlashClass on the
// document's root element for FlashLength.
type classFlasher struct {
	classes js.Value
	// timer is the pending timeout that ends the flash, or undefined.
	timer js.Value
	off   js.Func
}

// NewFlasher returns the browser's Flasher, one that does nothing outside a
// document.
func NewFlasher() Flasher {
	classes := member(member(global.Get("document"), "documentElement"), "classList")
	if !isObject(classes) {
		return silent{}
	}
	f := &classFlasher{classes: classes}
	f.off = js.FuncOf(func(this js.Value, args []js.Value) any {
		f.timer = js.Undefined()
		safely("ending a flash", func() { f.classes.Call("remove", FlashClass) })
		return nil
	})
	return f
}

func (f *classFlasher) Flash() {
	safely("a flash", func() {
		f.classes.Call("add", FlashClass)
		if !f.timer.IsUndefined() {
			// A flash during a flash lengthens it.
			global.Call("clearTimeout", f.timer)
		}
		f.timer = global.Call("setTimeout", f.off, FlashLength.Milliseconds())
	})
}
