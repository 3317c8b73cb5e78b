package progress_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/program"
	"spry/engine/progress"
)

// TestNextOddInput feeds Next data that validation would refuse, as a
// program edited by hand or records built in code might be: it must not
// panic and must plan every block.
func TestNextOddInput(t *testing.T) {
	lib := loadLibrary(t)
	p := &program.Program{ID: "p", Blocks: []program.Block{
		{Exercise: "bridge", Ladder: []program.Step{{Exercise: "bridge"}, {Exercise: "nowhere"}}, Start: 7},
		{Exercise: "nowhere"},
		{Exercise: "dead-bug", Ladder: []program.Step{{Exercise: "dead-bug"}}, Mode: program.GradedActivity},
	}}
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	s := &progress.Session{Started: at, Exercises: []progress.Exercise{
		{Block: -1, Step: -3, Exercise: "bridge"},
		{Block: 0, Step: 9, Exercise: "bridge", PainDuring: progress.Pain(9)},
		{Block: 2, Exercise: "dead-bug", Sets: []progress.Set{{Reps: -5}}},
		{Block: 40, Exercise: "bridge"},
	}}
	logs := map[string][]progress.Record{
		"nil":          nil,
		"odd sessions": {{ID: "a", Kind: progress.KindSession, Program: "p", Session: s}, {ID: "a", Kind: progress.KindSession, Program: "p", Session: s}},
		"no payloads": {{ID: "b", Kind: progress.KindSession, Program: "p"}, {ID: "c", Kind: progress.KindMorning, Program: "p"},
			{ID: "d", Kind: progress.KindResume, Program: "p"}, {ID: "e", Kind: "other", Program: "p"}},
		"stray morning": {{ID: "m", Kind: progress.KindMorning, Program: "p", Morning: &progress.Morning{Session: "zz", At: at, Pain: 3}}},
	}
	for name, log := range logs {
		for _, l := range []*program.Library{lib, nil} {
			var plan progress.Plan
			require.NotPanics(t, func() { plan = progress.Next(p, l, log, at.Add(time.Hour)) }, "Next(%s)", name)
			assert.Len(t, plan.Blocks, len(p.Blocks), "Next(%s) blocks", name)
		}
	}
}

// TestMessagesRender checks that every message in a plan renders without
// fmt's error marks, in English and in a language the table lacks.
func TestMessagesRender(t *testing.T) {
	lib := loadLibrary(t)
	p := benchProgram()
	log := dailyLog(t, p, lib, 120)
	for d := range 120 {
		plan := progress.Next(p, lib, log[:2*d], log[2*d].Time())
		var msgs []progress.Message
		msgs = append(msgs, plan.Notes...)
		for _, b := range plan.Blocks {
			for _, c := range b.Changes {
				msgs = append(msgs, c.Reason)
			}
		}
		for _, m := range msgs {
			for _, lang := range []string{"en", "xx"} {
				text := m.Text(lang)
				assert.NotContains(t, text, "%!", "Message %s in %s: %q", m.ID, lang, text)
				assert.NotEqual(t, m.ID, text, "Message %s has no text", m.ID)
			}
		}
	}
	assert.Equal(t, "no-such-message", progress.Message{ID: "no-such-message"}.Text("en"))
}
