package store_test

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/wasm/store"
)

func TestParseSnapshot(t *testing.T) {
	for _, tc := range []struct {
		in           string
		keys, values []string
	}{
		{`{}`, []string{}, []string{}},
		{`{"a":"b"}`, []string{"a"}, []string{"b"}},
		{`{"b":"1","a":""}`, []string{"b", "a"}, []string{"1", ""}}, // the browser's order is kept
		{`{"spry/p/x":"{\"v\":2,\"n\":\"a\\\\b\"}"}`, []string{"spry/p/x"}, []string{`{"v":2,"n":"a\\b"}`}},
		{`{"k":"\b\f\n\r\t\/\u0000\u001f"}`, []string{"k"}, []string{"\b\f\n\r\t/\x00\x1f"}},
		{`{"k":"é\u00e9\u20AC😀\ud83d\ude00"}`, []string{"k"}, []string{"éé€😀😀"}},
		{`{"k":"a\ud83db"}`, []string{"k"}, []string{"a\ufffdb"}}, // a lone surrogate, as JavaScript passes it
		{`{"k":"\ude00\ud83d"}`, []string{"k"}, []string{"\ufffd\ufffd"}},
	} {
		keys, values, ok := store.ParseSnapshot(tc.in)
		require.True(t, ok, "ParseSnapshot(%s) not ok", tc.in)
		assert.Equal(t, tc.keys, keys, "ParseSnapshot(%s) keys", tc.in)
		assert.Equal(t, tc.values, values, "ParseSnapshot(%s) values", tc.in)
	}
	for _, in := range []string{
		``, `{`, `}`, `[]`, `null`, `{"a"}`, `{"a":1}`, `{"a":"b",}`, `{"a":"b"}x`, `{"a":"b" }`, `{"a":"b`,
		"{\"a\":\"line\nbreak\"}", `{"a":"\x"}`, `{"a":"\u12"}`, `{"a":"\u12G4"}`, `{"a":"\`, `{"a":null}`,
	} {
		_, _, ok := store.ParseSnapshot(in)
		assert.False(t, ok, "ParseSnapshot(%q) ok, want a refusal (the caller then reads item by item)", in)
	}
}

// TestParseSnapshotAgreesWithJSON checks random stores against
// encoding/json's encoder, which escapes more than JSON.stringify does.
func TestParseSnapshotAgreesWithJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("aZ09 \"\\/{}:,\n\t\x00\x1féü€😀<>&\u2028")
	str := func() string {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	for range 500 {
		want := map[string]string{}
		for range r.IntN(20) {
			want[str()] = str()
		}
		data, err := json.Marshal(want)
		require.NoError(t, err)
		keys, values, ok := store.ParseSnapshot(string(data))
		require.True(t, ok, "ParseSnapshot(%s) not ok", data)
		got := map[string]string{}
		for i, k := range keys {
			got[k] = values[i]
		}
		require.Equal(t, want, got, "ParseSnapshot(%s)", data)
	}
}
