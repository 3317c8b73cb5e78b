package app_test

import (
	"errors"
	"math/rand"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/app"
	"spry/engine/figure"
	"spry/engine/program"
	"spry/engine/progress"
	"spry/programs"
)

type memPrefs struct{ data []byte }

func (m *memPrefs) Load() ([]byte, error)  { return m.data, nil }
func (m *memPrefs) Save(data []byte) error { m.data = append([]byte(nil), data...); return nil }

// world is a device: its storage outlives any one visit (App).
type world struct {
	t     *testing.T
	store progress.Store
	prefs *memPrefs
	rng   *rand.Rand
}

func newWorld(t *testing.T) *world {
	return &world{t: t, store: progress.NewMemory(), prefs: &memPrefs{}, rng: rand.New(rand.NewSource(1))}
}

var day0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// open opens the app at now, as a page load would.
func (w *world) open(now time.Time, lang string) *app.App {
	w.t.Helper()
	prog, err := programs.Program("low-back-first-week")
	require.NoError(w.t, err)
	return w.openWith(now, lang, prog)
}

// openWith opens the app on program prog.
func (w *world) openWith(now time.Time, lang string, prog *program.Program) *app.App {
	w.t.Helper()
	lib, err := programs.Library()
	require.NoError(w.t, err)
	clips, err := programs.Motions()
	require.NoError(w.t, err)
	return app.New(app.Deps{Library: lib, Clips: clips, Program: prog, Store: w.store, Prefs: w.prefs, Lang: lang, Random: w.rng}, now)
}

func do(t *testing.T, a *app.App, now time.Time, name, arg string) app.View {
	t.Helper()
	_, err := a.Do(now, name, arg)
	require.NoError(t, err, "Do(%q, %q) on %s", name, arg, a.View().Screen)
	return a.View()
}

func act(t *testing.T, a *app.App, now time.Time, id string) app.View {
	t.Helper()
	return do(t, a, now, "act", id)
}

func answer(t *testing.T, a *app.App, now time.Time, n int) app.View {
	t.Helper()
	do(t, a, now, "scale", strconv.Itoa(n))
	return act(t, a, now, "next")
}

// firstUse takes a new patient through the notice and the red-flag screen.
func firstUse(t *testing.T, w *world, now time.Time) *app.App {
	a := w.open(now, "en-CA")
	v := a.View()
	require.Equal(t, app.Welcome, v.Screen)
	assert.Contains(t, strings.Join(v.Body, " "), "does not diagnose")
	v = act(t, a, now, "continue")
	require.Equal(t, app.RedFlag, v.Screen)
	for q := 1; q <= 12; q++ {
		require.Equal(t, app.RedFlag, v.Screen, "question %d", q)
		assert.Equal(t, "Question "+strconv.Itoa(q)+" of 12", v.Step, "at first use the age question follows the 11")
		v = act(t, a, now, "no")
	}
	require.Equal(t, app.PSFSIntro, v.Screen, "the PSFS is asked at the start, after the red-flag screen")
	v = act(t, a, now, "later")
	require.Equal(t, app.Home, v.Screen)
	return a
}

// playThrough plays the whole session at 32× and returns the time it ended.
func playThrough(t *testing.T, a *app.App, start time.Time) time.Time {
	t.Helper()
	do(t, a, start, "speed", "32")
	now := start
	for i := 0; i < 10000 && a.View().Screen == app.Play; i++ {
		now = now.Add(50 * time.Millisecond)
		a.Update(now)
	}
	require.Equal(t, app.PainAfter, a.View().Screen, "the session ends with the pain question")
	return now
}

