package tools_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/progress"
	"spry/engine/share"
	"spry/engine/simulate"
	"spry/programs"
	"spry/wasm/tools"
)

func newTools(t *testing.T) *tools.Tools {
	t.Helper()
	lib, err := programs.Library()
	require.NoError(t, err)
	clips, err := programs.Motions()
	require.NoError(t, err)
	return tools.New(lib, clips)
}

// shippedJSON returns the shipped first-week program as JSON, changed by edit.
func shippedJSON(t *testing.T, edit func(m map[string]any)) string {
	t.Helper()
	p, err := programs.Program("low-back-first-week")
	require.NoError(t, err)
	b, err := json.Marshal(p)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	if edit != nil {
		edit(m)
	}
	b, err = json.Marshal(m)
	require.NoError(t, err)
	return string(b)
}

func block(m map[string]any, i int) map[string]any {
	return m["blocks"].([]any)[i].(map[string]any)
}

func TestValidate(t *testing.T) {
	tl := newTools(t)
	tests := []struct {
		name string
		text string
		want []tools.Problem
	}{
		{"shipped", shippedJSON(t, nil), []tools.Problem{}},
		{"reps 0", shippedJSON(t, func(m map[string]any) {
			block(m, 1)["dose"].(map[string]any)["reps"] = 0
		}), []tools.Problem{{Path: "blocks[1].dose.reps", Msg: "must be 1 to 100, not 0"}}},
		{"unknown exercise", shippedJSON(t, func(m map[string]any) {
			block(m, 0)["exercise"] = "moonwalk"
		}), nil},
		{"not JSON", "{", nil},
	}
	for _, tt := range tests {
		var got []tools.Problem
		require.NoError(t, json.Unmarshal([]byte(tl.Validate(tt.text)), &got), tt.name)
		if tt.want != nil {
			paths := func(ps []tools.Problem) (out []string) {
				for _, p := range ps {
					out = append(out, p.Path)
				}
				return out
			}
			assert.Equal(t, paths(tt.want), paths(got), "Validate(%s) = %v, want %v", tt.name, got, tt.want)
		} else {
			assert.NotEmpty(t, got, "Validate(%s) = no problems, want some", tt.name)
		}
	}
}

func TestLinkAndQR(t *testing.T) {
	tl := newTools(t)
	var got tools.LinkResult
	require.NoError(t, json.Unmarshal([]byte(tl.Link(shippedJSON(t, nil), "https://clinic.example/spry/")), &got))
	require.True(t, strings.HasPrefix(got.URL, "https://clinic.example/spry/#p1."), "Link = %q", got.URL)
	assert.True(t, got.FitsQR)
	assert.Equal(t, len(got.URL), got.Bytes)
	p, err := share.Decode(got.URL)
	require.NoError(t, err)
	assert.Equal(t, "low-back-first-week", p.ID)

	var qr map[string]string
	require.NoError(t, json.Unmarshal([]byte(tl.QR(got.URL)), &qr))
	assert.True(t, strings.HasPrefix(qr["svg"], "<svg "), "QR(link) = %.40q, want an SVG", qr["svg"])

	var big tools.Failure
	require.NoError(t, json.Unmarshal([]byte(tl.QR(strings.Repeat("a", share.QRMaxBytes+1))), &big))
	assert.Equal(t, tools.ErrQRTooBig.Error(), big.Error)

	var bad tools.Failure
	require.NoError(t, json.Unmarshal([]byte(tl.Link("{}", "https://clinic.example/")), &bad))
	assert.NotEmpty(t, bad.Problems, "Link({}) has no problems")
}

