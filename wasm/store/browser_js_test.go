package store_test

import (
	"slices"
	"strconv"
	"strings"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/progress"
	"spry/engine/progress/storetest"
	"spry/wasm/store"
)

// These run under node (go_js_wasm_exec), where there is no localStorage,
// against JS stand-ins installed on the global; and in headless Chromium
// (e2e/gotest.test.mjs), against the stand-ins and the real localStorage.

var (
	global = js.Global()
	object = global.Get("Object")
)

// realStorage is the page's own localStorage when there is one (Chromium),
// looked up before any test replaces it.
var realStorage = func() js.Value {
	d := object.Call("getOwnPropertyDescriptor", global, "localStorage")
	if d.Type() != js.TypeObject {
		return js.Undefined()
	}
	v := global.Get("localStorage")
	if v.Type() != js.TypeObject {
		return js.Undefined()
	}
	return v
}()

func needReal(t *testing.T) {
	t.Helper()
	if realStorage.Type() != js.TypeObject {
		t.Skip("no real localStorage here (node): the JS stand-ins ran; the real one runs in Chromium")
	}
}

// thrower returns a JS function that throws new DOMException(msg, name).
// The Chromium test page provides one (its CSP forbids new Function);
// node builds it with the Function constructor.
func thrower(name, msg string) js.Value {
	if hooks := global.Get("goTestHooks"); hooks.Type() == js.TypeObject {
		return hooks.Call("thrower", name, msg)
	}
	mk := global.Get("Function").New("name", "msg", "return function() { throw new DOMException(msg, name); };")
	return mk.Invoke(name, msg)
}

// define replaces global[name] (or obj[name]) with the property descriptor
// desc until the test ends.
func define(t *testing.T, obj js.Value, name string, desc map[string]any) {
	t.Helper()
	old := object.Call("getOwnPropertyDescriptor", obj, name)
	desc["configurable"] = true
	object.Call("defineProperty", obj, name, desc)
	t.Cleanup(func() {
		if old.Type() == js.TypeObject {
			object.Call("defineProperty", obj, name, old)
		} else {
			global.Get("Reflect").Call("deleteProperty", obj, name)
		}
	})
}

// standIn is a JS object with localStorage's methods, kept in Go.
type standIn struct {
	obj   js.Value
	keys  []string
	items map[string]string
}

func newStandIn(t *testing.T) *standIn {
	s := &standIn{obj: object.New(), items: map[string]string{}}
	var funcs []js.Func
	method := func(name string, f func(args []js.Value) any) {
		jf := js.FuncOf(func(_ js.Value, args []js.Value) any { return f(args) })
		funcs = append(funcs, jf)
		s.obj.Set(name, jf)
	}
	method("getItem", func(args []js.Value) any {
		if v, ok := s.items[args[0].String()]; ok {
			return v
		}
		return nil
	})
	method("setItem", func(args []js.Value) any {
		k, v := args[0].String(), args[1].String()
		if _, ok := s.items[k]; !ok {
			s.keys = append(s.keys, k)
		}
		s.items[k] = v
		s.sync()
		return nil
	})
	method("removeItem", func(args []js.Value) any {
		s.remove(args[0].String())
		return nil
	})
	method("key", func(args []js.Value) any {
		if i := args[0].Int(); i >= 0 && i < len(s.keys) {
			return s.keys[i]
		}
		return nil
	})
	method("clear", func([]js.Value) any {
		s.keys = nil
		clear(s.items)
		s.sync()
		return nil
	})
	s.sync()
	t.Cleanup(func() {
		for _, f := range funcs {
			f.Release()
		}
	})
	return s
}

func (s *standIn) sync() { s.obj.Set("length", len(s.keys)) }

func (s *standIn) remove(key string) {
	if i := slices.Index(s.keys, key); i >= 0 {
		s.keys = slices.Delete(s.keys, i, i+1)
		delete(s.items, key)
	}
	s.sync()
}