func TestAWholeSession(t *testing.T) {
	w := newWorld(t)
	a := firstUse(t, w, day0)

	v := a.View()
	assert.Equal(t, "Low back — first week", v.Title)
	require.Len(t, v.List, 4)
	assert.Equal(t, "Pelvic tilt", v.List[0].Title)
	assert.Equal(t, "start", v.Actions[len(v.Actions)-1].ID)

	v = act(t, a, day0, "start")
	require.Equal(t, app.PainBefore, v.Screen, "screened today: straight to the pain question")
	_, err := a.Do(day0, "act", "next")
	assert.Error(t, err, "no answer, no next")
	v = answer(t, a, day0, 3)
	require.Equal(t, app.Play, v.Screen)
	require.NotNil(t, v.Player)
	assert.Equal(t, "Pelvic tilt", v.Player.Exercise)
	var d figure.Drawing
	assert.True(t, a.Draw(&d), "the figure shows on the player screen")
	assert.True(t, a.Moving())

	end := playThrough(t, a, day0.Add(time.Second))
	v = answer(t, a, end, 2)
	require.Equal(t, app.Effort, v.Screen)
	v = answer(t, a, end, 5)
	require.Equal(t, app.Note, v.Screen)
	do(t, a, end, "text", `<script>alert("hi")</script> 👍`)
	v = act(t, a, end, "next")
	require.Equal(t, app.Summary, v.Screen)
	assert.Contains(t, v.Body, "Pain before: 3/10 · after: 2/10")
	require.Len(t, v.List, 4)
	assert.Equal(t, "1 of 1 sets (10)", v.List[1].Detail, "bridge: 1 set of 10")
	require.NotNil(t, v.Completed)
	assert.Equal(t, app.Completed{Exercises: 4, Sets: 4, Minutes: 0}, *v.Completed, "one set each")

	// Everything was written: one red-flag record, one session.
	recs, _, err := w.store.All()
	require.NoError(t, err)
	var sessions []progress.Record
	for _, r := range recs {
		if r.Session != nil && len(r.Session.Exercises) > 0 {
			sessions = append(sessions, r)
		}
	}
	require.Len(t, sessions, 1)
	s := sessions[0].Session
	assert.Equal(t, `<script>alert("hi")</script> 👍`, s.Note, "the note is kept as typed")
	assert.Equal(t, 5, *s.Effort)
	assert.False(t, s.Ended.IsZero())
	for _, e := range s.Exercises {
		assert.Len(t, e.Sets, e.Target.Sets, "%s: every set logged", e.Exercise)
	}

	// The next morning: asked once, on opening.
	morning := day0.Add(23 * time.Hour)
	a = w.open(morning, "en")
	v = a.View()
	require.Equal(t, app.Morning, v.Screen)
	assert.Contains(t, v.Body[0], "3 out of 10")
	v = answer(t, a, morning, 2)
	require.Equal(t, app.Home, v.Screen)
	a = w.open(morning.Add(time.Hour), "en")
	assert.Equal(t, app.Home, a.View().Screen, "asked only once")
}

func TestEmergencyOnASingleYes(t *testing.T) {
	w := newWorld(t)
	a := w.open(day0, "en")
	act(t, a, day0, "continue")
	act(t, a, day0, "no")
	v := act(t, a, day0, "yes") // question 2: bladder
	require.Equal(t, app.Emergency, v.Screen)
	assert.Equal(t, "emergency", v.Tone)
	assert.Equal(t, "Go to the emergency department now", v.Title)

	v = act(t, a, day0, "home")
	require.Equal(t, app.Home, v.Screen)
	for _, ac := range v.Actions {
		assert.NotEqual(t, "resume", ac.ID)
	}
	// The answer is kept: the next visit still does not start without a new screen.
	a = w.open(day0.Add(time.Hour), "en")
	v = act(t, a, day0.Add(time.Hour), "start")
	assert.Equal(t, app.RedFlag, v.Screen, "a yes calls for the screen again before any session")
}

func TestUrgentAfterAllQuestions(t *testing.T) {
	w := newWorld(t)
	a := w.open(day0, "en")
	act(t, a, day0, "continue")
	var v app.View
	for q := 1; q <= 12; q++ {
		if q == 7 {
			v = act(t, a, day0, "yes")
		} else {
			v = act(t, a, day0, "no")
		}
	}
	require.Equal(t, app.Urgent, v.Screen)
	assert.Contains(t, v.Body, "Contact: your physiotherapist.")
}

// TestAgeFlagIsForTheClinician: at first use only, after the 11 red-flag
// questions, the patient is asked about new back pain at an age under 20
// or over 50. A yes is kept for the clinician and blocks nothing.
func TestAgeFlagIsForTheClinician(t *testing.T) {
	w := newWorld(t)
	a := w.open(day0, "en")
	v := act(t, a, day0, "continue")
	for range 11 {
		v = act(t, a, day0, "no")
	}
	require.Equal(t, app.RedFlag, v.Screen)
	assert.Equal(t, "Question 12 of 12", v.Step)
	assert.Contains(t, v.Title, "younger than 20 or older than 50")
	assert.Contains(t, strings.Join(v.Body, " "), "does not stop your exercises")
	v = act(t, a, day0, "previous")
	assert.Equal(t, "Question 11 of 12", v.Step, "Previous goes back from the age question")
	act(t, a, day0, "no")
	v = act(t, a, day0, "yes")
	require.Equal(t, app.PSFSIntro, v.Screen, "a yes to the age question is no red flag: first use goes on")
	v = act(t, a, day0, "later")
	require.Equal(t, app.Home, v.Screen)

	recs, _, err := w.store.All()
	require.NoError(t, err)
	require.Len(t, recs, 1)
	rf := recs[0].Session.RedFlags
	require.NotNil(t, rf)
	assert.Equal(t, progress.RedFlags{Yes: []int{}, AgeFlag: true}, *rf, "the answers kept for the clinician")

	v = act(t, a, day0, "start")
	assert.Equal(t, app.PainBefore, v.Screen, "the session starts: the flag changes no plan")

	// A week later the screen comes back without the age question.
	week := day0.AddDate(0, 0, 8)
	a = w.open(week, "en")
	v = act(t, a, week, "start")
	require.Equal(t, app.RedFlag, v.Screen, "the weekly screen")
	assert.Equal(t, "Question 1 of 11", v.Step)
}

