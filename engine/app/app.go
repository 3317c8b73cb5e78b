// Package app is the patient's Spry: the screens of first use, the red-flag
// screen, the home screen with the next session's plan, the session itself
// with the pain questions around it, the summary and the next-morning check.
// It makes every decision and words every string (package i18n); the page
// draws the View it describes and sends back what the patient tapped.
//
// Progress is written through a progress.Store the moment something worth
// keeping happens: the session record after every completed set, so a closed
// tab loses at most the set in progress.
package app

import (
	"encoding/json"
	"errors"
	"io"
	"time"

	"spry/engine/cue"
	"spry/engine/figure"
	"spry/engine/i18n"
	"spry/engine/motion"
	"spry/engine/player"
	"spry/engine/program"
	"spry/engine/progress"
	"spry/engine/session"
)

// PrefsStore is where the patient's settings are kept between visits.
type PrefsStore interface {
	// Load returns the saved settings, or nil when there are none.
	Load() ([]byte, error)
	// Save keeps the settings.
	Save(data []byte) error
}

// Deps are what the app is built from.
type Deps struct {
	Library *program.Library
	Clips   map[string]*motion.Clip
	// Program is the program to follow, already validated.
	Program *program.Program
	Store   progress.Store
	Prefs   PrefsStore
	// Lang is the browser's preferred language, used until the patient
	// chooses one.
	Lang string
	// Random makes record IDs unique; nil means crypto/rand.
	Random io.Reader
	// ReducedMotion shows key poses instead of continuous motion.
	ReducedMotion bool
	// StorageProblem is what went wrong opening the browser's storage, if
	// anything: the app then runs in memory and tells the patient.
	StorageProblem error
}

// Prefs are the patient's choices, kept in a PrefsStore.
type Prefs struct {
	Lang       string `json:"lang"`
	NoticeSeen bool   `json:"noticeSeen"`
	Sound      bool   `json:"sound"`
	Speech     bool   `json:"speech"`
	Vibration  bool   `json:"vibration"`
	Flash      bool   `json:"flash"`
}

// App is the patient's app. Its methods take the current time from the
// caller; it never reads a clock.
type App struct {
	d        Deps
	settings Prefs
	t0       time.Time
	now      time.Time

	log        []progress.Record
	quarantine int
	plan       progress.Plan

	screen Screen
	// back is the screen to return to from an overlay (warning card,
	// settings, history).
	back Screen

	// The red-flag screen under way: the index of the question on screen,
	// the questions answered yes, where a screen without a yes leads, and,
	// at first use only, the clinician's age question and its answer.
	rfIndex int
	rfYes   []int
	rfNext  Screen
	rfFirst bool
	rfAge   bool

	// The PSFS questionnaire under way.
	psfs psfsState

	// The session under way.
	player  *player.Player
	rec     progress.Record
	blocks  []int // exercise index in the session → block index
	scale   *int
	spread  bool
	message string

	// alert is a storage problem to show until the patient dismisses it.
	alert string
	// download is a file the page should offer once; downloads counts them.
	download  *Download
	downloads int
}

// New builds the app at time now: it loads the settings and the progress log
// and opens the screen the patient needs first.
func New(d Deps, now time.Time) *App {
	a := &App{d: d, t0: now, now: now}
	if d.StorageProblem != nil {
		a.storageProblem(d.StorageProblem)
	}
	a.settings = Prefs{Lang: i18n.Match(d.Lang), Sound: true, Speech: true, Vibration: true}
	if d.Prefs != nil {
		if data, err := d.Prefs.Load(); err != nil {
			a.storageProblem(err)
		} else if len(data) > 0 {
			var s Prefs
			if json.Unmarshal(data, &s) == nil {
				s.Lang = i18n.Match(s.Lang)
				a.settings = s
			}
		}
	}
	a.reload()
	switch {
	case !a.settings.NoticeSeen:
		a.screen = Welcome
	case a.morningDue() != nil:
		a.screen = Morning
	default:
		a.screen = Home
	}
	return a
}

// lang is the language the patient reads.
func (a *App) lang() string { return a.settings.Lang }

