package app_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/app"
	"spry/engine/progress"
)

// actionIDs lists the IDs of a view's actions.
func actionIDs(v app.View) []string {
	var ids []string
	for _, a := range v.Actions {
		ids = append(ids, a.ID)
	}
	return ids
}

// psfsRecords returns the PSFS records in w's store, oldest first.
func psfsRecords(t *testing.T, w *world) []progress.Record {
	t.Helper()
	recs, _, err := w.store.All()
	require.NoError(t, err)
	var out []progress.Record
	for _, r := range recs {
		if r.PSFS != nil {
			out = append(out, r)
		}
	}
	return out
}

// nameActivity types an activity's name, scores it and taps id.
func nameActivity(t *testing.T, a *app.App, now time.Time, name string, score int, id string) app.View {
	t.Helper()
	v := a.View()
	require.Equal(t, app.PSFSActivity, v.Screen)
	require.NotNil(t, v.Text, "the first PSFS asks for the activity's name")
	do(t, a, now, "text", name)
	do(t, a, now, "scale", strconv.Itoa(score))
	return act(t, a, now, id)
}

// firstPSFS takes a new patient through first use and the PSFS at the
// start, naming names with scores.
func firstPSFS(t *testing.T, w *world, now time.Time, lang string, names []string, scores []int) app.View {
	t.Helper()
	a := w.open(now, lang)
	act(t, a, now, "continue")
	var v app.View
	for range 12 { // the red-flag screen at first use
		v = act(t, a, now, "no")
	}
	require.Equal(t, app.PSFSIntro, v.Screen, "first use: the PSFS right after the red-flag screen")
	v = act(t, a, now, "next")
	for i, n := range names {
		id := "next"
		switch {
		case i == len(names)-1:
			id = "done"
		case i >= 2:
			id = "add"
		}
		v = nameActivity(t, a, now, n, scores[i], id)
	}
	require.Equal(t, app.PSFSSaved, v.Screen)
	return v
}

func TestPSFSAtTheStart(t *testing.T) {
	w := newWorld(t)
	a := w.open(day0, "en-CA")
	act(t, a, day0, "continue")
	var v app.View
	for range 12 { // the red-flag screen at first use
		v = act(t, a, day0, "no")
	}
	require.Equal(t, app.PSFSIntro, v.Screen)
	assert.Equal(t, "Your activities", v.Title)
	assert.Contains(t, v.Body, "Name 3 to 5 activities that are hard for you because of your back (for example: putting on socks, gardening).")
	assert.Equal(t, []string{"next", "later"}, actionIDs(v))

	v = act(t, a, day0, "next")
	require.Equal(t, app.PSFSActivity, v.Screen)
	assert.Equal(t, "Activity 1", v.Step)
	require.NotNil(t, v.Scale)
	assert.Equal(t, "0 = unable to do it", v.Scale.Low)
	assert.Equal(t, "10 = able to do it as before", v.Scale.High)
	require.NotNil(t, v.Text)
	assert.Equal(t, progress.MaxActivityName, v.Text.Max)
	assert.Equal(t, []string{"next", "later"}, actionIDs(v), "fewer than 3: no way to stop")

	_, err := a.Do(day0, "act", "next")
	assert.Error(t, err, "no name and no score: no next")
	do(t, a, day0, "scale", "3")
	do(t, a, day0, "text", "   ")
	_, err = a.Do(day0, "act", "next")
	assert.Error(t, err, "a blank name: no next")
	_, err = a.Do(day0, "act", "done")
	assert.Error(t, err, "That's all is not offered before 3 activities")

	v = nameActivity(t, a, day0, "  Putting on socks ", 3, "next")
	assert.Equal(t, "Activity 2", v.Step)
	assert.Equal(t, "", v.Text.Value, "the field is empty for the next activity")
	assert.Nil(t, v.Scale.Value, "the scale is unanswered for the next activity")
	v = nameActivity(t, a, day0, "Gardening", 2, "next")
	assert.Equal(t, []string{"done", "add", "later"}, actionIDs(v), "from the third: That's all or Add another")
	v = nameActivity(t, a, day0, "Sitting 30 minutes", 2, "done")
	require.Equal(t, app.PSFSSaved, v.Screen)
	assert.Equal(t, "Your score today: 2.3 out of 10 (the average of your activities).", v.Body[0])
	require.Len(t, v.List, 3)
	assert.Equal(t, app.Row{Title: "Putting on socks", Detail: "3 out of 10"}, v.List[0])

	recs := psfsRecords(t, w)
	require.Len(t, recs, 1, "the PSFS is stored at once")
	p := recs[0].PSFS
	assert.True(t, p.Date.Equal(day0), "PSFS date = %v, want %v", p.Date, day0)
	assert.Equal(t, []progress.Activity{{Name: "Putting on socks", Score: 3}, {Name: "Gardening", Score: 2}, {Name: "Sitting 30 minutes", Score: 2}}, p.Activities)

	v = act(t, a, day0, "continue")
	require.Equal(t, app.Home, v.Screen, "then the home screen, before the first session")
	assert.NotContains(t, actionIDs(v), "psfs", "given today: not offered again")
	assert.Equal(t, "start", v.Actions[len(v.Actions)-1].ID)

	// A reload does not ask again.
	v = w.open(day0.Add(time.Hour), "en-CA").View()
	assert.Equal(t, app.Home, v.Screen)
	assert.NotContains(t, actionIDs(v), "psfs")
}

