// Package storetest is the one test suite every progress.Store passes: the
// in-memory store natively, the browser store in headless Chromium. Being
// under engine/, it uses the standard library only (no testify).
package storetest

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

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
		{"OlderRecords", testOlder},
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
		out[i] = mustEncode(t, r)
	}
	sort.Strings(out)
	return out
}

func all(t *testing.T, s progress.Store) []progress.Record {
	t.Helper()
	recs, bad, err := s.All()
	if err != nil {
		t.Fatalf("All() error = %v", err)
	}
	if len(bad) > 0 {
		t.Fatalf("All() quarantined %d items, want none: %+v", len(bad), bad)
	}
	return recs
}

func testEmpty(t *testing.T, s progress.Store) {
	if got := all(t, s); len(got) != 0 {
		t.Errorf("All() on an empty store = %d records, want 0", len(got))
	}
}

func testRoundTrip(t *testing.T, s progress.Store) {
	in := []progress.Record{
		Session("a", t0, 3),
		{V: 1, ID: "m", Kind: progress.KindMorning, Program: "back",
			Morning: &progress.Morning{Session: "a", At: t0.Add(23 * time.Hour), Pain: 2}},
		{V: 1, ID: "r", Kind: progress.KindResume, Program: "back",
			Resume: &progress.Resume{Block: 1, At: t0.Add(48 * time.Hour)}},
		{V: 2, ID: "p", Kind: progress.KindPSFS, Program: "back",
			PSFS: &progress.PSFS{Date: t0.Add(-time.Hour), Activities: []progress.Activity{
				{Name: "Putting on socks", Score: 3}, {Name: `<b>"Jardiner"</b> 🌱`, Score: 0}, {Name: "Lifting", Score: 10}}}},
	}
	for _, r := range in {
		put(t, s, r)
	}
	got := all(t, s)
	sameRecords(t, "All() after Put", got, in)
	for _, r := range got {
		if r.ID == "a" && !r.Session.Started.Equal(t0) {
			t.Errorf("Started = %v, want %v", r.Session.Started, t0)
		}
	}
}

func testIdempotent(t *testing.T, s progress.Store) {
	r := Session("a", t0, 3)
	for range 3 {
		put(t, s, r)
	}
	if got := all(t, s); len(got) != 1 {
		t.Errorf("All() after putting one record 3 times = %d records, want 1", len(got))
	}
}

func testGrows(t *testing.T, s progress.Store) {
	// Each completed set is written at once; the last write is what loads.
	for n := 1; n <= 3; n++ {
		put(t, s, Session("a", t0, n))
		got := all(t, s)
		if len(got) != 1 {
			t.Fatalf("All() after writing set %d = %d records, want 1", n, len(got))
		}
		if sets := len(got[0].Session.Exercises[0].Sets); sets != n {
			t.Errorf("sets after writing set %d = %d, want %d", n, sets, n)
		}
	}
}

func testInvalid(t *testing.T, s progress.Store) {
	bad := Session("a", t0, 1)
	bad.Session.PainBefore = progress.Pain(11)
	if err := s.Put(bad); err == nil || !strings.Contains(err.Error(), "painBefore") {
		t.Errorf("Put(pain 11) = %v, want an error naming painBefore", err)
	}
	if err := s.Put(Session("", t0, 1)); err == nil {
		t.Errorf("Put(no ID) = nil, want an error")
	}
	if got := all(t, s); len(got) != 0 {
		t.Errorf("All() after refused writes = %d records, want 0", len(got))
	}
}

func testMany(t *testing.T, s progress.Store) {
	var in []progress.Record
	for i := range 400 {
		in = append(in, Session(fmt.Sprintf("s%03d", i), t0.Add(time.Duration(i)*24*time.Hour), 2))
	}
	for _, r := range in {
		put(t, s, r)
	}
	sameRecords(t, "All() after 400 Puts", all(t, s), in)
}

func testConcurrent(t *testing.T, s progress.Store) {
	// Two writers (two tabs) putting the same records: each is kept once.
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				if err := s.Put(Session(fmt.Sprintf("s%02d", i), t0.Add(time.Duration(i)*time.Hour), 1)); err != nil {
					t.Errorf("Put = %v", err)
				}
			}
		}()
	}
	wg.Wait()
	if got := all(t, s); len(got) != 20 {
		t.Errorf("All() after two writers = %d records, want 20", len(got))
	}
}

