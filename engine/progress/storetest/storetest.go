// Package storetest is the one test suite every progress.Store passes: the
// in-memory store natively, the browser store in headless Chromium.
package storetest

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/progress"
)

// Run runs the suite. newStore must return an empty store each call; when
// it returns a progress.RawStore the quarantine tests run too.
func Run(t *testing.T, newStore func() progress.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s progress.Store)
	}{
		{"Empty", testEmpty},
		{"RoundTrip", testRoundTrip},
		{"PutIsIdempotent", testIdempotent},
		{"SessionGrowsSetBySet", testGrows},
		{"InvalidRecordRefused", testInvalid},
		{"ManyRecords", testMany},
		{"ConcurrentWriters", testConcurrent},
		{"Quarantine", testQuarantine},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, newStore()) })
	}
}

var t0 = time.Date(2026, 1, 5, 9, 0, 0, 0, time.FixedZone("CET", 3600))

// Session returns a valid session record with one exercise and sets sets.
func Session(id string, at time.Time, sets int) progress.Record {
	e := progress.Exercise{Block: 0, Step: 0, Exercise: "bridge", Target: progress.Target{Sets: 3, Reps: 10},
		PainDuring: progress.Pain(2)}
	for range sets {
		e.Sets = append(e.Sets, progress.Set{Reps: 10})
	}
	return progress.Record{V: progress.Version, ID: id, Kind: progress.KindSession, Program: "back",
		Session: &progress.Session{Started: at, PainBefore: progress.Pain(3), Effort: progress.Pain(5),
			Note: "felt fine, \"really\"", RedFlags: &progress.RedFlags{Yes: []int{}}, Exercises: []progress.Exercise{e}}}
}

// encoded returns the stored form of each record, sorted, for comparing
// record sets exactly (time zones included).
func encoded(t *testing.T, recs []progress.Record) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		data, err := progress.Encode(r)
		require.NoError(t, err)
		out[i] = string(data)
	}
	sort.Strings(out)
	return out
}

func all(t *testing.T, s progress.Store) []progress.Record {
	recs, bad, err := s.All()
	require.NoError(t, err, "All()")
	require.Empty(t, bad, "All() quarantined")
	return recs
}

func testEmpty(t *testing.T, s progress.Store) {
	assert.Empty(t, all(t, s), "All() on an empty store")
}

func testRoundTrip(t *testing.T, s progress.Store) {
	in := []progress.Record{
		Session("a", t0, 3),
		{V: 1, ID: "m", Kind: progress.KindMorning, Program: "back",
			Morning: &progress.Morning{Session: "a", At: t0.Add(23 * time.Hour), Pain: 2}},
		{V: 1, ID: "r", Kind: progress.KindResume, Program: "back",
			Resume: &progress.Resume{Block: 1, At: t0.Add(48 * time.Hour)}},
	}
	for _, r := range in {
		require.NoError(t, s.Put(r), "Put(%s)", r.ID)
	}
	got := all(t, s)
	assert.Equal(t, encoded(t, in), encoded(t, got), "All() after Put")
	for _, r := range got {
		if r.ID == "a" {
			assert.True(t, r.Session.Started.Equal(t0), "Started = %v, want %v", r.Session.Started, t0)
		}
	}
}

func testIdempotent(t *testing.T, s progress.Store) {
	r := Session("a", t0, 3)
	for range 3 {
		require.NoError(t, s.Put(r))
	}
	assert.Len(t, all(t, s), 1, "All() after putting one record 3 times")
}

func testGrows(t *testing.T, s progress.Store) {
	// Each completed set is written at once; the last write is what loads.
	for n := 1; n <= 3; n++ {
		require.NoError(t, s.Put(Session("a", t0, n)))
		got := all(t, s)
		require.Len(t, got, 1)
		assert.Len(t, got[0].Session.Exercises[0].Sets, n, "sets after writing set %d", n)
	}
}

func testInvalid(t *testing.T, s progress.Store) {
	bad := Session("a", t0, 1)
	bad.Session.PainBefore = progress.Pain(11)
	err := s.Put(bad)
	require.Error(t, err, "Put(pain 11)")
	assert.Contains(t, err.Error(), "painBefore")
	noID := Session("", t0, 1)
	require.Error(t, s.Put(noID), "Put(no ID)")
	assert.Empty(t, all(t, s), "All() after refused writes")
}

func testMany(t *testing.T, s progress.Store) {
	var in []progress.Record
	for i := range 400 {
		in = append(in, Session(fmt.Sprintf("s%03d", i), t0.Add(time.Duration(i)*24*time.Hour), 2))
	}
	for _, r := range in {
		require.NoError(t, s.Put(r))
	}
	assert.Equal(t, encoded(t, in), encoded(t, all(t, s)), "All() after 400 Puts")
}

func testConcurrent(t *testing.T, s progress.Store) {
	// Two writers (two tabs) putting the same records: each is kept once.
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				assert.NoError(t, s.Put(Session(fmt.Sprintf("s%02d", i), t0.Add(time.Duration(i)*time.Hour), 1)))
			}
		}()
	}
	wg.Wait()
	assert.Len(t, all(t, s), 20, "All() after two writers")
}

func testQuarantine(t *testing.T, s progress.Store) {
	raw, ok := s.(progress.RawStore)
	if !ok {
		t.Skip("store does not take raw writes")
	}
	require.NoError(t, s.Put(Session("good", t0, 1)))
	planted := map[string]struct {
		data string
		want string
	}{
		progress.Key("torn"):   {`{"v":1,"id":"torn","kind":"sess`, "record"},
		progress.Key("future"): {`{"v":9,"id":"future","kind":"session"}`, "newer than this app"},
		progress.Key("noV"):    {`{"id":"noV","kind":"session"}`, "missing schema version"},
		progress.Key("moved"):  {mustEncode(t, Session("elsewhere", t0, 1)), "does not match its storage key"},
		progress.Key("pain"):   {strings.Replace(mustEncode(t, Session("pain", t0, 1)), `"painBefore":3`, `"painBefore":12`, 1), "painBefore"},
	}
	for k, p := range planted {
		require.NoError(t, raw.PutRaw(k, []byte(p.data)))
	}
	require.NoError(t, raw.PutRaw("other-app/key", []byte("not ours")))
	for pass := range 2 { // quarantined items stay put
		recs, bad, err := s.All()
		require.NoError(t, err)
		require.Len(t, recs, 1, "pass %d: good records", pass)
		assert.Equal(t, "good", recs[0].ID)
		require.Len(t, bad, len(planted), "pass %d: quarantined", pass)
		for _, q := range bad {
			p, ok := planted[q.Key]
			require.True(t, ok, "unexpected quarantined key %q", q.Key)
			assert.Equal(t, p.data, string(q.Data), "quarantined data of %q", q.Key)
			assert.Contains(t, q.Reason, p.want, "reason for %q", q.Key)
		}
	}
}

func mustEncode(t *testing.T, r progress.Record) string {
	data, err := progress.Encode(r)
	require.NoError(t, err)
	return string(data)
}
