package progress

import (
	"math"
	"sort"
	"time"

	"spry/engine/program"
)

// ChangeKind says what happens to a block in the next session.
type ChangeKind string

// The kinds of change.
const (
	// Start: the block has not been done yet; it starts at its starting step.
	Start ChangeKind = "start"
	// Progress: one variable goes up.
	Progress ChangeKind = "progress"
	// Hold: the dose stays the same.
	Hold ChangeKind = "hold"
	// StepBack: one variable goes back down.
	StepBack ChangeKind = "step-back"
	// Stop: the block is not played until the clinician clears it (P5).
	Stop ChangeKind = "stop"
	// Locked: the clinician has fixed the block's dose.
	Locked ChangeKind = "locked"
	// Fixed: the block has no ladder; its prescribed dose is played.
	Fixed ChangeKind = "fixed"
	// Baseline: a graded-activity baseline session.
	Baseline ChangeKind = "baseline"
	// Quota: a graded-activity quota is set or raised.
	Quota ChangeKind = "quota"
	// Resumed: the clinician cleared a block stopped for P5.
	Resumed ChangeKind = "resumed"
)

// Rules that a change can follow, as named in CLINICAL.md.
const (
	RuleProgress = "B"
	RuleP1       = "P1"
	RuleP2       = "P2"
	RuleP3       = "P3"
	RuleP4       = "P4"
	RuleP5       = "P5"
	RuleGap      = "gap"
	RuleGraded   = "graded"
	RuleRedFlags = "red-flags"
)

// Change is a decision about a block with the reason shown to the patient.
type Change struct {
	Kind ChangeKind
	// Rule names the rule that decided it (RuleProgress, RuleP1, ...).
	Rule   string
	Reason Message
}

// BlockPlan is what the next session asks of one program block.
type BlockPlan struct {
	// Block is the index of the block in the program.
	Block int
	// Step is the index of the ladder step to play (0 without a ladder).
	Step     int
	Exercise string
	Dose     program.Dose
	// Stopped means the block is not to be played (P5).
	Stopped bool
	// Flag asks for the clinician's review of the block.
	Flag bool
	// Baseline marks a graded-activity baseline session: the patient does
	// as many repetitions as pain allows and stops.
	Baseline bool
	// Quota is the graded-activity quota, repetitions in all; 0 otherwise.
	Quota   int
	Changes []Change
}

// Plan is the next session: what to play for each block and why, and what
// the patient must be told first.
type Plan struct {
	Program string
	Now     time.Time
	Blocks  []BlockPlan
	// StepBack is set when the whole program stepped back a level (P4).
	StepBack bool
	// ContactClinician asks the patient to contact their clinician
	// (P4, a yes to a red-flag question).
	ContactClinician bool
	// RedFlagScreen asks for the red-flag screen before the session.
	RedFlagScreen bool
	// DoNotStart is set when the latest red-flag screen had a yes.
	DoNotStart bool
	// Notes are program-level messages, most important first.
	Notes []Message
}

// RedFlagInterval is how often the red-flag screen is shown again
// (CLINICAL.md D: weekly).
const RedFlagInterval = 7 * 24 * time.Hour

const day = 24 * time.Hour

// sess is one session of the history, its time clamped to now.
type sess struct {
	id string
	at time.Time
	s  *Session
}

// entry is one exercise record of a block in the history.
type entry struct {
	si int // index of the session in history.sessions
	ex *Exercise
}

// history is the log of one program, cleaned up for Next.
type history struct {
	sessions []sess
	morning  map[string]*Morning // latest morning report per session ID
	resumes  []Resume
	future   int
}

