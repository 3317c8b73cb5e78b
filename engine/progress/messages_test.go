package progress_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/program"
	"spry/engine/progress"
)

// verb matches one fmt verb, such as %[2]s or %%.
var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// verbs returns the distinct verbs of a format string, sorted, leaving out
// %%: a translation may use an argument twice, but must use each one.
func verbs(s string) []string {
	seen := map[string]bool{}
	var v []string
	for _, m := range verb.FindAllString(s, -1) {
		if m != "%%" && !seen[m] {
			seen[m] = true
			v = append(v, m)
		}
	}
	sort.Strings(v)
	return v
}

// Every message is in French, with the same arguments as in English.
func TestMessagesAgree(t *testing.T) {
	en := progress.MessageIDs("en")
	require.NotEmpty(t, en)
	for _, lang := range []string{"fr"} {
		for _, id := range en {
			f, ok := progress.MessageFormat(lang, id)
			if !assert.True(t, ok, "%s messages lack %q", lang, id) {
				continue
			}
			assert.NotEmpty(t, f, "%s: %q is empty", lang, id)
			e, _ := progress.MessageFormat("en", id)
			assert.Equal(t, verbs(e), verbs(f), "%s: %q has other arguments than in English", lang, id)
		}
		for _, id := range progress.MessageIDs(lang) {
			_, ok := progress.MessageFormat("en", id)
			assert.True(t, ok, "%s messages have %q, which English lacks", lang, id)
		}
	}
}

func TestMessageText(t *testing.T) {
	mon := progress.Date(time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC))
	first := progress.Date(time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC))
	bridge := program.Text{"en": "Bridge", "fr": "Pont"}
	for _, tt := range []struct {
		m          progress.Message
		lang, want string
	}{
		{progress.Message{ID: "why-not-full", Args: []any{mon}}, "en", "On Mon 5 Jan not every set was done in full."},
		{progress.Message{ID: "why-not-full", Args: []any{mon}}, "fr", "Le lundi 5 janvier, certaines séries n'ont pas été faites au complet."},
		{progress.Message{ID: "why-not-full", Args: []any{first}}, "fr", "Le lundi 1er juin, certaines séries n'ont pas été faites au complet."},
		{progress.Message{ID: "dose-hold", Args: []any{2, 8, 2.5}}, "en", "2 × 8 reps, 2.5 s hold"},
		{progress.Message{ID: "dose-hold", Args: []any{2, 8, 2.5}}, "fr", "2 × 8 répétitions, tenir 2,5 s"},
		{progress.Message{ID: "p4-ongoing", Args: []any{3.5}}, "fr",
			"Votre douleur augmente depuis quelques semaines (moyenne de 3,5/10 cette semaine). Communiquez avec votre physiothérapeute si ce n'est pas déjà fait."},
		{progress.Message{ID: "change", Args: []any{bridge, progress.Message{ID: "reps", Args: []any{10, 12}},
			progress.Message{ID: "why-progress", Args: []any{2, 2}}}}, "fr",
			"Pont : 10 → 12 répétitions. Vos 2 dernières séances ont été faites au complet, avec une douleur de 2/10 ou moins."},
		{progress.Message{ID: "why-missing", Args: []any{progress.Message{ID: "missing-effort"}, mon}}, "fr",
			"Avant d'augmenter, il nous faut votre note d'effort pour la séance du lundi 5 janvier."},
		{progress.Message{ID: "reps", Args: []any{10, 12}}, "de", "10 → 12 reps"},
		{progress.Message{ID: "no-such-message"}, "fr", "no-such-message"},
	} {
		assert.Equal(t, tt.want, tt.m.Text(tt.lang), "%v.Text(%q) = %q, want %q", tt.m, tt.lang, tt.m.Text(tt.lang), tt.want)
	}
}

// english holds words that only English reasons use.
var english = func() map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(`rep reps hold set sets session sessions pain clinician prescribed step easier
		days your the mon tue wed thu fri sat sun jan feb apr jun jul aug sep oct nov dec`) {
		set[w] = true
	}
	return set
}()

// englishWords returns the words of s that are in english.
func englishWords(s string) []string {
	var found []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if english[strings.ToLower(w)] {
			found = append(found, w)
		}
	}
	return found
}

// A French plan's reasons and notes are in French from end to end, for every
// scenario (the test library names its exercises in English only, so the
// names are left out).
func TestFrenchReasons(t *testing.T) {
	lib := loadLibrary(t)
	var names []string
	for _, ex := range lib.Exercises {
		names = append(names, ex.Name.In("en"))
	}
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	files, err := filepath.Glob("testdata/*.txtar")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	seen, inEnglish := map[string]bool{}, 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		sc := parseTxtar(string(data))
		p := decodeProgram(t, sc.sections["program.json"], lib)
		recs, _ := play(t, p, lib, sc.sections["log"])
		plan := progress.Next(p, lib, recs, parseTime(t, sc.sections["now"]))
		msgs := append([]progress.Message(nil), plan.Notes...)
		for _, bp := range plan.Blocks {
			for _, c := range bp.Changes {
				msgs = append(msgs, c.Reason)
			}
		}
		for _, m := range msgs {
			seen[m.ID] = true
			inEnglish += len(englishWords(m.Text("en")))
			fr := m.Text("fr")
			for _, n := range names {
				fr = strings.ReplaceAll(fr, n, "")
			}
			assert.Empty(t, englishWords(fr), "%s: %s.Text(fr) = %q, has English words", file, m.ID, m.Text("fr"))
		}
	}
	assert.GreaterOrEqual(t, len(seen), 10, "message kinds seen in the scenarios")
	assert.Positive(t, inEnglish, "English words found in the English reasons")
}
