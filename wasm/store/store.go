// Package store keeps the patient's progress log in the browser, in
// localStorage, as a progress.Store. Browser() reaches the real storage
// (browser_js.go); Fake stands in for it in tests; Log is the store itself,
// the same code on either.
//
// Why localStorage and not IndexedDB:
//   - It is synchronous. When Put returns, the record is in the browser's
//     storage for this origin, so closing the tab mid-session loses at most
//     the set in progress. IndexedDB answers through events and promises:
//     every write would be a round trip from Go through the event loop, with
//     a window where the tab can close before the transaction commits, and
//     nothing gained at this size.
//   - One key per record (progress.Key(id)). Two tabs writing different
//     sessions never overwrite each other, and the same session written
//     twice (a retried write, two tabs) is one key, so one record. Records
//     are never deleted by Spry, which makes loss detectable (see ErrCleared).
//   - Its quota is about 5 million characters per origin in the major
//     browsers (Chromium here took 5,242,590); a year of daily sessions with
//     their morning reports is about 305,000 (wasm/store's TestLoadBench),
//     so it holds more than 15 years.
//
// What can go wrong is told apart and returned as ErrQuotaExceeded,
// ErrUnavailable or ErrCleared; Explain puts each into plain words for the
// patient.
package store

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"spry/engine/progress"
)

// Storage is the part of the browser a Log uses: a durable string store
// (localStorage), a note that lasts as long as the browser tab
// (sessionStorage), and the request for persistent storage. Browser returns
// the real one; Fake is one in memory.
type Storage interface {
	// Items returns every key in durable storage with its value.
	Items() (keys, values []string, err error)
	// Get returns the value stored under key, and whether there was one.
	Get(key string) (value string, ok bool, err error)
	// Set stores value under key. When it returns nil the value is stored.
	Set(key, value string) error
	// Note returns the tab note stored under key, or "" when there is none
	// or the tab's storage cannot be read.
	Note(key string) string
	// SetNote stores a tab note. Failures are ignored: notes are hints.
	SetNote(key, value string)
	// Persist asks the browser not to evict durable storage under storage
	// pressure. It returns at once; done is called once with the answer,
	// maybe before Persist returns, and must not block.
	Persist(done func(Persistence))
}

// Persistence is the browser's answer to a request for persistent storage.
type Persistence int

const (
	// Unsupported means the browser has no navigator.storage.persist (an
	// older browser, a page not served over HTTPS or from localhost).
	Unsupported Persistence = iota
	// Denied means the browser may still evict Spry's storage when the
	// device runs short of space. Chrome decides by how much the site is
	// used, so asking again after later sessions may succeed.
	Denied
	// Granted means the browser will not evict Spry's storage on its own.
	Granted
	// Failed means the request itself failed.
	Failed
)

// String returns the name of p.
func (p Persistence) String() string {
	switch p {
	case Unsupported:
		return "unsupported"
	case Denied:
		return "denied"
	case Granted:
		return "granted"
	case Failed:
		return "failed"
	}
	return "Persistence(" + strconv.Itoa(int(p)) + ")"
}

// The storage problems a Log reports, matched with errors.Is. Explain words
// each for the patient.
var (
	// ErrQuotaExceeded means the browser refused a write because Spry's
	// storage is full (QuotaExceededError). Nothing of that write was
	// stored; what was stored before is intact.
	ErrQuotaExceeded = errors.New("store: browser storage is full")
	// ErrUnavailable means the browser does not let the page use storage:
	// reaching window.localStorage throws (SecurityError: cookies or site
	// data blocked, an opaque origin), it is missing or null, or it refuses
	// every write (old Safari's private mode has a quota of zero).
	ErrUnavailable = errors.New("store: browser storage is unavailable")
	// ErrCleared means records this page had seen or written are gone from
	// storage: the browser or the patient cleared the site's data, or the
	// browser evicted it. From All, the records returned are what is left;
	// from Put, the record was written nonetheless.
	ErrCleared = errors.New("store: browser storage was cleared")
)

// Keys outside progress.KeyPrefix that a Log uses.
const (
	// markerKey is written with the first record and never removed: while
	// the page remembers having seen it, its absence means the storage was
	// cleared.
	markerKey = "spry/store/marker"
	// noteKey is the tab note holding how many records this tab last saw,
	// so that a clearing is still noticed after the page is reloaded in the
	// same tab.
	noteKey = "spry/store/seen"
)

// Log is the progress log kept in a Storage. It implements
// progress.RawStore and is safe for concurrent use.
//
// It notices that storage was cleared when the marker it saw is gone, when
// a record it saw or wrote is gone (Spry never deletes records), or when
// fewer records are stored than this browser tab saw before a reload. A
// page opened after its storage was cleared, in a new tab, cannot tell a
// cleared history from a new patient: Persist makes that rarer, and the
// export file is the patient's backup.
type Log struct {
	mu sync.Mutex
	s  Storage
	// armed means the marker was seen or written.
	armed bool
	// known holds the keys of the records seen or written.
	known map[string]bool
	// noted is how many records this tab saw before it was reloaded.
	noted int
}

// Open returns the Log kept in s. It fails with ErrUnavailable when s
// cannot be read.
func Open(s Storage) (*Log, error) {
	if _, _, err := s.Get(markerKey); err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	l := &Log{s: s, known: map[string]bool{}}
	if n, err := strconv.Atoi(s.Note(noteKey)); err == nil && n >= 0 {
		l.armed, l.noted = true, n
	}
	return l, nil
}