func testQuarantine(t *testing.T, s progress.Store) {
	raw, ok := s.(progress.RawStore)
	if !ok {
		t.Skip("store does not take raw writes")
	}
	put(t, s, Session("good", t0, 1))
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
		if err := raw.PutRaw(k, []byte(p.data)); err != nil {
			t.Fatalf("PutRaw(%q) = %v", k, err)
		}
	}
	if err := raw.PutRaw("other-app/key", []byte("not ours")); err != nil {
		t.Fatalf("PutRaw(other-app/key) = %v", err)
	}
	for pass := range 2 { // quarantined items stay put
		recs, bad, err := s.All()
		if err != nil {
			t.Fatalf("pass %d: All() error = %v", pass, err)
		}
		if len(recs) != 1 || recs[0].ID != "good" {
			t.Errorf("pass %d: All() = %d records, want only \"good\"", pass, len(recs))
		}
		if len(bad) != len(planted) {
			t.Errorf("pass %d: All() quarantined %d items, want %d", pass, len(bad), len(planted))
		}
		for _, q := range bad {
			p, ok := planted[q.Key]
			switch {
			case !ok:
				t.Errorf("pass %d: quarantined unexpected key %q", pass, q.Key)
			case string(q.Data) != p.data:
				t.Errorf("pass %d: quarantined data of %q = %q, want %q", pass, q.Key, q.Data, p.data)
			case !strings.Contains(q.Reason, p.want):
				t.Errorf("pass %d: reason for %q = %q, want it to mention %q", pass, q.Key, q.Reason, p.want)
			}
		}
	}
}

// v1 returns a session record as version 1 of the record format wrote it
// (with its kind), with the given ID and number of sets.
func v1(id string, sets int) string {
	done := strings.TrimSuffix(strings.Repeat("[10],", sets), ",")
	return `{"v":1,"id":"` + id + `","kind":"session","program":"back","session":{"started":"2026-01-06T09:00:00+01:00",` +
		`"painBefore":3,"effort":5,"exercises":[{"exercise":"bridge","target":[3,10],"sets":[` + done + `],"painDuring":2}]}}`
}

// testOlder plants records as the first version of Spry stored them: in
// version 1 of the record format, under the longer key of the time.
func testOlder(t *testing.T, s progress.Store) {
	raw, ok := s.(progress.RawStore)
	if !ok {
		t.Skip("store does not take raw writes")
	}
	const legacy = "spry/progress/"
	plant := func(key, data string) {
		if err := raw.PutRaw(key, []byte(data)); err != nil {
			t.Fatalf("PutRaw(%q) = %v", key, err)
		}
	}
	plant(legacy+"old", v1("old", 3))
	plant(progress.Key("v1"), v1("v1", 2))
	plant(legacy+"resumed", v1("resumed", 1))
	put(t, s, Session("resumed", t0, 2)) // resumed since: rewritten under its new key
	plant(legacy+"moved", v1("elsewhere", 1))
	recs, bad, err := s.All()
	if err != nil {
		t.Fatalf("All() error = %v", err)
	}
	sets := map[string]int{}
	for _, r := range recs {
		if r.Kind != progress.KindSession || r.Session == nil {
			t.Errorf("All(): record %q has kind %q, want a session", r.ID, r.Kind)
			continue
		}
		sets[r.ID] = len(r.Session.Exercises[0].Sets)
	}
	want := map[string]int{"old": 3, "v1": 2, "resumed": 2}
	if len(recs) != len(want) {
		t.Errorf("All() = %d records, want %d (one copy of each)", len(recs), len(want))
	}
	for id, n := range want {
		if sets[id] != n {
			t.Errorf("All(): record %q has %d sets, want %d", id, sets[id], n)
		}
	}
	if len(bad) != 1 || bad[0].Key != legacy+"moved" || !strings.Contains(bad[0].Reason, "does not match its storage key") {
		t.Errorf("All() quarantined %+v, want %q for not matching its key", bad, legacy+"moved")
	}
}

func mustEncode(t *testing.T, r progress.Record) string {
	t.Helper()
	data, err := progress.Encode(r)
	if err != nil {
		t.Fatalf("Encode(%s) = %v", r.ID, err)
	}
	return string(data)
}

func put(t *testing.T, s progress.Store, r progress.Record) {
	t.Helper()
	if err := s.Put(r); err != nil {
		t.Fatalf("Put(%s) = %v", r.ID, err)
	}
}

// sameRecords compares record sets exactly, by their stored form.
func sameRecords(t *testing.T, what string, got, want []progress.Record) {
	t.Helper()
	g, w := encoded(t, got), encoded(t, want)
	if len(g) != len(w) {
		t.Errorf("%s = %d records, want %d", what, len(g), len(w))
		return
	}
	for i := range g {
		if g[i] != w[i] {
			t.Errorf("%s: record %s, want %s", what, g[i], w[i])
		}
	}
}
