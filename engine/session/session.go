// Package session is Spry's follow-along state machine: it plays a program's
// exercises as a sequence of timed segments (get ready, the up, hold and down
// phases of each repetition, rests, side switches), and emits events for cues
// and for the log.
//
// Time is passed in, never read from a clock: the caller gives every method
// the current session time (see Clock for playback speed). Events carry the
// session time at which they were due, not the time of the call that noticed
// them, so a session updated at 60 frames a second and one updated once after
// ten minutes emit exactly the same events.
package session

import (
	"time"

	"spry/engine/program"
)

// Session plays a list of exercises. Create one with New, call Start once,
// then Update every frame with the session time; the actions (Pause, Resume,
// Skip, FinishSet, AdjustRest) take the session time of the patient's tap.
//
// A call whose time is earlier than a time already seen is treated as coming
// at the latest time seen: the session never moves backwards.
//
// Every method that returns events returns those due up to its time, in the
// order they were due; the slice belongs to the caller. A Session is not safe
// for concurrent use.
type Session struct {
	plan  []seg
	exs   []exercise
	total time.Duration

	started, paused, done bool
	// last is the latest session time seen.
	last time.Duration
	// cur is the index of the segment under way, len(plan) once done.
	cur int
	// segStart is the session time the current segment began, moved on by
	// pauses; curLen is its length, changed by AdjustRest.
	segStart, curLen time.Duration
	// counted has bit k set once the countdown at k seconds was emitted.
	counted uint8
	// startAt, pauseAt and doneAt are the session times of Start, of the
	// pause under way and of the end; pausedFor sums the pauses so far.
	startAt, pauseAt, doneAt, pausedFor time.Duration
	// repsDone counts the reps of the set under way; partial records that a
	// set of the exercise under way fell short.
	repsDone int
	partial  bool

	quiet bool
	out   []Event
}

// New returns a session that plays items with the given timing. Items are
// expected to be valid (see package program); a dose with fewer than one set
// or rep is played as one, and negative times count as zero.
func New(items []program.Item, t Timing) *Session {
	s := &Session{plan: build(items, t), exs: make([]exercise, len(items))}
	for i, it := range items {
		s.exs[i] = settle(it)
	}
	if n := len(s.plan); n > 0 {
		s.total = s.plan[n-1].End()
		s.curLen = s.plan[0].Length
	}
	return s
}

// Total returns the planned length of the session, without pauses or skips.
func (s *Session) Total() time.Duration { return s.total }

// Plan returns the segments of the session in order, as planned. The Done
// state that follows the last segment is not a segment.
func (s *Session) Plan() []Segment {
	p := make([]Segment, len(s.plan))
	for i, g := range s.plan {
		p[i] = g.Segment
	}
	return p
}

// Start starts the session at now, with the first segment. It returns the
// events due at now; a session with no exercises is done at once. Start on a
// started session does nothing.
func (s *Session) Start(now time.Duration) []Event {
	if s.started {
		return nil
	}
	s.started = true
	now = max(now, s.last)
	s.last, s.startAt = now, now
	s.enter(0, now)
	s.advance(now)
	return s.flush()
}

// StartAt starts the session at now from set (counting from 1) of exercise
// (an index into the items), as when a session interrupted by a closed tab
// is resumed: it begins with the segment that leads into that set (the
// exercise's get-ready for its first set, the rest before a later one).
// Out-of-range numbers start from the nearest set there is; an exercise past
// the last ends the session at once. StartAt on a started session does
// nothing.
func (s *Session) StartAt(now time.Duration, exercise, set int) []Event {
	if s.started {
		return nil
	}
	i := len(s.plan)
	for j, g := range s.plan {
		if g.Exercise > exercise || (g.Exercise == exercise && g.Set >= set) {
			i = j
			break
		}
	}
	// The rest between exercises belongs to the one before: resume with the
	// exercise's own get-ready.
	if i < len(s.plan) && s.plan[i].Kind == Rest && s.plan[i].Set <= 1 &&
		i+1 < len(s.plan) && s.plan[i+1].Exercise == s.plan[i].Exercise {
		i++
	}
	s.started = true
	now = max(now, s.last)
	s.last, s.startAt = now, now
	s.enter(i, now)
	s.advance(now)
	return s.flush()
}

