// Package simulate shows a therapist how a program would progress over its
// weeks: it plays a synthetic patient through the real progression rules
// (progress.Next), session by session, and tabulates what each block asks
// for week by week and why.
package simulate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"spry/engine/program"
	"spry/engine/progress"
)

// Scenario is how the synthetic patient feels, session by session. Pain
// scores are on the 0–10 scale of the default zones (green 0–2, amber 3–5,
// red above 5).
type Scenario string

// The built-in scenarios.
const (
	// AllGreen: pain 1–2 before, during and after, effort 5, the next
	// morning no worse than before the session.
	AllGreen Scenario = "all-green"
	// SomeAmber: resting pain stays at 3 (before, after, next morning);
	// every fourth session (the 2nd, 6th, ...) pain during rises to amber
	// (4), above the pain before; every fourth (the 4th, 8th, ...) it is
	// amber (3) but no higher than before. The others are green (1–2).
	SomeAmber Scenario = "some-amber"
	// FlareWeek2: green in week 1; in week 2 pain during the first session
	// goes red (7), pain after is 6, the next mornings are worse than before
	// the sessions and the week stays amber; from week 3 it settles back to
	// green.
	FlareWeek2 Scenario = "flare-week-2"
)

// Scenarios returns the built-in scenarios in the order they are shown.
func Scenarios() []Scenario { return []Scenario{AllGreen, SomeAmber, FlareWeek2} }

