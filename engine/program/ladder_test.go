package program_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/program"
)

func TestDefaultRulesValid(t *testing.T) {
	r := program.DefaultRules()
	require.NoError(t, r.Validate("rules"))
	assert.Equal(t, program.Zones{GreenMax: 2, AmberMax: 5}, r.Zones)
	assert.Equal(t, 2, r.SessionsInARow)
	assert.Equal(t, 6, r.EffortMax)
	assert.Equal(t, 15, r.RepCeiling)
	assert.Equal(t, 10.0, r.BracingHoldCapSeconds)
	assert.Equal(t, 3, r.MaxSets)
	assert.Equal(t, 5, r.AfterPainMax)
	assert.Equal(t, 3, r.Graded.BaselineSessions)
	assert.Equal(t, 0.7, r.Graded.QuotaFraction)
}

func TestRuleSetDecodeOverDefaults(t *testing.T) {
	tests := []struct {
		in      string
		want    func(r *program.RuleSet)
		wantErr string
	}{
		{in: `{}`, want: func(*program.RuleSet) {}},
		{in: `{"zones":{"amberMax":6}}`, want: func(r *program.RuleSet) { r.Zones.AmberMax = 6 }},
		{in: `{"repCeiling":12,"graded":{"quotaFraction":0.8}}`, want: func(r *program.RuleSet) {
			r.RepCeiling = 12
			r.Graded.QuotaFraction = 0.8
		}},
		{in: `{"repCeilng":12}`, wantErr: `unknown field "repCeilng"`},
		{in: `{"zones":{"red":6}}`, wantErr: `unknown field "red"`},
	}
	for _, tt := range tests {
		var got program.RuleSet
		err := json.Unmarshal([]byte(tt.in), &got)
		if tt.wantErr != "" {
			require.Error(t, err, "Unmarshal(%s)", tt.in)
			assert.Contains(t, err.Error(), tt.wantErr, "Unmarshal(%s)", tt.in)
			continue
		}
		require.NoError(t, err, "Unmarshal(%s)", tt.in)
		want := program.DefaultRules()
		tt.want(&want)
		assert.Equal(t, want, got, "Unmarshal(%s) = %+v, want %+v", tt.in, got, want)
	}
}

func TestValidateLadder(t *testing.T) {
	lib := &program.Library{Schema: 1, Exercises: []program.Exercise{
		{ID: "bridge", Dose: program.Dose{Sets: 1, Reps: 10}},
		{ID: "single-leg-bridge", Dose: program.Dose{Sets: 1, Reps: 6}},
	}}
	ladder := []program.Step{{Exercise: "bridge"}, {Exercise: "single-leg-bridge"}}
	bad := program.DefaultRules()
	bad.Zones = program.Zones{GreenMax: 4, AmberMax: 3}
	bad.MaxSets = 0
	tests := []struct {
		name  string
		block program.Block
		want  []string
	}{
		{name: "no ladder", block: program.Block{Exercise: "bridge"}},
		{name: "good", block: program.Block{Exercise: "single-leg-bridge", Ladder: ladder, Start: 1, Mode: program.GradedActivity}},
		{name: "start outside", block: program.Block{Exercise: "bridge", Ladder: ladder, Start: 2},
			want: []string{"blocks[3].start: 2 is outside the ladder (0 to 1)"}},
		{name: "exercise not the start step", block: program.Block{Exercise: "bridge", Ladder: ladder, Start: 1},
			want: []string{`blocks[3].exercise: "bridge" is not the exercise of the starting step ("single-leg-bridge")`}},
		{name: "unknown exercise and bad dose", block: program.Block{Exercise: "bridge", Ladder: []program.Step{
			{Exercise: "bridge"}, {Exercise: "plank", Dose: &program.Dose{Sets: 0, Reps: 5, HoldSeconds: -1}}}},
			want: []string{
				`blocks[3].ladder[1].exercise: unknown exercise "plank"`,
				"blocks[3].ladder[1].dose.sets: 0 is less than 1",
				"blocks[3].ladder[1].dose.holdSeconds: -1 is negative",
			}},
		{name: "dose beside ladder", block: program.Block{Exercise: "bridge", Ladder: ladder, Dose: &program.Dose{Sets: 1, Reps: 1}},
			want: []string{"blocks[3].dose: is set but the block has a ladder: give each step its dose"}},
		{name: "fields without ladder", block: program.Block{Exercise: "bridge", Start: 1, Mode: "fast", Rules: &bad},
			want: []string{
				`blocks[3].mode: unknown mode "fast" (want "pain-monitoring" or "graded-activity")`,
				"blocks[3].start: is set but the block has no ladder",
				"blocks[3].rules: are set but the block has no ladder",
				"blocks[3].mode: is set but the block has no ladder",
			}},
		{name: "bad rules", block: program.Block{Exercise: "bridge", Ladder: ladder, Rules: &bad},
			want: []string{
				"blocks[3].rules.zones.amberMax: 3 is below greenMax (4)",
				"blocks[3].rules.maxSets: 0 is less than 1",
			}},
	}
	for _, tt := range tests {
		err := tt.block.ValidateLadder("blocks[3]", lib)
		if len(tt.want) == 0 {
			assert.NoError(t, err, "%s: ValidateLadder", tt.name)
			continue
		}
		require.Error(t, err, "%s: ValidateLadder", tt.name)
		assert.Equal(t, strings.Join(tt.want, "\n"), err.Error(), "%s: ValidateLadder", tt.name)
		var fe *program.FieldError
		assert.ErrorAs(t, err, &fe, "%s: ValidateLadder errors are FieldErrors", tt.name)
	}
}

func TestStepDose(t *testing.T) {
	lib := &program.Library{Schema: 1, Exercises: []program.Exercise{{ID: "bridge", Dose: program.Dose{Sets: 1, Reps: 10}}}}
	b := program.Block{Exercise: "bridge", Ladder: []program.Step{
		{Exercise: "bridge"}, {Exercise: "bridge", Dose: &program.Dose{Sets: 2, Reps: 8}}, {Exercise: "missing"}}}
	tests := []struct {
		i      int
		want   program.Dose
		wantOK bool
	}{
		{0, program.Dose{Sets: 1, Reps: 10}, true},
		{1, program.Dose{Sets: 2, Reps: 8}, true},
		{2, program.Dose{}, false},
		{3, program.Dose{}, false},
		{-1, program.Dose{}, false},
	}
	for _, tt := range tests {
		got, ok := b.StepDose(tt.i, lib)
		assert.Equal(t, tt.wantOK, ok, "StepDose(%d) ok = %v, want %v", tt.i, ok, tt.wantOK)
		assert.Equal(t, tt.want, got, "StepDose(%d) = %v, want %v", tt.i, got, tt.want)
	}
}
