package session_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/program"
	"spry/engine/session"
)

func TestStartAt(t *testing.T) {
	items := []program.Item{
		{Exercise: &program.Exercise{ID: "a", Sides: program.Both}, Dose: program.Dose{Sets: 2, Reps: 2, RestSeconds: 10, Tempo: program.Tempo{UpSeconds: 1, DownSeconds: 1}}},
		{Exercise: &program.Exercise{ID: "b", Sides: program.LeftThenRight}, Dose: program.Dose{Sets: 3, Reps: 1, HoldSeconds: 5, RestSeconds: 10}},
	}
	timing := session.Timing{GetReady: 5 * time.Second, SwitchSide: 3 * time.Second, RestBetweenExercises: 20 * time.Second}
	tests := []struct {
		exercise, set int
		wantKind      session.Kind
		wantExercise  int
		wantSet       int
		wantDone      bool
	}{
		{0, 1, session.GetReady, 0, 1, false},
		{0, 2, session.Rest, 0, 2, false},
		{1, 1, session.GetReady, 1, 1, false},
		{1, 3, session.Rest, 1, 3, false},
		{1, 9, session.Done, 0, 0, true},
		{5, 1, session.Done, 0, 0, true},
	}
	for _, tt := range tests {
		s := session.New(items, timing)
		evs := s.StartAt(time.Second, tt.exercise, tt.set)
		st := s.State(time.Second)
		require.NotEmpty(t, evs, "StartAt(%d, %d) emits the first phase", tt.exercise, tt.set)
		if tt.wantDone {
			assert.True(t, st.Done, "StartAt(%d, %d) = %+v, want done", tt.exercise, tt.set, st)
			continue
		}
		assert.Equal(t, tt.wantKind, st.Kind, "StartAt(%d, %d) kind", tt.exercise, tt.set)
		assert.Equal(t, tt.wantExercise, st.Exercise, "StartAt(%d, %d) exercise", tt.exercise, tt.set)
		assert.Equal(t, tt.wantSet, st.Set, "StartAt(%d, %d) set", tt.exercise, tt.set)
		assert.Nil(t, s.StartAt(2*time.Second, 0, 1), "a started session ignores StartAt")
	}
}

func TestFinishSetOnTheFirstSide(t *testing.T) {
	item := func(sides program.Sides) []program.Item {
		return []program.Item{{Exercise: &program.Exercise{ID: "x", Sides: sides},
			Dose: program.Dose{Sets: 2, Reps: 3, RestSeconds: 10, Tempo: program.Tempo{UpSeconds: 1, DownSeconds: 1}}}}
	}
	timing := session.Timing{SwitchSide: 3 * time.Second}

	// Left then right: Done ends the left side; the right side follows.
	s := session.New(item(program.LeftThenRight), timing)
	s.Start(0)
	evs := s.FinishSet(2500 * time.Millisecond)
	kinds := map[session.EventKind]int{}
	for _, e := range evs {
		kinds[e.Kind]++
	}
	assert.Equal(t, 1, kinds[session.SideSwitched], "FinishSet on the left: %v", evs)
	assert.Zero(t, kinds[session.SetDone])
	st := s.State(2500 * time.Millisecond)
	assert.Equal(t, session.SwitchSide, st.Kind)
	assert.Equal(t, 1, st.Set)

	// Alternating: Done ends the whole set.
	s = session.New(item(program.Alternating), timing)
	s.Start(0)
	evs = s.FinishSet(2500 * time.Millisecond)
	var done bool
	for _, e := range evs {
		done = done || e.Kind == session.SetDone
	}
	assert.True(t, done, "FinishSet on an alternating set ends it: %v", evs)
}

func TestStep(t *testing.T) {
	items := []program.Item{{Exercise: &program.Exercise{ID: "x", Sides: program.Both},
		Dose: program.Dose{Sets: 1, Reps: 2, HoldSeconds: 5, Tempo: program.Tempo{UpSeconds: 2, DownSeconds: 2}}}}
	s := session.New(items, session.Timing{GetReady: 5 * time.Second})
	s.Start(0)
	var kinds []session.Kind
	var reps int
	now := time.Second
	for i := 0; i < 20 && !s.State(now).Done; i++ {
		for _, e := range s.Step(now) {
			if e.Kind == session.RepCounted {
				reps++
			}
		}
		st := s.State(now)
		if !st.Done {
			kinds = append(kinds, st.Kind)
			assert.True(t, st.Paused, "Step pauses at the next phase")
			assert.Equal(t, st.Length, st.Remaining, "at its start")
		}
		now += time.Second
	}
	assert.Equal(t, []session.Kind{session.Up, session.Hold, session.Down, session.Up, session.Hold, session.Down}, kinds)
	assert.Equal(t, 2, reps)
}
