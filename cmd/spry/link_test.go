package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/share"
)

// bigProgram is a valid program whose link is too long for a QR code:
// twenty blocks with long notes that do not compress well.
func bigProgram() string {
	var b strings.Builder
	b.WriteString(`{"schema": 1, "id": "big", "title": {"en": "Big"}, "note": {`)
	for i, lang := range []string{"en", "fr", "de", "es", "it", "nl", "pt", "pl"} {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q: %q", lang, noise(i, 1000))
	}
	b.WriteString(`}, "blocks": [`)
	for i := range 20 {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `{"exercise": "bridge", "dose": {"sets": %d, "reps": %d, "holdSeconds": %d, "tempo": {"upSeconds": 1}}}`, 1+i%10, 1+i*3, i)
	}
	b.WriteString("]}")
	return b.String()
}

// noise returns n letters that compress poorly, the same for the same seed.
func noise(seed, n int) string {
	const letters = "abcdefghijklmnopqrstuvwxyz ,.ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	x := uint32(seed*7919 + 1)
	b := make([]byte, n)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = letters[x%uint32(len(letters))]
	}
	return string(b)
}

func TestLinkCommand(t *testing.T) {
	bad := tempFile(t, "bad.json", badProgram)
	big := tempFile(t, "big.json", bigProgram())
	tests := []struct {
		name     string
		args     []string
		code     int
		out, err string
	}{
		{"default base", []string{"link", shippedProgram}, 0, defaultBase + "#p1.", ""},
		{"clinic base", []string{"link", "-base", "https://clinic.example/spry/", shippedProgram}, 0, "https://clinic.example/spry/#p1.", ""},
		{"relative base", []string{"link", "-base", "/spry/", shippedProgram}, 2, "", "want an absolute http or https URL"},
		{"invalid program", []string{"link", bad}, 1, "", bad + ":blocks[0].dose.sets: "},
		{"too long for a QR code", []string{"link", big}, 0, "#p1.", "too long for a QR code"},
		{"no file", []string{"link"}, 2, "", "Usage: spry link"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(tt.args...)
			assert.Equal(t, tt.code, code, "spry %v exit code; stderr %s", tt.args, errOut)
			assert.Contains(t, out, tt.out, "spry %v stdout", tt.args)
			assert.Contains(t, errOut, tt.err, "spry %v stderr", tt.args)
		})
	}
}

func TestLinkRoundTrip(t *testing.T) {
	for _, file := range []string{shippedProgram, tempFile(t, "big.json", bigProgram())} {
		code, out, errOut := runCmd("link", file)
		require.Equal(t, 0, code, errOut)
		link := strings.TrimSpace(out)
		p, err := share.Decode(link)
		require.NoError(t, err, "Decode(spry link %s)", file)
		if !share.FitsQR(link) {
			assert.Contains(t, errOut, fmt.Sprintf("the link is %d bytes", len(link)), "warning names the size")
			t.Logf("%s: %d-byte link, still decodes to %q", file, len(link), p.ID)
		} else {
			assert.Empty(t, errOut, "no warning for a %d-byte link", len(link))
		}
	}
}
