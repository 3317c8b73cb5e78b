package progress

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// FileVersion is the version of the progress file Export writes.
const FileVersion = 1

// FileKind is the value of the "spry" field that marks a progress file.
const FileKind = "progress"

// MaxFileSize is the largest progress file Import reads (years of daily
// sessions take well under a megabyte).
const MaxFileSize = 16 << 20

// maxImportErrors caps how many bad records one failed import lists.
const maxImportErrors = 10

// file is the progress file: {"spry":"progress","v":1,"records":[...]}.
type file struct {
	Spry    string            `json:"spry"`
	V       *int              `json:"v"`
	Records []json.RawMessage `json:"records"`
}

// Export returns a progress file holding records, sorted by time then ID so
// that the same records always give the same file. It fails only on a
// record that does not pass Validate.
func Export(records []Record) ([]byte, error) {
	sorted := append([]Record(nil), records...)
	sortRecords(sorted)
	var b bytes.Buffer
	fmt.Fprintf(&b, "{\"spry\":%q,\"v\":%d,\"records\":[", FileKind, FileVersion)
	for i, r := range sorted {
		data, err := Encode(r)
		if err != nil {
			return nil, fmt.Errorf("progress: export: %w", err)
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n")
		b.Write(data)
	}
	b.WriteString("\n]}\n")
	return b.Bytes(), nil
}

// sortRecords orders records by time, then ID.
func sortRecords(rs []Record) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i].Time(), rs[j].Time()
		if !a.Equal(b) {
			return a.Before(b)
		}
		return rs[i].ID < rs[j].ID
	})
}

// Import reads a progress file and merges it into existing: a record whose
// ID is new is added; for an ID already there, the copy holding more of the
// session is kept (see Store.Put). It returns the merged log, sorted by
// time, and how many records were added. A bad file changes nothing: merged
// is nil and the error names every problem found (up to ten records).
func Import(data []byte, existing []Record) (merged []Record, added int, err error) {
	if len(data) > MaxFileSize {
		return nil, 0, fmt.Errorf("progress file: %d bytes is more than the %d allowed", len(data), MaxFileSize)
	}
	var f file
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(&f); err != nil {
		return nil, 0, fmt.Errorf("progress file: not a Spry progress file: %v", err)
	}
	if d.More() {
		return nil, 0, errors.New("progress file: data after the end of the file")
	}
	switch {
	case f.Spry != FileKind:
		return nil, 0, fmt.Errorf("progress file: spry: %q is not %q: not a Spry progress file", clip(f.Spry), FileKind)
	case f.V == nil:
		return nil, 0, errors.New("progress file: v: missing file version")
	case *f.V > FileVersion:
		return nil, 0, fmt.Errorf("progress file: v: version %d is newer than this app reads (%d): update the app", *f.V, FileVersion)
	case *f.V < 1:
		return nil, 0, fmt.Errorf("progress file: v: version %d does not exist", *f.V)
	}
	var errs []error
	in := make([]Record, 0, len(f.Records))
	var fd fastDecoder
	for i, raw := range f.Records {
		r, err := fd.decode(raw)
		if err != nil {
			if len(errs) == maxImportErrors {
				errs = append(errs, fmt.Errorf("progress file: more bad records not listed"))
				break
			}
			errs = append(errs, fmt.Errorf("progress file: records[%d]: %w", i, err))
			continue
		}
		in = append(in, r)
	}
	if len(errs) > 0 {
		return nil, 0, errors.Join(errs...)
	}
	merged = append(make([]Record, 0, len(existing)+len(in)), existing...)
	at := make(map[string]int, len(merged))
	for i, r := range merged {
		at[r.ID] = i
	}
	for _, r := range in {
		k, ok := at[r.ID]
		if !ok {
			at[r.ID] = len(merged)
			merged = append(merged, r)
			added++
			continue
		}
		if old := merged[k]; old.Session != nil && r.Session != nil && moreComplete(r.Session, old.Session) && !sameRecord(r, old) {
			merged[k] = r
		}
	}
	sortRecords(merged)
	return merged, added, nil
}