func TestQRSVGSizes(t *testing.T) {
	tests := []struct {
		n        int
		wantSize int // modules on a side, quiet zone included
	}{
		{1, 21 + 8},                 // version 1
		{share.QRMaxBytes, 177 + 8}, // version 40 at L
	}
	for _, tt := range tests {
		svg, err := tools.QRSVG(strings.Repeat("a", tt.n))
		require.NoError(t, err, "QRSVG(%d bytes)", tt.n)
		assert.Contains(t, svg, `viewBox="0 0 `+itoa(tt.wantSize)+" ", "QRSVG(%d bytes) size", tt.n)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestHostileTextIsEscaped(t *testing.T) {
	tl := newTools(t)
	hostile := `<script>alert(1)</script>"><img src=x onerror=alert(2)>`
	text := shippedJSON(t, func(m map[string]any) {
		m["title"] = map[string]any{"en": hostile[:40]}
		m["note"] = map[string]any{"en": hostile}
	})
	var f tools.File
	require.NoError(t, json.Unmarshal([]byte(tl.Handout(text, "en")), &f))
	require.NotEmpty(t, f.Data)
	assert.NotContains(t, f.Data, "<script>alert")
	assert.NotContains(t, f.Data, "<img src=x")
	assert.Contains(t, f.Data, "&lt;script&gt;")
}

func TestPreviewStepsPlayAlone(t *testing.T) {
	tl := newTools(t)
	var pv tools.Preview
	require.NoError(t, json.Unmarshal([]byte(tl.Preview(shippedJSON(t, nil), "fr")), &pv))
	require.Len(t, pv.Blocks, 4)
	assert.Equal(t, [2]int{7, 6}, [2]int{pv.SessionsPerWeek, pv.Weeks}, "Preview of a program without a schedule: every day for 6 weeks")
	var sched tools.Preview
	require.NoError(t, json.Unmarshal([]byte(tl.Preview(shippedJSON(t, func(m map[string]any) {
		m["schedule"] = map[string]any{"days": []string{"tue", "thu"}, "weeks": 10}
	}), "en")), &sched))
	assert.Equal(t, [2]int{2, 10}, [2]int{sched.SessionsPerWeek, sched.Weeks}, "Preview of a program on Tuesdays and Thursdays for 10 weeks")
	for _, b := range pv.Blocks {
		require.Len(t, b.Steps, 1)
		p, err := share.Decode(b.Steps[0].Fragment)
		require.NoError(t, err, "block %d fragment", b.Index)
		require.Len(t, p.Blocks, 1)
		assert.Equal(t, b.Steps[0].Exercise, p.Blocks[0].Exercise)
	}

	var f tools.Failure
	link := tl.Link(shippedJSON(t, nil), "https://x.example/")
	var lr tools.LinkResult
	require.NoError(t, json.Unmarshal([]byte(link), &lr))
	require.NoError(t, json.Unmarshal([]byte(tl.Preview(lr.URL[:len(lr.URL)-20], "en")), &f))
	assert.Contains(t, f.Error, "incomplete", "Preview(truncated link)")
	tampered := []byte(lr.URL)
	i := len(tampered) - 10
	tampered[i] ^= 1
	require.NoError(t, json.Unmarshal([]byte(tl.Preview(string(tampered), "en")), &f))
	assert.Contains(t, f.Error, "changed", "Preview(tampered link)")
}

func TestSimulate(t *testing.T) {
	tl := newTools(t)
	for _, sc := range simulate.Scenarios() {
		var tb simulate.Table
		require.NoError(t, json.Unmarshal([]byte(tl.Simulate(shippedJSON(t, nil), string(sc), 6, 3, "en")), &tb))
		assert.Equal(t, sc, tb.Scenario)
		assert.Equal(t, 6, tb.Weeks)
		assert.Len(t, tb.Blocks, 4)
	}
	var f tools.Failure
	require.NoError(t, json.Unmarshal([]byte(tl.Simulate(shippedJSON(t, nil), "sunny", 6, 3, "en")), &f))
	assert.NotEmpty(t, f.Error)
}

func TestReview(t *testing.T) {
	tl := newTools(t)
	p, err := programs.Program("low-back-first-week")
	require.NoError(t, err)
	start := time.Date(2026, 3, 2, 18, 0, 0, 0, time.UTC)
	var recs []progress.Record
	for i := range 4 {
		at := start.Add(time.Duration(i) * 48 * time.Hour)
		s := &progress.Session{Started: at, Ended: at.Add(15 * time.Minute), PainBefore: progress.Pain(2),
			PainAfter: progress.Pain(2), Effort: progress.Pain(4)}
		for bi, b := range p.Blocks {
			d := *b.Dose
			sets := make([]progress.Set, d.Sets)
			for k := range sets {
				sets[k] = progress.Set{Reps: d.Reps}
			}
			s.Exercises = append(s.Exercises, progress.Exercise{Block: bi, Exercise: b.Exercise,
				Target: progress.Target{Sets: d.Sets, Reps: d.Reps, HoldSeconds: d.HoldSeconds}, Sets: sets,
				PainDuring: progress.Pain(1)})
		}
		recs = append(recs, progress.Record{V: progress.Version, ID: at.Format("20060102T150405Z") + "0000000" + string(rune('a'+i)),
			Kind: progress.KindSession, Program: p.ID, Session: s})
	}
	file, err := progress.Export(recs)
	require.NoError(t, err)

	var rv tools.Review
	require.NoError(t, json.Unmarshal([]byte(tl.Review(string(file), "en", "", start.Add(10*24*time.Hour))), &rv))
	require.Len(t, rv.Programs, 1)
	pr := rv.Programs[0]
	assert.True(t, pr.Known)
	assert.Equal(t, 4, pr.Sessions)
	assert.Len(t, pr.Charts, 2+4)
	require.NotEmpty(t, pr.Decisions)
	for _, d := range pr.Decisions {
		assert.NotEmpty(t, d.Reason, "decision %+v has no reason", d)
	}
	assert.Equal(t, "next", pr.Decisions[len(pr.Decisions)-1].Session)

	var f tools.Failure
	require.NoError(t, json.Unmarshal([]byte(tl.Review("not a file", "en", "", start)), &f))
	assert.NotEmpty(t, f.Error)
}

func TestLinkMessages(t *testing.T) {
	tl := newTools(t)
	tests := []struct {
		link string
		want string
	}{
		{"https://clinic.example/#p9.AAAA", "newer version"},
		{"https://clinic.example/#hello", "not a Spry program link"},
		{"", "no program"},
	}
	for _, tt := range tests {
		var f tools.Failure
		require.NoError(t, json.Unmarshal([]byte(tl.Preview(tt.link, "en")), &f))
		assert.Contains(t, f.Error, tt.want, "Preview(%q).Error = %q, want it to say %q", tt.link, f.Error, tt.want)
	}
}
