package player_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/figure"
	"spry/engine/motion"
	"spry/engine/player"
	"spry/engine/program"
	"spry/engine/session"
	"spry/engine/share"
	"spry/programs"
)

func clips(t testing.TB) map[string]*motion.Clip {
	t.Helper()
	c, err := programs.Motions()
	require.NoError(t, err)
	return c
}

func library(t testing.TB) *program.Library {
	t.Helper()
	return &program.Library{Schema: 1, Exercises: []program.Exercise{
		{
			ID: "bridge", Name: program.Text{"en": "Bridge", "fr": "Pont"}, Motion: "bridge", Sides: program.Both,
			Steps:      program.TextList{"en": {"Lie on your back.", "Lift your hips."}},
			Target:     []string{"glutes"},
			BreatheOut: "up",
			Dose:       program.Dose{Sets: 2, Reps: 3, HoldSeconds: 1, RestSeconds: 10, Tempo: program.Tempo{UpSeconds: 2, DownSeconds: 2}},
		},
		{
			ID: "knee-to-chest", Name: program.Text{"en": "Knee to chest"}, Motion: "bridge",
			Sides: program.LeftThenRight, Steps: program.TextList{"en": {"Hug one knee."}},
			Dose: program.Dose{Sets: 1, Reps: 2, HoldSeconds: 5, RestSeconds: 0, Tempo: program.Tempo{UpSeconds: 1, DownSeconds: 1}},
		},
	}}
}

func prog() *program.Program {
	return &program.Program{
		Schema: 1, ID: "test", Title: program.Text{"en": "Test program", "fr": "Programme test"},
		GetReadySeconds: 5, SwitchSideSeconds: 3, RestBetweenExercisesSeconds: 10,
		Blocks: []program.Block{{Exercise: "bridge"}, {Exercise: "knee-to-chest"}},
	}
}

func ready(t *testing.T) *player.Player {
	t.Helper()
	p := player.New(library(t), clips(t), "en")
	require.NoError(t, p.Load(prog()))
	require.Equal(t, player.Ready, p.State())
	return p
}

func do(t *testing.T, p *player.Player, now time.Duration, name, arg string) []session.Event {
	t.Helper()
	evs, err := p.Command(now, name, arg)
	require.NoError(t, err, "Command(%v, %q, %q)", now, name, arg)
	return evs
}

func TestReadyView(t *testing.T) {
	v := ready(t).View()
	assert.Equal(t, player.Ready, v.State)
	assert.Equal(t, "Test program", v.Program)
	assert.Equal(t, "Bridge", v.Exercise)
	assert.True(t, v.CanStart)
	assert.False(t, v.CanPause)
	assert.Contains(t, v.Status, "2 exercises, about 2 min")
}

func TestPlaysFromStartToDone(t *testing.T) {
	p := ready(t)
	do(t, p, 0, "start", "")
	require.Equal(t, player.Playing, p.State())

	v := p.View()
	assert.Equal(t, "Get ready", v.Phase)
	assert.Equal(t, "5", v.Countdown)
	assert.True(t, v.CanPause)

	// 5 s get ready, then the first rep's "up" phase, 2 s long.
	p.Update(5500 * time.Millisecond)
	v = p.View()
	assert.Equal(t, "Up — breathe out", v.Phase)
	assert.Equal(t, "Set 1 of 2", v.Set)
	assert.Equal(t, "Rep 1 of 3", v.Rep)
	assert.Equal(t, "2", v.Countdown)
	pose := p.Pose()
	assert.Equal(t, "bridge", pose.Clip)
	assert.Equal(t, "up", pose.Phase)
	assert.InDelta(t, 0.25, pose.Progress, 1e-9)
	assert.Equal(t, []string{"glutes"}, pose.Target)

	var reps, done int
	for now := 5500 * time.Millisecond; now < 10*time.Minute && p.State() != player.Done; now += 16 * time.Millisecond {
		for _, e := range p.Update(now) {
			switch e.Kind {
			case session.RepCounted:
				reps++
			case session.SessionDone:
				done++
			}
		}
	}
	assert.Equal(t, player.Done, p.State())
	assert.Equal(t, 1, done)
	assert.Equal(t, 2*3+2*2, reps, "bridge 2×3 and knee-to-chest 2 per side")
	v = p.View()
	assert.Equal(t, "Session done. Well done!", v.Status)
	assert.False(t, v.CanPause)
	assert.False(t, v.CanStart)
}

