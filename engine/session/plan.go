package session

import (
	"math"
	"time"

	"spry/engine/program"
)

// Kind is the kind of a segment of a session: what the patient is doing.
type Kind int

// The kinds of segment, in the order they appear within an exercise.
const (
	// GetReady is the countdown before an exercise starts.
	GetReady Kind = iota
	// Up is the moving phase of a repetition into position.
	Up
	// Hold is the still phase of a repetition, in position.
	Hold
	// Down is the moving phase of a repetition back to the start.
	Down
	// Rest is a rest between sets or between exercises.
	Rest
	// SwitchSide is the pause to change sides between the left and the right
	// half of a set.
	SwitchSide
	// Done is the state of a session after its last segment.
	Done
)

var kindNames = [...]string{"get-ready", "up", "hold", "down", "rest", "switch-side", "done"}

// String returns the kind's lower-case name, such as "get-ready".
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "kind(?)"
	}
	return kindNames[k]
}

// Rep reports whether k is one of the phases of a repetition: Up, Hold or Down.
func (k Kind) Rep() bool { return k == Up || k == Hold || k == Down }

// counts reports whether the last seconds of a segment of kind k are counted
// down aloud.
func (k Kind) counts() bool { return k == Hold || k == Rest || k == GetReady || k == SwitchSide }

// Side is the side of the body a segment works.
type Side int

// The sides of the body.
const (
	// NoSide: both sides work together, or no side is working.
	NoSide Side = iota
	// Left is the left side of the body.
	Left
	// Right is the right side of the body.
	Right
)

// String returns "left", "right" or "none".
func (s Side) String() string {
	switch s {
	case Left:
		return "left"
	case Right:
		return "right"
	}
	return "none"
}

// Timing holds the program-wide pauses of a session.
type Timing struct {
	// GetReady is the countdown before each exercise.
	GetReady time.Duration
	// SwitchSide is the pause between the left and the right half of a set
	// of an exercise done one side at a time.
	SwitchSide time.Duration
	// RestBetweenExercises is the rest after each exercise but the last.
	RestBetweenExercises time.Duration
}

// TimingOf returns the timing a program prescribes.
func TimingOf(p *program.Program) Timing {
	return Timing{
		GetReady:             seconds(p.GetReadySeconds),
		SwitchSide:           seconds(p.SwitchSideSeconds),
		RestBetweenExercises: seconds(p.RestBetweenExercisesSeconds),
	}
}

// seconds converts a number of seconds from program data to a duration,
// rounded to the nanosecond; negative and non-finite values count as zero.
func seconds(s float64) time.Duration {
	if !(s > 0) || math.IsInf(s, 1) {
		return 0
	}
	return time.Duration(math.Round(s * float64(time.Second)))
}

// Segment is one timed step of a session's plan.
//
// Exercise is the index of the exercise in the items the session was built
// from. Set and Rep count from 1. Rep is the repetition on the segment's side:
// for an alternating exercise the reps run left 1, right 1, left 2, right 2...
//
// A segment that waits (GetReady, Rest, SwitchSide) is labelled with what it
// leads to: a rest between sets carries the number of the next set, a rest
// between exercises the index of the next exercise, a SwitchSide the side
// about to start. Its Rep is 0.
type Segment struct {
	Kind Kind
	// Start is the planned session time at which the segment begins, when
	// the session runs without pauses or skips.
	Start time.Duration
	// Length is the planned length of the segment.
	Length   time.Duration
	Exercise int
	Set      int
	Rep      int
	Side     Side
}

// End returns the planned session time at which the segment ends.
func (g Segment) End() time.Duration { return g.Start + g.Length }

// seg is a segment with what the session needs to know about its place in
// the plan.
type seg struct {
	Segment
	// endsRep, endsSide, endsSet and endsExercise say which pieces of work
	// end with the segment.
	endsRep, endsSide, endsSet, endsExercise bool
	// setEnd and exerciseEnd are the indexes of the first segment after the
	// last repetition of the segment's set and of its exercise.
	setEnd, exerciseEnd int
	// setReps is the number of repetitions planned in the segment's set,
	// over both sides.
	setReps int
}

