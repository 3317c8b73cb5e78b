package store_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/progress"
	"spry/engine/progress/storetest"
	"spry/wasm/store"
)

// harness is a Storage under test with the browser's misfortunes on call.
// Natively it is a Fake; under GOOS=js, a JS stand-in for localStorage
// installed on the global (node, Chromium) or the real one (Chromium).
type harness interface {
	// Storage returns the storage, empty at the start of the test. Each
	// call returns a fresh handle on the same storage, as a reloaded page
	// gets.
	Storage(t *testing.T) store.Storage
	// Clear removes every durable item behind the Log's back, as the
	// browser does when it clears or evicts site data.
	Clear(t *testing.T)
	// Remove removes one durable item behind the Log's back.
	Remove(t *testing.T, key string)
	// Fill makes the storage full until the test ends: writing anything
	// new fails with a quota error.
	Fill(t *testing.T)
	// Disable makes every access to the storage fail until the test ends,
	// as when the patient blocks site data with the page open.
	Disable(t *testing.T)
	// ZeroQuota makes the empty storage refuse every write with a quota
	// error, as old Safari's private mode does. It reports false where it
	// cannot be done (real Chromium).
	ZeroQuota(t *testing.T) bool
	// PersistAnswers lists the answers Persist may give.
	PersistAnswers() []store.Persistence
}

func open(t *testing.T, h harness) *store.Log {
	t.Helper()
	l, err := store.Open(h.Storage(t))
	require.NoError(t, err, "Open")
	return l
}

func put(t *testing.T, l *store.Log, r progress.Record) {
	t.Helper()
	require.NoError(t, l.Put(r), "Put(%s)", r.ID)
}

var t0 = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

func session(id string, sets int) progress.Record {
	return storetest.Session(id, t0, sets)
}

func ids(recs []progress.Record) []string {
	var s []string
	for _, r := range recs {
		s = append(s, r.ID)
	}
	return s
}

// testLog is the suite of the browser's misfortunes that every harness
// passes, after storetest.Run.
func testLog(t *testing.T, newHarness func(t *testing.T) harness) {
	tests := []struct {
		name string
		fn   func(t *testing.T, h harness)
	}{
		{"ClearedWhileOpen", testClearedWhileOpen},
		{"ClearedFoundByPut", testClearedFoundByPut},
		{"OneRecordLost", testOneRecordLost},
		{"ClearedBeforeReload", testClearedBeforeReload},
		{"HistoryWithoutMarker", testHistoryWithoutMarker},
		{"TwoTabsNoFalseAlarm", testTwoTabs},
		{"QuotaExceeded", testQuota},
		{"ZeroQuotaIsUnavailable", testZeroQuota},
		{"Disabled", testDisabled},
		{"Unicode", testUnicode},
		{"Persist", testPersist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, newHarness(t)) })
	}
}

func testClearedWhileOpen(t *testing.T, h harness) {
	l := open(t, h)
	put(t, l, session("a", 1))
	put(t, l, session("b", 1))
	h.Clear(t)
	recs, _, err := l.All()
	require.ErrorIs(t, err, store.ErrCleared, "All() after the browser cleared storage")
	assert.Empty(t, recs)
	recs, _, err = l.All()
	require.NoError(t, err, "All() once the clearing was reported")
	assert.Empty(t, recs)
	put(t, l, session("c", 1))
	recs, _, err = l.All()
	require.NoError(t, err)
	assert.Equal(t, []string{"c"}, ids(recs))
}

func testClearedFoundByPut(t *testing.T, h harness) {
	l := open(t, h)
	put(t, l, session("a", 1))
	h.Clear(t)
	err := l.Put(session("a", 2))
	require.ErrorIs(t, err, store.ErrCleared, "Put after the browser cleared storage")
	recs, _, err := l.All()
	require.NoError(t, err, "All() after Put reported the clearing")
	require.Len(t, recs, 1, "the record Put wrote while reporting the clearing")
	assert.Len(t, recs[0].Session.Exercises[0].Sets, 2)
	h.Clear(t)
	require.ErrorIs(t, l.Put(session("b", 1)), store.ErrCleared, "a second clearing")
}