func (a *App) t(id string, args ...any) string { return i18n.T(a.lang(), id, args...) }

// reload reads the progress log again and plans the next session from it.
func (a *App) reload() {
	recs, quarantined, err := a.d.Store.All()
	if err != nil {
		a.storageProblem(err)
	}
	a.log = recs
	a.quarantine = len(quarantined)
	a.plan = progress.Next(a.d.Program, a.d.Library, a.log, a.now)
}

// put writes a record at once; a failure is told to the patient, and the
// record is kept in memory so nothing is lost while the page stays open.
func (a *App) put(r progress.Record) {
	if err := a.d.Store.Put(r); err != nil {
		a.storageProblem(err)
	}
	for i := range a.log {
		if a.log[i].ID == r.ID {
			a.log[i] = r
			return
		}
	}
	a.log = append(a.log, r)
}

// StorageError is an error the browser's storage gives with words for the
// patient.
type StorageError interface {
	error
	// Patient explains the problem to the patient, in lang.
	Patient(lang string) string
}

func (a *App) storageProblem(err error) {
	var se StorageError
	if errors.As(err, &se) {
		a.alert = se.Patient(a.lang())
		return
	}
	a.alert = a.t("storage.failed")
}

func (a *App) saveSettings() {
	if a.d.Prefs == nil {
		return
	}
	data, _ := json.Marshal(a.settings)
	if err := a.d.Prefs.Save(data); err != nil {
		a.storageProblem(err)
	}
}

// CueSettings are the cues the patient chose.
func (a *App) CueSettings() cue.Settings {
	return cue.Settings{Sound: a.settings.Sound, Speech: a.settings.Speech,
		Vibration: a.settings.Vibration, Flash: a.settings.Flash, Lang: a.lang()}
}

// elapsed is the player's time: real time since the app was made.
func (a *App) elapsed(now time.Time) time.Duration {
	if now.Before(a.t0) {
		return 0
	}
	return now.Sub(a.t0)
}

// Update moves the session on to now, writes what it completed, and returns
// the cues to play.
func (a *App) Update(now time.Time) []cue.Cue {
	a.now = now
	if a.player == nil || a.screen != Play {
		return nil
	}
	evs := a.player.Update(a.elapsed(now))
	return a.handle(evs)
}

// Moving reports whether the figure moves, so the screen needs redrawing.
func (a *App) Moving() bool {
	return a.screen == Play && a.player != nil && a.player.Moving()
}

// Draw draws the figure into d when the screen shows one.
func (a *App) Draw(d *figure.Drawing) bool {
	if a.player == nil || (a.screen != Play && a.screen != Hurts) {
		return false
	}
	return a.player.Draw(d)
}

// handle records what the session's events completed and turns them into
// cues.
func (a *App) handle(evs []session.Event) []cue.Cue {
	changed := false
	for _, e := range evs {
		switch e.Kind {
		case session.SetDone:
			ex := a.exercise(e.Exercise)
			if ex == nil {
				continue
			}
			reps := e.RepsDone
			if e.RepsPlanned > ex.Target.Reps && ex.Target.Reps > 0 {
				// Both sides were counted; the dose is per side.
				reps = e.RepsDone * ex.Target.Reps / e.RepsPlanned
			}
			if reps > 0 || !e.Skipped {
				ex.Sets = append(ex.Sets, progress.Set{Reps: reps, HoldSeconds: ex.Target.HoldSeconds})
			}
			changed = true
		case session.ExerciseDone:
			if ex := a.exercise(e.Exercise); ex != nil && e.Skipped && len(ex.Sets) == 0 {
				ex.Skipped = true
				changed = true
			}
		case session.SessionDone:
			a.scale = nil
			a.screen = PainAfter
		}
	}
	if changed {
		a.put(a.rec)
	}
	if a.player == nil {
		return nil
	}
	return a.player.Cues(evs)
}

func (a *App) exercise(i int) *progress.Exercise {
	if a.rec.Session == nil || i < 0 || i >= len(a.rec.Session.Exercises) {
		return nil
	}
	return &a.rec.Session.Exercises[i]
}