// newHistory keeps the records of program id, drops duplicate IDs (keeping
// the most complete copy), clamps times after now to now (a device clock
// that moved) and sorts sessions by time, then ID.
func newHistory(id string, log []Record, now time.Time) *history {
	h := &history{morning: map[string]*Morning{}}
	byID := map[string]int{}
	for i := range log {
		r := &log[i]
		if r.Program != id {
			continue
		}
		switch {
		case r.Kind == KindSession && r.Session != nil:
			at := r.Session.Started
			if at.After(now) {
				at = now
				h.future++
			}
			if k, ok := byID[r.ID]; ok {
				if moreComplete(r.Session, h.sessions[k].s) {
					h.sessions[k] = sess{id: r.ID, at: at, s: r.Session}
				}
				continue
			}
			byID[r.ID] = len(h.sessions)
			h.sessions = append(h.sessions, sess{id: r.ID, at: at, s: r.Session})
		case r.Kind == KindMorning && r.Morning != nil:
			m := r.Morning
			if m.At.After(now) {
				h.future++
			}
			if old, ok := h.morning[m.Session]; !ok || !m.At.Before(old.At) {
				h.morning[m.Session] = m
			}
		case r.Kind == KindResume && r.Resume != nil:
			res := *r.Resume
			if res.At.After(now) {
				res.At = now
				h.future++
			}
			h.resumes = append(h.resumes, res)
		}
	}
	sort.Slice(h.sessions, func(i, j int) bool {
		a, b := h.sessions[i], h.sessions[j]
		if !a.at.Equal(b.at) {
			return a.at.Before(b.at)
		}
		return a.id < b.id
	})
	return h
}

// moreComplete reports whether a holds more of a session than b: it ended
// later, or records more sets.
func moreComplete(a, b *Session) bool {
	if !a.Ended.Equal(b.Ended) {
		return a.Ended.After(b.Ended)
	}
	return countSets(a) >= countSets(b)
}

func countSets(s *Session) int {
	n := 0
	for _, e := range s.Exercises {
		n += len(e.Sets)
	}
	return n
}

// morningOf returns the next-morning report for session i: its own, else
// one for another session on the same day (one morning covers the day).
func (h *history) morningOf(i int) *Morning {
	if m := h.morning[h.sessions[i].id]; m != nil {
		return m
	}
	d := dateOf(h.sessions[i].at)
	for j := i + 1; j < len(h.sessions) && dateOf(h.sessions[j].at) == d; j++ {
		if m := h.morning[h.sessions[j].id]; m != nil {
			return m
		}
	}
	for j := i - 1; j >= 0 && dateOf(h.sessions[j].at) == d; j-- {
		if m := h.morning[h.sessions[j].id]; m != nil {
			return m
		}
	}
	return nil
}

// dateOf returns the calendar day of t in its own time zone, the device's
// when the record was made.
func dateOf(t time.Time) [3]int {
	y, m, d := t.Date()
	return [3]int{y, int(m), d}
}

// weekly holds the average resting pain (before sessions and next
// mornings) over the three 7-day windows ending at a time.
type weekly struct {
	avg [3]float64
	n   [3]int
}

// weeklyAt averages the readings in (t-7d, t], (t-14d, t-7d] and
// (t-21d, t-14d]. With before set, a reading at t itself is left out: the
// windows are those the plan made just before a session at t saw.
func (h *history) weeklyAt(t time.Time, before bool) weekly {
	var w weekly
	var sum [3]float64
	add := func(at time.Time, pain int) {
		d := t.Sub(at)
		if d < 0 || (d == 0 && before) {
			return
		}
		if k := int(d / (7 * day)); k < 3 {
			sum[k] += float64(pain)
			w.n[k]++
		}
	}
	for _, s := range h.sessions {
		if s.s.PainBefore != nil {
			add(s.at, *s.s.PainBefore)
		}
	}
	for _, m := range h.morning {
		add(m.At, m.Pain)
	}
	for k := range sum {
		if w.n[k] > 0 {
			w.avg[k] = sum[k] / float64(w.n[k])
		}
	}
	return w
}

