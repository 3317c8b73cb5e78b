package progress_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/progress"
)

// TestMigrate runs the migration chain with made-up versions: no version
// before 1 was ever released, so DecodeRecord's own table is empty.
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
