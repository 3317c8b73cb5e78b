// Natively only: in a browser page, testing cannot capture an example's
// output (it needs a temporary file).

//go:build !js

package store_test

import (
	"errors"
	"fmt"
	"time"

	"spry/engine/progress"
	"spry/wasm/store"
)

// A player opens the log once, loads it before each session, writes the
// session after every completed set, and asks for persistent storage after
// the first completed session. In the player, Browser() gives the storage;
// here a Fake stands in for it.
func Example() {
	lang := "en"
	s := store.NewFake() // in the player: s, err := store.Browser()
	var log progress.Store
	l, err := store.Open(s)
	if err != nil {
		// ErrUnavailable: say so, and play on without saving.
		fmt.Println(store.Explain(err, lang))
		log = progress.NewMemory()
	} else {
		log = l
	}

	recs, bad, err := log.All()
	if errors.Is(err, store.ErrCleared) {
		fmt.Println(store.Explain(err, lang)) // then go on with recs
	} else if err != nil {
		fmt.Println(store.Explain(err, lang)) // play on from an empty log
	}
	_ = bad // kept aside in storage; count them for the therapist's view

	r := progress.Record{V: progress.Version, ID: "20260302T080000Z-1a2b3c4d", Kind: progress.KindSession,
		Program: "low-back-first-week", Session: &progress.Session{
			Started: time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC), Exercises: []progress.Exercise{}}}
	if err := log.Put(r); err != nil {
		// ErrQuotaExceeded, ErrUnavailable: the set was not saved;
		// ErrCleared: it was, but the history before it is gone.
		fmt.Println(store.Explain(err, lang))
	}

	if l != nil {
		persisted := l.Persist() // after the first completed session
		// In the game loop: select { case p := <-persisted: ...; default: }
		fmt.Println(len(recs), "records before; persistent storage:", <-persisted)
	}
	// Output: 0 records before; persistent storage: granted
}
