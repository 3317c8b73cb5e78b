package program

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// Mode is how a program block changes its dose from session to session.
type Mode string

// The progression modes of a block (CLINICAL.md B).
const (
	// PainMonitoring moves the block up, holds it or steps it back from the
	// patient's pain, effort and completed sets (the default).
	PainMonitoring Mode = "pain-monitoring"
	// GradedActivity starts with baseline sessions, then sets a quota of
	// repetitions that rises on a fixed schedule whatever the pain (red
	// flags excepted). A clinician switches it on.
	GradedActivity Mode = "graded-activity"
)

// Step is one rung of a block's ladder: an exercise at a starting dose.
type Step struct {
	// Exercise is the ID of an exercise in the library.
	Exercise string `json:"exercise"`
	// Dose is the starting dose at this step; nil means the exercise's
	// default dose. Moving onto a step always restarts at this dose.
	Dose *Dose `json:"dose,omitempty"`
	// Bracing marks a bracing hold (bird-dog, side bridge, curl-up, plank),
	// whose hold is capped at RuleSet.BracingHoldCapSeconds rather than
	// RuleSet.HoldCapSeconds.
	Bracing bool `json:"bracing,omitempty"`
}

// Zones are the cut-points of the pain zones during exercise, pain on a 0–10
// scale: green is 0 to GreenMax, amber is up to AmberMax, red is above.
// Published versions differ (≤3/4–5/>5; 0–3/4–5/6–10; <3/4–6/≥7), hence data.
type Zones struct {
	GreenMax int `json:"greenMax"`
	AmberMax int `json:"amberMax"`
}

// GradedRules are the thresholds of graded-activity mode (Lindström 1992).
type GradedRules struct {
	// BaselineSessions is how many sessions the patient does "until pain
	// says stop" before a quota is set.
	BaselineSessions int `json:"baselineSessions"`
	// QuotaFraction is the starting quota as a fraction of the baseline
	// average of repetitions per session.
	QuotaFraction float64 `json:"quotaFraction"`
	// QuotaIncrement is the number of repetitions added to the quota after
	// each session done once the baseline is over (convention).
	QuotaIncrement int `json:"quotaIncrement"`
}

// RuleSet holds every threshold of the progression rules (CLINICAL.md A and
// B) as data. Decoding JSON into a RuleSet starts from DefaultRules, so a
// program need only give the thresholds it changes.
type RuleSet struct {
	Zones Zones `json:"zones"`
	// SessionsInARow is how many sessions in a row, on different days, must
	// meet every condition before a step up.
	SessionsInARow int `json:"sessionsInARow"`
	// EffortMax is the highest "How hard was that?" answer (0–10) that still
	// allows a step up (convention).
	EffortMax int `json:"effortMax"`
	// RepCeiling is the most repetitions per set before the next variable
	// changes.
	RepCeiling int `json:"repCeiling"`
	// RepStep is how many repetitions a step up adds (fewer when the ceiling
	// is closer than that).
	RepStep int `json:"repStep"`
	// HoldStepSeconds is how much a step up adds to a hold.
	HoldStepSeconds float64 `json:"holdStepSeconds"`
	// BracingHoldCapSeconds caps the hold of steps marked Bracing (McGill,
	// weak source).
	BracingHoldCapSeconds float64 `json:"bracingHoldCapSeconds"`
	// HoldCapSeconds caps the hold of other steps (convention).
	HoldCapSeconds float64 `json:"holdCapSeconds"`
	// MaxSets is the most sets a step up reaches before the next variation.
	MaxSets int `json:"maxSets"`
	// AfterPainMax is the highest pain after exercise that does not step the
	// block back (P2).
	AfterPainMax int `json:"afterPainMax"`
	// MorningStepBack is how far next-morning pain may rise above the
	// pre-session pain before the block steps back (P3; convention: 2 points
	// is the minimal important change for pain).
	MorningStepBack int `json:"morningStepBack"`
	// WeeklyPainRise is the rise in 7-day average pain, against the previous
	// 7 days, that steps the whole program back (P4).
	WeeklyPainRise float64 `json:"weeklyPainRise"`
	// WeeklyMinReadings is how many pain readings each 7-day window needs
	// before its average counts for P4 (convention).
	WeeklyMinReadings int `json:"weeklyMinReadings"`
	// GapDays is the longest break, in days, that does not step a block
	// back; sessions further apart than this do not count as "in a row"
	// either (convention).
	GapDays int `json:"gapDays"`
	// Graded holds the graded-activity thresholds.
	Graded GradedRules `json:"graded"`
}