// exercise is the settled shape of one item.
type exercise struct {
	sets, reps int
	sides      program.Sides
	up, hold   time.Duration
	down, rest time.Duration
}

func settle(it program.Item) exercise {
	e := exercise{
		sets:  max(it.Dose.Sets, 1),
		reps:  max(it.Dose.Reps, 1),
		sides: program.Both,
		up:    seconds(it.Dose.Tempo.UpSeconds),
		hold:  seconds(it.Dose.HoldSeconds),
		down:  seconds(it.Dose.Tempo.DownSeconds),
		rest:  seconds(it.Dose.RestSeconds),
	}
	if it.Exercise != nil && (it.Exercise.Sides == program.LeftThenRight || it.Exercise.Sides == program.Alternating) {
		e.sides = it.Exercise.Sides
	}
	return e
}

// planner builds the segment list of a session.
type planner struct {
	segs []seg
	at   time.Duration
}

func (p *planner) add(g Segment) {
	g.Start = p.at
	p.at += g.Length
	p.segs = append(p.segs, seg{Segment: g})
}

// wait adds a waiting segment unless it takes no time.
func (p *planner) wait(k Kind, d time.Duration, ex, set int, side Side) {
	if d > 0 {
		p.add(Segment{Kind: k, Length: d, Exercise: ex, Set: set, Side: side})
	}
}

// rep adds the phases of one repetition that take time. A repetition whose
// phases all take no time becomes a single Up of no length, so that it is
// still counted.
func (p *planner) rep(e exercise, ex, set, rep int, side Side) {
	n := len(p.segs)
	for _, ph := range [...]struct {
		k Kind
		d time.Duration
	}{{Up, e.up}, {Hold, e.hold}, {Down, e.down}} {
		if ph.d > 0 {
			p.add(Segment{Kind: ph.k, Length: ph.d, Exercise: ex, Set: set, Rep: rep, Side: side})
		}
	}
	if len(p.segs) == n {
		p.add(Segment{Kind: Up, Exercise: ex, Set: set, Rep: rep, Side: side})
	}
	p.segs[len(p.segs)-1].endsRep = true
}

// build lays out the whole session.
func build(items []program.Item, t Timing) []seg {
	p := &planner{}
	for ex, it := range items {
		e := settle(it)
		first := NoSide
		if e.sides == program.LeftThenRight {
			first = Left
		}
		if ex > 0 {
			p.wait(Rest, t.RestBetweenExercises, ex, 1, first)
		}
		p.wait(GetReady, t.GetReady, ex, 1, first)
		exStart := len(p.segs)
		for set := 1; set <= e.sets; set++ {
			if set > 1 {
				p.wait(Rest, e.rest, ex, set, first)
			}
			setStart := len(p.segs)
			setReps := e.reps
			switch e.sides {
			case program.Both:
				for r := 1; r <= e.reps; r++ {
					p.rep(e, ex, set, r, NoSide)
				}
			case program.LeftThenRight:
				setReps *= 2
				for r := 1; r <= e.reps; r++ {
					p.rep(e, ex, set, r, Left)
				}
				p.segs[len(p.segs)-1].endsSide = true
				p.wait(SwitchSide, t.SwitchSide, ex, set, Right)
				for r := 1; r <= e.reps; r++ {
					p.rep(e, ex, set, r, Right)
				}
			case program.Alternating:
				setReps *= 2
				for r := 1; r <= e.reps; r++ {
					p.rep(e, ex, set, r, Left)
					p.rep(e, ex, set, r, Right)
				}
			}
			p.segs[len(p.segs)-1].endsSet = true
			for i := setStart; i < len(p.segs); i++ {
				p.segs[i].setEnd = len(p.segs)
				p.segs[i].setReps = setReps
			}
		}
		p.segs[len(p.segs)-1].endsExercise = true
		for i := exStart; i < len(p.segs); i++ {
			p.segs[i].exerciseEnd = len(p.segs)
		}
	}
	return p.segs
}