func TestPSFSPutOffStaysOffered(t *testing.T) {
	w := newWorld(t)
	a := firstUse(t, w, day0) // says "Ask me later"
	v := a.View()
	assert.Contains(t, actionIDs(v), "psfs", "still due: the home screen offers it")
	assert.Contains(t, v.Body, "It is time to rate the activities your back makes hard. It takes about 2 minutes.")
	assert.Equal(t, []string{"psfs", "start"}, actionIDs(v))
	assert.Empty(t, psfsRecords(t, w))

	v = act(t, a, day0, "psfs")
	require.Equal(t, app.PSFSIntro, v.Screen)
	v = act(t, a, day0, "next")
	v = act(t, a, day0, "later")
	assert.Equal(t, app.Home, v.Screen, "put off half-way: home, nothing stored")
	assert.Empty(t, psfsRecords(t, w))
}

func TestPSFSFiveActivities(t *testing.T) {
	w := newWorld(t)
	names := []string{"a", "b", "c", "d", "e"}
	firstPSFS(t, w, day0, "en", names[:4], []int{1, 2, 3, 4})
	require.Len(t, psfsRecords(t, w)[0].PSFS.Activities, 4, "Add another, then That's all: 4 activities")

	w = newWorld(t)
	a := w.open(day0, "en")
	act(t, a, day0, "continue")
	for range 12 { // the red-flag screen at first use
		act(t, a, day0, "no")
	}
	act(t, a, day0, "next")
	for i, n := range names[:4] {
		id := "next"
		if i >= 2 {
			id = "add"
		}
		nameActivity(t, a, day0, n, i, id)
	}
	v := a.View()
	assert.Equal(t, "Activity 5", v.Step)
	assert.Equal(t, []string{"done", "later"}, actionIDs(v), "the fifth is the last")
	do(t, a, day0, "text", "e")
	do(t, a, day0, "scale", "10")
	_, err := a.Do(day0, "act", "add")
	assert.Error(t, err, "no sixth activity")
	v = act(t, a, day0, "done")
	require.Equal(t, app.PSFSSaved, v.Screen)
	assert.Len(t, psfsRecords(t, w)[0].PSFS.Activities, 5)

	// Add another, then That's all with nothing entered keeps the three.
	w = newWorld(t)
	a = w.open(day0, "en")
	act(t, a, day0, "continue")
	for range 12 { // the red-flag screen at first use
		act(t, a, day0, "no")
	}
	act(t, a, day0, "next")
	nameActivity(t, a, day0, "a", 1, "next")
	nameActivity(t, a, day0, "b", 1, "next")
	nameActivity(t, a, day0, "c", 1, "add")
	v = act(t, a, day0, "done")
	require.Equal(t, app.PSFSSaved, v.Screen)
	assert.Len(t, psfsRecords(t, w)[0].PSFS.Activities, 3)
}