func TestThisHurtsStopsTheExercise(t *testing.T) {
	w := newWorld(t)
	a := firstUse(t, w, day0)
	act(t, a, day0, "start")
	answer(t, a, day0, 2)
	now := day0.Add(6 * time.Second) // the first rep of the pelvic tilt
	a.Update(now)
	v := act(t, a, now, "hurts")
	require.Equal(t, app.Hurts, v.Screen)
	assert.True(t, a.Draw(&figure.Drawing{}), "the figure stays visible behind the question")
	v = answer(t, a, now, 7)
	require.Equal(t, app.Stopped, v.Screen)
	v = act(t, a, now, "continue")
	require.Equal(t, app.Play, v.Screen)
	assert.NotEqual(t, "Pelvic tilt", v.Player.Exercise, "the next exercise comes on")

	recs, _, _ := w.store.All()
	var found bool
	for _, r := range recs {
		if r.Session != nil && len(r.Session.Exercises) > 0 {
			e := r.Session.Exercises[0]
			found = e.StoppedForPain && *e.PainDuring == 7
		}
	}
	assert.True(t, found, "P1 is written at once")
}

func TestMildPainCarriesOn(t *testing.T) {
	w := newWorld(t)
	a := firstUse(t, w, day0)
	act(t, a, day0, "start")
	answer(t, a, day0, 2)
	now := day0.Add(6 * time.Second)
	a.Update(now)
	act(t, a, now, "hurts")
	v := answer(t, a, now, 4)
	require.Equal(t, app.Play, v.Screen)
	assert.Equal(t, "Pelvic tilt", v.Player.Exercise)
	assert.False(t, v.Player.Paused, "the set resumes")
}

func TestAClosedTabResumes(t *testing.T) {
	w := newWorld(t)
	a := firstUse(t, w, day0)
	act(t, a, day0, "start")
	answer(t, a, day0, 2)
	do(t, a, day0, "speed", "32")
	// Play until the pelvic tilt (1 set) and the bridge are done.
	now := day0
	for i := 0; i < 5000; i++ {
		now = now.Add(50 * time.Millisecond)
		a.Update(now)
		if v := a.View(); v.Player != nil && v.Player.Exercise == "Bird-dog" {
			break
		}
	}
	require.Equal(t, "Bird-dog", a.View().Player.Exercise)

	// The tab closes; the patient opens Spry again.
	later := now.Add(10 * time.Minute)
	b := w.open(later, "en")
	v := b.View()
	require.Equal(t, app.Home, v.Screen)
	require.Equal(t, "resume", v.Actions[0].ID)
	v = act(t, b, later, "resume")
	require.Equal(t, app.Play, v.Screen)
	assert.Equal(t, "Bird-dog", v.Player.Exercise, "it picks up at the first set not done")
}

func TestFrench(t *testing.T) {
	w := newWorld(t)
	a := w.open(day0, "fr-CA")
	v := a.View()
	assert.Equal(t, "Bienvenue dans Spry", v.Title)
	assert.Equal(t, "Signes d'alerte", v.Nav.Warning)
	v = act(t, a, day0, "lang-en")
	assert.Equal(t, "Welcome to Spry", v.Title)
	act(t, a, day0, "lang-fr")
	v = act(t, a, day0, "continue")
	assert.Equal(t, "Question 1 de 12", v.Step)
	// The choice is remembered.
	assert.Equal(t, "fr", w.open(day0, "en").View().Lang)
}

func TestWarningCardIsOneTapAway(t *testing.T) {
	w := newWorld(t)
	a := firstUse(t, w, day0)
	act(t, a, day0, "start")
	answer(t, a, day0, 2)
	v := act(t, a, day0, "warning")
	require.Equal(t, app.Warning, v.Screen)
	assert.Len(t, v.List, 12, "11 signs and the urgent heading")
	v = act(t, a, day0, "back")
	require.Equal(t, app.Play, v.Screen)
	assert.True(t, v.Player.Paused, "looking at the card paused the session")
}

type fullStore struct{ progress.Store }

type quotaErr struct{}

func (quotaErr) Error() string              { return "quota" }
func (quotaErr) Patient(lang string) string { return "Storage is full (" + lang + ")" }

func (fullStore) Put(progress.Record) error { return quotaErr{} }