// Update moves the session on to now and returns the events due since the
// last call. It does nothing before Start, after the end, while paused, or
// when now is earlier than a time already seen.
func (s *Session) Update(now time.Duration) []Event {
	if !s.started || s.done || now < s.last {
		return nil
	}
	s.last = now
	if s.paused {
		return nil
	}
	s.advance(now)
	return s.flush()
}

// Pause moves the session on to now and pauses it there: the current
// segment's remaining time stays frozen until Resume. Pausing a paused,
// unstarted or finished session does nothing.
func (s *Session) Pause(now time.Duration) []Event {
	if !s.started || s.done || s.paused {
		return nil
	}
	now = s.at(now)
	s.advance(now)
	if !s.done {
		s.paused, s.pauseAt = true, now
		s.emitHere(Paused, now)
	}
	return s.flush()
}

// Resume resumes a paused session at now, with the remaining time the
// current segment had when it was paused. Resuming a session that is not
// paused does nothing.
func (s *Session) Resume(now time.Duration) []Event {
	if !s.paused {
		return nil
	}
	now = s.at(now)
	s.unpause(now)
	s.emitHere(Resumed, now)
	s.advance(now)
	return s.flush()
}

// Skip cuts the current segment short at now. During a GetReady, Rest or
// SwitchSide it ends that segment; during a repetition it ends the whole
// exercise, which is reported as skipped, and the session goes on with what
// follows it. A paused session stays paused, at the start of the next segment.
func (s *Session) Skip(now time.Duration) []Event {
	if !s.started || s.done {
		return nil
	}
	now = s.act(now)
	if s.done {
		return s.flush()
	}
	g := &s.plan[s.cur]
	if g.Kind.Rep() {
		s.setDone(g, now, true)
		s.exerciseDone(g, now, true)
		s.jump(g.exerciseEnd, now)
	} else {
		s.jump(s.cur+1, now)
	}
	return s.flush()
}

// FinishSet ends the set under way at now, as when the patient taps Done:
// the repetitions completed so far count, the one in progress does not, and
// the set is reported as partial if it fell short. It works during a
// repetition or a SwitchSide; at other times it only moves the session on to
// now.
func (s *Session) FinishSet(now time.Duration) []Event {
	if !s.started || s.done {
		return nil
	}
	now = s.act(now)
	if s.done {
		return s.flush()
	}
	g := &s.plan[s.cur]
	if !g.Kind.Rep() && g.Kind != SwitchSide {
		return s.flush()
	}
	// Done on the first side of a left-then-right set ends that side: the
	// other side comes next.
	if g.Kind.Rep() && g.Side == Left && s.exs[g.Exercise].sides == program.LeftThenRight {
		for j := s.cur + 1; j < g.setEnd; j++ {
			if n := &s.plan[j]; n.Kind == SwitchSide || n.Side == Right {
				s.emit(s.event(SideSwitched, n, now))
				s.jump(j, now)
				return s.flush()
			}
		}
	}
	s.setDone(g, now, false)
	if g.setEnd == g.exerciseEnd {
		s.exerciseDone(g, now, false)
	}
	s.jump(g.setEnd, now)
	return s.flush()
}

// Step ends the segment under way at now as if its time had run out, then
// pauses at the start of the next one: a therapist stepping through an
// exercise phase by phase. Reps finished this way count as done; the
// countdown of the cut segment is not given.
func (s *Session) Step(now time.Duration) []Event {
	if !s.started || s.done {
		return nil
	}
	now = s.act(now)
	if s.done {
		return s.flush()
	}
	wasPaused := s.paused
	if s.paused {
		s.unpause(now)
	}
	s.counted = 0xff
	s.segStart = now - s.curLen
	s.advance(now)
	if !s.done {
		s.paused, s.pauseAt = true, now
		if !wasPaused {
			s.emitHere(Paused, now)
		}
	}
	return s.flush()
}