func TestPSFSEveryTwoWeeks(t *testing.T) {
	w := newWorld(t)
	names := []string{"Putting on socks", "Gardening", "Sitting 30 minutes"}
	firstPSFS(t, w, day0, "en-CA", names, []int{3, 2, 2})
	// The first session is the next day: the PSFS given the day before
	// still counts for the start.
	s := &progress.Session{Started: day0.AddDate(0, 0, 1), Ended: day0.AddDate(0, 0, 1).Add(20 * time.Minute), PainBefore: progress.Pain(3),
		Exercises: []progress.Exercise{{Exercise: "pelvic-tilt", Target: progress.Target{Sets: 1, Reps: 10}, Sets: []progress.Set{{Reps: 10}}}}}
	require.NoError(t, w.store.Put(progress.Record{V: progress.Version, ID: "s1", Kind: progress.KindSession, Program: "low-back-first-week", Session: s}))

	for _, d := range []int{1, 5, 13} {
		v := w.open(day0.AddDate(0, 0, d), "en-CA").View()
		assert.NotContains(t, actionIDs(v), "psfs", "day %d: not due", d)
	}

	day14 := day0.AddDate(0, 0, 14)
	a := w.open(day14, "en-CA")
	v := a.View()
	require.Equal(t, app.Home, v.Screen)
	require.Contains(t, actionIDs(v), "psfs", "day 14: due")
	v = act(t, a, day14, "psfs")
	require.Equal(t, app.PSFSIntro, v.Screen)
	assert.Equal(t, []string{"Rate the same 3 activities again: how well can you do each one today?"}, v.Body)
	v = act(t, a, day14, "next")
	for i, n := range names {
		require.Equal(t, app.PSFSActivity, v.Screen)
		assert.Equal(t, n, v.Title, "activity %d: the same name as at the start", i+1)
		assert.Equal(t, "Activity "+strconv.Itoa(i+1)+" of 3", v.Step)
		assert.Nil(t, v.Text, "the name is not asked again")
		id := "next"
		if i == len(names)-1 {
			id = "done"
			assert.Equal(t, []string{"done", "later"}, actionIDs(v))
		}
		_, err := a.Do(day14, "act", id)
		assert.Error(t, err, "no score: no %s", id)
		v = answerWith(t, a, day14, 5+i, id)
	}
	require.Equal(t, app.PSFSSaved, v.Screen)
	assert.Equal(t, []string{"Your score today: 6 out of 10 (the average of your activities).", "At the start, it was 2.3 out of 10."}, v.Body)

	recs := psfsRecords(t, w)
	require.Len(t, recs, 2)
	var got []string
	for _, a := range recs[1].PSFS.Activities {
		got = append(got, a.Name)
	}
	assert.Equal(t, names, got, "the same activities are scored again")
	v = act(t, a, day14, "continue")
	assert.NotContains(t, actionIDs(v), "psfs", "given: not offered again")
	v = w.open(day14.AddDate(0, 0, 13), "en-CA").View()
	assert.NotContains(t, actionIDs(v), "psfs", "day 27: not due")
	v = w.open(day14.AddDate(0, 0, 14), "en-CA").View()
	assert.Contains(t, actionIDs(v), "psfs", "day 28: due again")
}

func answerWith(t *testing.T, a *app.App, now time.Time, n int, id string) app.View {
	t.Helper()
	do(t, a, now, "scale", strconv.Itoa(n))
	return act(t, a, now, id)
}

