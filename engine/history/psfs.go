package history

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// The limits of a PSFS entry (CLINICAL.md E).
const (
	// MinActivities and MaxActivities bound the activities the patient
	// names.
	MinActivities = 3
	MaxActivities = 5
	// MaxScore is the top of the 0–10 scale: 10 means able to do the
	// activity as before the problem.
	MaxScore = 10
	// MaxActivityName is the longest activity name accepted, in runes.
	MaxActivityName = 200
	// PSFSInterval is how often the PSFS is asked for during a program.
	PSFSInterval = 14
	// PSFSEarlyDays is how many days before it falls due a PSFS entry
	// still counts for that due date, so that a patient who answered on
	// day 12 is not asked again on day 14.
	PSFSEarlyDays = 3
)

// PSFS is one Patient-Specific Functional Scale entry: the 3–5 activities
// the patient finds hard because of their back, each scored 0 (unable) to
// 10 (as before). The patient names the activities at the start and scores
// the same ones each time. It is meant to be stored as a progress record of
// its own kind ("psfs"), so its JSON form is fixed here.
type PSFS struct {
	Date       time.Time  `json:"date"`
	Activities []Activity `json:"activities"`
}

// Activity is one activity of a PSFS entry and its score.
type Activity struct {
	Name  string `json:"name"`
	Score int    `json:"score"`
}

// Score returns the PSFS score: the mean of the activity scores, 0 when
// there are none.
func (p PSFS) Score() float64 {
	if len(p.Activities) == 0 {
		return 0
	}
	sum := 0
	for _, a := range p.Activities {
		sum += a.Score
	}
	return float64(sum) / float64(len(p.Activities))
}

// Validate checks the entry and returns every problem at once, each naming
// its field.
func (p PSFS) Validate() error {
	var errs []error
	if p.Date.IsZero() {
		errs = append(errs, errors.New("date: missing"))
	}
	if n := len(p.Activities); n < MinActivities || n > MaxActivities {
		errs = append(errs, fmt.Errorf("activities: %d activities, want %d to %d", n, MinActivities, MaxActivities))
	}
	for i, a := range p.Activities {
		switch name := strings.TrimSpace(a.Name); {
		case name == "":
			errs = append(errs, fmt.Errorf("activities[%d].name: missing", i))
		case !utf8.ValidString(a.Name):
			errs = append(errs, fmt.Errorf("activities[%d].name: not valid UTF-8", i))
		case utf8.RuneCountInString(a.Name) > MaxActivityName:
			errs = append(errs, fmt.Errorf("activities[%d].name: longer than %d characters", i, MaxActivityName))
		}
		if a.Score < 0 || a.Score > MaxScore {
			errs = append(errs, fmt.Errorf("activities[%d].score: %d, want 0 to %d", i, a.Score, MaxScore))
		}
	}
	return errors.Join(errs...)
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