// AdjustRest lengthens (d > 0) or shortens (d < 0) the Rest under way by d,
// as when the patient taps +15 s or -15 s. A rest shortened to no time or
// less ends at now; otherwise at least one second remains. At other times it
// only moves the session on to now.
func (s *Session) AdjustRest(now, d time.Duration) []Event {
	if !s.started || s.done {
		return nil
	}
	now = s.act(now)
	if s.done || s.plan[s.cur].Kind != Rest {
		return s.flush()
	}
	t := s.frozen(now)
	elapsed := t - s.segStart
	left := s.curLen - elapsed + d
	if left <= 0 {
		s.jump(s.cur+1, now)
		return s.flush()
	}
	s.curLen = elapsed + max(left, time.Second)
	end := s.segStart + s.curLen
	s.counted = 0
	for k := 1; k <= 3; k++ {
		if end-time.Duration(k)*time.Second < t {
			s.counted |= 1 << k
		}
	}
	if !s.paused {
		s.advance(now)
	}
	return s.flush()
}

// State describes a session at a moment, for display. Before Start it
// describes the first segment, not yet begun. Once the session is done (or
// if it has nothing to play), Kind is Done and the position fields are zero.
type State struct {
	// Kind is the kind of the segment under way, or Done.
	Kind Kind
	// Exercise is the index of the exercise under way, of Exercises; Set of
	// Sets and Rep of Reps count from 1, as in Segment. Reps is per side.
	Exercise, Exercises int
	Set, Sets           int
	Rep, Reps           int
	Side                Side
	// RepsDone counts the repetitions done so far in the set, over both
	// sides.
	RepsDone int
	// Length is the length of the segment under way; Elapsed and Remaining
	// split it at the moment described; Progress is Elapsed/Length, from 0
	// to 1 (1 for a segment of no length).
	Length, Elapsed, Remaining time.Duration
	Progress                   float64
	Paused, Started, Done      bool
	// TotalElapsed is the session time since Start, not counting pauses.
	TotalElapsed time.Duration
}

// State returns the state of the session at now, as if Update(now) had been
// called, without changing the session or losing any event. A time earlier
// than one already seen counts as the latest time seen.
func (s *Session) State(now time.Duration) State {
	c := *s
	c.quiet, c.out = true, nil
	now = max(now, c.last)
	if c.started && !c.paused && !c.done {
		c.advance(now)
	}
	st := State{Exercises: len(c.exs), Paused: c.paused, Started: c.started, Done: c.done}
	if c.started {
		end := now
		switch {
		case c.done:
			end = c.doneAt
		case c.paused:
			end = c.pauseAt
		}
		st.TotalElapsed = end - c.startAt - c.pausedFor
	}
	if c.done || len(c.plan) == 0 {
		// Finished, or nothing to play: no position.
		st.Kind, st.Progress = Done, 1
		return st
	}
	g := c.plan[c.cur]
	e := c.exs[g.Exercise]
	st.Kind, st.Exercise, st.Set, st.Rep, st.Side = g.Kind, g.Exercise, g.Set, g.Rep, g.Side
	st.Sets, st.Reps, st.RepsDone = e.sets, e.reps, c.repsDone
	st.Length = c.curLen
	if c.started {
		st.Elapsed = min(max(c.frozen(now)-c.segStart, 0), c.curLen)
	}
	st.Remaining = st.Length - st.Elapsed
	st.Progress = 1
	if st.Length > 0 {
		st.Progress = float64(st.Elapsed) / float64(st.Length)
	}
	return st
}

// at returns now, or the latest time seen if now is earlier, and records it.
func (s *Session) at(now time.Duration) time.Duration {
	now = max(now, s.last)
	s.last = now
	return now
}

// act prepares an action at now: it moves a running session on to now, or
// for a paused one counts the pause so far and restarts it at now, so that a
// segment the action leads to begins at now. It returns now, clamped as by at.
func (s *Session) act(now time.Duration) time.Duration {
	now = s.at(now)
	if s.paused {
		// Count the pause so far, with the segment's clock still frozen.
		s.unpause(now)
		s.paused = true
		s.pauseAt = now
	} else {
		s.advance(now)
	}
	return now
}

