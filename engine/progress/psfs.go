package progress

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The limits of a PSFS entry (CLINICAL.md E).
const (
	// MinActivities and MaxActivities bound the activities the patient
	// names.
	MinActivities = 3
	MaxActivities = 5
	// MaxActivityScore is the top of the 0–10 scale: 10 means able to do
	// the activity as before the problem.
	MaxActivityScore = 10
	// MaxActivityName is the longest activity name accepted, in runes.
	MaxActivityName = 200
)

// PSFS is one Patient-Specific Functional Scale entry (CLINICAL.md E): the
// 3–5 activities the patient finds hard because of their back, each scored
// 0 (unable) to 10 (as before the problem). The patient names the
// activities at the start and scores the same ones each time. It is the
// payload of a KindPSFS record.
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
// its field: a date, 3 to 5 activities, each named in 1 to 200 characters
// of valid UTF-8 without control characters, and scored 0 to 10.
func (p PSFS) Validate() error {
	var errs []error
	p.check(func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", field, fmt.Sprintf(format, args...)))
	})
	return errors.Join(errs...)
}

// check calls add with each problem of the entry: the field and a message.
func (p PSFS) check(add func(field, format string, args ...any)) {
	if p.Date.IsZero() {
		add("date", "missing")
	}
	if n := len(p.Activities); n < MinActivities || n > MaxActivities {
		add("activities", "%d activities, want %d to %d", n, MinActivities, MaxActivities)
	}
	for i, a := range p.Activities {
		field := func(f string) string { return fmt.Sprintf("activities[%d].%s", i, f) }
		switch {
		case strings.TrimSpace(a.Name) == "":
			add(field("name"), "missing")
		case !utf8.ValidString(a.Name):
			add(field("name"), "not valid UTF-8")
		case utf8.RuneCountInString(a.Name) > MaxActivityName:
			add(field("name"), "longer than %d characters", MaxActivityName)
		case strings.IndexFunc(a.Name, unicode.IsControl) >= 0:
			add(field("name"), "holds a control character")
		}
		if a.Score < 0 || a.Score > MaxActivityScore {
			add(field("score"), "%d, want 0 to %d", a.Score, MaxActivityScore)
		}
	}
}
