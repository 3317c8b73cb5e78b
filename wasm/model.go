//go:build js

package main

import (
	"encoding/json"
	"errors"
	"time"

	"spry/engine/app"
	"spry/engine/cue"
	"spry/engine/figure"
	"spry/engine/player"
	"spry/engine/progress"
	"spry/wasm/store"
)

// model is what the game loop runs: the bare player for a therapist's
// preview, or the patient's whole app.
type model interface {
	// Command carries out what the page sent at now.
	Command(now time.Time, name, arg string) ([]cue.Cue, error)
	// Update moves on to now and returns the cues due.
	Update(now time.Time) []cue.Cue
	// ViewJSON is what the page shows.
	ViewJSON() []byte
	// Draw draws the figure, reporting whether there is one.
	Draw(d *figure.Drawing) bool
	// Moving reports whether the figure moves.
	Moving() bool
	// Playing reports whether a session plays (the screen stays awake).
	Playing() bool
}

// bare is the player alone: the therapist's preview, and the page the
// walking-skeleton tests drive.
type bare struct {
	p  *player.Player
	t0 time.Time
}

func (b *bare) since(now time.Time) time.Duration { return max(0, now.Sub(b.t0)) }

func (b *bare) Command(now time.Time, name, arg string) ([]cue.Cue, error) {
	evs, err := b.p.Command(b.since(now), name, arg)
	return b.p.Cues(evs), err
}

func (b *bare) Update(now time.Time) []cue.Cue { return b.p.Cues(b.p.Update(b.since(now))) }
func (b *bare) ViewJSON() []byte               { return b.p.View().JSON() }
func (b *bare) Draw(d *figure.Drawing) bool    { return b.p.Draw(d) }
func (b *bare) Moving() bool                   { return b.p.Moving() }
func (b *bare) Playing() bool                  { return b.p.State() == player.Playing }

// patient is the patient's app.
type patient struct{ a *app.App }

func (p patient) Command(now time.Time, name, arg string) ([]cue.Cue, error) {
	return p.a.Do(now, name, arg)
}

func (p patient) Update(now time.Time) []cue.Cue { return p.a.Update(now) }

func (p patient) ViewJSON() []byte {
	b, err := json.Marshal(p.a.View())
	if err != nil {
		panic(err) // a View holds only strings, numbers and booleans
	}
	return b
}

func (p patient) Draw(d *figure.Drawing) bool { return p.a.Draw(d) }
func (p patient) Moving() bool                { return p.a.Moving() }
func (p patient) Playing() bool               { return p.a.Moving() }

// progressStore is the browser's progress log as the app sees it: its errors
// carry words for the patient, and the first completed session asks the
// browser to keep the data (navigator.storage.persist).
type progressStore struct {
	log       *store.Log
	persisted bool
}

func (s *progressStore) Put(r progress.Record) error {
	err := s.log.Put(r)
	if err == nil && !s.persisted && r.Session != nil && !r.Session.Ended.IsZero() && len(r.Session.Exercises) > 0 {
		s.persisted = true
		s.log.Persist()
	}
	return explained(err)
}

func (s *progressStore) All() ([]progress.Record, []progress.Quarantined, error) {
	recs, bad, err := s.log.All()
	return recs, bad, explained(err)
}

// storageError gives a storage error the patient's words (app.StorageError).
type storageError struct{ err error }

func (e storageError) Error() string              { return e.err.Error() }
func (e storageError) Unwrap() error              { return e.err }
func (e storageError) Patient(lang string) string { return store.Explain(e.err, lang) }

func explained(err error) error {
	if err == nil {
		return nil
	}
	return storageError{err}
}

// prefsStore keeps the patient's settings in the browser's storage.
type prefsStore struct{ s store.Storage }

const prefsKey = "spry/prefs"

func (p prefsStore) Load() ([]byte, error) {
	v, ok, err := p.s.Get(prefsKey)
	if err != nil || !ok {
		return nil, explained(err)
	}
	return []byte(v), nil
}

func (p prefsStore) Save(data []byte) error { return explained(p.s.Set(prefsKey, string(data))) }

// noPrefs keeps settings for this visit only, when storage is unavailable.
type noPrefs struct{ data []byte }

func (n *noPrefs) Load() ([]byte, error)  { return n.data, nil }
func (n *noPrefs) Save(data []byte) error { n.data = data; return nil }

// openStorage opens the browser's storage, the progress log and the settings
// in it. When the browser gives none (private browsing, storage turned
// off) the app still runs, in memory, and tells the patient nothing will be
// kept.
func openStorage() (store.Storage, progress.Store, app.PrefsStore, error) {
	s, err := store.Browser()
	if err == nil {
		var log *store.Log
		if log, err = store.Open(s); err == nil {
			return s, &progressStore{log: log}, prefsStore{s}, nil
		}
	}
	if !errors.Is(err, store.ErrUnavailable) {
		err = errors.Join(store.ErrUnavailable, err)
	}
	return nil, progress.NewMemory(), &noPrefs{}, explained(err)
}