// frozen returns the time at which the current segment's clock stands: now,
// or the time of the pause under way.
func (s *Session) frozen(now time.Duration) time.Duration {
	if s.paused {
		return s.pauseAt
	}
	return now
}

// unpause ends the pause under way at now, moving the current segment on by
// the length of the pause.
func (s *Session) unpause(now time.Duration) {
	shift := now - s.pauseAt
	s.segStart += shift
	s.pausedFor += shift
	s.paused = false
}

// advance emits every event due up to now, segment by segment.
func (s *Session) advance(now time.Duration) {
	for s.started && !s.done && !s.paused {
		g := &s.plan[s.cur]
		end := s.segStart + s.curLen
		if g.Kind.counts() {
			for k := 3; k >= 1; k-- {
				d := time.Duration(k) * time.Second
				if s.counted&(1<<k) == 0 && d <= s.curLen && end-d <= now {
					s.counted |= 1 << k
					e := s.event(Countdown, g, end-d)
					e.Remaining = k
					s.emit(e)
				}
			}
		}
		if end > now {
			return
		}
		s.finish(g, end)
	}
}

// finish ends the current segment at its scheduled end and enters the next.
func (s *Session) finish(g *seg, end time.Duration) {
	if g.endsRep {
		s.repsDone++
		s.emit(s.event(RepCounted, g, end))
	}
	if g.endsSide {
		e := s.event(SideSwitched, g, end)
		e.Rep, e.Side = 0, Right
		s.emit(e)
	}
	if g.endsSet {
		s.setDone(g, end, false)
	}
	if g.endsExercise {
		s.exerciseDone(g, end, false)
	}
	s.enter(s.cur+1, end)
}

// jump enters segment i at now, in the middle of an action, and moves the
// session on to now unless it is paused.
func (s *Session) jump(i int, now time.Duration) {
	s.enter(i, now)
	if s.done {
		s.paused = false
		return
	}
	if !s.paused {
		s.advance(now)
	}
}

// enter begins segment i at time at, or ends the session if there is none.
func (s *Session) enter(i int, at time.Duration) {
	s.cur, s.segStart, s.counted = i, at, 0
	if i >= len(s.plan) {
		s.cur, s.done, s.doneAt = len(s.plan), true, at
		s.emit(Event{Kind: SessionDone, At: at, Phase: Done})
		return
	}
	s.curLen = s.plan[i].Length
	s.emit(s.event(PhaseStarted, &s.plan[i], at))
}

func (s *Session) setDone(g *seg, at time.Duration, skipped bool) {
	e := s.event(SetDone, g, at)
	e.Rep = 0
	e.RepsDone, e.RepsPlanned = s.repsDone, g.setReps
	e.Skipped = skipped
	e.Partial = skipped || s.repsDone < g.setReps
	s.partial = s.partial || e.Partial
	s.repsDone = 0
	s.emit(e)
}

func (s *Session) exerciseDone(g *seg, at time.Duration, skipped bool) {
	e := s.event(ExerciseDone, g, at)
	e.Set, e.Rep, e.Side = 0, 0, NoSide
	e.Skipped, e.Partial = skipped, s.partial
	s.partial = false
	s.emit(e)
}

// event returns an event of kind k about segment g at time at.
func (s *Session) event(k EventKind, g *seg, at time.Duration) Event {
	return Event{Kind: k, At: at, Exercise: g.Exercise, Set: g.Set, Rep: g.Rep, Side: g.Side, Phase: g.Kind}
}

// emitHere emits an event of kind k about the current segment.
func (s *Session) emitHere(k EventKind, at time.Duration) {
	s.emit(s.event(k, &s.plan[s.cur], at))
}

func (s *Session) emit(e Event) {
	if !s.quiet {
		s.out = append(s.out, e)
	}
}

func (s *Session) flush() []Event {
	out := s.out
	s.out = nil
	return out
}