func testOneRecordLost(t *testing.T, h harness) {
	l := open(t, h)
	put(t, l, session("a", 1))
	put(t, l, session("b", 1))
	h.Remove(t, progress.Key("a"))
	recs, _, err := l.All()
	require.ErrorIs(t, err, store.ErrCleared, "All() after a record vanished")
	assert.Equal(t, []string{"b"}, ids(recs))
}

func testClearedBeforeReload(t *testing.T, h harness) {
	put(t, open(t, h), session("a", 1))
	h.Clear(t)
	// The page is reloaded in the same tab: a new Log, the tab note kept.
	recs, _, err := open(t, h).All()
	require.ErrorIs(t, err, store.ErrCleared, "All() in a page reloaded after a clearing")
	assert.Empty(t, recs)
}

func testHistoryWithoutMarker(t *testing.T, h harness) {
	// Records written before the marker existed (or with the marker
	// lost) load, and arm the detection.
	s := h.Storage(t)
	data, err := progress.Encode(session("old", 1))
	require.NoError(t, err)
	require.NoError(t, s.Set(progress.Key("old"), string(data)))
	l := open(t, h)
	recs, _, err := l.All()
	require.NoError(t, err)
	assert.Equal(t, []string{"old"}, ids(recs))
	h.Clear(t)
	_, _, err = l.All()
	require.ErrorIs(t, err, store.ErrCleared)
}

func testTwoTabs(t *testing.T, h harness) {
	// Two pages on one storage, each writing its own and the same
	// records: neither reports a clearing, both see every record once.
	a, b := open(t, h), open(t, h)
	for i := range 5 {
		put(t, a, session(fmt.Sprintf("a%d", i), 1))
		put(t, b, session(fmt.Sprintf("b%d", i), 1))
		put(t, a, session("both", i+1))
		put(t, b, session("both", i+1))
		for _, l := range []*store.Log{a, b} {
			recs, _, err := l.All()
			require.NoError(t, err, "All() after round %d", i)
			assert.Len(t, recs, 2*(i+1)+1, "All() after round %d", i)
		}
	}
}

func testQuota(t *testing.T, h harness) {
	l := open(t, h)
	put(t, l, session("a", 1))
	h.Fill(t)
	err := l.Put(session("a", 3))
	require.ErrorIs(t, err, store.ErrQuotaExceeded, "Put(a grown) with storage full")
	err = l.Put(session("b", 1))
	require.ErrorIs(t, err, store.ErrQuotaExceeded, "Put(b) with storage full")
	assert.Equal(t, store.Explain(store.ErrQuotaExceeded, "en"), store.Explain(err, "en"))
	recs, _, err := l.All()
	require.NoError(t, err, "All() with storage full")
	require.Equal(t, []string{"a"}, ids(recs), "All() with storage full")
	assert.Len(t, recs[0].Session.Exercises[0].Sets, 1, "the copy written before the storage filled")
}

func testZeroQuota(t *testing.T, h harness) {
	if !h.ZeroQuota(t) {
		t.Skip("a zero quota cannot be set up here")
	}
	l := open(t, h)
	err := l.Put(session("a", 1))
	require.ErrorIs(t, err, store.ErrUnavailable, "Put with a zero quota")
	assert.NotErrorIs(t, err, store.ErrQuotaExceeded, "Put with a zero quota")
}

func testDisabled(t *testing.T, h harness) {
	l := open(t, h)
	put(t, l, session("a", 1))
	h.Disable(t)
	require.ErrorIs(t, l.Put(session("a", 2)), store.ErrUnavailable, "Put with storage disabled")
	_, _, err := l.All()
	require.ErrorIs(t, err, store.ErrUnavailable, "All() with storage disabled")
	_, err = store.Open(h.Storage(t))
	require.ErrorIs(t, err, store.ErrUnavailable, "Open with storage disabled")
}

