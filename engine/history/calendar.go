package history

import "time"

// State is what the calendar shows for one day.
type State string

// The states of a calendar day. A day with a session shows how much of it
// was done, whether planned or not.
const (
	// Rest: no session planned and none done.
	Rest State = "rest"
	// Planned: a session is planned today or later and none is done yet.
	Planned State = "planned"
	// Missed: a session was planned on a past day and none was done.
	Missed State = "missed"
	// Done, DonePartly, DoneSkipped: the best session of the day was
	// complete, partial or skipped.
	Done        State = "complete"
	DonePartly  State = "partial"
	DoneSkipped State = "skipped"
)

// MaxCalendarWeeks bounds the calendar, however far apart the dates in the
// log: two years.
const MaxCalendarWeeks = 104

// Day is one day of the calendar.
type Day struct {
	// Date is the calendar date, at midnight UTC.
	Date time.Time
	// Planned is set when the schedule plans a session that day.
	Planned bool
	// InProgram is set for the days from the schedule's start to its end.
	InProgram bool
	// Sessions counts the sessions started that day.
	Sessions int
	// Best is how much of the day's best session was done ("" for none).
	Best  Status
	Today bool
	State State
}

// Calendar is the grid of weeks, Monday first, from the week of the
// program's start (or of the first session, if earlier) to the week of its
// end (or of today or the last session, if later).
type Calendar struct {
	Weeks [][7]Day
	// Counts holds the number of days in each state, over the whole grid.
	Counts map[State]int
	// Today is today's date, at midnight UTC.
	Today time.Time
}

// rank orders statuses from least to most done.
var rank = map[Status]int{"": 0, Skipped: 1, Partial: 2, Complete: 3}

// buildCalendar lays out the calendar of a resolved schedule.
func buildCalendar(s Schedule, sessions []SessionPoint, now time.Time) Calendar {
	today := dateOf(now)
	first, last := s.Start, s.End()
	if today.After(last) {
		last = today
	}
	best := map[time.Time]Status{}
	count := map[time.Time]int{}
	for _, sp := range sessions {
		d := dateOf(sp.Started)
		first, last = minTime(first, d), maxTime(last, d)
		count[d]++
		if rank[sp.Status] > rank[best[d]] || count[d] == 1 {
			best[d] = sp.Status
		}
	}
	if limit := today.AddDate(0, 0, 7*MaxCalendarWeeks); last.After(limit) {
		last = limit // a program or a session far in the future
	}
	if limit := last.AddDate(0, 0, -7*MaxCalendarWeeks+1); first.Before(limit) {
		first = limit // a session from a device clock far in the past
	}
	first = first.AddDate(0, 0, -mondayIndex(first.Weekday()))
	c := Calendar{Counts: map[State]int{}, Today: today}
	for w := first; !w.After(last); w = w.AddDate(0, 0, 7) {
		var week [7]Day
		for i := range week {
			d := w.AddDate(0, 0, i)
			day := Day{
				Date:      d,
				Planned:   s.Planned(d),
				InProgram: !d.Before(s.Start) && !d.After(s.End()),
				Sessions:  count[d],
				Best:      best[d],
				Today:     d.Equal(today),
			}
			switch {
			case day.Sessions > 0:
				day.State = map[Status]State{Complete: Done, Partial: DonePartly, Skipped: DoneSkipped}[day.Best]
			case day.Planned && d.Before(today):
				day.State = Missed
			case day.Planned:
				day.State = Planned
			default:
				day.State = Rest
			}
			c.Counts[day.State]++
			week[i] = day
		}
		c.Weeks = append(c.Weeks, week)
	}
	return c
}

// minTime returns the earlier of a and b.
func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// maxTime returns the later of a and b.
func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