// DefaultRules returns the default thresholds of CLINICAL.md A and B.
func DefaultRules() RuleSet {
	return RuleSet{
		Zones:                 Zones{GreenMax: 2, AmberMax: 5},
		SessionsInARow:        2,
		EffortMax:             6,
		RepCeiling:            15,
		RepStep:               2,
		HoldStepSeconds:       5,
		BracingHoldCapSeconds: 10,
		HoldCapSeconds:        30,
		MaxSets:               3,
		AfterPainMax:          5,
		MorningStepBack:       2,
		WeeklyPainRise:        2,
		WeeklyMinReadings:     3,
		GapDays:               14,
		Graded: GradedRules{
			BaselineSessions: 3,
			QuotaFraction:    0.7,
			QuotaIncrement:   1,
		},
	}
}

// UnmarshalJSON decodes a rule set over DefaultRules, strictly: a field
// missing from data keeps its default, an unknown field is an error.
func (r *RuleSet) UnmarshalJSON(data []byte) error {
	type plain RuleSet // without this method
	p := plain(DefaultRules())
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(&p); err != nil {
		return err
	}
	*r = RuleSet(p)
	return nil
}

// EffectiveRules returns the block's rule set, or DefaultRules when it has
// none.
func (b *Block) EffectiveRules() RuleSet {
	if b.Rules == nil {
		return DefaultRules()
	}
	return *b.Rules
}

// EffectiveMode returns the block's mode, PainMonitoring when unset.
func (b *Block) EffectiveMode() Mode {
	if b.Mode == "" {
		return PainMonitoring
	}
	return b.Mode
}

// StepDose returns the starting dose of step i of the block's ladder: the
// step's own dose, else the exercise's default from lib. It reports false
// when i is outside the ladder or the exercise is not in lib.
func (b *Block) StepDose(i int, lib *Library) (Dose, bool) {
	if i < 0 || i >= len(b.Ladder) {
		return Dose{}, false
	}
	s := b.Ladder[i]
	if s.Dose != nil {
		return *s.Dose, true
	}
	if e, ok := lib.Exercise(s.Exercise); ok {
		return e.Dose, true
	}
	return Dose{}, false
}

// ValidateLadder checks the block's progression fields (ladder, start,
// rules, mode) and returns every problem at once, joined with errors.Join,
// each a *FieldError whose path starts with path, the block's own path such
// as "blocks[2]". It checks exercise references only when lib is not nil.
// Program.Validate calls it for every block.
func (b *Block) ValidateLadder(path string, lib *Library) error {
	var errs []error
	add := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Path: path + "." + field, Msg: fmt.Sprintf(format, args...)})
	}
	switch b.Mode {
	case "", PainMonitoring, GradedActivity:
	default:
		add("mode", "unknown mode %q (want %q or %q)", b.Mode, PainMonitoring, GradedActivity)
	}
	if len(b.Ladder) == 0 {
		if b.Start != 0 {
			add("start", "is set but the block has no ladder")
		}
		if b.Rules != nil {
			add("rules", "are set but the block has no ladder")
		}
		if b.Mode != "" {
			add("mode", "is set but the block has no ladder")
		}
		return errors.Join(errs...)
	}
	if b.Start < 0 || b.Start >= len(b.Ladder) {
		add("start", "%d is outside the ladder (0 to %d)", b.Start, len(b.Ladder)-1)
	} else if b.Exercise != b.Ladder[b.Start].Exercise {
		add("exercise", "%q is not the exercise of the starting step (%q)", b.Exercise, b.Ladder[b.Start].Exercise)
	}
	if b.Dose != nil {
		add("dose", "is set but the block has a ladder: give each step its dose")
	}
	for i, s := range b.Ladder {
		sp := fmt.Sprintf("ladder[%d]", i)
		switch {
		case s.Exercise == "":
			add(sp+".exercise", "is empty")
		case lib != nil && !has(lib, s.Exercise):
			add(sp+".exercise", "unknown exercise %q", s.Exercise)
		}
		if s.Dose != nil {
			if s.Dose.Sets < 1 {
				add(sp+".dose.sets", "%d is less than 1", s.Dose.Sets)
			}
			if s.Dose.Reps < 1 {
				add(sp+".dose.reps", "%d is less than 1", s.Dose.Reps)
			}
			if s.Dose.HoldSeconds < 0 {
				add(sp+".dose.holdSeconds", "%g is negative", s.Dose.HoldSeconds)
			}
		}
	}
	if b.Rules != nil {
		errs = append(errs, b.Rules.Validate(path+".rules"))
	}
	return errors.Join(errs...)
}