func testUnicode(t *testing.T, h harness) {
	l := open(t, h)
	r := session("u", 1)
	r.Session.Note = "douleur à 2/10 — ça va 😀 \u2028 \"ok\""
	put(t, l, r)
	recs, _, err := l.All()
	require.NoError(t, err)
	require.Len(t, recs, 1)
	assert.Equal(t, r.Session.Note, recs[0].Session.Note)
}

func testPersist(t *testing.T, h harness) {
	l := open(t, h)
	timeout := time.NewTimer(10 * time.Second)
	defer timeout.Stop()
	select {
	case p := <-l.Persist():
		assert.Contains(t, h.PersistAnswers(), p, "Persist() = %v", p)
	case <-timeout.C:
		t.Fatal("Persist() gave no answer in 10 s")
	}
}

// fakeHarness is a harness on a Fake.
type fakeHarness struct{ f *store.Fake }

func (h fakeHarness) Storage(*testing.T) store.Storage    { return h.f }
func (h fakeHarness) Clear(*testing.T)                    { h.f.Clear() }
func (h fakeHarness) Remove(_ *testing.T, key string)     { h.f.Remove(key) }
func (h fakeHarness) Fill(*testing.T)                     { h.f.SetLimit(h.f.Size()) }
func (h fakeHarness) Disable(*testing.T)                  { h.f.SetDisabled(true) }
func (h fakeHarness) ZeroQuota(*testing.T) bool           { h.f.SetLimit(1); return true }
func (h fakeHarness) PersistAnswers() []store.Persistence { return []store.Persistence{store.Granted} }

func TestFakeStore(t *testing.T) {
	storetest.Run(t, func() progress.Store {
		l, err := store.Open(store.NewFake())
		require.NoError(t, err)
		return l
	})
}

func TestFakeLog(t *testing.T) {
	testLog(t, func(*testing.T) harness { return fakeHarness{store.NewFake()} })
}

func TestFakePersistAnswers(t *testing.T) {
	for _, want := range []store.Persistence{store.Granted, store.Denied, store.Unsupported, store.Failed} {
		f := store.NewFake()
		f.SetPersistAnswer(want)
		l, err := store.Open(f)
		require.NoError(t, err)
		assert.Equal(t, want, <-l.Persist(), "Persist() with the browser answering %v", want)
		assert.Equal(t, 1, f.PersistAsked())
	}
}

func TestExplain(t *testing.T) {
	tests := []struct {
		err  error
		lang string
		want string
	}{
		{nil, "en", ""},
		{store.ErrQuotaExceeded, "en", "no room left"},
		{fmt.Errorf("store: put %q: %w", "x", store.ErrQuotaExceeded), "fr-CA", "plus de place"},
		{store.ErrUnavailable, "de", "private browsing"},
		{store.ErrCleared, "fr", "effacés"},
		{errors.New("store: setItem: TypeError: boom"), "en", "try again"},
	}
	for _, tt := range tests {
		got := store.Explain(tt.err, tt.lang)
		if tt.want == "" {
			assert.Empty(t, got, "Explain(%v, %q)", tt.err, tt.lang)
			continue
		}
		assert.Contains(t, got, tt.want, "Explain(%v, %q) = %q, want it to say %q", tt.err, tt.lang, got, tt.want)
	}
}

func TestPersistenceString(t *testing.T) {
	tests := map[store.Persistence]string{
		store.Unsupported: "unsupported", store.Denied: "denied", store.Granted: "granted",
		store.Failed: "failed", store.Persistence(9): "Persistence(9)",
	}
	for p, want := range tests {
		assert.Equal(t, want, p.String(), "Persistence(%d).String()", int(p))
	}
}
