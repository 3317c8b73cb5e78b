package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/programs"
)

func TestStillsCommand(t *testing.T) {
	tests := []struct {
		name     string
		args     func(dir string) []string
		code     int
		out, err string
	}{
		{"writes the stills", func(d string) []string { return []string{"stills", "-dir", d} }, 0, " stills of ", ""},
		{"into a new folder", func(d string) []string { return []string{"stills", "-dir", filepath.Join(d, "a", "b")} }, 0, " stills of ", ""},
		{"help", func(string) []string { return []string{"stills", "-h"} }, 0, "", "Usage: spry stills"},
		{"extra argument", func(d string) []string { return []string{"stills", "-dir", d, "x"} }, 2, "", "Usage: spry stills"},
		{"bad flag", func(string) []string { return []string{"stills", "-nope"} }, 2, "", "flag provided but not defined"},
		{"folder is a file", func(d string) []string { return []string{"stills", "-dir", tempFile(t, "f", "x")} }, 1, "", "spry stills: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			code, out, errOut := runCmd(tt.args(dir)...)
			assert.Equal(t, tt.code, code, "spry %v = %d, want %d; stderr %s", tt.args(dir), code, tt.code, errOut)
			assert.Contains(t, out, tt.out, "stdout")
			assert.Contains(t, errOut, tt.err, "stderr")
		})
	}
}

// TestStillsFiles checks that every shipped clip gets a well-formed SVG per
// key pose, listed in index.json, and that writing twice gives the same bytes.
func TestStillsFiles(t *testing.T) {
	clips, err := programs.Motions()
	require.NoError(t, err)
	dirs := []string{t.TempDir(), t.TempDir()}
	for _, d := range dirs {
		code, _, errOut := runCmd("stills", "-dir", d)
		require.Equal(t, 0, code, errOut)
	}

	data, err := os.ReadFile(filepath.Join(dirs[0], "index.json"))
	require.NoError(t, err)
	var idx stillsIndex
	require.NoError(t, json.Unmarshal(data, &idx))
	assert.Equal(t, 1, idx.Schema, "index.json schema")
	require.Len(t, idx.Clips, len(clips), "index.json lists every clip")
	for i, c := range idx.Clips {
		if i > 0 {
			assert.Less(t, idx.Clips[i-1].ID, c.ID, "index.json clips are sorted")
		}
		assert.Contains(t, clips, c.ID, "index.json clip %d", i)
		assert.Equal(t, stillWidth, c.Width, "%s width", c.ID)
		assert.Greater(t, c.Height, 100, "%s height", c.ID)
		for _, pose := range []string{"start", "hold"} {
			name := c.Files[pose]
			require.Equal(t, c.ID+"-"+pose+".svg", name, "%s files[%s]", c.ID, pose)
			a, err := os.ReadFile(filepath.Join(dirs[0], name))
			require.NoError(t, err)
			b, err := os.ReadFile(filepath.Join(dirs[1], name))
			require.NoError(t, err)
			assert.Equal(t, string(a), string(b), "%s is the same on every run", name)
			assert.True(t, strings.HasPrefix(string(a), `<svg xmlns="http://www.w3.org/2000/svg" width="480" `), "%s starts %.60q", name, a)
			assert.NoError(t, xml.Unmarshal(a, new(struct{})), "%s is well-formed XML", name)
			assert.Greater(t, strings.Count(string(a), "<path "), 30, "%s draws a body", name)
		}
	}
}
