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