// ParseScenario returns the built-in scenario named s ("all-green",
// "some-amber", "flare-week-2").
func ParseScenario(s string) (Scenario, error) {
	for _, k := range Scenarios() {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("unknown scenario %q (want all-green, some-amber or flare-week-2)", s)
}

// DefaultSessionsPerWeek is how many sessions a week the synthetic patient
// does unless told otherwise.
const DefaultSessionsPerWeek = 3

// Option changes how Simulate runs.
type Option func(*config)

type config struct {
	perWeek int
	lang    string
}

// SessionsPerWeek sets how many sessions a week the patient does, 1 to 7,
// spread over the week; the default is DefaultSessionsPerWeek.
func SessionsPerWeek(n int) Option {
	return func(c *config) { c.perWeek = min(max(n, 1), 7) }
}

// Lang sets the language of the reasons ("en" by default).
func Lang(lang string) Option { return func(c *config) { c.lang = lang } }

// Table is the outcome of a simulation: for each block of the program, one
// row per week.
type Table struct {
	Program         string   `json:"program"`
	Scenario        Scenario `json:"scenario"`
	Weeks           int      `json:"weeks"`
	SessionsPerWeek int      `json:"sessionsPerWeek"`
	Blocks          []Block  `json:"blocks"`
	// ProgramWeeks holds what concerns the whole program, week by week.
	ProgramWeeks []Week `json:"programWeeks"`
}

// Week is what the plans of one week said about the whole program.
type Week struct {
	// Week counts from 1.
	Week int `json:"week"`
	// StepBack is set when the whole program stepped back (P4).
	StepBack bool `json:"stepBack,omitempty"`
	// ContactClinician is set when a plan asked the patient to contact
	// their clinician.
	ContactClinician bool `json:"contactClinician,omitempty"`
	// Notes are the plans' program-level messages, each once, in order.
	Notes []string `json:"notes,omitempty"`
}

// Block is one program block's weeks.
type Block struct {
	// Index is the block's index in the program.
	Index int   `json:"index"`
	Weeks []Row `json:"weeks"`
}

// Row is what a block asked for in one week: the session of that week with
// the most notable change (a stop, then a step back, then a step up, ...;
// the latest of equals), and every session's dose for a chart.
type Row struct {
	// Week counts from 1.
	Week     int    `json:"week"`
	Step     int    `json:"step"`
	Exercise string `json:"exercise"`
	Sets     int    `json:"sets"`
	Reps     int    `json:"reps"`
	// HoldSeconds is 0 for an exercise without a hold.
	HoldSeconds float64             `json:"holdSeconds,omitempty"`
	Kind        progress.ChangeKind `json:"kind"`
	// Rule names the rule that decided it (progress.RuleP1, ...), if any.
	Rule   string `json:"rule,omitempty"`
	Reason string `json:"reason"`
	// Sessions lists the dose of each session of the week, in order.
	Sessions []Dose `json:"sessions"`
}

// Dose is the dose one session played, for a chart.
type Dose struct {
	Step        int                 `json:"step"`
	Sets        int                 `json:"sets"`
	Reps        int                 `json:"reps"`
	HoldSeconds float64             `json:"holdSeconds,omitempty"`
	Kind        progress.ChangeKind `json:"kind"`
}

// notability ranks change kinds for picking a week's row: higher shows.
var notability = map[progress.ChangeKind]int{
	progress.Stop: 9, progress.StepBack: 8, progress.Progress: 7, progress.Resumed: 6,
	progress.Quota: 5, progress.Baseline: 4, progress.Start: 3, progress.Hold: 2,
	progress.Locked: 1, progress.Fixed: 0,
}

// Simulate plays weeks weeks of scenario on program p from start, asking
// progress.Next for the plan before every session, and returns the table.
// A scenario that is not built in plays as AllGreen.
// Sessions fall at start's time of day, spread over each 7-day week
// (Monday, Wednesday and Friday for three a week when start is a Monday);
// each is followed by a next-morning pain report at 08:00 the next day. The
// red-flag screen, when due, is answered no.
func Simulate(p *program.Program, lib *program.Library, scenario Scenario, weeks int, start time.Time, opts ...Option) Table {
	c := config{perWeek: DefaultSessionsPerWeek, lang: "en"}
	for _, o := range opts {
		o(&c)
	}
	weeks = max(weeks, 0)
	t := Table{Program: p.ID, Scenario: scenario, Weeks: weeks, SessionsPerWeek: c.perWeek}
	t.ProgramWeeks = make([]Week, weeks)
	t.Blocks = make([]Block, len(p.Blocks))
	for i := range t.Blocks {
		t.Blocks[i] = Block{Index: i, Weeks: make([]Row, weeks)}
	}
	var log []progress.Record
	g := 0 // sessions so far
	for w := 0; w < weeks; w++ {
		for k := 0; k < c.perWeek; k++ {
			at := start.AddDate(0, 0, 7*w+k*7/c.perWeek)
			plan := progress.Next(p, lib, log, at)
			f := feel(scenario, w+1, k, g)
			pw := &t.ProgramWeeks[w]
			pw.Week = w + 1
			pw.StepBack = pw.StepBack || plan.StepBack
			pw.ContactClinician = pw.ContactClinician || plan.ContactClinician
			for _, n := range plan.Notes {
				if s := n.Text(c.lang); !slices.Contains(pw.Notes, s) {
					pw.Notes = append(pw.Notes, s)
				}
			}
			for i, bp := range plan.Blocks {
				row := &t.Blocks[i].Weeks[w]
				row.Week = w + 1
				ch := progress.Change{Kind: progress.Fixed}
				if len(bp.Changes) > 0 {
					ch = bp.Changes[0]
				}
				row.Sessions = append(row.Sessions, Dose{Step: bp.Step, Sets: bp.Dose.Sets, Reps: bp.Dose.Reps, HoldSeconds: bp.Dose.HoldSeconds, Kind: ch.Kind})
				if k == 0 || notability[ch.Kind] >= notability[row.Kind] {
					row.Step, row.Exercise = bp.Step, bp.Exercise
					row.Sets, row.Reps, row.HoldSeconds = bp.Dose.Sets, bp.Dose.Reps, bp.Dose.HoldSeconds
					row.Kind, row.Rule, row.Reason = ch.Kind, ch.Rule, ch.Reason.Text(c.lang)
				}
			}
			log = append(log, session(p, plan, f, at, g)...)
			g++
		}
	}
	return t
}

// feeling is what the synthetic patient reports about one session.
type feeling struct {
	before, during, after, effort, morning int
}

// feel returns the scenario's scores for session k (from 0) of week w (from
// 1), the g-th session in all (from 0).
func feel(s Scenario, w, k, g int) feeling {
	green := feeling{before: 2, during: 1 + g%2, after: 2, effort: 5, morning: 2}
	switch s {
	case SomeAmber:
		f := feeling{before: 3, during: 1 + g%2, after: 3, effort: 5, morning: 3}
		switch g % 4 {
		case 1:
			f.during = 4
		case 3:
			f.during = 3
		}
		return f
	case FlareWeek2:
		switch {
		case w == 2 && k == 0:
			return feeling{before: 3, during: 7, after: 6, effort: 7, morning: 6}
		case w == 2:
			return feeling{before: 4, during: 5, after: 5, effort: 6, morning: 6}
		case w == 3 && k == 0:
			return feeling{before: 3, during: 3, after: 3, effort: 5, morning: 3}
		}
	}
	return green
}

// session returns the records of the g-th session, played at now to plan
// with feeling f: the session and its next-morning report.
func session(p *program.Program, plan progress.Plan, f feeling, now time.Time, g int) []progress.Record {
	id := "sim-" + strconv.Itoa(g)
	s := &progress.Session{
		Started:    now,
		Ended:      now.Add(20 * time.Minute),
		PainBefore: progress.Pain(f.before),
		PainAfter:  progress.Pain(f.after),
		Effort:     progress.Pain(f.effort),
	}
	if plan.RedFlagScreen {
		s.RedFlags = &progress.RedFlags{Yes: []int{}}
	}
	for _, bp := range plan.Blocks {
		e := progress.Exercise{
			Block: bp.Block, Step: bp.Step, Exercise: bp.Exercise,
			Target:     progress.Target{Sets: bp.Dose.Sets, Reps: bp.Dose.Reps, HoldSeconds: bp.Dose.HoldSeconds},
			PainDuring: progress.Pain(f.during),
		}
		if bp.Stopped {
			e.Skipped = true
		} else {
			for range bp.Dose.Sets {
				e.Sets = append(e.Sets, progress.Set{Reps: bp.Dose.Reps, HoldSeconds: bp.Dose.HoldSeconds})
			}
		}
		s.Exercises = append(s.Exercises, e)
	}
	y, m, d := now.AddDate(0, 0, 1).Date()
	morning := time.Date(y, m, d, 8, 0, 0, 0, now.Location())
	return []progress.Record{
		{V: progress.Version, ID: id, Kind: progress.KindSession, Program: p.ID, Session: s},
		{V: progress.Version, ID: id + "-morning", Kind: progress.KindMorning, Program: p.ID,
			Morning: &progress.Morning{Session: id, At: morning, Pain: f.morning}},
	}
}

// DoseText describes the row's dose compactly: "1×10", "2×6, hold 5 s".
func (r Row) DoseText() string {
	s := fmt.Sprintf("%d×%d", r.Sets, r.Reps)
	if r.HoldSeconds > 0 {
		s += ", hold " + strconv.FormatFloat(r.HoldSeconds, 'f', -1, 64) + " s"
	}
	return s
}

// Text returns the table laid out for a terminal: a heading, then for each
// block its rows, week by week, in aligned columns, then the program-level
// notes of each week.
func (t Table) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s · %s · %d sessions a week · %d weeks\n", t.Program, t.Scenario, t.SessionsPerWeek, t.Weeks)
	for _, blk := range t.Blocks {
		fmt.Fprintf(&b, "\nblock %d\n", blk.Index+1)
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "week\texercise\tdose\tchange\treason")
		for _, r := range blk.Weeks {
			kind := string(r.Kind)
			if r.Rule != "" {
				kind += " (" + r.Rule + ")"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", r.Week, r.Exercise, r.DoseText(), kind, r.Reason)
		}
		tw.Flush()
	}
	b.WriteString("\nprogram\n")
	for _, w := range t.ProgramWeeks {
		flags := ""
		if w.StepBack {
			flags += " [program steps back]"
		}
		if w.ContactClinician {
			flags += " [contact the clinician]"
		}
		fmt.Fprintf(&b, "week %d%s\n", w.Week, flags)
		for _, n := range w.Notes {
			fmt.Fprintf(&b, "  - %s\n", n)
		}
	}
	return b.String()
}