// installPage puts stand-ins for localStorage, sessionStorage and
// navigator.storage on the global until the test ends. persist is what
// navigator.storage.persist() returns.
func installPage(t *testing.T, local *standIn, persist func() js.Value) {
	define(t, global, "localStorage", map[string]any{"value": local.obj})
	define(t, global, "sessionStorage", map[string]any{"value": newStandIn(t).obj})
	storage := object.New()
	if persist != nil {
		f := js.FuncOf(func(js.Value, []js.Value) any { return persist() })
		t.Cleanup(f.Release)
		storage.Set("persist", f)
	}
	nav := object.New()
	nav.Set("storage", storage)
	define(t, global, "navigator", map[string]any{"value": nav})
}

func resolved(v any) func() js.Value {
	return func() js.Value { return global.Get("Promise").Call("resolve", v) }
}

// standInHarness is a harness on a stand-in installed on the global.
type standInHarness struct{ s *standIn }

func newStandInHarness(t *testing.T) harness {
	h := standInHarness{newStandIn(t)}
	installPage(t, h.s, resolved(true))
	return h
}

func (h standInHarness) Storage(t *testing.T) store.Storage {
	s, err := store.Browser()
	require.NoError(t, err, "Browser()")
	return s
}

func (h standInHarness) Clear(*testing.T)                { h.s.obj.Call("clear") }
func (h standInHarness) Remove(_ *testing.T, key string) { h.s.remove(key) }

// swap replaces the stand-in's methods with throwers until the test ends.
func (h standInHarness) swap(t *testing.T, name string, methods ...string) {
	for _, m := range methods {
		old := h.s.obj.Get(m)
		h.s.obj.Set(m, thrower(name, "stand-in "+m+" refused"))
		t.Cleanup(func() { h.s.obj.Set(m, old) })
	}
}

func (h standInHarness) Fill(t *testing.T) { h.swap(t, "QuotaExceededError", "setItem") }
func (h standInHarness) Disable(t *testing.T) {
	h.swap(t, "SecurityError", "getItem", "setItem", "key")
}
func (h standInHarness) ZeroQuota(t *testing.T) bool {
	h.Fill(t)
	return true
}
func (h standInHarness) PersistAnswers() []store.Persistence {
	return []store.Persistence{store.Granted}
}

// realHarness is a harness on the page's real localStorage (Chromium).
type realHarness struct{}

func newRealHarness(t *testing.T) harness {
	needReal(t)
	emptyReal(t)
	return realHarness{}
}

// emptyReal empties the real localStorage and sessionStorage now and when
// the test ends.
func emptyReal(t *testing.T) {
	empty := func() {
		realStorage.Call("clear")
		global.Get("sessionStorage").Call("clear")
	}
	empty()
	t.Cleanup(empty)
}

func (realHarness) Storage(t *testing.T) store.Storage {
	s, err := store.Browser()
	require.NoError(t, err, "Browser()")
	return s
}

func (realHarness) Clear(*testing.T)                { realStorage.Call("clear") }
func (realHarness) Remove(_ *testing.T, key string) { realStorage.Call("removeItem", key) }

// Fill writes filler items into the real localStorage until the browser
// refuses one, halving their size down to a byte, so that the real quota is
// reached.
func (realHarness) Fill(t *testing.T) {
	var fillers []string
	total := 0
	t.Cleanup(func() {
		for _, k := range fillers {
			realStorage.Call("removeItem", k)
		}
	})
	for size := 1 << 20; size >= 1; size /= 2 {
		chunk := strings.Repeat("x", size)
		for {
			k := "test/filler/" + strconv.Itoa(len(fillers))
			if !trySet(k, chunk) {
				break
			}
			fillers = append(fillers, k)
			total += len(k) + size
		}
	}
	t.Logf("localStorage took %d filler items, %d characters of keys and values, before it was full",
		len(fillers), total)
}

// trySet reports whether the real localStorage took the item.
func trySet(key, value string) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	realStorage.Call("setItem", key, value)
	return true
}

// Disable makes the real storage's methods and its length throw
// SecurityError, as Chromium does when site data is blocked, until the test
// ends.
func (realHarness) Disable(t *testing.T) {
	proto := global.Get("Storage").Get("prototype")
	deny := thrower("SecurityError", "Access is denied for this document.")
	for _, m := range []string{"getItem", "setItem", "key"} {
		old := proto.Get(m)
		proto.Set(m, deny)
		t.Cleanup(func() { proto.Set(m, old) })
	}
	define(t, proto, "length", map[string]any{"get": deny})
}

