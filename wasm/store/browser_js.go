package store

import (
	"fmt"
	"syscall/js"
)

// The browser's globals, looked up once. Only these are read with
// Value.Get, which cannot fail on them: wasm_exec.js runs Get without a
// try/catch, so a getter that throws there would kill the Go program.
// Everything that may throw is reached through call or lookup.
var (
	global  = js.Global()
	reflect = global.Get("Reflect")
	object  = global.Get("Object")
)

// browser is the Storage of a real page.
type browser struct {
	local js.Value // window.localStorage
	// real is set when local is a Storage, whose items are its own
	// properties; a stand-in's properties are its methods.
	real    bool
	session js.Value // window.sessionStorage, or undefined
	storage js.Value // navigator.storage, or undefined
}

// Browser returns the page's storage: window.localStorage, with
// sessionStorage for tab notes and navigator.storage for Persist. It fails
// with ErrUnavailable when localStorage cannot be reached: reading it throws
// a SecurityError where the browser blocks site data, and it is null or
// missing where storage is turned off.
func Browser() (Storage, error) {
	local, err := lookup(global, "localStorage")
	if err != nil {
		return nil, fmt.Errorf("store: window.localStorage: %w", err)
	}
	if local.Type() != js.TypeObject {
		return nil, fmt.Errorf("%w: window.localStorage is %s", ErrUnavailable, local.Type())
	}
	b := &browser{local: local, session: js.Undefined(), storage: js.Undefined()}
	if class := global.Get("Storage"); class.Type() == js.TypeFunction {
		b.real = local.InstanceOf(class)
	}
	if s, err := lookup(global, "sessionStorage"); err == nil && s.Type() == js.TypeObject {
		b.session = s
	}
	if nav, err := lookup(global, "navigator"); err == nil && nav.Type() == js.TypeObject {
		if s, err := lookup(nav, "storage"); err == nil && s.Type() == js.TypeObject {
			b.storage = s
		}
	}
	return b, nil
}

// lookup returns v[name], turning an exception thrown by a getter into an
// error.
func lookup(v js.Value, name string) (js.Value, error) {
	return call(reflect, "get", v, name)
}

// call calls v[method](args...), turning what it throws into an error that
// wraps ErrQuotaExceeded or ErrUnavailable where it is one of those.
func call(v js.Value, method string, args ...any) (res js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = js.Undefined(), thrown(method, r)
		}
	}()
	return v.Call(method, args...), nil
}

// thrown classifies what a storage call threw (r, from recover).
func thrown(op string, r any) error {
	jsErr, ok := r.(js.Error)
	if !ok {
		// Not a JS exception: syscall/js refused the call itself (the
		// method is missing, the object is not one).
		return fmt.Errorf("%w: %s: %v", ErrUnavailable, op, r)
	}
	name, msg, code := "", "", 0
	if v := jsErr.Value; v.Type() == js.TypeObject {
		name = str(v, "name")
		msg = str(v, "message")
		if c, err := lookup(v, "code"); err == nil && c.Type() == js.TypeNumber {
			code = c.Int()
		}
	}
	detail := fmt.Sprintf("%s: %s: %s", op, name, msg)
	switch {
	// Firefox before 2020 named it NS_ERROR_DOM_QUOTA_REACHED (code 1014);
	// code 22 is the legacy QUOTA_EXCEEDED_ERR.
	case name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" || code == 22 || code == 1014:
		return fmt.Errorf("%w: %s", ErrQuotaExceeded, detail)
	case name == "SecurityError" || code == 18:
		return fmt.Errorf("%w: %s", ErrUnavailable, detail)
	}
	return fmt.Errorf("store: %s", detail)
}

// str returns v[name] when it is a string, "" otherwise.
func str(v js.Value, name string) string {
	s, err := lookup(v, name)
	if err != nil || s.Type() != js.TypeString {
		return ""
	}
	return s.String()
}

// Items implements Storage: every key and every value in one string each
// (see snapshot.go), or, where that fails, localStorage.key(i) and getItem
// for each i.
func (b *browser) Items() (keys, values []string, err error) {
	n, err := lookup(b.local, "length")
	if err == nil && n.Type() == js.TypeNumber && b.real {
		if keys, values, ok := b.joined(n.Int()); ok {
			return keys, values, nil
		}
	}
	if err != nil {
		return nil, nil, err
	}
	if n.Type() != js.TypeNumber {
		return nil, nil, fmt.Errorf("%w: localStorage.length is %s", ErrUnavailable, n.Type())
	}
	count := n.Int()
	keys = make([]string, 0, count)
	values = make([]string, 0, count)
	for i := range count {
		k, err := call(b.local, "key", i)
		if err != nil {
			return nil, nil, err
		}
		if k.Type() != js.TypeString {
			continue // removed by another tab while listing
		}
		v, err := call(b.local, "getItem", k)
		if err != nil {
			return nil, nil, err
		}
		if v.Type() != js.TypeString {
			continue
		}
		keys = append(keys, k.String())
		values = append(values, v.String())
	}
	return keys, values, nil
}

// joined reads all of localStorage in four calls. The count guards against
// keys Object.keys cannot show: a key named like one of Storage's members
// ("key") is no property of localStorage.
func (b *browser) joined(count int) (keys, values []string, ok bool) {
	join := func(method string) (string, bool) {
		list, err := call(object, method, b.local)
		if err != nil || list.Type() != js.TypeObject {
			return "", false
		}
		s, err := call(list, "join", "\x00")
		if err != nil || s.Type() != js.TypeString {
			return "", false
		}
		return s.String(), true
	}
	ks, ok1 := join("keys")
	vs, ok2 := join("values")
	if !ok1 || !ok2 {
		return nil, nil, false
	}
	return splitJoined(ks, vs, count)
}

// Get implements Storage.
func (b *browser) Get(key string) (string, bool, error) {
	v, err := call(b.local, "getItem", key)
	if err != nil || v.Type() != js.TypeString {
		return "", false, err
	}
	return v.String(), true, nil
}

// Set implements Storage.
func (b *browser) Set(key, value string) error {
	_, err := call(b.local, "setItem", key, value)
	return err
}

// Note implements Storage.
func (b *browser) Note(key string) string {
	if b.session.Type() != js.TypeObject {
		return ""
	}
	v, err := call(b.session, "getItem", key)
	if err != nil || v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

// SetNote implements Storage.
func (b *browser) SetNote(key, value string) {
	if b.session.Type() == js.TypeObject {
		_, _ = call(b.session, "setItem", key, value)
	}
}

// Persist implements Storage: navigator.storage.persist(), whose promise
// settles in a later task.
func (b *browser) Persist(done func(Persistence)) {
	if b.storage.Type() != js.TypeObject {
		done(Unsupported)
		return
	}
	if fn, err := lookup(b.storage, "persist"); err != nil || fn.Type() != js.TypeFunction {
		done(Unsupported)
		return
	}
	promise, err := call(b.storage, "persist")
	if err != nil {
		done(Failed)
		return
	}
	if then, err := lookup(promise, "then"); err != nil || then.Type() != js.TypeFunction {
		done(Failed)
		return
	}
	var ok, fail js.Func
	settle := func(p Persistence) {
		ok.Release()
		fail.Release()
		done(p)
	}
	ok = js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) > 0 && args[0].Truthy() {
			settle(Granted)
		} else {
			settle(Denied)
		}
		return nil
	})
	fail = js.FuncOf(func(js.Value, []js.Value) any {
		settle(Failed)
		return nil
	})
	if _, err := call(promise, "then", ok, fail); err != nil {
		settle(Failed)
	}
}
