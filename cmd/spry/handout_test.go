package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHandoutCommand(t *testing.T) {
	bad := tempFile(t, "bad.json", badProgram)
	hostile := tempFile(t, "hostile.json", `{"schema": 1, "id": "hostile",
 "title": {"en": "<script>alert(1)</script>"}, "note": {"en": "\"><img src=x onerror=alert(1)>"},
 "blocks": [{"exercise": "bridge"}]}`)
	tests := []struct {
		name     string
		args     []string
		code     int
		out, err string
	}{
		{"English", []string{"handout", shippedProgram}, 0, `<html lang="en">`, ""},
		{"French", []string{"handout", "-lang", "fr", shippedProgram}, 0, "Signes d&#39;alerte", ""},
		{"hostile texts", []string{"handout", hostile}, 0, "&lt;script&gt;alert(1)&lt;/script&gt;", ""},
		{"unknown language", []string{"handout", "-lang", "de", shippedProgram}, 2, "", `-lang "de": want en or fr`},
		{"invalid program", []string{"handout", bad}, 1, "", bad + ":blocks[0].dose.sets: "},
		{"no file", []string{"handout"}, 2, "", "Usage: spry handout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(tt.args...)
			assert.Equal(t, tt.code, code, "spry %v exit code; stderr %s", tt.args, errOut)
			assert.Contains(t, out, tt.out, "spry %v stdout", tt.args)
			assert.Contains(t, errOut, tt.err, "spry %v stderr", tt.args)
			assert.NotContains(t, strings.ToLower(out), "<script", "spry %v writes a script", tt.args)
		})
	}
}
