package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const shippedProgram = "../../programs/programs/low-back-first-week.json"

// tempFile writes data to a file in a fresh temporary directory.
func tempFile(t *testing.T, name, data string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(data), 0o644))
	return p
}

// runCmd runs the spry command line and returns its exit code and output.
func runCmd(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

// badProgram is a program file with a field out of range.
const badProgram = `{"schema": 1, "id": "bad", "title": {"en": "Bad"},
 "blocks": [{"exercise": "bridge", "dose": {"sets": 0, "reps": 10, "tempo": {"upSeconds": 2}}}]}`

func TestSimulateCommand(t *testing.T) {
	bad := tempFile(t, "bad.json", badProgram)
	tests := []struct {
		name     string
		args     []string
		code     int
		out, err string
		notOut   string
	}{
		{"one scenario", []string{"simulate", "-scenario", "flare-week-2", "-weeks", "3", "-start", "2026-01-05", shippedProgram}, 0,
			"low-back-first-week · flare-week-2 · 3 sessions a week · 3 weeks", "", "all-green"},
		{"all scenarios", []string{"simulate", "-start", "2026-01-05", shippedProgram}, 0, "some-amber · 3 sessions a week · 4 weeks", "", ""},
		{"French", []string{"simulate", "-lang", "fr", "-weeks", "1", "-start", "2026-01-05", shippedProgram}, 0, "Bascule du bassin", "", ""},
		{"default start", []string{"simulate", "-weeks", "1", shippedProgram}, 0, "week  exercise", "", ""},
		{"invalid program", []string{"simulate", bad}, 1, "", bad + ":blocks[0].dose.sets: must be 1..10, got 0", ""},
		{"missing file", []string{"simulate", "no-such.json"}, 1, "", "no-such.json: no such file or directory", ""},
		{"unknown scenario", []string{"simulate", "-scenario", "sunny", shippedProgram}, 2, "", `unknown scenario "sunny"`, ""},
		{"weeks out of range", []string{"simulate", "-weeks", "0", shippedProgram}, 2, "", "want 1 to 52", ""},
		{"sessions out of range", []string{"simulate", "-per-week", "8", shippedProgram}, 2, "", "want 1 to 7", ""},
		{"bad start", []string{"simulate", "-start", "5/1/2026", shippedProgram}, 2, "", "want a date like", ""},
		{"no file", []string{"simulate"}, 2, "", "Usage: spry simulate", ""},
		{"two files", []string{"simulate", shippedProgram, shippedProgram}, 2, "", "Usage: spry simulate", ""},
		{"unknown flag", []string{"simulate", "-fast", shippedProgram}, 2, "", "flag provided but not defined", ""},
		{"help", []string{"simulate", "-h"}, 0, "", "Usage: spry simulate", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(tt.args...)
			assert.Equal(t, tt.code, code, "spry %v exit code; stderr %s", tt.args, errOut)
			assert.Contains(t, out, tt.out, "spry %v stdout", tt.args)
			assert.Contains(t, errOut, tt.err, "spry %v stderr", tt.args)
			if tt.notOut != "" {
				assert.NotContains(t, out, tt.notOut, "spry %v stdout", tt.args)
			}
		})
	}
}

func TestSimulateJSON(t *testing.T) {
	code, out, errOut := runCmd("simulate", "-json", "-weeks", "2", "-per-week", "2", "-start", "2026-01-05", shippedProgram)
	require.Equal(t, 0, code, errOut)
	var tables []struct {
		Scenario        string `json:"scenario"`
		SessionsPerWeek int    `json:"sessionsPerWeek"`
		Blocks          []struct {
			Weeks []struct {
				Kind     string `json:"kind"`
				Sessions []any  `json:"sessions"`
			} `json:"weeks"`
		} `json:"blocks"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &tables))
	require.Len(t, tables, 3)
	assert.Equal(t, "all-green", tables[0].Scenario)
	assert.Equal(t, 2, tables[0].SessionsPerWeek)
	assert.Len(t, tables[0].Blocks[0].Weeks[1].Sessions, 2)
}

func TestNextMonday(t *testing.T) {
	tests := []struct{ now, want string }{
		{"2026-01-05T09:00:00Z", "2026-01-12T18:00:00Z"}, // a Monday: the next one
		{"2026-01-07T23:00:00Z", "2026-01-12T18:00:00Z"},
		{"2026-01-11T08:00:00Z", "2026-01-12T18:00:00Z"}, // Sunday
	}
	for _, tt := range tests {
		now, _ := time.Parse(time.RFC3339, tt.now)
		got := nextMonday(now).Format(time.RFC3339)
		assert.Equal(t, tt.want, got, "nextMonday(%s) = %s, want %s", tt.now, got, tt.want)
	}
	assert.True(t, strings.HasPrefix(time.Monday.String(), "Mon"))
}