// rising reports whether w meets P4 under r: the last 7 days' average is up
// by r.WeeklyPainRise or more on the 7 days before, or has risen two weeks
// running.
func (w weekly) rising(r *program.RuleSet) bool {
	if w.n[0] < r.WeeklyMinReadings || w.n[1] < r.WeeklyMinReadings {
		return false
	}
	if w.avg[0]-w.avg[1] >= r.WeeklyPainRise-1e-9 {
		return true
	}
	return w.n[2] >= r.WeeklyMinReadings && w.avg[0] > w.avg[1] && w.avg[1] > w.avg[2]
}

// planner holds what Next works out once for all blocks.
type planner struct {
	p       *program.Program
	lib     *program.Library
	now     time.Time
	h       *history
	names   map[string]program.Text
	wNow    weekly
	wBefore weekly // at the last session, to tell a new P4 from an old one
	redHold bool   // the latest red-flag screen had a yes
}

// Next works out the next session of program p from the progress log and
// the current time. It is a pure function: the same inputs always give the
// same plan, whatever order the log is in. Records of other programs are
// ignored; records dated after now (a device clock that moved) count as
// done at now.
func Next(p *program.Program, lib *program.Library, log []Record, now time.Time) Plan {
	pl := &planner{p: p, lib: lib, now: now, h: newHistory(p.ID, log, now), names: map[string]program.Text{}}
	if lib != nil {
		for i := range lib.Exercises {
			pl.names[lib.Exercises[i].ID] = lib.Exercises[i].Name
		}
	}
	plan := Plan{Program: p.ID, Now: now}
	pl.wNow = pl.h.weeklyAt(now, false)
	if n := len(pl.h.sessions); n > 0 {
		pl.wBefore = pl.h.weeklyAt(pl.h.sessions[n-1].at, true)
	}
	pl.redFlags(&plan)

	perBlock := make([][]entry, len(p.Blocks))
	for si := range pl.h.sessions {
		s := pl.h.sessions[si].s
		for k := range s.Exercises {
			e := &s.Exercises[k]
			if e.Block >= 0 && e.Block < len(p.Blocks) && !e.Skipped {
				perBlock[e.Block] = append(perBlock[e.Block], entry{si: si, ex: e})
			}
		}
	}
	p4Fresh, p4Any := false, false
	for i := range p.Blocks {
		bp, fresh, any := pl.block(i, perBlock[i])
		p4Fresh = p4Fresh || fresh
		p4Any = p4Any || any
		plan.Blocks = append(plan.Blocks, bp)
	}
	if !p4Any {
		// No pain-monitoring block judged it; judge the prompt by defaults.
		r := program.DefaultRules()
		p4Any = pl.wNow.rising(&r)
	}
	var notes []Message
	if p4Any {
		plan.ContactClinician = true
		plan.StepBack = p4Fresh
		if p4Fresh {
			notes = append(notes, msg("p4-contact", oneDecimal(pl.wNow.avg[0]), oneDecimal(pl.wNow.avg[1])))
		} else {
			notes = append(notes, msg("p4-ongoing", oneDecimal(pl.wNow.avg[0])))
		}
	}
	plan.Notes = append(notes, plan.Notes...)
	for _, b := range plan.Blocks {
		if b.Stopped {
			plan.Notes = append(plan.Notes, msg("p5-flag", pl.name(b.Exercise)))
		}
	}
	if pl.h.future > 0 {
		plan.Notes = append(plan.Notes, msg("clock-future", pl.h.future))
	}
	return plan
}

