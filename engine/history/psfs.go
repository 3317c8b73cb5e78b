package history

import (
	"slices"
	"strings"
	"time"

	"spry/engine/progress"
)

// The limits of a PSFS entry (CLINICAL.md E), as package progress sets
// them.
const (
	// MinActivities and MaxActivities bound the activities the patient
	// names.
	MinActivities = progress.MinActivities
	MaxActivities = progress.MaxActivities
	// MaxScore is the top of the 0–10 scale: 10 means able to do the
	// activity as before the problem.
	MaxScore = progress.MaxActivityScore
	// MaxActivityName is the longest activity name accepted, in runes.
	MaxActivityName = progress.MaxActivityName
	// PSFSInterval is how often the PSFS is asked for during a program.
	PSFSInterval = 14
	// PSFSEarlyDays is how many days before it falls due a PSFS entry
	// still counts for that due date, so that a patient who answered on
	// day 12 is not asked again on day 14.
	PSFSEarlyDays = 3
)

// PSFS is one Patient-Specific Functional Scale entry: the 3–5 activities
// the patient finds hard because of their back, each scored 0 (unable) to
// 10 (as before). It is stored as a progress record of kind "psfs"; this
// is progress.PSFS under the name the history has always used.
type PSFS = progress.PSFS

// Activity is one activity of a PSFS entry and its score
// (progress.Activity).
type Activity = progress.Activity

// PSFSOf returns the PSFS entries of program in log, oldest first (by
// date, then record ID).
func PSFSOf(log []progress.Record, program string) []PSFS {
	var recs []*progress.Record
	for i := range log {
		if r := &log[i]; r.Program == program && r.PSFS != nil {
			recs = append(recs, r)
		}
	}
	slices.SortStableFunc(recs, func(a, b *progress.Record) int {
		if c := a.PSFS.Date.Compare(b.PSFS.Date); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	out := make([]PSFS, len(recs))
	for i, r := range recs {
		out[i] = *r.PSFS
	}
	return out
}

// PSFSDates returns the dates on which the PSFS falls due for a program
// starting on start and lasting weeks weeks (DefaultWeeks when 0 or less):
// the first day, every PSFSInterval days after it, and the last day of the
// program (CLINICAL.md E).
func PSFSDates(start time.Time, weeks int) []time.Time {
	if weeks <= 0 {
		weeks = DefaultWeeks
	}
	weeks = min(weeks, MaxWeeks)
	first := dateOf(start)
	end := first.AddDate(0, 0, 7*weeks-1)
	var out []time.Time
	for d := first; d.Before(end); d = d.AddDate(0, 0, PSFSInterval) {
		out = append(out, d)
	}
	return append(out, end)
}

// PSFSDue reports whether the patient should be asked for a PSFS entry at
// now: the latest due date (see PSFSDates) on or before now has no entry
// dated from PSFSEarlyDays days before it onwards (an entry dated after now,
// from a device clock that moved, counts). A missed entry stays
// due until it is given; a later due date supersedes it.
func PSFSDue(entries []PSFS, start time.Time, weeks int, now time.Time) bool {
	today := dateOf(now)
	var due time.Time
	for _, d := range PSFSDates(start, weeks) {
		if !d.After(today) {
			due = d
		}
	}
	if due.IsZero() {
		return false
	}
	from := due.AddDate(0, 0, -PSFSEarlyDays)
	for _, e := range entries {
		if !dateOf(e.Date).Before(from) {
			return false
		}
	}
	return true
}
