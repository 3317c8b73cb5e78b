package ics_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/history"
	"spry/engine/ics"
	"spry/engine/program"
	"spry/programs"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// zone is the patient's device time zone in the fixtures.
var zone = time.FixedZone("EST", -5*3600)

// stamp is when the fixture files are made: Mon 5 Jan 2026, 09:15.
var stamp = time.Date(2026, 1, 5, 9, 15, 0, 0, zone)

// hostile is text a clinician or a tampered share link may put in a
// program.
const hostile = "Dos, phase 1; \\ semaine\n<script>alert(\"x\")</script>\r\nfin\x00\x1b é€😀"

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), string(got), "%s differs; run go test -update and review the diff", path)
}

// cases are the golden calendars.
func cases(t *testing.T) map[string][]byte {
	t.Helper()
	lib, err := programs.Library()
	require.NoError(t, err)
	p, err := programs.Program("low-back-first-week")
	require.NoError(t, err)
	evil := *p
	evil.ID = "back/<core> 1"
	evil.Title = program.Text{"en": hostile, "fr": hostile}
	evil.Contact = program.Text{"fr": "Julie, pht; clinique \\ Santé"}

	out := map[string][]byte{}
	add := func(name string, p *program.Program, s history.Schedule, o ics.Options) {
		b, err := ics.Program(p, lib, s, o)
		require.NoError(t, err, "Program(%s)", name)
		out[name] = b
	}
	add("daily-en.ics", p, history.Schedule{}, ics.Options{Lang: "en", At: 18*time.Hour + 30*time.Minute, Stamp: stamp})
	add("mwf-fr.ics", p, history.Schedule{SessionsPerWeek: 3, Weeks: 8, Start: stamp},
		ics.Options{Lang: "fr-CA", At: 7 * time.Hour, Duration: 95 * time.Minute, Alarm: time.Hour, Stamp: stamp, URL: "https://clinic.example/spry/?p=low-back-first-week&lang=fr"})
	add("hostile-fr.ics", &evil, history.Schedule{Days: []time.Weekday{time.Tuesday, time.Saturday}, Weeks: 2, Start: stamp},
		ics.Options{Lang: "fr", At: 12 * time.Hour, NoAlarm: true, Stamp: stamp})
	return out
}

func TestGolden(t *testing.T) {
	for name, b := range cases(t) {
		golden(t, name, b)
	}
}

// property is one unfolded content line.
type property struct {
	name   string
	params string
	value  string
}