func (realHarness) ZeroQuota(*testing.T) bool { return false }

// PersistAnswers: Chromium grants or denies by site engagement; headless,
// with a fresh profile, it denies.
func (realHarness) PersistAnswers() []store.Persistence {
	return []store.Persistence{store.Granted, store.Denied}
}

func TestStandInStore(t *testing.T) {
	storetest.Run(t, func() progress.Store {
		installPage(t, newStandIn(t), resolved(true))
		s, err := store.Browser()
		require.NoError(t, err)
		l, err := store.Open(s)
		require.NoError(t, err)
		return l
	})
}

func TestStandInLog(t *testing.T) {
	testLog(t, newStandInHarness)
}

func TestRealStore(t *testing.T) {
	needReal(t)
	storetest.Run(t, func() progress.Store {
		realStorage.Call("clear")
		global.Get("sessionStorage").Call("clear")
		s, err := store.Browser()
		require.NoError(t, err)
		l, err := store.Open(s)
		require.NoError(t, err)
		return l
	})
	emptyReal(t)
}

func TestRealLog(t *testing.T) {
	needReal(t)
	testLog(t, newRealHarness)
}

func TestBrowserUnavailable(t *testing.T) {
	tests := []struct {
		name string
		desc map[string]any
	}{
		{"SecurityError", map[string]any{"get": thrower("SecurityError",
			"Failed to read the 'localStorage' property from 'Window': Access is denied for this document.")}},
		{"null", map[string]any{"value": nil}},
		{"missing", map[string]any{"value": js.Undefined()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			define(t, global, "localStorage", tt.desc)
			_, err := store.Browser()
			require.ErrorIs(t, err, store.ErrUnavailable, "Browser() with localStorage %s", tt.name)
			assert.Contains(t, store.Explain(err, "en"), "private browsing")
		})
	}
}

func TestPersistAnswers(t *testing.T) {
	tests := []struct {
		name    string
		persist func() js.Value
		want    store.Persistence
	}{
		{"granted", resolved(true), store.Granted},
		{"denied", resolved(false), store.Denied},
		{"rejected", func() js.Value {
			return global.Get("Promise").Call("reject", global.Get("Error").New("no"))
		}, store.Failed},
		{"not a promise", func() js.Value { return js.ValueOf(true) }, store.Failed},
		{"missing", nil, store.Unsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			installPage(t, newStandIn(t), tt.persist)
			s, err := store.Browser()
			require.NoError(t, err)
			l, err := store.Open(s)
			require.NoError(t, err)
			assert.Equal(t, tt.want, <-l.Persist(), "Persist() with persist %s", tt.name)
		})
	}
	t.Run("no navigator", func(t *testing.T) {
		installPage(t, newStandIn(t), resolved(true))
		define(t, global, "navigator", map[string]any{"value": js.Undefined()})
		s, err := store.Browser()
		require.NoError(t, err)
		l, err := store.Open(s)
		require.NoError(t, err)
		assert.Equal(t, store.Unsupported, <-l.Persist())
	})
}

// TestRealItems: Items reads the real localStorage as one string, and an
// item whose key is the name of one of Storage's members ("key", "length"),
// which that string leaves out, still comes back (read item by item).
func TestRealItems(t *testing.T) {
	h := newRealHarness(t)
	s := h.Storage(t)
	for _, tc := range []struct {
		name  string
		items map[string]string
	}{
		{"none", map[string]string{}},
		{"records and others", map[string]string{"spry/p/a": `{"v":2,"n":"é😀"}`, "other": "x\ny\"\\\u2028"}},
		{"keys named like members", map[string]string{"spry/p/a": "1", "key": "2", "length": "3", "getItem": "4"}},
	} {
		realStorage.Call("clear")
		for k, v := range tc.items {
			realStorage.Call("setItem", k, v)
		}
		keys, values, err := s.Items()
		require.NoError(t, err, "Items() with %s", tc.name)
		got := map[string]string{}
		for i, k := range keys {
			got[k] = values[i]
		}
		assert.Equal(t, tc.items, got, "Items() with %s", tc.name)
	}
}
