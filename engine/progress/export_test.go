package progress_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/progress"
	"spry/engine/progress/storetest"
)

var t0 = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

func sampleLog() []progress.Record {
	a := storetest.Session("a", t0, 3)
	b := storetest.Session("b", t0.Add(24*time.Hour), 2)
	b.Session.Note = "=HYPERLINK(\"x\")"
	b.Session.Exercises[0].Spreading = true
	c := storetest.Session("c", t0.Add(48*time.Hour), 0)
	c.Session.Exercises = nil
	c.Session.RedFlags = &progress.RedFlags{Yes: []int{6, 7}, AgeFlag: true}
	m := progress.Record{V: 1, ID: "m-a", Kind: progress.KindMorning, Program: "back",
		Morning: &progress.Morning{Session: "a", At: t0.Add(23 * time.Hour), Pain: 2}}
	return []progress.Record{c, b, m, a}
}

func TestExportImportRoundTrip(t *testing.T) {
	log := sampleLog()
	data, err := progress.Export(log)
	require.NoError(t, err)
	again, err := progress.Export([]progress.Record{log[3], log[1], log[0], log[2]})
	require.NoError(t, err)
	assert.Equal(t, string(data), string(again), "Export depends on the order of records")

	merged, added, err := progress.Import(data, nil)
	require.NoError(t, err)
	assert.Equal(t, 4, added)
	out, err := progress.Export(merged)
	require.NoError(t, err)
	assert.Equal(t, string(data), string(out), "Export(Import(Export(log)))")

	// Importing the same file again adds nothing.
	merged2, added, err := progress.Import(data, merged)
	require.NoError(t, err)
	assert.Equal(t, 0, added, "Import twice: added")
	assert.Len(t, merged2, 4)
}

func TestImportMerges(t *testing.T) {
	log := sampleLog()
	data, err := progress.Export(log[:2]) // c and b
	require.NoError(t, err)
	short := storetest.Session("b", t0.Add(24*time.Hour), 1) // this device has fewer sets of b
	existing := []progress.Record{log[3], short}             // a and b
	merged, added, err := progress.Import(data, existing)
	require.NoError(t, err)
	assert.Equal(t, 1, added, "Import added (only c is new)")
	require.Len(t, merged, 3)
	for _, r := range merged {
		if r.ID == "b" {
			assert.Len(t, r.Session.Exercises[0].Sets, 2, "the more complete copy of b is kept")
		}
	}
	assert.Len(t, existing[1].Session.Exercises[0].Sets, 1, "Import changed existing")
}

func TestImportErrors(t *testing.T) {
	good := func() string {
		data, err := progress.Export(sampleLog()[3:])
		require.NoError(t, err)
		return string(data)
	}()
	tests := []struct {
		name string
		data string
		want []string
	}{
		{"empty", ``, []string{"not a Spry progress file", "EOF"}},
		{"not json", `hello`, []string{"not a Spry progress file"}},
		{"other file", `{"spry":"program","v":1,"records":[]}`, []string{`spry: "program" is not "progress"`}},
		{"no version", `{"spry":"progress","records":[]}`, []string{"v: missing file version"}},
		{"newer", `{"spry":"progress","v":2,"records":[]}`, []string{"version 2 is newer than this app reads (1)"}},
		{"unknown field", `{"spry":"progress","v":1,"records":[],"extra":1}`, []string{`unknown field "extra"`}},
		{"trailing", `{"spry":"progress","v":1,"records":[]} {}`, []string{"data after the end"}},
		{"bad record", strings.Replace(good, `"painBefore":3`, `"painBefore":-1`, 1),
			[]string{`records[0]: record "a": session.painBefore: -1 is not between 0 and 10`}},
		{"two bad records", `{"spry":"progress","v":1,"records":[{"v":2},{"v":1,"id":"x","kind":"walk","program":"p"}]}`,
			[]string{`records[0]: record "": id: is empty`, `record "": session, morning, resume or psfs: missing`,
				`records[1]: record "x": migrating from version 1: kind: unknown kind "walk"`}},
	}
	existing := sampleLog()
	for _, tt := range tests {
		merged, added, err := progress.Import([]byte(tt.data), existing)
		require.Error(t, err, "%s: Import", tt.name)
		assert.Nil(t, merged, "%s: merged", tt.name)
		assert.Zero(t, added, "%s: added", tt.name)
		for _, w := range tt.want {
			assert.Contains(t, err.Error(), w, "%s: Import error", tt.name)
		}
	}
	// Many bad records: the list is capped.
	var b strings.Builder
	b.WriteString(`{"spry":"progress","v":1,"records":[`)
	for i := range 30 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"v":1,"id":"r%d"}`, i)
	}
	b.WriteString("]}")
	_, _, err := progress.Import([]byte(b.String()), nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "more bad records not listed")
	assert.Equal(t, 10, strings.Count(err.Error(), "records["), "records listed")
}

func TestCSV(t *testing.T) {
	got := string(progress.CSV(sampleLog()))
	want := `date,start,end,program,session,block,step,exercise,target,sets done,pain before,pain during,pain after,next-morning pain,effort,skipped,stopped for pain,leg symptoms spreading,new numbness or weakness,red flags yes,new pain and age under 20 or over 50,note
