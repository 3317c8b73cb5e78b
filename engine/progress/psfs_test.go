package progress_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/progress"
)

// psfsRecord is a PSFS record of program "back" at t.
func psfsRecord(id string, t time.Time, scores ...int) progress.Record {
	names := []string{"Putting on socks", `<script>alert("x")</script>`, "Jardiner 🌱", "Lifting", "Sitting"}
	p := &progress.PSFS{Date: t}
	for i, s := range scores {
		p.Activities = append(p.Activities, progress.Activity{Name: names[i], Score: s})
	}
	return progress.Record{V: progress.Version, ID: id, Kind: progress.KindPSFS, Program: "back", PSFS: p}
}

func TestPSFSRecordRoundTrip(t *testing.T) {
	r := psfsRecord("p", time.Date(2026, 1, 5, 17, 0, 0, 0, time.FixedZone("EST", -5*3600)), 3, 4, 2)
	data, err := progress.Encode(r)
	require.NoError(t, err)
	want := `{"v":2,"id":"p","program":"back","psfs":{"date":"2026-01-05T17:00:00-05:00","activities":[` +
		`{"name":"Putting on socks","score":3},{"name":"\u003cscript\u003ealert(\"x\")\u003c/script\u003e","score":4},{"name":"Jardiner 🌱","score":2}]}}`
	assert.Equal(t, want, string(data), "Encode(psfs record)")

	got, err := progress.DecodeRecord(data)
	require.NoError(t, err)
	assert.Equal(t, progress.KindPSFS, got.Kind, "DecodeRecord: Kind set from the payload")
	assert.True(t, r.PSFS.Date.Equal(got.PSFS.Date), "DecodeRecord: date")
	assert.Equal(t, r.PSFS.Activities, got.PSFS.Activities, "DecodeRecord: activities")
	assert.True(t, got.Time().Equal(r.PSFS.Date), "Time() = %v, want the PSFS date", got.Time())
	assert.InDelta(t, 3.0, got.PSFS.Score(), 1e-9, "Score() = mean")

	// The fast path does not read PSFS records: it declines them and the
	// encoding/json reference reads them.
	_, fast := progress.DecodeFast(data)
	assert.False(t, fast, "DecodeFast(psfs record) declines")
	strict, err := progress.DecodeStrict(data)
	require.NoError(t, err)
	assert.Equal(t, strict, got, "DecodeRecord = DecodeStrict")
	checkFast(t, data)
}

func TestPSFSRecordValidate(t *testing.T) {
	day := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	ok := psfsRecord("p", day, 3, 4, 2)
	with := func(f func(r *progress.Record)) progress.Record {
		r := psfsRecord("p", day, 3, 4, 2)
		f(&r)
		return r
	}
	name := func(i int, s string) func(r *progress.Record) {
		return func(r *progress.Record) { r.PSFS.Activities[i].Name = s }
	}
	tests := []struct {
		name string
		r    progress.Record
		want []string
	}{
		{"three", ok, nil},
		{"five", psfsRecord("p", day, 0, 10, 5, 5, 5), nil},
		{"200 characters", with(name(0, strings.Repeat("é", 200))), nil},
		{"two", psfsRecord("p", day, 3, 4), []string{`record "p": psfs.activities: 2 activities, want 3 to 5`}},
		{"six", with(func(r *progress.Record) {
			r.PSFS.Activities = append(r.PSFS.Activities, r.PSFS.Activities...)
		}), []string{"psfs.activities: 6 activities"}},
		{"no date", with(func(r *progress.Record) { r.PSFS.Date = time.Time{} }), []string{`record "p": psfs.date: missing`}},
		{"score 11", with(func(r *progress.Record) { r.PSFS.Activities[1].Score = 11 }), []string{"psfs.activities[1].score: 11, want 0 to 10"}},
		{"score -1", with(func(r *progress.Record) { r.PSFS.Activities[2].Score = -1 }), []string{"psfs.activities[2].score: -1"}},
		{"empty name", with(name(0, "")), []string{"psfs.activities[0].name: missing"}},
		{"blank name", with(name(0, " \u00a0 ")), []string{"psfs.activities[0].name: missing"}},
		{"201 characters", with(name(1, strings.Repeat("x", 201))), []string{"psfs.activities[1].name: longer than 200 characters"}},
		{"invalid UTF-8", with(name(2, "socks\xff")), []string{"psfs.activities[2].name: not valid UTF-8"}},
		{"NUL", with(name(2, "socks\x00")), []string{"psfs.activities[2].name: holds a control character"}},
		{"newline", with(name(0, "socks\nshoes")), []string{"psfs.activities[0].name: holds a control character"}},
		{"escape", with(name(0, "\x1b[31m")), []string{"psfs.activities[0].name: holds a control character"}},
		{"missing payload", progress.Record{ID: "p", Kind: progress.KindPSFS, Program: "back"}, []string{"psfs: missing for a psfs record"}},
		{"two payloads", with(func(r *progress.Record) { r.Resume = &progress.Resume{At: day} }),
			[]string{"the record holds more than one of session, morning, resume and psfs"}},
	}
	for _, tt := range tests {
		err := tt.r.Validate()
		if tt.want == nil {
			assert.NoError(t, err, "Validate(%s)", tt.name)
			continue
		}
		require.Error(t, err, "Validate(%s)", tt.name)
		for _, w := range tt.want {
			assert.Contains(t, err.Error(), w, "Validate(%s)", tt.name)
		}
		_, err = progress.Encode(tt.r)
		assert.Error(t, err, "Encode(%s) refuses an invalid record", tt.name)
	}
}

