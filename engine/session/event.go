package session

import (
	"fmt"
	"strings"
	"time"
)

// EventKind says what an event reports.
type EventKind int

// The kinds of event a session emits, for cues and for the log.
const (
	// PhaseStarted: a segment began; Phase names its kind.
	PhaseStarted EventKind = iota
	// RepCounted: a repetition was completed.
	RepCounted
	// Countdown: Remaining (3, 2 or 1) seconds are left of a Hold, Rest,
	// GetReady or SwitchSide segment; Phase names its kind.
	Countdown
	// SideSwitched: the left half of a set of a left-then-right exercise is
	// done and the right half comes next; Side is Right. It is emitted even
	// when the program gives no time to switch sides. Alternating exercises
	// do not emit it: each of their reps carries its side.
	SideSwitched
	// SetDone: a set ended; RepsDone of RepsPlanned repetitions were done.
	SetDone
	// ExerciseDone: an exercise ended.
	ExerciseDone
	// SessionDone: the session ended.
	SessionDone
	// Paused: the session was paused.
	Paused
	// Resumed: the session was resumed.
	Resumed
)

var eventKindNames = [...]string{
	"phase-started", "rep-counted", "countdown", "side-switched",
	"set-done", "exercise-done", "session-done", "paused", "resumed",
}

// String returns the event kind's lower-case name, such as "rep-counted".
func (k EventKind) String() string {
	if k < 0 || int(k) >= len(eventKindNames) {
		return "event(?)"
	}
	return eventKindNames[k]
}

// Event is something that happened in a session, at the session time it was
// due. Events are emitted at their scheduled times, not at the time of the
// update that noticed them, so the events of a session do not depend on how
// often it is updated.
type Event struct {
	Kind EventKind
	// At is the session time at which the event was due.
	At time.Duration
	// Exercise, Set, Rep, Side and Phase describe the segment the event
	// belongs to, as in Segment. For Paused and Resumed they describe the
	// segment under way.
	Exercise int
	Set      int
	Rep      int
	Side     Side
	Phase    Kind
	// Remaining is the number of whole seconds left, for a Countdown.
	Remaining int
	// RepsDone and RepsPlanned count the repetitions of a set, over both
	// sides, for a SetDone.
	RepsDone    int
	RepsPlanned int
	// Skipped marks a SetDone or ExerciseDone cut short by Skip.
	Skipped bool
	// Partial marks a SetDone or ExerciseDone with fewer repetitions done
	// than planned, whether by Skip or by FinishSet.
	Partial bool
}

// String formats the event on one line for logs and tests, such as
// "12.500s rep-counted ex=0 set=1 rep=3 side=left".
func (e Event) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%.3fs %v", e.At.Seconds(), e.Kind)
	switch e.Kind {
	case PhaseStarted, Paused, Resumed:
		fmt.Fprintf(&b, " %v", e.Phase)
		e.where(&b)
	case Countdown:
		fmt.Fprintf(&b, " %v %d", e.Phase, e.Remaining)
		e.where(&b)
	case RepCounted, SideSwitched:
		e.where(&b)
	case SetDone:
		fmt.Fprintf(&b, " ex=%d set=%d reps=%d/%d", e.Exercise, e.Set, e.RepsDone, e.RepsPlanned)
	case ExerciseDone:
		fmt.Fprintf(&b, " ex=%d", e.Exercise)
	}
	if e.Skipped {
		b.WriteString(" skipped")
	}
	if e.Partial {
		b.WriteString(" partial")
	}
	return b.String()
}

func (e Event) where(b *strings.Builder) {
	fmt.Fprintf(b, " ex=%d set=%d", e.Exercise, e.Set)
	if e.Rep > 0 {
		fmt.Fprintf(b, " rep=%d", e.Rep)
	}
	if e.Side != NoSide {
		fmt.Fprintf(b, " side=%v", e.Side)
	}
}
