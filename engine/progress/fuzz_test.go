package progress_test

import (
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
