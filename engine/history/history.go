// Package history turns a patient's progress log into what the History
// screen shows: a calendar of planned and done sessions, pain before and
// after each session, each exercise's dose over time and the PSFS activity
// scores (CLINICAL.md E). Everything is plain data, rendered as accessible
// SVG charts and as tables for a text alternative, in English or French.
// Nothing here reads the clock: the current time is passed in.
package history

import (
	"slices"
	"sort"
	"strings"
	"time"

	"spry/engine/program"
	"spry/engine/progress"
)

// History is what the History screen shows for one program.
type History struct {
	// Lang is the language the texts are rendered in ("en" or "fr").
	Lang string
	// Program is the program's ID and Title its title in Lang.
	Program string
	Title   string
	// Now is the time the history was built at.
	Now time.Time
	// Schedule is the schedule used, with its defaults filled in.
	Schedule Schedule
	Calendar Calendar
	// Sessions lists the program's sessions, oldest first.
	Sessions []SessionPoint
	// Exercises lists the dose history of each program block, in program
	// order.
	Exercises []Progression
	// PSFS lists the activity scores, oldest first.
	PSFS []PSFS
	// PSFSDue is set when the patient should be asked for their activity
	// scores now (see PSFSDue).
	PSFSDue bool
}

// Status says how much of a session was done.
type Status string

// The statuses of a session.
const (
	// Complete: every exercise done in full and the session ended.
	Complete Status = "complete"
	// Partial: some sets done, but not all, or the session never ended.
	Partial Status = "partial"
	// Skipped: a session was started but no set was done.
	Skipped Status = "skipped"
)

// StatusOf says how much of session s was done.
func StatusOf(s *progress.Session) Status {
	done, full := 0, !s.Ended.IsZero()
	for _, e := range s.Exercises {
		if len(e.Sets) > 0 {
			done++
		}
		if e.Skipped || e.StoppedForPain || len(e.Sets) < e.Target.Sets {
			full = false
		}
	}
	switch {
	case done == 0:
		return Skipped
	case full:
		return Complete
	}
	return Partial
}

// SessionPoint is one session of the log with its pain scores (NPRS 0–10;
// nil when not asked or not answered).
type SessionPoint struct {
	// ID is the ID of the session record.
	ID      string
	Started time.Time
	Status  Status
	Before  *int
	After   *int
	// Morning is the pain reported the morning after.
	Morning *int
}

// Progression is the dose history of one program block.
type Progression struct {
	// Block is the index of the block in the program.
	Block int
	// Name is the name, in the history's language, of the block's
	// exercise at its latest session (its prescribed exercise before any).
	Name   string
	Points []DosePoint
}

// DosePoint is the dose one session asked of a block, and what was done.
type DosePoint struct {
	// Session is the ID of the session record.
	Session string
	At      time.Time
	// Step is the ladder step played; Exercise its exercise ID and Name
	// its name in the history's language.
	Step     int
	Exercise string
	Name     string
	// Target is the dose the plan asked for.
	Target progress.Target
	// SetsDone counts the sets done.
	SetsDone       int
	Skipped        bool
	StoppedForPain bool
}

// Done reports whether the dose was done in full.
func (d DosePoint) Done() bool {
	return !d.Skipped && !d.StoppedForPain && d.SetsDone >= d.Target.Sets
}

// Build makes the history of program p from the progress log at time now,
// in lang. Records of other programs are ignored; lib names the exercises
// (an exercise missing from it is shown by its ID). The schedule is
// resolved with its start defaulting to the day of the first session, or
// to now before any. psfs lists the PSFS entries of the program in any
// order.
//
// When only a progress file is at hand (a therapist reviewing an export),
// p may be a bare &program.Program{ID: id}: the blocks are then taken from
// the records, named from lib or by their exercise IDs.
func Build(log []progress.Record, p *program.Program, lib *program.Library, s Schedule, psfs []PSFS, now time.Time, lang string) *History {
	lang = base(lang)
	h := &History{Lang: lang, Program: p.ID, Title: p.Title.In(lang), Now: now}
	if h.Title == "" {
		h.Title = p.ID
	}

	var sessions []*progress.Record
	morning := map[string]int{}
	for i := range log {
		r := &log[i]
		if r.Program != p.ID {
			continue
		}
		switch {
		case r.Kind == progress.KindSession && r.Session != nil:
			sessions = append(sessions, r)
		case r.Kind == progress.KindMorning && r.Morning != nil:
			morning[r.Morning.Session] = r.Morning.Pain
		}
	}
	slices.SortStableFunc(sessions, func(a, b *progress.Record) int {
		if c := a.Session.Started.Compare(b.Session.Started); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	sessions = slices.CompactFunc(sessions, func(a, b *progress.Record) bool { return a.ID == b.ID })

	start := now
	if len(sessions) > 0 {
		start = sessions[0].Session.Started
	}
	h.Schedule = s.Resolve(start)

	names := func(id string) string {
		if lib != nil {
			if e, ok := lib.Exercise(id); ok {
				if n := e.Name.In(lang); n != "" {
					return n
				}
			}
		}
		return id
	}
	for i, b := range p.Blocks {
		h.Exercises = append(h.Exercises, Progression{Block: i, Name: names(b.Exercise)})
	}
	for _, r := range sessions {
		ss := r.Session
		sp := SessionPoint{ID: r.ID, Started: ss.Started, Status: StatusOf(ss), Before: ss.PainBefore, After: ss.PainAfter}
		if m, ok := morning[r.ID]; ok {
			sp.Morning = &m
		}
		h.Sessions = append(h.Sessions, sp)
		for _, e := range ss.Exercises {
			if e.Block < 0 || e.Block >= max(len(p.Blocks), program.MaxBlocks) {
				continue
			}
			for len(h.Exercises) <= e.Block {
				// A block the program does not have (a minimal program
				// built from an exported log alone).
				h.Exercises = append(h.Exercises, Progression{Block: len(h.Exercises), Name: names(e.Exercise)})
			}
			pr := &h.Exercises[e.Block]
			pr.Name = names(e.Exercise)
			pr.Points = append(pr.Points, DosePoint{
				Session: r.ID, At: ss.Started, Step: e.Step, Exercise: e.Exercise, Name: pr.Name,
				Target: e.Target, SetsDone: len(e.Sets), Skipped: e.Skipped, StoppedForPain: e.StoppedForPain,
			})
		}
	}
	h.Calendar = buildCalendar(h.Schedule, h.Sessions, now)

	h.PSFS = slices.Clone(psfs)
	sort.SliceStable(h.PSFS, func(i, j int) bool { return h.PSFS[i].Date.Before(h.PSFS[j].Date) }) // see compareLevels' call
	h.PSFSDue = PSFSDue(h.PSFS, h.Schedule.Start, h.Schedule.Weeks, now)
	return h
}
