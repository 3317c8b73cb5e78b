package progress_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"spry/engine/progress"
)

// FuzzDecodeRecord checks that no stored bytes make the record decoder
// panic, that every rejection says what was wrong, and that what it accepts
// encodes back to a record it accepts again unchanged.
// Seed corpus: testdata/fuzz/FuzzDecodeRecord.
func FuzzDecodeRecord(f *testing.F) {
	for _, r := range sampleLog() {
		data, err := progress.Encode(r)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := progress.DecodeRecord(data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "record") || !strings.Contains(err.Error(), ": ") {
				t.Fatalf("DecodeRecord(%q) error %q does not name the record and the problem", data, err)
			}
			return
		}
		enc, err := progress.Encode(r)
		if err != nil {
			t.Fatalf("Encode(DecodeRecord(%q)) = %v", data, err)
		}
		r2, err := progress.DecodeRecord(enc)
		if err != nil {
			t.Fatalf("DecodeRecord(Encode(DecodeRecord(%q))) = %v", data, err)
		}
		enc2, err := progress.Encode(r2)
		if err != nil || string(enc2) != string(enc) {
			t.Fatalf("round trip of %q: %s, then %s (%v)", data, enc, enc2, err)
		}
	})
}

// FuzzImport checks that no file makes Import panic or change anything
// when it fails, that every rejection names the progress file, and that an
// accepted file merges without losing or duplicating records.
// Seed corpus: testdata/fuzz/FuzzImport.
func FuzzImport(f *testing.F) {
	data, err := progress.Export(sampleLog())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"spry":"progress","v":1,"records":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		existing := sampleLog()[:2]
		before, err := progress.Export(existing)
		if err != nil {
			t.Fatal(err)
		}
		merged, added, err := progress.Import(data, existing)
		after, err2 := progress.Export(existing)
		if err2 != nil || string(after) != string(before) {
			t.Fatalf("Import(%q) changed the existing records", data)
		}
		if err != nil {
			if merged != nil || added != 0 {
				t.Fatalf("Import(%q) failed (%v) but returned %d records, %d added", data, err, len(merged), added)
			}
			if !strings.HasPrefix(err.Error(), "progress file: ") {
				t.Fatalf("Import(%q) error %q does not say it is about the progress file", data, err)
			}
			return
		}
		ids := map[string]bool{}
		for _, r := range merged {
			if ids[r.ID] {
				t.Fatalf("Import(%q) merged two records with ID %q", data, r.ID)
			}
			ids[r.ID] = true
		}
		if len(merged) != len(existing)+added {
			t.Fatalf("Import(%q): %d merged, want %d existing + %d added", data, len(merged), len(existing), added)
		}
	})
}