// parse checks the physical form of an iCalendar file (CRLF line ends,
// lines of at most 75 octets, valid UTF-8, BEGIN/END balanced) and returns
// its unfolded content lines.
func parse(t *testing.T, name string, b []byte) []property {
	t.Helper()
	require.True(t, utf8.Valid(b), "%s: not UTF-8", name)
	require.True(t, bytes.HasSuffix(b, []byte("\r\n")), "%s: does not end with CRLF", name)
	raw := strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n")
	var lines []string
	for i, l := range raw {
		assert.LessOrEqual(t, len(l), ics.MaxLineOctets, "%s: line %d is %d octets", name, i+1, len(l))
		assert.NotContains(t, l, "\n", "%s: line %d holds a bare LF", name, i+1)
		assert.NotContains(t, l, "\r", "%s: line %d holds a bare CR", name, i+1)
		assert.True(t, utf8.ValidString(l), "%s: line %d splits a UTF-8 sequence", name, i+1)
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			require.NotEmpty(t, lines, "%s: starts with a continuation line", name)
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	var props []property
	var stack []string
	for _, l := range lines {
		i := strings.Index(l, ":")
		require.Positive(t, i, "%s: %q has no name", name, l)
		head, value := l[:i], l[i+1:]
		p := property{name: head, value: value}
		if j := strings.Index(head, ";"); j >= 0 {
			p.name, p.params = head[:j], head[j+1:]
		}
		switch p.name {
		case "BEGIN":
			stack = append(stack, value)
		case "END":
			require.NotEmpty(t, stack, "%s: END:%s without BEGIN", name, value)
			require.Equal(t, stack[len(stack)-1], value, "%s: END:%s closes BEGIN:%s", name, value, stack[len(stack)-1])
			stack = stack[:len(stack)-1]
		}
		props = append(props, p)
	}
	assert.Empty(t, stack, "%s: BEGIN without END", name)
	return props
}

// unescape reads an RFC 5545 TEXT value, failing on a bare comma or
// semicolon or an unknown escape.
func unescape(t *testing.T, what, v string) string {
	t.Helper()
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '\\':
			require.Less(t, i+1, len(v), "%s: trailing backslash in %q", what, v)
			i++
			switch v[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			case '\\', ';', ',':
				b.WriteByte(v[i])
			default:
				t.Fatalf("%s: unknown escape \\%c in %q", what, v[i], v)
			}
		case c == ',' || c == ';':
			t.Fatalf("%s: bare %q in TEXT value %q", what, c, v)
		case c < 0x20 && c != '\t':
			t.Fatalf("%s: control character %#x in %q", what, c, v)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func TestWellFormed(t *testing.T) {
	for name, b := range cases(t) {
		props := parse(t, name, b)
		got := map[string][]property{}
		for _, p := range props {
			got[p.name] = append(got[p.name], p)
		}
		for _, want := range []string{"VERSION", "PRODID", "UID", "DTSTAMP", "DTSTART", "DURATION", "RRULE", "SUMMARY", "DESCRIPTION"} {
			assert.Len(t, got[want], 1+btoi(want == "DESCRIPTION" && strings.Contains(string(b), "VALARM")), "%s: %s", name, want)
		}
		assert.Regexp(t, `^\d{8}T\d{6}$`, got["DTSTART"][0].value, "%s: DTSTART is a floating local time", name)
		assert.Regexp(t, `^\d{8}T\d{6}Z$`, got["DTSTAMP"][0].value, "%s: DTSTAMP is UTC", name)
		assert.Regexp(t, `^[A-Za-z0-9._-]+@spry$`, got["UID"][0].value, "%s: UID", name)
		assert.Regexp(t, `^FREQ=(DAILY|WEEKLY;WKST=MO;BYDAY=([A-Z]{2},)*[A-Z]{2});COUNT=\d+$`, got["RRULE"][0].value, "%s: RRULE", name)
		for _, p := range append(got["SUMMARY"], got["DESCRIPTION"]...) {
			unescape(t, name+" "+p.name, p.value)
			assert.Regexp(t, `^LANGUAGE=(en|fr)$`, p.params, "%s: %s params", name, p.name)
		}
	}
}

// btoi returns 1 for true.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestHostileTextEscaped(t *testing.T) {
	b := cases(t)["hostile-fr.ics"]
	props := parse(t, "hostile-fr.ics", b)
	var summary, desc string
	for _, p := range props {
		switch p.name {
		case "SUMMARY":
			summary = unescape(t, "SUMMARY", p.value)
		case "DESCRIPTION":
			desc = unescape(t, "DESCRIPTION", p.value)
		case "UID":
			assert.Equal(t, "spry-backcore1-20260105@spry", p.value, "UID of program ID %q", "back/<core> 1")
		case "RRULE":
			assert.Equal(t, "FREQ=WEEKLY;WKST=MO;BYDAY=TU,SA;COUNT=4", p.value, "RRULE")
		}
	}
	clean := "Dos, phase 1; \\ semaine\n<script>alert(\"x\")</script>\nfin é€😀"
	assert.Equal(t, "Exercices : "+clean, summary, "SUMMARY round trip")
	assert.Contains(t, desc, clean, "DESCRIPTION round trip")
	assert.Contains(t, desc, "Julie, pht; clinique \\ Santé", "DESCRIPTION contact")
	assert.NotContains(t, string(b), "\x00", "NUL written")
	assert.NotContains(t, string(b), "VALARM", "NoAlarm")
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a,b;c\\d", `a\,b\;c\\d`},
		{"one\ntwo\r\nthree\rfour", `one\ntwo\nthree\nfour`},
		{"tab\tbell\a", "tab\tbell"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ics.Escape(tt.in), "Escape(%q)", tt.in)
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"short", "SUMMARY:hi"},
		{"exactly 75", "X:" + strings.Repeat("a", 73)},
		{"76", "X:" + strings.Repeat("a", 74)},
		{"long ASCII", "X:" + strings.Repeat("abcdefghij", 30)},
		{"two-octet runes", "X:" + strings.Repeat("é", 100)},
		{"four-octet runes", "X:" + strings.Repeat("😀", 60)},
		{"mixed", "X:a" + strings.Repeat("€😀é", 40)},
	}
	for _, tt := range tests {
		got := ics.Fold(tt.in)
		require.True(t, strings.HasSuffix(got, "\r\n"), "Fold(%s) ends without CRLF", tt.name)
		lines := strings.Split(strings.TrimSuffix(got, "\r\n"), "\r\n")
		var back strings.Builder
		for i, l := range lines {
			assert.LessOrEqual(t, len(l), ics.MaxLineOctets, "Fold(%s) line %d: %d octets", tt.name, i, len(l))
			assert.True(t, utf8.ValidString(l), "Fold(%s) line %d splits a rune", tt.name, i)
			if i > 0 {
				require.True(t, strings.HasPrefix(l, " "), "Fold(%s) line %d does not start with a space", tt.name, i)
				l = l[1:]
			}
			if i < len(lines)-1 {
				assert.Greater(t, len(l)+btoi(i > 0), ics.MaxLineOctets-4, "Fold(%s) line %d folded too early", tt.name, i)
			}
			back.WriteString(l)
		}
		assert.Equal(t, tt.in, back.String(), "unfold(Fold(%s))", tt.name)
	}
}

