package cue

import (
	"fmt"
	"syscall/js"
)

// global is the browser's global object, looked up once. Each New function
// looks up its API on it once, when it is called.
var global = js.Global()

// ignore is a promise's rejection handler for promises whose failure needs
// no action, so that the console shows no "uncaught (in promise)" error.
var ignore = js.FuncOf(func(this js.Value, args []js.Value) any { return nil })

// member returns v[name] if v is an object, or undefined: looking a member
// up on undefined would panic.
func member(v js.Value, name string) js.Value {
	if t := v.Type(); t != js.TypeObject && t != js.TypeFunction {
		return js.Undefined()
	}
	return v.Get(name)
}

func isObject(v js.Value) bool { return v.Type() == js.TypeObject }

func isFunction(v js.Value) bool { return v.Type() == js.TypeFunction }

// safely runs f, which calls into the browser. A JavaScript exception, or an
// API not shaped as expected, becomes a warning on the console instead of a
// panic: a cue that cannot play must not stop the session.
func safely(what string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			warn(fmt.Sprintf("spry: %s failed: %v", what, r))
		}
	}()
	f()
}

func warn(msg string) {
	if c := global.Get("console"); isObject(c) && isFunction(c.Get("warn")) {
		c.Call("warn", msg)
	}
}

// settle attaches ignore to p's rejection, if p is a promise.
func settle(p js.Value) {
	if isFunction(member(p, "catch")) {
		p.Call("catch", ignore)
	}
}

// activated reports whether the patient has interacted with the page, where
// the browser says (navigator.userActivation). Vibration and speech before
// that are refused by Chrome, with a console message for vibration
// (https://chromestatus.com/feature/5644273861001216).
func activated() bool {
	ua := member(global.Get("navigator"), "userActivation")
	if !isObject(ua) {
		return true
	}
	return ua.Get("hasBeenActive").Truthy()
}