var _ progress.RawStore = (*Log)(nil)

// Put implements progress.Store: it writes r at once under progress.Key(r.ID).
// It fails with ErrQuotaExceeded when storage is full and ErrUnavailable
// when it cannot be written; either way nothing was written and the earlier
// copy of r, if any, is intact. It returns ErrCleared, after writing r, when
// it finds the storage was cleared since this page last looked.
func (l *Log) Put(r progress.Record) error {
	data, err := progress.Encode(r)
	if err != nil {
		return fmt.Errorf("store: put: %w", err)
	}
	return l.put(progress.Key(r.ID), string(data))
}

// PutRaw implements progress.RawStore: it stores data under key as it is,
// for tests that plant items which do not decode.
func (l *Log) PutRaw(key string, data []byte) error {
	return l.put(key, string(data))
}

func (l *Log) put(key, value string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	_, marked, err := l.s.Get(markerKey)
	if err != nil {
		return fmt.Errorf("store: put %q: %w", key, err)
	}
	cleared := l.armed && !marked
	if cleared {
		l.forget()
	}
	if !marked {
		if err := l.s.Set(markerKey, "1"); err != nil {
			return fmt.Errorf("store: put %q: %w", key, l.quotaOrUnavailable(err))
		}
	}
	l.armed = true
	if err := l.s.Set(key, value); err != nil {
		return fmt.Errorf("store: put %q: %w", key, err)
	}
	if progress.IsKey(key) && !l.known[key] {
		l.known[key] = true
		l.note()
	}
	if cleared {
		return fmt.Errorf("store: put %q: the marker was gone: %w", key, ErrCleared)
	}
	return nil
}

// quotaOrUnavailable tells a storage that is full from one that takes
// nothing at all: a quota error while nothing is stored is a zero quota,
// as old Safari's private mode has.
func (l *Log) quotaOrUnavailable(err error) error {
	if !errors.Is(err, ErrQuotaExceeded) {
		return err
	}
	if keys, _, kerr := l.s.Items(); kerr == nil && len(keys) == 0 {
		return fmt.Errorf("%w (it takes no data at all): %v", ErrUnavailable, err)
	}
	return err
}

// All implements progress.Store. Besides a storage failure, its error may be
// ErrCleared, returned with the records that are left; it is reported once,
// and the Log then goes on from what is stored.
func (l *Log) All() ([]progress.Record, []progress.Quarantined, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	keys, values, err := l.s.Items()
	if err != nil {
		return nil, nil, fmt.Errorf("store: all: %w", err)
	}
	// The values as bytes for the decoder, copied into one block: one
	// allocation rather than one per record.
	total := 0
	for _, v := range values {
		total += len(v)
	}
	block := make([]byte, 0, total)
	items := make([][]byte, len(values))
	for i, v := range values {
		start := len(block)
		block = append(block, v...)
		items[i] = block[start:len(block):len(block)]
	}
	var lost []string
	marked := slices.Contains(keys, markerKey)
	if l.armed && !marked {
		lost = append(lost, "the marker")
	}
	present := map[string]bool{}
	for _, k := range keys {
		if progress.IsKey(k) {
			present[k] = true
		}
	}
	gone := 0
	for k := range l.known {
		if !present[k] {
			gone++
		}
	}
	if gone > 0 {
		lost = append(lost, fmt.Sprintf("%d records seen before", gone))
	}
	if len(present) < l.noted {
		lost = append(lost, fmt.Sprintf("%d records stored, this tab saw %d", len(present), l.noted))
	}
	if len(lost) > 0 {
		l.forget()
		err = fmt.Errorf("store: all: %s gone: %w", strings.Join(lost, ", "), ErrCleared)
	}
	// Arm on a history written before the marker existed; without room
	// for the marker, the records seen still reveal a clearing.
	if !marked && len(present) > 0 {
		marked = l.s.Set(markerKey, "1") == nil
	}
	l.armed = l.armed || marked
	for k := range present {
		l.known[k] = true
	}
	l.note()
	recs, bad := progress.DecodeAll(keys, items)
	return recs, bad, err
}

// forget drops what the Log remembers of the storage after a clearing has
// been found, so that it is reported once.
func (l *Log) forget() {
	l.armed, l.noted = false, 0
	clear(l.known)
	l.s.SetNote(noteKey, "")
}

// note records in the tab how many records this Log knows of.
func (l *Log) note() {
	if len(l.known) > l.noted {
		l.noted = len(l.known)
	}
	if l.armed {
		l.s.SetNote(noteKey, strconv.Itoa(l.noted))
	}
}

// Persist asks the browser to keep Spry's storage when the device runs
// short of space (navigator.storage.persist()). Call it after the patient's
// first completed session: Chrome grants it to sites the person uses, and
// Firefox asks the person, which makes sense only once Spry has proved
// useful. It never blocks; the answer arrives on the returned channel,
// which holds it until read.
func (l *Log) Persist() <-chan Persistence {
	ch := make(chan Persistence, 1)
	var once sync.Once
	l.s.Persist(func(p Persistence) {
		once.Do(func() { ch <- p })
	})
	return ch
}