// redFlags decides whether the red-flag screen is due (CLINICAL.md D) and
// whether its latest answers stop the session.
func (pl *planner) redFlags(plan *Plan) {
	last := -1
	for i := range pl.h.sessions {
		if pl.h.sessions[i].s.RedFlags != nil {
			last = i
		}
	}
	if last < 0 {
		plan.RedFlagScreen = true
		plan.Notes = append(plan.Notes, msg("rf-first"))
		return
	}
	ls := pl.h.sessions[last]
	if yes := ls.s.RedFlags.Yes; len(yes) > 0 {
		plan.DoNotStart, plan.ContactClinician, plan.RedFlagScreen = true, true, true
		pl.redHold = true
		if ls.s.RedFlags.Emergency() {
			plan.Notes = append(plan.Notes, msg("rf-emergency", Date(ls.at)))
		} else {
			plan.Notes = append(plan.Notes, msg("rf-urgent", Date(ls.at)))
		}
		return
	}
	// The latest event since the screen that calls for it again.
	var why *Message
	for i := last; i < len(pl.h.sessions); i++ {
		s := pl.h.sessions[i]
		if s.s.NewNumbness {
			m := msg("rf-numb", Date(s.at))
			why = &m
		}
		for _, e := range s.s.Exercises {
			switch {
			case e.Spreading:
				m := msg("rf-spread", Date(s.at))
				why = &m
			case e.PainDuring != nil && e.Block >= 0 && e.Block < len(pl.p.Blocks) && *e.PainDuring > pl.p.Blocks[e.Block].EffectiveRules().Zones.AmberMax:
				m := msg("rf-red", Date(s.at))
				why = &m
			}
		}
	}
	if why != nil {
		plan.RedFlagScreen = true
		plan.Notes = append(plan.Notes, *why)
		return
	}
	if pl.now.Sub(ls.at) > RedFlagInterval {
		plan.RedFlagScreen = true
		plan.Notes = append(plan.Notes, msg("rf-weekly"))
	}
}

// name returns the exercise's name, or its ID when the library lacks it.
func (pl *planner) name(id string) program.Text {
	if n, ok := pl.names[id]; ok && len(n) > 0 {
		return n
	}
	return program.Text{"en": id}
}

