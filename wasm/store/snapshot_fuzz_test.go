//go:build !js

// The fuzz test reads its corpus from testdata, which a test binary in the
// browser cannot open.

package store_test

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"spry/wasm/store"
)

// FuzzParseSnapshot: whatever ParseSnapshot accepts is JSON that
// encoding/json reads the same way.
func FuzzParseSnapshot(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":"b"}`, `{"spry/p/x":"{\"v\":2}","spry/store/marker":"1"}`, `{"k":"\ud83d\ude00\u00e9\n"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // strings from JavaScript are always valid UTF-8
		}
		keys, values, ok := store.ParseSnapshot(s)
		if !ok {
			return
		}
		require.Len(t, values, len(keys))
		var want map[string]string
		require.NoError(t, json.Unmarshal([]byte(s), &want), "ParseSnapshot(%q) ok, but it is not a JSON object of strings", s)
		got := map[string]string{}
		for i, k := range keys {
			got[k] = values[i]
		}
		require.Equal(t, want, got, "ParseSnapshot(%q)", s)
	})
}