2026-01-05,09:00,,back,a,0,0,bridge,3 × 10,10 10 10,3,2,,2,5,,,,,none,,"felt fine, ""really"""
2026-01-06,09:00,,back,b,0,0,bridge,3 × 10,10 10,3,2,,,5,,,yes,,none,,"'=HYPERLINK(""x"")"
2026-01-07,09:00,,back,c,,,,,,3,,,,5,,,,,6 7,yes,"felt fine, ""really"""
`
	assert.Equal(t, want, got, "CSV(sampleLog())")
}

func TestDecodeRecordErrors(t *testing.T) {
	valid, err := progress.Encode(storetest.Session("a", t0, 1))
	require.NoError(t, err)
	swap := func(old, new string) string { return strings.Replace(string(valid), old, new, 1) }
	tests := []struct {
		name string
		data string
		want string
	}{
		{"not json", `[`, "record: not a JSON object with a version"},
		{"no version", `{"id":"a"}`, `record "a": v: missing schema version`},
		{"newer", `{"v":3,"id":"a"}`, `record "a": v: version 3 is newer than this app reads (2): update the app`},
		{"zero version", `{"v":0,"id":"a"}`, `record "a": v: version 0 does not exist`},
		{"unknown field", swap(`"program"`, `"colour":1,"program"`), `record "a": json: unknown field "colour"`},
		{"kind in version 2", swap(`"program"`, `"kind":"session","program"`), `record "a": json: unknown field "kind"`},
		{"no payload", `{"v":2,"id":"a","program":"p"}`, `record "a": session, morning, resume or psfs: missing`},
		{"v1 no payload", `{"v":1,"id":"a","kind":"session","program":"p"}`, `record "a": migrating from version 1: session: missing for a session record`},
		{"v1 no kind", `{"v":1,"id":"a","program":"p","resume":{"block":0,"at":"2026-01-01T00:00:00Z"}}`, `record "a": migrating from version 1: kind: missing`},
		{"v1 other kind", `{"v":1,"id":"a","kind":"morning","program":"p","resume":{"block":0,"at":"2026-01-01T00:00:00Z"}}`, `record "a": migrating from version 1: morning: missing for a morning record`},
		{"two payloads", swap(`"session":{`, `"resume":{"block":0,"at":"2026-01-01T00:00:00Z"},"session":{`), "holds more than one"},
		{"pain range", swap(`"painDuring":2`, `"painDuring":11`), `session.exercises[0].painDuring: 11 is not between 0 and 10`},
		{"negative block", swap(`"exercises":[{`, `"exercises":[{"block":-2,`), `session.exercises[0].block: -2 is negative`},
		{"red flag number", swap(`"yes":[]`, `"yes":[12]`), `session.redFlags.yes[0]: 12 is not a question number`},
		{"wrong type", swap(`"effort":5`, `"effort":"5"`), `record "a": json: cannot unmarshal string`},
		{"trailing", string(valid) + `{}`, "after top-level value"},
		{"fractional reps", swap(`"sets":[[10]]`, `"sets":[[10.5]]`), `record "a": sets: want [reps] or [reps, holdSeconds], got [10.5]: not a whole number`},
		{"target form", swap(`"target":[3,10]`, `"target":{"sets":3}`), `record "a": target: want [sets, reps]`},
		{"bad time", swap(`"started":"2026-01-05T09:00:00Z"`, `"started":"yesterday"`), `record "a": parsing time`},
		{"too big", `{"v":1,"id":"a","note":"` + strings.Repeat("x", progress.MaxRecordSize) + `"}`, "bytes is more than"},
	}
	for _, tt := range tests {
		_, err := progress.DecodeRecord([]byte(tt.data))
		require.Error(t, err, "%s: DecodeRecord", tt.name)
		assert.Contains(t, err.Error(), tt.want, "%s: DecodeRecord", tt.name)
	}
	r, err := progress.DecodeRecord(valid)
	require.NoError(t, err)
	again, err := progress.Encode(r)
	require.NoError(t, err)
	assert.Equal(t, string(valid), string(again), "Encode(DecodeRecord(x))")
}

func TestNewID(t *testing.T) {
	id, err := progress.NewID(time.Date(2026, 1, 5, 10, 0, 0, 0, time.FixedZone("", 3600)), bytes.NewReader([]byte{1, 2, 3, 4}))
	require.NoError(t, err)
	assert.Equal(t, "20260105T090000Z-01020304", id)
	_, err = progress.NewID(t0, bytes.NewReader(nil))
	assert.Error(t, err, "NewID with no randomness")
	a, err := progress.NewID(t0, nil)
	require.NoError(t, err)
	b, err := progress.NewID(t0, nil)
	require.NoError(t, err)
	assert.NotEqual(t, a, b, "two NewIDs at the same second")
}

func TestInProgress(t *testing.T) {
	done := storetest.Session("done", t0.Add(72*time.Hour), 3)
	done.Session.Ended = done.Session.Started.Add(20 * time.Minute)
	open1 := storetest.Session("open1", t0, 1)
	open2 := storetest.Session("open2", t0.Add(24*time.Hour), 2)
	other := storetest.Session("other", t0.Add(96*time.Hour), 1)
	other.Program = "neck"
	tests := []struct {
		log    []progress.Record
		want   string
		wantOK bool
	}{
		{nil, "", false},
		{[]progress.Record{done}, "", false},
		{[]progress.Record{open2, done, open1, other}, "open2", true},
	}
	for _, tt := range tests {
		got, ok := progress.InProgress(tt.log, "back")
		assert.Equal(t, tt.wantOK, ok, "InProgress ok")
		assert.Equal(t, tt.want, got.ID, "InProgress(%d records) = %q, want %q", len(tt.log), got.ID, tt.want)
	}
}