// block plans block i from its entries, oldest first. It also reports
// whether P4 stepped the block back now (fresh) and whether P4 holds for it.
func (pl *planner) block(i int, entries []entry) (bp BlockPlan, fresh, p4 bool) {
	b := &pl.p.Blocks[i]
	bp = BlockPlan{Block: i, Exercise: b.Exercise}
	r := b.EffectiveRules()
	var last *entry
	if len(entries) > 0 {
		last = &entries[len(entries)-1]
	}

	if len(b.Ladder) == 0 {
		bp.Dose = pl.fixedDose(b)
		if pl.stopped(&bp, last) {
			return bp, false, false
		}
		bp.Changes = []Change{{Fixed, "", msg("fixed", pl.name(b.Exercise), doseMsg(bp.Dose))}}
		return bp, false, false
	}

	lv, start := levels(b, pl.lib, &r)
	cur := start
	if last != nil && !b.Locked && b.EffectiveMode() == program.PainMonitoring {
		cur = match(lv, start, last.ex)
	}
	pl.set(&bp, b, lv[cur])
	if pl.stopped(&bp, last) {
		return bp, false, false
	}
	if pl.resumedAfter(i, last) {
		bp.Changes = []Change{{Resumed, RuleP5, msg("resumed", pl.name(bp.Exercise), doseMsg(bp.Dose))}}
		return bp, false, false
	}
	if b.Locked {
		bp.Changes = []Change{{Locked, "", msg("locked", pl.name(bp.Exercise), doseMsg(bp.Dose))}}
		return bp, false, false
	}
	if b.EffectiveMode() == program.GradedActivity {
		pl.graded(&bp, b, &r, lv[start], entries)
		return bp, false, false
	}

	p4 = pl.wNow.rising(&r)
	fresh = p4 && !pl.wBefore.rising(&r)
	if last == nil {
		if fresh {
			// Nothing done yet, so nothing to step back from.
			fresh = false
		}
		bp.Changes = []Change{{Start, "", msg("start", pl.name(bp.Exercise), doseMsg(bp.Dose))}}
		return bp, fresh, p4
	}

	// Step back: one rule is enough.
	ls := pl.h.sessions[last.si]
	if gap := pl.now.Sub(ls.at); gap > time.Duration(r.GapDays)*day {
		pl.stepBack(&bp, b, lv, cur, RuleGap, msg("why-gap", int(gap/day)))
		return bp, fresh, p4
	}
	if d := last.ex.PainDuring; d != nil && *d > r.Zones.AmberMax {
		pl.stepBack(&bp, b, lv, cur, RuleP1, msg("why-p1", *d, Date(ls.at)))
		return bp, fresh, p4
	}
	if last.ex.StoppedForPain {
		pl.stepBack(&bp, b, lv, cur, RuleP1, msg("why-p1-stop", Date(ls.at)))
		return bp, fresh, p4
	}
	if a := ls.s.PainAfter; a != nil && *a > r.AfterPainMax {
		pl.stepBack(&bp, b, lv, cur, RuleP2, msg("why-p2", Date(ls.at), *a, r.AfterPainMax))
		return bp, fresh, p4
	}
	run := pl.run(entries, lv, cur, &r)
	for _, e := range run {
		m := pl.h.morningOf(e.si)
		if m == nil {
			continue
		}
		s := pl.h.sessions[e.si]
		if s.s.PainBefore != nil && m.Pain >= *s.s.PainBefore+r.MorningStepBack {
			pl.stepBack(&bp, b, lv, cur, RuleP3, msg("why-p3", Date(s.at), m.Pain, r.MorningStepBack, *s.s.PainBefore))
			return bp, fresh, p4
		}
		break // only the latest morning report counts
	}
	if fresh {
		pl.stepBack(&bp, b, lv, cur, RuleP4, msg("why-p4"))
		return bp, fresh, p4
	}
	if p4 {
		pl.hold(&bp, RuleP4, msg("why-p4-hold"))
		return bp, fresh, p4
	}
	if pl.redHold {
		pl.hold(&bp, RuleRedFlags, msg("why-red-flags"))
		return bp, fresh, p4
	}

	// Step up when the last SessionsInARow days at this level were all good.
	days, amber := 0, false
	prev := [3]int{}
	for _, e := range run {
		s := pl.h.sessions[e.si]
		if d := dateOf(s.at); d != prev {
			if days == r.SessionsInARow {
				break
			}
			days++
			prev = d
		}
		why, isAmber := pl.judge(e, lv[cur].dose, &r)
		if why != nil {
			pl.hold(&bp, RuleProgress, *why)
			return bp, fresh, p4
		}
		amber = amber || isAmber
	}
	if days < r.SessionsInARow {
		pl.hold(&bp, RuleProgress, msg("why-row", r.SessionsInARow, days))
		return bp, fresh, p4
	}
	why := msg("why-progress", r.SessionsInARow, r.Zones.GreenMax)
	if amber {
		why = msg("why-progress-amber", r.SessionsInARow)
	}
	if cur+1 >= len(lv) {
		bp.Changes = []Change{{Hold, RuleProgress, msg("stays-top", pl.name(bp.Exercise), doseMsg(bp.Dose), why)}}
		return bp, fresh, p4
	}
	from := lv[cur]
	pl.set(&bp, b, lv[cur+1])
	bp.Changes = []Change{{Progress, RuleProgress, msg("change", pl.name(from.exerciseOf(b)), pl.what(b, from, lv[cur+1]), why)}}
	return bp, fresh, p4
}

// exerciseOf returns the exercise of the level's step.
func (l level) exerciseOf(b *program.Block) string { return b.Ladder[l.step].Exercise }

// set points bp at level l.
func (pl *planner) set(bp *BlockPlan, b *program.Block, l level) {
	bp.Step, bp.Exercise, bp.Dose = l.step, l.exerciseOf(b), l.dose
}

// fixedDose returns the prescribed dose of a block without a ladder.
func (pl *planner) fixedDose(b *program.Block) program.Dose {
	if b.Dose != nil {
		return *b.Dose
	}
	if pl.lib != nil {
		for i := range pl.lib.Exercises {
			if pl.lib.Exercises[i].ID == b.Exercise {
				return pl.lib.Exercises[i].Dose
			}
		}
	}
	return program.Dose{}
}

