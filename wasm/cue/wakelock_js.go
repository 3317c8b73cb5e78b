package cue

import "syscall/js"

// screenWakeLock is the browser's WakeLock, on the Screen Wake Lock API.
// The browser releases the lock whenever the page is hidden; it is taken
// again when the page is shown, if still wanted.
//
// Its state changes in Go calls and in browser callbacks, which js/wasm
// runs one at a time; no JavaScript call is made between reading a field
// and updating it.
type screenWakeLock struct {
	api      js.Value // navigator.wakeLock
	document js.Value

	want bool
	// sentinel is the lock held, or undefined.
	sentinel js.Value
	// pending is set while a request is under way.
	pending bool

	granted, refused, released, visibility js.Func
}

// NewWakeLock returns the browser's WakeLock, one that does nothing where
// the browser has no wake lock (Firefox before 126, pages not served over
// HTTPS or from localhost).
func NewWakeLock() WakeLock {
	api := member(global.Get("navigator"), "wakeLock")
	if !isFunction(member(api, "request")) {
		return silent{}
	}
	w := &screenWakeLock{api: api, document: global.Get("document")}
	w.granted = js.FuncOf(func(this js.Value, args []js.Value) any {
		w.pending = false
		if len(args) == 0 || !isObject(args[0]) {
			return nil
		}
		s := args[0]
		if !w.want || w.hidden() {
			safely("releasing the wake lock", func() { settle(s.Call("release")) })
			return nil
		}
		w.sentinel = s
		safely("watching the wake lock", func() { s.Call("addEventListener", "release", w.released) })
		return nil
	})
	w.refused = js.FuncOf(func(this js.Value, args []js.Value) any {
		// Refused while hidden, or by a battery saver: try again when
		// the page is next shown.
		w.pending = false
		return nil
	})
	w.released = js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) > 0 && member(args[0], "target").Equal(w.sentinel) {
			w.sentinel = js.Undefined()
		}
		return nil
	})
	w.visibility = js.FuncOf(func(this js.Value, args []js.Value) any {
		if w.want && !w.hidden() {
			w.acquire()
		}
		return nil
	})
	if isFunction(member(w.document, "addEventListener")) {
		safely("watching the page's visibility", func() {
			w.document.Call("addEventListener", "visibilitychange", w.visibility)
		})
	}
	return w
}

func (w *screenWakeLock) hidden() bool {
	return member(w.document, "visibilityState").Equal(js.ValueOf("hidden"))
}

func (w *screenWakeLock) Hold() {
	if w.want {
		return
	}
	w.want = true
	w.acquire()
}

// acquire requests a lock unless one is held or on its way, or the page is
// hidden (the request would be refused).
func (w *screenWakeLock) acquire() {
	if w.pending || !w.sentinel.IsUndefined() || w.hidden() {
		return
	}
	w.pending = true
	asked := false
	safely("requesting a wake lock", func() {
		w.api.Call("request", "screen").Call("then", w.granted, w.refused)
		asked = true
	})
	if !asked {
		w.pending = false
	}
}

func (w *screenWakeLock) Release() {
	if !w.want {
		return
	}
	w.want = false
	s := w.sentinel
	w.sentinel = js.Undefined()
	if !s.IsUndefined() {
		// A lock still on its way is released when it arrives.
		safely("releasing the wake lock", func() { settle(s.Call("release")) })
	}
}