func TestPauseStopsTheCounters(t *testing.T) {
	p := ready(t)
	do(t, p, 0, "start", "")
	do(t, p, 6*time.Second, "pause", "")
	require.Equal(t, player.Paused, p.State())
	before := p.View()
	assert.Equal(t, "Paused", before.Status)
	assert.True(t, before.Paused)

	p.Update(60 * time.Second)
	after := p.View()
	assert.Equal(t, before.Countdown, after.Countdown)
	assert.Equal(t, before.Rep, after.Rep)

	do(t, p, 60*time.Second, "pause", "") // the same button resumes
	require.Equal(t, player.Playing, p.State())
	p.Update(61 * time.Second)
	assert.Equal(t, "Hold", p.View().Phase, "1 s of up was left at the pause")
}

func TestSpeedPlaysFaster(t *testing.T) {
	p := ready(t)
	do(t, p, 0, "speed", "4")
	assert.Equal(t, 4.0, p.Speed())
	do(t, p, 0, "start", "")
	p.Update(time.Second) // 4 s of session time
	assert.Equal(t, "1", p.View().Countdown)
	assert.Equal(t, 4.0, p.View().Speed)
}

func TestBadSpeedIsRefused(t *testing.T) {
	p := ready(t)
	for _, arg := range []string{"", "0", "-1", "3", "NaN", "1e9", "fast"} {
		_, err := p.Command(0, "speed", arg)
		assert.Error(t, err, "Command(speed, %q)", arg)
	}
	assert.Equal(t, 1.0, p.Speed())
}

func TestUnknownCommand(t *testing.T) {
	p := ready(t)
	_, err := p.Command(0, "jump", "")
	assert.ErrorIs(t, err, player.ErrUnknownCommand)
}

func TestSkipMovesToTheNextExercise(t *testing.T) {
	p := ready(t)
	do(t, p, 0, "start", "")
	do(t, p, time.Second, "skip", "") // skip get ready
	p.Update(1500 * time.Millisecond)
	assert.Equal(t, "Up — breathe out", p.View().Phase)
	evs := do(t, p, 2*time.Second, "skip", "") // skip the bridge
	var skipped bool
	for _, e := range evs {
		if e.Kind == session.ExerciseDone && e.Exercise == 0 {
			skipped = e.Skipped
		}
	}
	assert.True(t, skipped, "the bridge is reported as skipped")
	assert.Equal(t, "Rest", p.View().Phase)
}

func TestSidesAndMirroring(t *testing.T) {
	p := ready(t)
	do(t, p, 0, "start", "")
	do(t, p, 0, "skip", "") // get ready
	do(t, p, 0, "skip", "") // bridge
	do(t, p, 0, "skip", "") // rest
	do(t, p, 0, "skip", "") // get ready for knee-to-chest
	v := p.View()
	assert.Equal(t, "Knee to chest", v.Exercise)
	assert.Equal(t, "Left side", v.Side)
	assert.False(t, p.Pose().Flip, "the left side comes first, seen as drawn")
	do(t, p, 0, "done", "") // the left side is done
	require.Equal(t, "Switch sides", p.View().Phase)
	do(t, p, 0, "skip", "") // switch sides
	assert.Equal(t, "Right side", p.View().Side)
	assert.True(t, p.Pose().Flip, "the right side is seen from the other side")

}