// stopped applies P5: a block whose latest record reported spreading leg
// symptoms is stopped until a resume record later than that session.
func (pl *planner) stopped(bp *BlockPlan, last *entry) bool {
	if last == nil || !last.ex.Spreading || pl.resumedAfter(bp.Block, last) {
		return false
	}
	at := pl.h.sessions[last.si].at
	bp.Stopped, bp.Flag = true, true
	bp.Changes = []Change{{Stop, RuleP5, msg("stopped", pl.name(last.ex.Exercise), msg("why-p5", Date(at)))}}
	return true
}

// resumedAfter reports whether block i was cleared by a resume record after
// the last entry, which reported spreading symptoms.
func (pl *planner) resumedAfter(i int, last *entry) bool {
	if last == nil || !last.ex.Spreading {
		return false
	}
	at := pl.h.sessions[last.si].at
	for _, r := range pl.h.resumes {
		if r.Block == i && !r.At.Before(at) {
			return true
		}
	}
	return false
}

// run returns the entries played at exactly level cur, newest first, back
// to the first at another dose or before a break longer than r.GapDays.
func (pl *planner) run(entries []entry, lv []level, cur int, r *program.RuleSet) []entry {
	var out []entry
	for k := len(entries) - 1; k >= 0; k-- {
		e := entries[k]
		d, t := lv[cur].dose, e.ex.Target
		if e.ex.Step != lv[cur].step || t.Sets != d.Sets || t.Reps != d.Reps || t.HoldSeconds != d.HoldSeconds {
			break
		}
		if len(out) > 0 {
			newer := pl.h.sessions[out[len(out)-1].si].at
			if newer.Sub(pl.h.sessions[e.si].at) > time.Duration(r.GapDays)*day {
				break
			}
		}
		out = append(out, e)
	}
	return out
}

// judge checks one entry against the conditions for a step up (CLINICAL.md
// B) and returns the reason to hold, if any, and whether pain was amber.
func (pl *planner) judge(e entry, target program.Dose, r *program.RuleSet) (*Message, bool) {
	s := pl.h.sessions[e.si]
	when := Date(s.at)
	missing := func(what string) (*Message, bool) {
		m := msg("why-missing", msg(what), when)
		return &m, false
	}
	full := len(e.ex.Sets) >= target.Sets && !e.ex.StoppedForPain
	for k := 0; full && k < target.Sets; k++ {
		set := e.ex.Sets[k]
		full = set.Reps >= target.Reps && set.HoldSeconds >= target.HoldSeconds
	}
	if !full {
		m := msg("why-not-full", when)
		return &m, false
	}
	if e.ex.PainDuring == nil {
		return missing("missing-during")
	}
	during, amber := *e.ex.PainDuring, *e.ex.PainDuring > r.Zones.GreenMax
	if amber {
		if s.s.PainBefore == nil {
			return missing("missing-before")
		}
		if during > r.Zones.AmberMax || during > *s.s.PainBefore {
			m := msg("why-amber", during, when, *s.s.PainBefore)
			return &m, false
		}
	}
	m := pl.h.morningOf(e.si)
	if m == nil {
		return missing("missing-morning")
	}
	if s.s.PainBefore == nil {
		return missing("missing-before")
	}
	if m.Pain > *s.s.PainBefore {
		w := msg("why-morning", when, m.Pain, *s.s.PainBefore)
		return &w, false
	}
	if s.s.Effort == nil {
		return missing("missing-effort")
	}
	if *s.s.Effort > r.EffortMax {
		w := msg("why-effort", *s.s.Effort, when, r.EffortMax)
		return &w, false
	}
	return nil, amber
}

// hold keeps the block's dose, for the reason why.
func (pl *planner) hold(bp *BlockPlan, rule string, why Message) {
	bp.Changes = []Change{{Hold, rule, msg("stays", pl.name(bp.Exercise), doseMsg(bp.Dose), why)}}
}

