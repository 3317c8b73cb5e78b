package progress_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/progress"
)

// TestMigrate runs the migration chain on a made-up table; TestOldVersions
// runs DecodeRecord's own table on records the older versions wrote.
func TestMigrate(t *testing.T) {
	rename := func(old, new string) func(json.RawMessage) (json.RawMessage, error) {
		return func(r json.RawMessage) (json.RawMessage, error) {
			return json.RawMessage(strings.Replace(string(r), old, new, 1)), nil
		}
	}
	table := map[int]func(json.RawMessage) (json.RawMessage, error){
		1: rename(`"pain_before"`, `"painBefore"`),
		2: rename(`"v":1`, `"v":3`),
		3: func(json.RawMessage) (json.RawMessage, error) { return nil, errors.New("boom") },
	}
	tests := []struct {
		in       string
		from, to int
		want     string
		wantErr  string
	}{
		{`{"v":1,"pain_before":2}`, 1, 3, `{"v":3,"painBefore":2}`, ""},
		{`{"v":2}`, 2, 2, `{"v":2}`, ""},
		{`{}`, 3, 4, "", "migrating from version 3: boom"},
		{`{}`, 0, 2, "", "v: no migration from version 0"},
	}
	for _, tt := range tests {
		got, err := progress.Migrate([]byte(tt.in), tt.from, tt.to, table)
		if tt.wantErr != "" {
			require.Error(t, err, "Migrate(%s, %d, %d)", tt.in, tt.from, tt.to)
			assert.Equal(t, tt.wantErr, err.Error())
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tt.want, string(got), "Migrate(%s, %d, %d) = %s, want %s", tt.in, tt.from, tt.to, got, tt.want)
	}
}

// TestOldVersions decodes records and a progress file written by every
// earlier version (testdata/records/v*/, written by that version's code):
// each must load, the same by the fast path as by migration with
// encoding/json, and encode to the current version as in
// testdata/records/v<Version>/ (rewritten with -update).
func TestOldVersions(t *testing.T) {
	cur := fmt.Sprintf("testdata/records/v%d", progress.Version)
	for v := 1; v < progress.Version; v++ {
		dir := fmt.Sprintf("testdata/records/v%d", v)
		names, err := filepath.Glob(dir + "/*.json")
		require.NoError(t, err)
		require.NotEmpty(t, names, "no fixtures of version %d in %s", v, dir)
		for _, name := range names {
			data, err := os.ReadFile(name)
			require.NoError(t, err)
			var got []byte
			if filepath.Base(name) == "progress-file.json" {
				log, added, err := progress.Import(data, nil)
				require.NoError(t, err, "Import(%s)", name)
				assert.Equal(t, strings.Count(string(data), `{"v":`), added, "Import(%s) added", name)
				got, err = progress.Export(log)
				require.NoError(t, err)
			} else {
				data = bytes.TrimSpace(data)
				r, err := progress.DecodeRecord(data)
				require.NoError(t, err, "DecodeRecord(%s)", name)
				_, fast := progress.DecodeFast(data)
				assert.True(t, fast, "DecodeFast(%s) declined a record the old version wrote", name)
				strict, err := progress.DecodeStrict(data)
				require.NoError(t, err, "DecodeStrict(%s)", name)
				assert.Equal(t, strict, r, "DecodeRecord(%s) = %+v, want %+v (encoding/json)", name, r, strict)
				got, err = progress.Encode(r)
				require.NoError(t, err)
				got = append(got, '\n')
			}
			want := filepath.Join(cur, filepath.Base(name))
			if *update {
				require.NoError(t, os.MkdirAll(cur, 0o755))
				require.NoError(t, os.WriteFile(want, got, 0o644))
				continue
			}
			wantData, err := os.ReadFile(want)
			require.NoError(t, err)
			assert.Equal(t, string(wantData), string(got), "%s migrated to version %d", name, progress.Version)
		}
	}
}