// sameRecord reports whether a and b encode the same.
func sameRecord(a, b Record) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// csvHeader names the columns of CSV.
var csvHeader = []string{
	"date", "start", "end", "program", "session", "block", "step", "exercise", "target", "sets done",
	"pain before", "pain during", "pain after", "next-morning pain", "effort",
	"skipped", "stopped for pain", "leg symptoms spreading", "new numbness or weakness", "red flags yes",
	"new pain and age under 20 or over 50", "note",
}

// CSV returns the sessions in records as CSV for the therapist: one row per
// exercise of each session (one row for a session without exercises), in
// time order, with the next-morning pain joined in. Times are in the time
// zone the device recorded. Records of other kinds than sessions and
// morning reports (PSFS entries, resumes) are left out: the table has one
// row per exercise done; the progress file (Export) and the therapist's
// review carry the PSFS scores.
func CSV(records []Record) []byte {
	sorted := append([]Record(nil), records...)
	sortRecords(sorted)
	morning := map[string]*Morning{}
	for i := range sorted {
		if m := sorted[i].Morning; m != nil {
			if old, ok := morning[m.Session]; !ok || !m.At.Before(old.At) {
				morning[m.Session] = m
			}
		}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(csvHeader)
	for _, r := range sorted {
		s := r.Session
		if s == nil {
			continue
		}
		row := func(e *Exercise) []string {
			end := ""
			if !s.Ended.IsZero() {
				end = s.Ended.Format("15:04")
			}
			mp := ""
			if m := morning[r.ID]; m != nil {
				mp = strconv.Itoa(m.Pain)
			}
			yes := ""
			if s.RedFlags != nil {
				q := make([]string, len(s.RedFlags.Yes))
				for i, n := range s.RedFlags.Yes {
					q[i] = strconv.Itoa(n)
				}
				yes = strings.Join(q, " ")
				if yes == "" {
					yes = "none"
				}
			}
			out := []string{s.Started.Format("2006-01-02"), s.Started.Format("15:04"), end, cell(r.Program), cell(r.ID),
				"", "", "", "", "", score(s.PainBefore), "", score(s.PainAfter), mp, score(s.Effort),
				"", "", "", yesNo(s.NewNumbness), yes, yesNo(s.RedFlags != nil && s.RedFlags.AgeFlag), cell(s.Note)}
			if e != nil {
				var done []string
				for _, set := range e.Sets {
					done = append(done, dose(set.Reps, set.HoldSeconds))
				}
				out[5], out[6], out[7] = strconv.Itoa(e.Block), strconv.Itoa(e.Step), cell(e.Exercise)
				out[8] = strconv.Itoa(e.Target.Sets) + " × " + dose(e.Target.Reps, e.Target.HoldSeconds)
				out[9] = strings.Join(done, " ")
				out[11] = score(e.PainDuring)
				out[15], out[16], out[17] = yesNo(e.Skipped), yesNo(e.StoppedForPain), yesNo(e.Spreading)
			}
			return out
		}
		if len(s.Exercises) == 0 {
			_ = w.Write(row(nil))
		}
		for i := range s.Exercises {
			_ = w.Write(row(&s.Exercises[i]))
		}
	}
	w.Flush()
	return b.Bytes()
}

// dose writes reps with an optional hold: "10", "6@10s".
func dose(reps int, hold float64) string {
	if hold > 0 {
		return strconv.Itoa(reps) + "@" + strconv.FormatFloat(hold, 'f', -1, 64) + "s"
	}
	return strconv.Itoa(reps)
}

func score(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

// cell guards a free-text cell against spreadsheet formula injection: a
// cell starting with = + - @ (or a tab or carriage return) gets a leading
// apostrophe, as OWASP's "CSV Injection" page advises.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
