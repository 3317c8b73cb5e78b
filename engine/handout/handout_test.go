package handout_test

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/handout"
	"spry/engine/motion"
	"spry/engine/program"
	"spry/programs"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func shipped(t *testing.T) (*program.Program, *program.Library, map[string]*motion.Clip) {
	t.Helper()
	p, err := programs.Program("low-back-first-week")
	require.NoError(t, err)
	lib, err := programs.Library()
	require.NoError(t, err)
	clips, err := programs.Motions()
	require.NoError(t, err)
	return p, lib, clips
}

// TestGolden compares the shipped program's handout with
// testdata/low-back-first-week.<lang>.html; run with -update to rewrite.
func TestGolden(t *testing.T) {
	p, lib, clips := shipped(t)
	for _, lang := range handout.Langs() {
		t.Run(lang, func(t *testing.T) {
			got, err := handout.HTML(p, lib, clips, lang)
			require.NoError(t, err)
			golden := filepath.Join("testdata", p.ID+"."+lang+".html")
			if *update {
				require.NoError(t, os.WriteFile(golden, got, 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test -update to create %s", golden)
			assert.Equal(t, string(want), string(got), "HTML(%s, %s) differs from %s", p.ID, lang, golden)
		})
	}
}

func TestContent(t *testing.T) {
	p, lib, clips := shipped(t)
	tests := []struct {
		lang string
		want []string
	}{
		{"en", []string{`<html lang="en">`, "Low back — first week", "1 set of 10, hold 2 seconds", "1 set of 6 on each side, alternating sides, hold 5 seconds",
			"go to the emergency department now", "contact your doctor or physiotherapist today", "it does not diagnose", "a mat", "Questions? Contact your physiotherapist."}},
		{"fr", []string{`<html lang="fr">`, "Dos — première semaine", "1 série de 10, tenir 2 secondes", "allez à l&#39;urgence maintenant",
			"il ne pose pas de diagnostic", "un tapis", "Pont"}},
	}
	for _, tt := range tests {
		got, err := handout.HTML(p, lib, clips, tt.lang)
		require.NoError(t, err)
		s := string(got)
		for _, w := range tt.want {
			assert.Contains(t, s, w, "HTML(%s) lacks %q", tt.lang, w)
		}
		pictured := 0
		for _, b := range p.Blocks {
			if ex, _ := lib.Exercise(b.Exercise); clips[ex.Motion] != nil {
				pictured++
			}
		}
		assert.Equal(t, 2*pictured, strings.Count(s, "<svg "), "HTML(%s): two pictures per exercise with its own clip", tt.lang)
		assert.NotContains(t, strings.ToLower(s), "<script", "HTML(%s) holds a script", tt.lang)
		assert.Equal(t, 5+6, strings.Count(s[strings.Index(s, `class="card"`):], "<li>"), "HTML(%s): 11 red-flag signs", tt.lang)
	}
}

func TestMissingClipLeavesOutPictures(t *testing.T) {
	p, lib, _ := shipped(t)
	got, err := handout.HTML(p, lib, nil, "en")
	require.NoError(t, err)
	assert.NotContains(t, string(got), "<svg", "HTML without clips")
	assert.Contains(t, string(got), "Pelvic tilt")
}

func TestErrors(t *testing.T) {
	p, lib, clips := shipped(t)
	_, err := handout.HTML(p, lib, clips, "de")
	assert.ErrorContains(t, err, `language "de"`)
	_, err = handout.HTML(nil, lib, clips, "en")
	assert.Error(t, err, "HTML(nil program)")
	bad := *p
	bad.Blocks = []program.Block{{Exercise: "no-such-exercise"}}
	_, err = handout.HTML(&bad, lib, clips, "en")
	assert.ErrorContains(t, err, "blocks[0].exercise")
}

// TestHostile checks that HTML and script in every program and library text
// come out as text.
func TestHostile(t *testing.T) {
	_, _, clips := shipped(t)
	const script, img = `<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`
	evil := script + img
	list := program.TextList{"en": {evil}, "fr": {evil}}
	d := program.Dose{Sets: 2, Reps: 5, RestSeconds: 10, Tempo: program.Tempo{UpSeconds: 1, DownSeconds: 1}}
	lib := &program.Library{Schema: program.Schema, Exercises: []program.Exercise{{
		ID: "bridge", Name: program.Text{"en": script, "fr": img}, Motion: "bridge", Sides: program.Both,
		Steps: list, Cues: list, Mistakes: list, Cautions: list, Props: []string{"mat"}, Target: []string{"glutes"}, Dose: d,
	}}}
	require.NoError(t, lib.Validate())
	p := &program.Program{
		Schema: program.Schema, ID: "hostile",
		Title: program.Text{"en": evil, "fr": evil}, Note: program.Text{"en": evil, "fr": evil}, Contact: program.Text{"en": evil, "fr": evil},
		Blocks: []program.Block{{Exercise: "bridge"}},
	}
	require.NoError(t, p.Validate(lib))
	tag := regexp.MustCompile(`(?i)<\s*(script|img|iframe|object)|\son\w+\s*=|javascript:`)
	for _, lang := range handout.Langs() {
		got, err := handout.HTML(p, lib, clips, lang)
		require.NoError(t, err)
		s := string(got)
		const escScript, escImg = "&lt;script&gt;alert(1)&lt;/script&gt;", "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"
		assert.Contains(t, s, escScript, "HTML(%s) shows the script as text", lang)
		assert.Contains(t, s, escImg, "HTML(%s) shows the img as text", lang)
		// Outside the escaped texts, no tag or handler an attacker wrote.
		rest := strings.ReplaceAll(strings.ReplaceAll(s, escScript, ""), escImg, "")
		assert.Empty(t, tag.FindAllString(rest, -1), "HTML(%s) lets markup through", lang)
	}
}
