package progress_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/program"
	"spry/engine/progress"
)

// benchProgram has four laddered blocks, as a typical low-back program.
func benchProgram() *program.Program {
	return &program.Program{Schema: 1, ID: "back", Blocks: []program.Block{
		{Exercise: "bridge", Ladder: []program.Step{{Exercise: "bridge"}, {Exercise: "single-leg-bridge"}}},
		{Exercise: "bird-dog", Ladder: []program.Step{{Exercise: "bird-dog", Bracing: true}}},
		{Exercise: "side-bridge-knees", Ladder: []program.Step{{Exercise: "side-bridge-knees", Bracing: true}, {Exercise: "side-bridge-feet", Bracing: true}}},
		{Exercise: "dead-bug", Ladder: []program.Step{{Exercise: "dead-bug"}}},
	}}
}

// dailyLog plays days of daily sessions as a patient following the plan
// would: every set done, pain mostly green with an amber day every 5 and a
// red day every 17, and next-morning pain logged, in the order the app
// would have written the records.
func dailyLog(tb testing.TB, p *program.Program, lib *program.Library, days int) []progress.Record {
	start := time.Date(2024, 1, 1, 8, 30, 0, 0, time.FixedZone("CET", 3600))
	var log []progress.Record
	for d := range days {
		at := start.AddDate(0, 0, d)
		plan := progress.Next(p, lib, log, at)
		during := 1
		switch {
		case d%17 == 16:
			during = 6
		case d%5 == 4:
			during = 3
		}
		s := &progress.Session{Started: at, Ended: at.Add(25 * time.Minute), PainBefore: progress.Pain(2),
			PainAfter: progress.Pain(2), Effort: progress.Pain(5)}
		if d%7 == 0 {
			s.RedFlags = &progress.RedFlags{Yes: []int{}}
		}
		for _, b := range plan.Blocks {
			e := progress.Exercise{Block: b.Block, Step: b.Step, Exercise: b.Exercise, PainDuring: progress.Pain(during),
				Target: progress.Target{Sets: b.Dose.Sets, Reps: b.Dose.Reps, HoldSeconds: b.Dose.HoldSeconds}}
			for range b.Dose.Sets {
				e.Sets = append(e.Sets, progress.Set{Reps: b.Dose.Reps, HoldSeconds: b.Dose.HoldSeconds})
			}
			s.Exercises = append(s.Exercises, e)
		}
		id := fmt.Sprintf("%s-%08x", at.UTC().Format("20060102T150405Z"), d*7919)
		log = append(log, progress.Record{V: 1, ID: id, Kind: progress.KindSession, Program: p.ID, Session: s})
		log = append(log, progress.Record{V: 1, ID: id + "-m", Kind: progress.KindMorning, Program: p.ID,
			Morning: &progress.Morning{Session: id, At: at.Add(23 * time.Hour), Pain: 2}})
	}
	return log
}

func BenchmarkNext(b *testing.B) {
	lib := loadLibrary(b)
	p := benchProgram()
	log := dailyLog(b, p, lib, 730)
	now := log[len(log)-1].Time().Add(24 * time.Hour)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		progress.Next(p, lib, log, now)
	}
}

// stored returns the log as a store holds it: keys and encoded records.
func stored(tb testing.TB, log []progress.Record) (keys []string, items [][]byte) {
	for _, r := range log {
		data, err := progress.Encode(r)
		require.NoError(tb, err)
		keys = append(keys, progress.Key(r.ID))
		items = append(items, data)
	}
	return keys, items
}

// BenchmarkDecodeAll decodes 2 years of daily sessions with their morning
// reports (1460 records), as a browser store does on every load.
func BenchmarkDecodeAll(b *testing.B) {
	keys, items := stored(b, dailyLog(b, benchProgram(), loadLibrary(b), 730))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		recs, bad := progress.DecodeAll(keys, items)
		if len(recs) != len(keys) || len(bad) != 0 {
			b.Fatalf("DecodeAll = %d records, %d quarantined, want %d, 0", len(recs), len(bad), len(keys))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(keys)), "ns/record")
}

// BenchmarkDecodeRecord decodes one session record of 4 exercises.
func BenchmarkDecodeRecord(b *testing.B) {
	_, items := stored(b, dailyLog(b, benchProgram(), loadLibrary(b), 60))
	data := items[len(items)-2]
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := progress.DecodeRecord(data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestStoredSize holds the stored size of a year of daily sessions at a
// heavy dose (4 exercises, up to 3 sets with holds, morning pain every day)
// to the 300 KB of issue 4, counting what a store keeps: records and keys.
func TestStoredSize(t *testing.T) {
	lib := loadLibrary(t)
	log := dailyLog(t, benchProgram(), lib, 365)
	records, keys := 0, 0
	for _, r := range log {
		data, err := progress.Encode(r)
		require.NoError(t, err)
		records += len(data)
		keys += len(progress.Key(r.ID))
	}
	t.Logf("a year of daily sessions: %d records, %d KB = %d KB of records + %d KB of keys (%q + ID)",
		len(log), (records+keys)/1024, records/1024, keys/1024, progress.KeyPrefix)
	assert.LessOrEqual(t, records+keys, 300*1024, "stored bytes of a year")
}
