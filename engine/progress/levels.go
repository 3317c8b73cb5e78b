package progress

import "spry/engine/program"

// level is one rung of a block's progression: a ladder step at one dose.
// A block's levels run easiest first, changing one variable at a time in
// the order of CLINICAL.md B: reps up to the ceiling, then the hold up to
// its cap, then sets, then the next variation at its own starting dose.
type level struct {
	step int
	dose program.Dose
}

// levels expands the ladder of b into its levels and returns them with the
// index of the first level of the starting step.
func levels(b *program.Block, lib *program.Library, r *program.RuleSet) ([]level, int) {
	var out []level
	start := 0
	for s := range b.Ladder {
		if s == b.Start {
			start = len(out)
		}
		d, ok := b.StepDose(s, lib)
		out = append(out, level{step: s, dose: d})
		if !ok {
			continue // a dangling reference: validation reports it
		}
		for d.Reps < r.RepCeiling {
			d.Reps = min(d.Reps+r.RepStep, r.RepCeiling)
			out = append(out, level{step: s, dose: d})
		}
		if d.HoldSeconds > 0 {
			limit := r.HoldCapSeconds
			if b.Ladder[s].Bracing {
				limit = r.BracingHoldCapSeconds
			}
			for d.HoldSeconds < limit {
				d.HoldSeconds = min(d.HoldSeconds+r.HoldStepSeconds, limit)
				out = append(out, level{step: s, dose: d})
			}
		}
		for d.Sets < r.MaxSets {
			d.Sets++
			out = append(out, level{step: s, dose: d})
		}
	}
	return out, start
}

// match returns the level an exercise record was played at: the level of
// its step whose dose is its target, else the first level of its step (the
// ladder was edited since), else start (the step no longer exists).
func match(lv []level, start int, e *Exercise) int {
	first := -1
	for i := range lv {
		if lv[i].step != e.Step {
			continue
		}
		if first < 0 {
			first = i
		}
		d := lv[i].dose
		if d.Sets == e.Target.Sets && d.Reps == e.Target.Reps && d.HoldSeconds == e.Target.HoldSeconds {
			return i
		}
	}
	if first >= 0 {
		return first
	}
	return start
}