func TestStorageProblemIsTold(t *testing.T) {
	w := newWorld(t)
	w.store = fullStore{progress.NewMemory()}
	a := firstUse(t, w, day0)
	assert.Equal(t, "Storage is full (en)", a.View().Alert)
	v := act(t, a, day0, "dismiss-alert")
	assert.Empty(t, v.Alert)
}

type brokenStore struct{ progress.Store }

func (brokenStore) Put(progress.Record) error { return errors.New("disk on fire") }

func TestUnknownStorageErrorIsToldPlainly(t *testing.T) {
	w := newWorld(t)
	w.store = brokenStore{progress.NewMemory()}
	a := firstUse(t, w, day0)
	assert.Equal(t, "Your progress could not be saved on this device.", a.View().Alert)
}

func TestSettingsPersist(t *testing.T) {
	w := newWorld(t)
	a := firstUse(t, w, day0)
	act(t, a, day0, "settings")
	do(t, a, day0, "toggle", "speech")
	assert.False(t, a.CueSettings().Speech)
	b := w.open(day0, "en")
	assert.False(t, b.CueSettings().Speech)
	_, err := b.Do(day0, "toggle", "rockets")
	assert.Error(t, err)
}

func TestExportAndHistory(t *testing.T) {
	w := newWorld(t)
	a := firstUse(t, w, day0)
	act(t, a, day0, "start")
	answer(t, a, day0, 3)
	end := playThrough(t, a, day0)
	answer(t, a, end, 2)
	answer(t, a, end, 4)
	act(t, a, end, "skip-note")
	act(t, a, end, "home")
	v := act(t, a, end, "history")
	require.Equal(t, app.History, v.Screen)
	require.Len(t, v.List, 1)
	assert.Contains(t, v.List[0].Detail, "before 3/10")
	v = act(t, a, end, "export")
	require.NotNil(t, v.Download)
	assert.Contains(t, v.Download.Data, `"progress"`)
	assert.Equal(t, 1, v.Download.Seq)
	assert.Equal(t, 2, act(t, a, end, "export").Download.Seq, "a second export is a second file")
	assert.Nil(t, act(t, a, end, "dismiss-alert").Download, "offered once")

	// Importing the same file adds nothing; a broken file changes nothing.
	do(t, a, end, "import", v.Download.Data)
	assert.Contains(t, a.View().Alert, "0 session(s) added")
	do(t, a, end, "import", `{"kind": "progress", "version": 99}`)
	assert.Contains(t, a.View().Alert, "Nothing was changed")
}

// TestProgramSchedule: a program that sets its schedule (3 weekdays for 4
// weeks) gets it in the calendar file and the history's calendar.
func TestProgramSchedule(t *testing.T) {
	prog, err := programs.Program("low-back-first-week")
	require.NoError(t, err)
	p := *prog
	p.Schedule = &program.Schedule{Days: []string{"fri", "mon", "wed"}, Weeks: 4}
	w := newWorld(t)
	a := w.openWith(day0, "en", &p)
	act(t, a, day0, "continue")
	for range 12 {
		act(t, a, day0, "no")
	}
	act(t, a, day0, "later")
	v := act(t, a, day0, "history")
	require.Equal(t, app.History, v.Screen)
	v = act(t, a, day0, "calendar")
	require.NotNil(t, v.Download)
	assert.Contains(t, v.Download.Data, "RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=MO,WE,FR;COUNT=12", "4 weeks of Monday, Wednesday and Friday from Monday 2 March")
	assert.Contains(t, v.Download.Data, "DTSTART:20260302T")
}

func TestHistoryChartsAndCalendar(t *testing.T) {
	w := newWorld(t)
	a := firstUse(t, w, day0)
	act(t, a, day0, "start")
	answer(t, a, day0, 3)
	end := playThrough(t, a, day0)
	answer(t, a, end, 2)
	answer(t, a, end, 4)
	act(t, a, end, "skip-note")
	act(t, a, end, "home")
	v := act(t, a, end, "history")
	require.GreaterOrEqual(t, len(v.Charts), 2, "calendar and pain at least")
	for _, c := range v.Charts {
		assert.True(t, strings.HasPrefix(c.SVG, "<svg"), "a chart is an SVG picture")
		assert.NotEmpty(t, c.Caption)
	}
	v = act(t, a, end, "calendar")
	require.NotNil(t, v.Download)
	assert.Contains(t, v.Download.Data, "RRULE:")
	assert.Contains(t, v.Download.Data, "BEGIN:VALARM")
	assert.Equal(t, "text/calendar; charset=utf-8", v.Download.Type)
	v = act(t, a, end, "csv")
	require.NotNil(t, v.Download)
	assert.Equal(t, "text/csv", v.Download.Type)
	assert.Contains(t, v.Download.Data, "bridge")
}
