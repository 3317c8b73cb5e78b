package store

import (
	"fmt"
	"sync"
)

// Fake is a Storage in memory for tests, with the browser's misfortunes on
// call: a quota, storage that becomes unavailable, and a clearing of site
// data. It keeps keys in insertion order, as browsers list them.
type Fake struct {
	mu       sync.Mutex
	keys     []string
	items    map[string]string
	notes    map[string]string
	limit    int
	disabled bool
	answer   Persistence
	asked    int
}

// NewFake returns an empty Fake without a quota whose Persist answers
// Granted.
func NewFake() *Fake {
	return &Fake{items: map[string]string{}, notes: map[string]string{}, answer: Granted}
}

// Size returns the bytes stored, counted as browsers count against the
// quota: keys and values in UTF-16 code units, two bytes each.
func (f *Fake) Size() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for k, v := range f.items {
		n += utf16Len(k) + utf16Len(v)
	}
	return 2 * n
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

// SetLimit sets the quota in bytes (as Size counts them); a Set that would
// go past it fails with ErrQuotaExceeded. Zero means no quota.
func (f *Fake) SetLimit(bytes int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.limit = bytes
}

// SetDisabled makes every access fail with ErrUnavailable, as when the
// patient blocks site data while the page is open.
func (f *Fake) SetDisabled(disabled bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.disabled = disabled
}

// Clear removes every durable item, as the browser does when it clears or
// evicts the site's data. Tab notes are kept, as when the page survives it.
func (f *Fake) Clear() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.keys = nil
	clear(f.items)
}

// Remove removes one durable item.
func (f *Fake) Remove(key string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.items[key]; !ok {
		return
	}
	delete(f.items, key)
	for i, k := range f.keys {
		if k == key {
			f.keys = append(f.keys[:i], f.keys[i+1:]...)
			break
		}
	}
}

// SetPersistAnswer sets what Persist answers.
func (f *Fake) SetPersistAnswer(p Persistence) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.answer = p
}

// PersistAsked returns how many times Persist was called.
func (f *Fake) PersistAsked() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.asked
}

func (f *Fake) errDisabled(op string) error {
	return fmt.Errorf("%w: %s: SecurityError: the operation is insecure (fake)", ErrUnavailable, op)
}

// Items implements Storage.
func (f *Fake) Items() (keys, values []string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.disabled {
		return nil, nil, f.errDisabled("key")
	}
	keys = append([]string(nil), f.keys...)
	values = make([]string, len(keys))
	for i, k := range keys {
		values[i] = f.items[k]
	}
	return keys, values, nil
}

// Get implements Storage.
func (f *Fake) Get(key string) (string, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.disabled {
		return "", false, f.errDisabled("getItem")
	}
	v, ok := f.items[key]
	return v, ok, nil
}

// Set implements Storage.
func (f *Fake) Set(key, value string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.disabled {
		return f.errDisabled("setItem")
	}
	old, had := f.items[key]
	if f.limit > 0 {
		size := 0
		for k, v := range f.items {
			size += utf16Len(k) + utf16Len(v)
		}
		size += utf16Len(value) - utf16Len(old)
		if !had {
			size += utf16Len(key)
		}
		if 2*size > f.limit {
			return fmt.Errorf("%w: setItem: QuotaExceededError: the quota has been exceeded (fake, %d bytes)",
				ErrQuotaExceeded, f.limit)
		}
	}
	if !had {
		f.keys = append(f.keys, key)
	}
	f.items[key] = value
	return nil
}

// Note implements Storage.
func (f *Fake) Note(key string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.notes[key]
}

// SetNote implements Storage.
func (f *Fake) SetNote(key, value string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.notes[key] = value
}

// Persist implements Storage: it answers from another goroutine, as the
// browser answers from a later task.
func (f *Fake) Persist(done func(Persistence)) {
	f.mu.Lock()
	f.asked++
	p := f.answer
	f.mu.Unlock()
	go done(p)
}