// has reports whether lib holds the exercise id.
func has(lib *Library, id string) bool {
	_, ok := lib.Exercise(id)
	return ok
}

// Validate checks that every threshold is in range and the zones are in
// order, returning every problem at once, joined with errors.Join, each a
// *FieldError whose path starts with path.
func (r *RuleSet) Validate(path string) error {
	var errs []error
	add := func(field, format string, args ...any) {
		errs = append(errs, &FieldError{Path: path + "." + field, Msg: fmt.Sprintf(format, args...)})
	}
	pain := func(field string, v, lo int) {
		if v < lo || v > 10 {
			add(field, "%d is not between %d and 10", v, lo)
		}
	}
	atLeast := func(field string, v, lo int) {
		if v < lo {
			add(field, "%d is less than %d", v, lo)
		}
	}
	positive := func(field string, v float64) {
		if !(v > 0) {
			add(field, "%g is not above 0", v)
		}
	}
	pain("zones.greenMax", r.Zones.GreenMax, 0)
	pain("zones.amberMax", r.Zones.AmberMax, 0)
	if r.Zones.AmberMax < r.Zones.GreenMax {
		add("zones.amberMax", "%d is below greenMax (%d)", r.Zones.AmberMax, r.Zones.GreenMax)
	}
	if r.Zones.AmberMax >= 10 {
		add("zones.amberMax", "%d leaves no red zone (red is above amberMax, up to 10)", r.Zones.AmberMax)
	}
	atLeast("sessionsInARow", r.SessionsInARow, 1)
	pain("effortMax", r.EffortMax, 0)
	atLeast("repCeiling", r.RepCeiling, 1)
	atLeast("repStep", r.RepStep, 1)
	positive("holdStepSeconds", r.HoldStepSeconds)
	positive("bracingHoldCapSeconds", r.BracingHoldCapSeconds)
	positive("holdCapSeconds", r.HoldCapSeconds)
	atLeast("maxSets", r.MaxSets, 1)
	pain("afterPainMax", r.AfterPainMax, 0)
	pain("morningStepBack", r.MorningStepBack, 1)
	if !(r.WeeklyPainRise > 0 && r.WeeklyPainRise <= 10) {
		add("weeklyPainRise", "%g is not above 0 and at most 10", r.WeeklyPainRise)
	}
	atLeast("weeklyMinReadings", r.WeeklyMinReadings, 1)
	atLeast("gapDays", r.GapDays, 1)
	atLeast("graded.baselineSessions", r.Graded.BaselineSessions, 1)
	if !(r.Graded.QuotaFraction > 0 && r.Graded.QuotaFraction <= 1) {
		add("graded.quotaFraction", "%g is not above 0 and at most 1", r.Graded.QuotaFraction)
	}
	atLeast("graded.quotaIncrement", r.Graded.QuotaIncrement, 0)
	return errors.Join(errs...)
}