func TestProgramErrors(t *testing.T) {
	p, err := programs.Program("low-back-first-week")
	require.NoError(t, err)
	tests := []struct {
		name string
		o    ics.Options
		want string
	}{
		{"time of day 24:00", ics.Options{At: 24 * time.Hour, Stamp: stamp}, "time of day"},
		{"negative time of day", ics.Options{At: -time.Minute, Stamp: stamp}, "time of day"},
		{"no stamp", ics.Options{At: time.Hour}, "Stamp"},
		{"javascript URL", ics.Options{At: time.Hour, Stamp: stamp, URL: "javascript:alert(1)"}, "URL"},
		{"URL with a line break", ics.Options{At: time.Hour, Stamp: stamp, URL: "https://a.example/\r\nX-EVIL:1"}, "URL"},
	}
	for _, tt := range tests {
		_, err := ics.Program(p, nil, history.Schedule{}, tt.o)
		require.Error(t, err, "Program(%s)", tt.name)
		assert.Contains(t, err.Error(), tt.want, "Program(%s)", tt.name)
	}
}

func TestStableUID(t *testing.T) {
	p, err := programs.Program("low-back-first-week")
	require.NoError(t, err)
	uidOf := func(o ics.Options) string {
		b, err := ics.Program(p, nil, history.Schedule{Start: stamp}, o)
		require.NoError(t, err)
		for _, l := range strings.Split(string(b), "\r\n") {
			if v, ok := strings.CutPrefix(l, "UID:"); ok {
				return v
			}
		}
		return ""
	}
	a := uidOf(ics.Options{Lang: "en", At: 7 * time.Hour, Stamp: stamp})
	b := uidOf(ics.Options{Lang: "fr", At: 19 * time.Hour, Stamp: stamp.Add(48 * time.Hour)})
	assert.Equal(t, "spry-low-back-first-week-20260105@spry", a, "UID")
	assert.Equal(t, a, b, "UID with another language, time and stamp")
}

func TestCatalogComplete(t *testing.T) {
	for _, a := range ics.Languages() {
		for _, b := range ics.Languages() {
			for id := range ics.Catalog[a] {
				assert.NotEmpty(t, ics.Catalog[b][id], "catalog[%q][%q] (present in %q)", b, id, a)
			}
		}
	}
}

func TestFileName(t *testing.T) {
	tests := []struct{ id, want string }{
		{"low-back-first-week", "spry-low-back-first-week.ics"},
		{"../../etc/passwd", "spry-etcpasswd.ics"},
		{"<>", "spry-program.ics"},
		{strings.Repeat("a", 100), "spry-" + strings.Repeat("a", 60) + ".ics"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ics.FileName(&program.Program{ID: tt.id}), "FileName(%q)", tt.id)
	}
}
