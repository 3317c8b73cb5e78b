package check_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/cmd/spry/internal/check"
	"spry/engine/program"
)

func TestProgram(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "library.json"))
	require.NoError(t, err)
	defer f.Close()
	lib, err := program.DecodeLibrary(f)
	require.NoError(t, err)
	require.NoError(t, lib.Validate())

	tests := []struct {
		file string
		// want are substrings of the lines, one per line, in order.
		want []string
	}{
		{"good.json", nil},
		{"invalid.json", []string{
			"invalid.json:blocks[0].dose.reps: ",
			`invalid.json:blocks[1].exercise: no exercise "plank"`,
		}},
		{"unknown-field.json", []string{"unknown-field.json:4: titel: "}},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(filepath.Join("testdata", tt.file))
		require.NoError(t, err)
		got := check.Program(tt.file, data, lib)
		require.Len(t, got, len(tt.want), "Program(%s) = %q, want %d lines", tt.file, got, len(tt.want))
		for i, w := range tt.want {
			assert.True(t, strings.HasPrefix(got[i], w), "Program(%s)[%d] = %q, want prefix %q", tt.file, i, got[i], w)
		}
	}
}

func TestLines(t *testing.T) {
	tests := []struct {
		err  error
		want []string
	}{
		{nil, nil},
		{errors.New("boom"), []string{"f.json: boom"}},
		{
			errors.Join(
				&program.FieldError{Path: "id", Msg: "must not be empty"},
				errors.Join(&program.DecodeError{Line: 3, Path: "blocks", Msg: "want an array"}),
				&program.DecodeError{Msg: "not JSON"},
			),
			[]string{"f.json:id: must not be empty", "f.json:3: blocks: want an array", "f.json: not JSON"},
		},
	}
	for _, tt := range tests {
		got := check.Lines("f.json", tt.err)
		assert.Equal(t, tt.want, got, "Lines(%v) = %q, want %q", tt.err, got, tt.want)
	}
}