func TestInvalidProgramFails(t *testing.T) {
	bad := prog()
	bad.Blocks[1].Exercise = "no-such-exercise"
	bad.Contact = program.Text{"en": "Dr Lee at Riverside Physio"}
	p := player.New(library(t), clips(t), "en")
	require.Error(t, p.Load(bad))
	assert.Equal(t, player.Failed, p.State())

	v := p.View()
	require.NotNil(t, v.Error)
	assert.Contains(t, v.Error.Message, "“Test program”")
	assert.Contains(t, v.Error.Message, "cannot play it")
	assert.Equal(t, "Please contact Dr Lee at Riverside Physio.", v.Error.Contact)
	assert.Contains(t, p.Failure().Details, "blocks[1].exercise")
	assert.False(t, v.CanStart)

	// Nothing can be started, and the details stay out of the page's JSON.
	do(t, p, 0, "start", "")
	assert.Equal(t, player.Failed, p.State())
	assert.NotContains(t, string(v.JSON()), "blocks[1]")
}

func TestUnreadableFileFails(t *testing.T) {
	p := player.New(library(t), clips(t), "en")
	require.Error(t, p.LoadFile("clinic/program.json", []byte(`{"schema": 1, "id": `)))
	v := p.View()
	require.NotNil(t, v.Error)
	assert.Contains(t, v.Error.Message, "clinic/program.json")
	assert.Contains(t, v.Error.Contact, "clinic or physiotherapist")
}

func TestViewJSONIsText(t *testing.T) {
	lib := library(t)
	lib.Exercises[0].Name["en"] = `<img src=x onerror=alert(1)>`
	p := player.New(lib, clips(t), "en")
	require.NoError(t, p.Load(prog()))
	var got map[string]any
	require.NoError(t, json.Unmarshal(p.View().JSON(), &got))
	assert.Equal(t, `<img src=x onerror=alert(1)>`, got["exercise"], "names travel as plain strings for textContent")
}

func TestMissingMotionFails(t *testing.T) {
	lib := library(t)
	lib.Exercises[1].Motion = "no-such-clip"
	p := player.New(lib, clips(t), "en")
	require.Error(t, p.Load(prog()))
	assert.Equal(t, player.Failed, p.State())
	assert.Contains(t, p.Failure().Details, `motion "no-such-clip"`)
}

func TestDrawFollowsThePhase(t *testing.T) {
	p := ready(t)
	var d figure.Drawing
	require.True(t, p.Draw(&d), "the ready screen shows the start pose")
	start := append([]figure.Cmd(nil), d.Cmds...)

	do(t, p, 0, "start", "")
	p.Update(5*time.Second + 2*time.Second) // the top of the first bridge
	assert.Equal(t, "Hold", p.View().Phase)
	pose := p.Pose()
	assert.Equal(t, 1.0, pose.Highlight)
	require.True(t, p.Draw(&d))
	assert.NotEqual(t, start, d.Cmds, "the figure at the hold is not the figure at the start")
}

func BenchmarkDraw(b *testing.B) {
	p := player.New(library(b), clips(b), "en")
	if err := p.Load(prog()); err != nil {
		b.Fatal(err)
	}
	p.Command(0, "start", "")
	var d figure.Drawing
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p.Update(5*time.Second + time.Duration(i%120)*16*time.Millisecond)
		p.Draw(&d)
	}
}

func TestCuesFollowTheSession(t *testing.T) {
	p := ready(t)
	evs := do(t, p, 0, "start", "")
	cues := p.Cues(evs)
	require.NotEmpty(t, cues, "starting the session is cued")
	assert.Contains(t, cues[0].Say, "Bridge")

	// A therapist previewing at 4× gets no cues: they would pile up.
	do(t, p, time.Second, "speed", "4")
	assert.Empty(t, p.Cues(p.Update(3*time.Second)))
}

