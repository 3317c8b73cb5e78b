package tools

import (
	"time"

	"spry/engine/history"
	"spry/engine/program"
	"spry/engine/share"
	"spry/engine/simulate"
)

// Preview is a program laid out for the therapist's preview: every block
// with every step of its ladder, each step ready to play on its own.
type Preview struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Note  string `json:"note,omitempty"`
	// SessionsPerWeek and Weeks are the program's schedule, resolved (every
	// day for 6 weeks unless it says).
	SessionsPerWeek int            `json:"sessionsPerWeek"`
	Weeks           int            `json:"weeks"`
	Blocks          []PreviewBlock `json:"blocks"`
}

// PreviewBlock is one block of a Preview.
type PreviewBlock struct {
	Index  int          `json:"index"`
	Mode   program.Mode `json:"mode"`
	Locked bool         `json:"locked,omitempty"`
	// Start is the ladder step a new patient starts at.
	Start int           `json:"start"`
	Steps []PreviewStep `json:"steps"`
}

// PreviewStep is one ladder step (the block itself, without a ladder) and
// the one-exercise program that plays it.
type PreviewStep struct {
	Step     int           `json:"step"`
	Exercise string        `json:"exercise"`
	Name     string        `json:"name"`
	Sides    program.Sides `json:"sides"`
	Dose     program.Dose  `json:"dose"`
	DoseText string        `json:"doseText"`
	// Fragment is the share fragment ("p1.…") of a program holding only
	// this step at this dose, for the player.
	Fragment string `json:"fragment"`
}

// Preview returns the program in text (JSON or a share link) as a Preview
// in lang, or a Failure.
func (t *Tools) Preview(text, lang string) string {
	p, f := t.parse(text)
	if f != nil {
		return marshal(f)
	}
	s := history.ScheduleOf(p).Resolve(time.Time{})
	out := Preview{ID: p.ID, Title: p.Title.In(lang), Note: p.Note.In(lang), SessionsPerWeek: s.SessionsPerWeek, Weeks: s.Weeks,
		Blocks: []PreviewBlock{}}
	for i := range p.Blocks {
		b := &p.Blocks[i]
		pb := PreviewBlock{Index: i, Mode: b.EffectiveMode(), Locked: b.Locked, Start: b.Start}
		steps := b.Ladder
		if len(steps) == 0 {
			steps = []program.Step{{Exercise: b.Exercise, Dose: b.Dose}}
		}
		for j, s := range steps {
			e, ok := t.lib.Exercise(s.Exercise)
			if !ok {
				continue // parse checked the references
			}
			d := e.Dose
			if s.Dose != nil {
				d = *s.Dose
			}
			one := &program.Program{Schema: program.Schema, ID: p.ID, Title: e.Name,
				GetReadySeconds: p.GetReadySeconds, SwitchSideSeconds: p.SwitchSideSeconds,
				Blocks: []program.Block{{Exercise: e.ID, Dose: &d}}}
			frag, err := share.Encode(one)
			if err != nil {
				frag = ""
			}
			pb.Steps = append(pb.Steps, PreviewStep{Step: j, Exercise: e.ID, Name: e.Name.In(lang), Sides: e.Sides,
				Dose: d, DoseText: DoseText(d), Fragment: frag})
		}
		out.Blocks = append(out.Blocks, pb)
	}
	return marshal(out)
}

// DoseText describes a dose compactly: "2×10, hold 5 s".
func DoseText(d program.Dose) string {
	return simulate.Row{Sets: d.Sets, Reps: d.Reps, HoldSeconds: d.HoldSeconds}.DoseText()
}

// simStart is the first session of every simulation: a Monday morning, so
// that three sessions a week fall on Monday, Wednesday and Friday.
var simStart = time.Date(2026, time.January, 5, 9, 0, 0, 0, time.UTC)

// Simulate plays the program in text through weeks weeks (1 to 104) of
// scenario ("all-green", "some-amber", "flare-week-2") at perWeek sessions
// a week (1 to 7; 0 for the default) in lang, and returns the
// simulate.Table as JSON, or a Failure.
func (t *Tools) Simulate(text, scenario string, weeks, perWeek int, lang string) string {
	p, f := t.parse(text)
	if f != nil {
		return marshal(f)
	}
	sc, err := simulate.ParseScenario(scenario)
	if err != nil {
		return marshal(Failure{Error: err.Error()})
	}
	if weeks < 1 || weeks > 104 {
		return marshal(Failure{Error: "The number of weeks must be 1 to 104."})
	}
	opts := []simulate.Option{simulate.Lang(lang)}
	if perWeek != 0 {
		if perWeek < 1 || perWeek > 7 {
			return marshal(Failure{Error: "The sessions per week must be 1 to 7."})
		}
		opts = append(opts, simulate.SessionsPerWeek(perWeek))
	}
	return marshal(simulate.Simulate(p, t.lib, sc, weeks, simStart, opts...))
}
