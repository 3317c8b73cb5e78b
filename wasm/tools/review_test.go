package tools_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/progress"
	"spry/wasm/tools"
)

func TestReviewShowsPSFS(t *testing.T) {
	tl := newTools(t)
	start := time.Date(2026, 3, 2, 18, 0, 0, 0, time.UTC)
	names := []string{"Putting on socks", `<script>alert("x")</script>`, "Jardiner"}
	var recs []progress.Record
	for i, score := range []int{2, 5} {
		p := &progress.PSFS{Date: start.AddDate(0, 0, 14*i)}
		for _, n := range names {
			p.Activities = append(p.Activities, progress.Activity{Name: n, Score: score})
		}
		recs = append(recs, progress.Record{V: progress.Version, ID: "psfs-" + string(rune('a'+i)), Kind: progress.KindPSFS,
			Program: "low-back-first-week", PSFS: p})
	}
	file, err := progress.Export(recs)
	require.NoError(t, err)

	out := tl.Review(string(file), "en", "", start.AddDate(0, 0, 20))
	var rv tools.Review
	require.NoError(t, json.Unmarshal([]byte(out), &rv), "Review = %s", out)
	require.Len(t, rv.Programs, 1)
	pr := rv.Programs[0]
	require.Len(t, pr.PSFS, 2, "Review(PSFS records).PSFS")
	assert.InDelta(t, 2.0, pr.PSFS[0].Score, 1e-9, "first PSFS score")
	assert.InDelta(t, 5.0, pr.PSFS[1].Score, 1e-9, "second PSFS score")
	assert.Equal(t, names[1], pr.PSFS[0].Activities[1].Name, "activity names kept as typed")
	var chart *tools.Chart
	for i := range pr.Charts {
		if strings.Contains(pr.Charts[i].SVG, `id="psfs-title"`) {
			chart = &pr.Charts[i]
		}
	}
	require.NotNil(t, chart, "Review has a PSFS chart")
	assert.NotContains(t, chart.SVG, "<script>", "the PSFS chart shows names as text")
}

// TestReviewShowsRedFlagScreens: the therapist sees every red-flag screen
// with the questions answered yes, in the review's language, and the
// first-use age flag.
func TestReviewShowsRedFlagScreens(t *testing.T) {
	tl := newTools(t)
	start := time.Date(2026, 3, 2, 18, 0, 0, 0, time.UTC)
	screen := func(id string, at time.Time, rf progress.RedFlags) progress.Record {
		return progress.Record{V: progress.Version, ID: id, Kind: progress.KindSession, Program: "low-back-first-week",
			Session: &progress.Session{Started: at, Ended: at, RedFlags: &rf, Exercises: []progress.Exercise{}}}
	}
	file, err := progress.Export([]progress.Record{
		screen("a", start, progress.RedFlags{Yes: []int{}, AgeFlag: true}),
		screen("b", start.AddDate(0, 0, 7), progress.RedFlags{Yes: []int{7, 9}}),
	})
	require.NoError(t, err)
	for _, tc := range []struct{ lang, q7 string }{
		{"en", "7. Have you ever had cancer?"},
		{"fr", "7. "},
	} {
		var rv tools.Review
		out := tl.Review(string(file), tc.lang, "", start.AddDate(0, 0, 8))
		require.NoError(t, json.Unmarshal([]byte(out), &rv), "Review = %s", out)
		require.Len(t, rv.Programs, 1)
		sc := rv.Programs[0].Screens
		require.Len(t, sc, 2, "Review(%s).Screens", tc.lang)
		assert.Equal(t, tools.Screen{Date: "2026-03-02 18:00", Yes: []string{}, AgeFlag: true}, sc[0], "first use, in %s", tc.lang)
		require.Len(t, sc[1].Yes, 2, "a week later, in %s", tc.lang)
		assert.True(t, strings.HasPrefix(sc[1].Yes[0], tc.q7), "Yes[0] = %q, want it to start with %q", sc[1].Yes[0], tc.q7)
		assert.False(t, sc[1].AgeFlag, "the weekly screen has no age question")
	}
}