func TestPSFSChartInHistory(t *testing.T) {
	w := newWorld(t)
	firstPSFS(t, w, day0, "en", []string{"Putting on socks", `<script>alert("x")</script>`, "Jardiner 🌱"}, []int{3, 2, 2})
	a := w.open(day0.Add(time.Hour), "en")
	v := act(t, a, day0.Add(time.Hour), "history")
	require.Equal(t, app.History, v.Screen)
	var chart *app.Chart
	for i := range v.Charts {
		if strings.Contains(v.Charts[i].SVG, `id="psfs-title"`) {
			chart = &v.Charts[i]
		}
	}
	require.NotNil(t, chart, "History shows the PSFS chart")
	assert.Contains(t, chart.Caption, "PSFS")
	assert.NotContains(t, chart.SVG, "<script>", "names are text in the picture")
	cells := strings.Join(chart.Header, "|")
	for _, r := range chart.Rows {
		cells += "|" + strings.Join(r, "|")
	}
	assert.Contains(t, cells, `<script>alert("x")</script>`, "the table carries the name as typed, for the page to show as text")

	// Without an entry, no PSFS chart.
	w = newWorld(t)
	a = firstUse(t, w, day0)
	v = act(t, a, day0, "history")
	for _, c := range v.Charts {
		assert.NotContains(t, c.SVG, `id="psfs-title"`, "no PSFS chart without an entry")
	}
}

func TestPSFSHostileNames(t *testing.T) {
	w := newWorld(t)
	long := strings.Repeat("é", 10000)
	names := []string{`<img src=x onerror=alert(1)> & "quotes" 'n' ]]>`, "Jardiner 🌱👍🏽", long, "line\nbreak\x00\ttab\x1b[31m"}
	v := firstPSFS(t, w, day0, "en", names, []int{0, 10, 5, 5})
	want := []string{names[0], names[1], strings.Repeat("é", progress.MaxActivityName), "line break tab [31m"}
	recs := psfsRecords(t, w)
	require.Len(t, recs, 1)
	for i, act := range recs[0].PSFS.Activities {
		assert.Equal(t, want[i], act.Name, "stored name %d", i)
		assert.Equal(t, want[i], v.List[i].Title, "shown name %d (as text)", i)
	}
	// What was stored reads back.
	data, err := progress.Encode(recs[0])
	require.NoError(t, err)
	_, err = progress.DecodeRecord(data)
	assert.NoError(t, err)
}

func TestPSFSFrench(t *testing.T) {
	w := newWorld(t)
	a := w.open(day0, "fr-CA")
	act(t, a, day0, "continue")
	var v app.View
	for range 12 { // the red-flag screen at first use
		v = act(t, a, day0, "no")
	}
	require.Equal(t, app.PSFSIntro, v.Screen)
	assert.Equal(t, "Vos activités", v.Title)
	assert.Contains(t, v.Body, "Nommez de 3 à 5 activités qui sont difficiles pour vous à cause de votre dos (par exemple : mettre vos bas, jardiner).")
	assert.Equal(t, "Commencer", v.Actions[0].Label)
	v = act(t, a, day0, "next")
	assert.Equal(t, "Activité 1", v.Step)
	assert.Equal(t, "0 = incapable de la faire", v.Scale.Low)
	assert.Equal(t, "10 = capable de la faire comme avant", v.Scale.High)
	nameActivity(t, a, day0, "Mettre mes bas", 3, "next")
	nameActivity(t, a, day0, "Jardiner", 2, "next")
	v = a.View()
	assert.Equal(t, []string{"C'est tout", "Ajouter une autre activité", "Me le demander plus tard"},
		[]string{v.Actions[0].Label, v.Actions[1].Label, v.Actions[2].Label})
	v = nameActivity(t, a, day0, "Rester assis", 2, "done")
	assert.Equal(t, "Merci", v.Title)
	assert.Equal(t, "Votre résultat aujourd'hui : 2,3 sur 10 (la moyenne de vos activités).", v.Body[0])
	assert.Equal(t, "3 sur 10", v.List[0].Detail)
	v = act(t, a, day0, "continue")
	assert.Equal(t, app.Home, v.Screen)
	v = act(t, a, day0, "history")
	found := false
	for _, c := range v.Charts {
		found = found || strings.Contains(c.SVG, `id="psfs-title"`)
	}
	assert.True(t, found, "French history shows the PSFS chart")
}
