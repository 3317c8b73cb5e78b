package history

import (
	"slices"
	"time"

	"spry/engine/program"
)

// DefaultWeeks is the length of a program whose schedule does not say: a
// cycle of 6 weeks (CLINICAL.md G, acute and subacute pain).
const DefaultWeeks = 6

// MaxWeeks is the longest program a schedule describes: two years.
const MaxWeeks = program.MaxWeeks

// Schedule says on which days the patient is asked to do the program
// (ScheduleOf reads it from the program). The zero Schedule means every day
// for DefaultWeeks weeks from the first session.
type Schedule struct {
	// SessionsPerWeek is used when Days is empty: the sessions are spread
	// over the week from the start day (3 from a Monday: Monday, Wednesday,
	// Friday). 0 or 7 and more means every day.
	SessionsPerWeek int
	// Days lists the weekdays of the sessions; it wins over SessionsPerWeek.
	Days []time.Weekday
	// Weeks is the length of the program; 0 means DefaultWeeks. It is
	// capped at MaxWeeks.
	Weeks int
	// Start is the first day of the program. Only its calendar date counts,
	// in its own time zone.
	Start time.Time
}

// ScheduleOf returns the schedule p sets, unresolved: the zero Schedule when
// it sets none.
func ScheduleOf(p *program.Program) Schedule {
	if p == nil || p.Schedule == nil {
		return Schedule{}
	}
	s := Schedule{SessionsPerWeek: p.Schedule.SessionsPerWeek, Weeks: p.Schedule.Weeks}
	for _, d := range p.Schedule.Days {
		if i := slices.Index(program.Weekdays[:], d); i >= 0 {
			s.Days = append(s.Days, time.Weekday(i))
		}
	}
	return s
}

// Resolve returns the schedule with every default filled in: Start set
// to the date of start when zero, the date alone (midnight UTC) kept
// otherwise; Days listed Monday first without repeats; SessionsPerWeek
// equal to len(Days); Weeks from 1 to MaxWeeks.
func (s Schedule) Resolve(start time.Time) Schedule {
	if s.Start.IsZero() {
		s.Start = start
	}
	s.Start = dateOf(s.Start)
	if s.Weeks <= 0 {
		s.Weeks = DefaultWeeks
	}
	s.Weeks = min(s.Weeks, MaxWeeks)
	var days []time.Weekday
	for _, d := range s.Days {
		if d >= time.Sunday && d <= time.Saturday && !slices.Contains(days, d) {
			days = append(days, d)
		}
	}
	if len(days) == 0 {
		n := s.SessionsPerWeek
		if n <= 0 || n > 7 {
			n = 7
		}
		for i := range n {
			days = append(days, (s.Start.Weekday()+time.Weekday(i*7/n))%7)
		}
	}
	slices.SortFunc(days, func(a, b time.Weekday) int { return mondayIndex(a) - mondayIndex(b) })
	s.Days = days
	s.SessionsPerWeek = len(days)
	return s
}

// End returns the last day of a resolved schedule.
func (s Schedule) End() time.Time { return s.Start.AddDate(0, 0, 7*s.Weeks-1) }

// Planned reports whether a session is planned on the date of t, for a
// resolved schedule.
func (s Schedule) Planned(t time.Time) bool {
	d := dateOf(t)
	return !d.Before(s.Start) && !d.After(s.End()) && slices.Contains(s.Days, d.Weekday())
}

// PlannedDays returns every planned date of a resolved schedule, in order.
func (s Schedule) PlannedDays() []time.Time {
	var out []time.Time
	for d := s.Start; !d.After(s.End()); d = d.AddDate(0, 0, 1) {
		if slices.Contains(s.Days, d.Weekday()) {
			out = append(out, d)
		}
	}
	return out
}

// dateOf returns the calendar date of t in its own time zone (the
// device's when a record was made) as midnight UTC, so that dates compare
// and subtract exactly.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// daysBetween returns the number of days from date a to date b.
func daysBetween(a, b time.Time) int { return int(dateOf(b).Sub(dateOf(a)).Hours() / 24) }

// mondayIndex numbers the weekdays from Monday (0) to Sunday (6).
func mondayIndex(d time.Weekday) int { return (int(d) + 6) % 7 }
