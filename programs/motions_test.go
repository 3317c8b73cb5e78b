package programs_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/programs"
)

func TestMotionsValid(t *testing.T) {
	clips, err := programs.Motions()
	require.NoError(t, err, "Motions()")
	assert.Contains(t, clips, "bridge", "Motions() keys")
	for id, c := range clips {
		assert.NoError(t, c.Validate(), "Motions()[%q].Validate()", id)
		assert.Equal(t, id, c.ID, "Motions()[%q].ID", id)
	}
}