func TestPSFSDecodeRefuses(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{
		{"unknown field", `{"v":2,"id":"p","program":"back","psfs":{"date":"2026-01-05T09:00:00Z","activities":[],"mood":1}}`, `record "p": json: unknown field "mood"`},
		{"too few", `{"v":2,"id":"p","program":"back","psfs":{"date":"2026-01-05T09:00:00Z","activities":[{"name":"a","score":1}]}}`, `record "p": psfs.activities: 1 activities, want 3 to 5`},
		{"score as text", `{"v":2,"id":"p","program":"back","psfs":{"date":"2026-01-05T09:00:00Z","activities":[{"name":"a","score":"1"}]}}`, `record "p": json: cannot unmarshal string`},
		{"escaped control", `{"v":2,"id":"p","program":"back","psfs":{"date":"2026-01-05T09:00:00Z","activities":[{"name":"a\u0007","score":1},{"name":"b","score":1},{"name":"c","score":1}]}}`, `psfs.activities[0].name: holds a control character`},
		{"in a version 1 record", `{"v":1,"id":"p","kind":"psfs","program":"back","psfs":{"date":"2026-01-05T09:00:00Z","activities":[]}}`, `record "p": migrating from version 1: json: unknown field "psfs"`},
	}
	for _, tt := range tests {
		_, err := progress.DecodeRecord([]byte(tt.data))
		require.Error(t, err, "DecodeRecord(%s)", tt.name)
		assert.Contains(t, err.Error(), tt.want, "DecodeRecord(%s)", tt.name)
	}
}

func TestPSFSExportImport(t *testing.T) {
	log := append(sampleLog(), psfsRecord("p1", t0.Add(-time.Hour), 3, 4, 2), psfsRecord("p2", t0.Add(14*24*time.Hour), 5, 6, 4, 8))
	data, err := progress.Export(log)
	require.NoError(t, err)
	assert.True(t, strings.Index(string(data), `"id":"p1"`) < strings.Index(string(data), `"id":"c"`), "Export sorts the PSFS record by its date")
	merged, added, err := progress.Import(data, nil)
	require.NoError(t, err)
	assert.Equal(t, len(log), added, "Import added")
	var psfs []progress.Record
	for _, r := range merged {
		if r.Kind == progress.KindPSFS {
			psfs = append(psfs, r)
		}
	}
	require.Len(t, psfs, 2, "PSFS records imported")
	assert.Equal(t, "p1", psfs[0].ID)
	assert.Equal(t, log[5].PSFS.Activities, psfs[1].PSFS.Activities, "activities survive the file")
	again, err := progress.Export(merged)
	require.NoError(t, err)
	assert.Equal(t, string(data), string(again), "Export(Import(Export(log)))")

	// Importing into a log that has them adds nothing.
	_, added, err = progress.Import(data, merged)
	require.NoError(t, err)
	assert.Equal(t, 0, added, "Import twice: added")

	// The therapist's CSV lists sessions only: PSFS records are left out.
	assert.Equal(t, string(progress.CSV(sampleLog())), string(progress.CSV(log)), "CSV ignores PSFS records")
}

func TestNextIgnoresPSFS(t *testing.T) {
	p := benchProgram()
	lib := loadLibrary(t)
	log := dailyLog(t, p, lib, 10)
	now := log[len(log)-1].Time().Add(24 * time.Hour)
	want := progress.Next(p, lib, log, now)
	var withPSFS []progress.Record
	for i, r := range log {
		withPSFS = append(withPSFS, r)
		if i%3 == 0 {
			q := psfsRecord("psfs-"+r.ID, r.Time(), 3, 4, 2)
			q.Program = p.ID
			withPSFS = append(withPSFS, q)
		}
	}
	assert.Equal(t, want, progress.Next(p, lib, withPSFS, now), "Next with PSFS records")
}