// oddRecords are records in forms Encode does not write but encoding/json
// reads (or refuses in its own words): the fast path must decline them or
// read them the same.
var oddRecords = []string{
	` { "v" : 1 , "id" : "a" , "kind" : "morning" , "program" : "back" , "morning" : { "session" : "s" , "at" : "2026-01-06T08:00:00Z" , "pain" : 2 } } `,
	`{"V":1,"ID":"a","Kind":"morning","Program":"back","Morning":{"Session":"s","At":"2026-01-06T08:00:00Z","Pain":2}}`,
	`{"v":1,"id":"a\u00e9\"","kind":"morning","program":"b\/ack","morning":{"session":"s\ud800","at":"2026-01-06T08:00:00Z","pain":2}}`,
	"{\"v\":1,\"id\":\"a\xff\",\"kind\":\"morning\",\"program\":\"back\",\"morning\":{\"session\":\"s\",\"at\":\"2026-01-06T08:00:00Z\",\"pain\":2}}",
	`{"v":1,"id":"a","id":"b","kind":"morning","program":"back","morning":{"session":"s","at":"2026-01-06T08:00:00Z","pain":2}}`,
	`{"v":1,"id":"a","kind":"morning","program":"back","morning":null,"morning":{"session":"s","at":"2026-01-06T08:00:00Z","pain":2}}`,
	`{"v":1,"id":"a","kind":"session","program":"back","session":{"started":"2026-01-05T09:00:00+01:00","painBefore":null,"exercises":[{"exercise":"x","target":[3,10,null],"sets":[[1e1],[-0,0.5],[10.0,-0]]}]}}`,
	`{"v":1,"id":"a","kind":"session","program":"back","session":{"started":"2026-01-05T09:00:00+01:00","exercises":[],"redFlags":{"yes":[]}}}`,
	`{"v":1,"id":"a","kind":"session","program":"back","session":{"started":"2026-01-05T09:00:00+01:00","exercises":null,"redFlags":{"yes":null}}}`,
	`{"v":1,"id":"a","kind":"session","program":"back","session":{"started":"2026-01-05T09:00:00+01:00","exercises":[{"exercise":"x","target":[3,10,2.5e0],"sets":[],"skipped":true,"spreading":false}]}}`,
	`{"v":1,"id":"a","kind":"session","program":"back","session":{"started":"2026-01-05T09:00:00\u002B01:00","exercises":[]}}`,
	`{"v":1.0,"id":"a","kind":"resume","program":"back","resume":{"block":1,"at":"2026-01-07T08:00:00Z"}}`,
	`{"v":1,"id":"a","kind":"resume","program":"back","resume":{"block":1e0,"at":"2026-01-07T08:00:00Z"}}`,
	`{"v":1,"id":"a","kind":"resume","program":"back","resume":{"block":99999999999999999999,"at":"2026-01-07T08:00:00Z"}}`,
	`{"v":01,"id":"a"}`,
	`{"v":2,"id":"a","program":"back","morning":{"session":"s","at":"2026-01-06T08:00:00Z","pain":2}}`,
	`{"v":2,"id":"a","kind":"morning","program":"back","morning":{"session":"s","at":"2026-01-06T08:00:00Z","pain":2}}`,
	`{"v":2,"id":"a","program":"back","morning":{"session":"s","at":"2026-01-06T08:00:00Z","pain":2},"resume":{"block":1,"at":"2026-01-07T08:00:00Z"}}`,
	`{"v":1,"id":"a","kind":"resume","program":"back","morning":{"session":"s","at":"2026-01-06T08:00:00Z","pain":2},"resume":{"block":1,"at":"2026-01-07T08:00:00Z"}}`,
	`{"kind":"resume","program":"back","resume":{"block":1,"at":"2026-01-07T08:00:00Z"},"v":1,"id":"a"}`,
	`{"id":"a","v":1,"kind":"resume","program":"back","resume":{"block":1,"at":"2026-01-07T08:00:00Z"}}`,
}

// FuzzDecodeFast holds the fast path of DecodeRecord to the encoding/json
// reference: whatever it takes, it must read exactly as decodeStrict does,
// to the same record, or the same validation error. Seeds: sampleLog,
// oddRecords and the records of testdata/records.
func FuzzDecodeFast(f *testing.F) {
	for _, r := range sampleLog() {
		data, err := progress.Encode(r)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range oddRecords {
		f.Add([]byte(s))
	}
	old, err := filepath.Glob("testdata/records/v*/*.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range old {
		if data, err := os.ReadFile(name); err == nil && filepath.Base(name) != "progress-file.json" {
			f.Add(bytes.TrimSpace(data))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFast(t, data)
	})
}

// checkFast fails t when the fast path takes data and reads it otherwise
// than decodeStrict.
func checkFast(t *testing.T, data []byte) {
	t.Helper()
	fast, ok := progress.DecodeFast(data)
	if !ok {
		return
	}
	strict, err := progress.DecodeStrict(data)
	verr := fast.Validate()
	switch {
	case err == nil && verr == nil:
		if !reflect.DeepEqual(fast, strict) {
			t.Fatalf("fast path read %q as\n%+v\nwant (encoding/json)\n%+v", data, fast, strict)
		}
	case err == nil || verr == nil || err.Error() != verr.Error():
		t.Fatalf("fast path read %q with error %v, encoding/json with %v", data, verr, err)
	}
}

// TestDecodeFast checks the odd forms against the reference, and that the
// fast path takes every record Encode writes (else loading is slow again).
func TestDecodeFast(t *testing.T) {
	for _, s := range oddRecords {
		checkFast(t, []byte(s))
	}
	log := append(sampleLog(), dailyLog(t, benchProgram(), loadLibrary(t), 120)...)
	for _, r := range log {
		data, err := progress.Encode(r)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := progress.DecodeFast(data); !ok {
			t.Errorf("DecodeFast(%s) declined a record Encode wrote", data)
		}
		checkFast(t, data)
	}
}