// stepBack moves the block one level down, or keeps it at its easiest.
func (pl *planner) stepBack(bp *BlockPlan, b *program.Block, lv []level, cur int, rule string, why Message) {
	if cur == 0 {
		bp.Changes = []Change{{Hold, rule, msg("stays-low", pl.name(bp.Exercise), doseMsg(bp.Dose), why)}}
		return
	}
	from := lv[cur]
	pl.set(bp, b, lv[cur-1])
	bp.Changes = []Change{{StepBack, rule, msg("change", pl.name(from.exerciseOf(b)), pl.what(b, from, lv[cur-1]), why)}}
}

// what describes the move between two neighbouring levels.
func (pl *planner) what(b *program.Block, from, to level) Message {
	if to.step < from.step {
		return msg("step-down", pl.name(to.exerciseOf(b)), doseMsg(to.dose))
	}
	if to.step > from.step {
		return msg("step-up", pl.name(to.exerciseOf(b)), doseMsg(to.dose))
	}
	if from.dose.Reps != to.dose.Reps {
		return msg("reps", from.dose.Reps, to.dose.Reps)
	}
	if from.dose.HoldSeconds != to.dose.HoldSeconds {
		return msg("hold", from.dose.HoldSeconds, to.dose.HoldSeconds)
	}
	if to.dose.Sets == 1 {
		return msg("sets-to-one", from.dose.Sets)
	}
	return msg("sets", from.dose.Sets, to.dose.Sets)
}

// graded plans a graded-activity block (Lindström 1992): baseline sessions
// first, then a quota of repetitions in all that rises by a fixed amount
// after every session. Pain does not change it.
func (pl *planner) graded(bp *BlockPlan, b *program.Block, r *program.RuleSet, base level, entries []entry) {
	name := pl.name(bp.Exercise)
	g := r.Graded
	if len(entries) < g.BaselineSessions {
		bp.Baseline = true
		bp.Changes = []Change{{Baseline, RuleGraded, msg("baseline", name, len(entries)+1, g.BaselineSessions)}}
		return
	}
	total := 0
	for _, e := range entries[:g.BaselineSessions] {
		for _, s := range e.ex.Sets {
			total += s.Reps
		}
	}
	avg := float64(total) / float64(g.BaselineSessions)
	q0 := max(1, int(math.Round(g.QuotaFraction*avg)))
	sets := max(1, base.dose.Sets)
	goal := max(q0, sets*r.RepCeiling)
	done := len(entries) - g.BaselineSessions
	quota := min(goal, q0+g.QuotaIncrement*done)
	prev := min(goal, q0+g.QuotaIncrement*(done-1))
	switch {
	case done == 0:
		bp.Changes = []Change{{Quota, RuleGraded, msg("quota-set", name, quota, oneDecimal(g.QuotaFraction*100), oneDecimal(avg), g.QuotaIncrement)}}
	case prev == quota:
		bp.Changes = []Change{{Hold, RuleGraded, msg("quota-goal", name, quota)}}
	default:
		bp.Changes = []Change{{Quota, RuleGraded, msg("quota-up", name, prev, quota, g.QuotaIncrement)}}
	}
	bp.Quota = quota
	bp.Dose.Sets = sets
	bp.Dose.Reps = (quota + sets - 1) / sets
}

// doseMsg describes a dose: "1 × 10 reps", "2 × 6 reps, 10 s hold".
func doseMsg(d program.Dose) Message {
	if d.HoldSeconds > 0 {
		return msg("dose-hold", d.Sets, d.Reps, d.HoldSeconds)
	}
	return msg("dose", d.Sets, d.Reps)
}

// oneDecimal rounds f to one decimal; messages render it in the patient's
// language ("2.5", "2,5").
func oneDecimal(f float64) float64 {
	return math.Round(f*10) / 10
}
