package store_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"spry/wasm/store"
)

func TestSplitJoined(t *testing.T) {
	for _, tc := range []struct {
		name, keys, values string
		count              int
		wantKeys, wantVals []string
		ok                 bool
	}{
		{"empty", "", "", 0, []string{}, []string{}, true},
		{"one", "spry/p/a", `{"v":2}`, 1, []string{"spry/p/a"}, []string{`{"v":2}`}, true},
		{"three, one empty", "a\x00\x00c", "1\x00\x003", 3, []string{"a", "", "c"}, []string{"1", "", "3"}, true},
		{"a value with a NUL", "a\x00b", "1\x00x\x00y", 2, nil, nil, false},
		{"a key missing (named like a Storage member)", "a", "1", 2, nil, nil, false},
		{"nothing for a count of one", "", "", 1, []string{""}, []string{""}, true},
		{"something for a count of none", "a", "1", 0, nil, nil, false},
	} {
		ks, vs, ok := store.SplitJoined(tc.keys, tc.values, tc.count)
		assert.Equal(t, tc.ok, ok, "%s: ok", tc.name)
		if tc.ok {
			assert.Equal(t, tc.wantKeys, ks, "%s: keys", tc.name)
			assert.Equal(t, tc.wantVals, vs, "%s: values", tc.name)
		}
	}
}