func TestDoneAndRestCommands(t *testing.T) {
	p := ready(t)
	do(t, p, 0, "start", "")
	p.Update(6 * time.Second) // first rep of the bridge
	v := p.View()
	assert.True(t, v.CanFinish, "Done is offered during a set of reps")
	assert.False(t, v.CanAdjustRest)

	evs := do(t, p, 6*time.Second, "done", "")
	var set *session.Event
	for i, e := range evs {
		if e.Kind == session.SetDone {
			set = &evs[i]
		}
	}
	require.NotNil(t, set, "Done ends the set")
	assert.True(t, set.Partial)
	v = p.View()
	require.Equal(t, "Rest", v.Phase)
	assert.True(t, v.CanAdjustRest)
	assert.Equal(t, "10", v.Countdown)

	do(t, p, 6*time.Second, "rest", "15")
	assert.Equal(t, "25", p.View().Countdown)
	do(t, p, 6*time.Second, "rest", "-15")
	assert.Equal(t, "10", p.View().Countdown)
	_, err := p.Command(6*time.Second, "rest", "lots")
	assert.Error(t, err)
}

func TestStartAtResumes(t *testing.T) {
	p := ready(t)
	p.StartAt(0, 0, 2)
	v := p.View()
	assert.Equal(t, player.Playing, p.State())
	assert.Equal(t, "Rest", v.Phase, "a later set resumes after its rest")
	assert.Equal(t, "Set 2 of 2", v.Set)
}

func TestFrenchView(t *testing.T) {
	p := player.New(library(t), clips(t), "fr-CA")
	require.NoError(t, p.Load(prog()))
	do(t, p, 0, "start", "")
	p.Update(5500 * time.Millisecond)
	v := p.View()
	assert.Equal(t, "Montez — expirez", v.Phase)
	assert.Equal(t, "Série 1 de 2", v.Set)
	assert.Equal(t, "Répétition 1 de 3", v.Rep)
	assert.Equal(t, "Pont", v.Exercise)
}

func TestLoadLink(t *testing.T) {
	link, err := share.Encode(prog())
	require.NoError(t, err)

	p := player.New(library(t), clips(t), "en")
	require.NoError(t, p.LoadLink(link))
	assert.Equal(t, player.Ready, p.State())
	assert.Equal(t, "Test program", p.View().Program)

	tampered := link[:len(link)-6] + strings.Map(func(r rune) rune {
		if r == 'A' {
			return 'B'
		}
		return 'A'
	}, link[len(link)-6:])
	for _, tt := range []struct {
		name, fragment, want string
	}{
		{"truncated", link[:len(link)/2], "incomplete"},
		{"tampered", tampered, "changed after it was made"},
		{"not a link", "hello", "not a Spry program link"},
		{"newer", "p9." + link[3:], "newer Spry"},
	} {
		p := player.New(library(t), clips(t), "en")
		require.Error(t, p.LoadLink(tt.fragment), tt.name)
		require.NotNil(t, p.Failure(), tt.name)
		assert.Contains(t, p.Failure().Message, tt.want, "LoadLink(%s)", tt.name)
	}
}

func TestReducedMotionShowsKeyPoses(t *testing.T) {
	p := ready(t)
	p.SetReducedMotion(true)
	do(t, p, 0, "start", "")
	for _, tt := range []struct {
		at   time.Duration
		want float64
	}{
		{5*time.Second + 500*time.Millisecond, 0}, // a quarter of the way up
		{6*time.Second + 500*time.Millisecond, 1}, // three quarters
	} {
		p.Update(tt.at)
		pose := p.Pose()
		assert.Equal(t, "up", pose.Phase)
		assert.Equal(t, tt.want, pose.Progress, "Pose() at %v", tt.at)
		assert.Zero(t, pose.Breath)
	}
}

func TestStepPausesAtEachPhase(t *testing.T) {
	p := ready(t)
	do(t, p, 0, "step", "")
	assert.Equal(t, player.Paused, p.State())
	assert.Equal(t, "Up — breathe out", p.View().Phase)
	do(t, p, time.Second, "step", "")
	assert.Equal(t, "Hold", p.View().Phase)
	p.Update(time.Minute)
	assert.Equal(t, "Hold", p.View().Phase, "it stays paused")
}
