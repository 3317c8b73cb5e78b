package app

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"spry/engine/history"
	"spry/engine/progress"
)

// The screens of the Patient-Specific Functional Scale (CLINICAL.md E).
const (
	// PSFSIntro explains the questionnaire.
	PSFSIntro Screen = "psfs"
	// PSFSActivity asks for one activity: its name (the first time) and
	// how well the patient can do it today, 0–10.
	PSFSActivity Screen = "psfs-activity"
	// PSFSSaved thanks the patient and gives the score.
	PSFSSaved Screen = "psfs-saved"
)

// psfsState is the PSFS questionnaire under way.
type psfsState struct {
	// names are the activities to score again, from the last entry; nil
	// the first time, when the patient names them.
	names []string
	// done are the activities answered so far.
	done []progress.Activity
	// saved is the entry written, for the thank-you screen.
	saved *progress.PSFS
	// back is where the questionnaire leads when it ends or is put off.
	back Screen
}

// psfsEntries returns the program's PSFS entries, oldest first.
func (a *App) psfsEntries() []history.PSFS {
	return history.PSFSOf(a.log, a.d.Program.ID)
}

// psfsDue reports whether the PSFS should be asked for now: at the start,
// every 2 weeks and at the end of the program's schedule (history.PSFSDue).
// The program starts on its first session's day, or today; an entry given
// before the first session (at first use) starts it too.
func (a *App) psfsDue() bool {
	entries := a.psfsEntries()
	s := a.schedule()
	start := s.Start
	if len(entries) > 0 {
		y, m, d := entries[0].Date.Date()
		if first := time.Date(y, m, d, 0, 0, 0, 0, start.Location()); first.Before(start) {
			start = first
		}
	}
	return history.PSFSDue(entries, start, s.Weeks, a.now)
}

// startPSFS opens the questionnaire; back is where it leads afterwards.
// The activities of the last entry are scored again (the PSFS follows the
// same activities over time); the first time, the patient names them.
func (a *App) startPSFS(back Screen) {
	a.psfs = psfsState{back: back}
	if entries := a.psfsEntries(); len(entries) > 0 {
		for _, act := range entries[len(entries)-1].Activities {
			a.psfs.names = append(a.psfs.names, act.Name)
		}
	}
	a.scale, a.message = nil, ""
	a.screen = PSFSIntro
}

// actPSFS carries out an action on a PSFS screen.
func (a *App) actPSFS(now time.Time, id string) error {
	switch a.screen {
	case PSFSIntro:
		switch id {
		case "next":
			a.scale, a.message = nil, ""
			a.screen = PSFSActivity
			return nil
		case "later":
			a.leavePSFS()
			return nil
		}
	case PSFSActivity:
		n := len(a.psfs.done) + 1
		allowed := map[string]bool{}
		switch {
		case a.psfs.names != nil && n < len(a.psfs.names), a.psfs.names == nil && n < progress.MinActivities:
			allowed["next"] = true
		case a.psfs.names != nil:
			allowed["done"] = true
		case n < progress.MaxActivities:
			allowed["add"], allowed["done"] = true, true
		default:
			allowed["done"] = true
		}
		if id == "later" {
			a.leavePSFS()
			return nil
		}
		if !allowed[id] {
			break
		}
		act, ok := a.psfsAnswer()
		if !ok && id == "done" && len(a.psfs.done) >= progress.MinActivities && a.scale == nil && activityName(a.message) == "" {
			// "Add another", then "That's all" with nothing entered.
			return a.savePSFS(now)
		}
		if !ok {
			// Nothing to save yet: the screen stays, as the pain
			// questions do without an answer.
			return fmt.Errorf("%w %q on %s without a name and a score", ErrUnknownAction, id, a.screen)
		}
		a.psfs.done = append(a.psfs.done, act)
		a.scale, a.message = nil, ""
		if id == "done" {
			return a.savePSFS(now)
		}
		return nil
	case PSFSSaved:
		if id == "home" || id == "continue" {
			a.leavePSFS()
			return nil
		}
	}
	return fmt.Errorf("%w %q on %s", ErrUnknownAction, id, a.screen)
}

// psfsAnswer returns the activity on screen: its name (the one scored
// again, or what the patient typed, tidied) and score.
func (a *App) psfsAnswer() (progress.Activity, bool) {
	if a.scale == nil {
		return progress.Activity{}, false
	}
	name := a.psfsName()
	if name == "" {
		name = activityName(a.message)
	}
	if name == "" {
		return progress.Activity{}, false
	}
	return progress.Activity{Name: name, Score: *a.scale}, true
}

// psfsName returns the name of the activity on screen when it is scored
// again, "" when the patient names it.
func (a *App) psfsName() string {
	if i := len(a.psfs.done); i < len(a.psfs.names) {
		return a.psfs.names[i]
	}
	return ""
}

// activityName tidies what the patient typed into an activity name kept as
// typed otherwise: control characters (a pasted line break or tab) become
// spaces, runs of spaces one, and it is cut to MaxActivityName characters.
func activityName(typed string) string {
	typed = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(typed, " "))
	name := strings.Join(strings.Fields(typed), " ")
	if utf8.RuneCountInString(name) > progress.MaxActivityName {
		name = strings.TrimSpace(string([]rune(name)[:progress.MaxActivityName]))
	}
	return name
}

// savePSFS writes the entry at once, as a record of its own.
func (a *App) savePSFS(now time.Time) error {
	p := &progress.PSFS{Date: now, Activities: a.psfs.done}
	id, err := progress.NewID(now, a.d.Random)
	if err != nil {
		a.alert = a.t("storage.failed")
		return err
	}
	a.put(progress.Record{V: progress.Version, ID: id, Kind: progress.KindPSFS, Program: a.d.Program.ID, PSFS: p})
	a.psfs.saved = p
	a.screen = PSFSSaved
	return nil
}

// leavePSFS ends the questionnaire, saved or put off.
func (a *App) leavePSFS() {
	back := a.psfs.back
	a.psfs = psfsState{}
	a.message = ""
	if back == "" || back == Home {
		a.goHome()
		return
	}
	a.scale = nil
	a.screen = back
}

// psfsView words the PSFS screens.
func (a *App) psfsView(v *View) {
	switch a.screen {
	case PSFSIntro:
		v.Title = a.t("psfs.title")
		if a.psfs.names == nil {
			v.Body = []string{a.t("psfs.intro.first"), a.t("psfs.intro.scale")}
		} else {
			v.Body = []string{a.t("psfs.intro.again", len(a.psfs.names))}
		}
		v.Actions = []Action{{ID: "next", Label: a.t("psfs.begin"), Kind: "primary"}, {ID: "later", Label: a.t("psfs.later"), Kind: "secondary"}}
	case PSFSActivity:
		n := len(a.psfs.done) + 1
		v.Scale = &Scale{Min: 0, Max: progress.MaxActivityScore, Value: a.scale, Low: a.t("psfs.low"), High: a.t("psfs.high"), Label: a.t("psfs.scale")}
		later := Action{ID: "later", Label: a.t("psfs.later"), Kind: "link"}
		if name := a.psfsName(); name != "" {
			v.Step = a.t("psfs.step", n, len(a.psfs.names))
			v.Title = name
			v.Body = []string{a.t("psfs.again")}
			next := Action{ID: "next", Label: a.t("next"), Kind: "primary"}
			if n == len(a.psfs.names) {
				next = Action{ID: "done", Label: a.t("psfs.save"), Kind: "primary"}
			}
			v.Actions = []Action{next, later}
			return
		}
		v.Step = a.t("psfs.step.new", n)
		v.Title = a.t("psfs.name.title")
		if n == 1 {
			v.Body = []string{a.t("psfs.intro.first")}
		}
		v.Text = &Field{Label: a.t("psfs.name.label"), Max: progress.MaxActivityName, Value: a.message}
		switch {
		case n < progress.MinActivities:
			v.Actions = []Action{a.next()}
		case n < progress.MaxActivities:
			v.Actions = []Action{{ID: "done", Label: a.t("psfs.done"), Kind: "primary"}, {ID: "add", Label: a.t("psfs.add"), Kind: "secondary"}}
		default:
			v.Actions = []Action{{ID: "done", Label: a.t("psfs.done"), Kind: "primary"}}
		}
		v.Actions = append(v.Actions, later)
	case PSFSSaved:
		v.Title = a.t("psfs.saved.title")
		if p := a.psfs.saved; p != nil {
			v.Body = []string{a.t("psfs.saved.score", a.decimal(p.Score()))}
			for _, act := range p.Activities {
				v.List = append(v.List, Row{Title: act.Name, Detail: a.t("psfs.saved.row", act.Score)})
			}
			if entries := a.psfsEntries(); len(entries) > 1 {
				v.Body = append(v.Body, a.t("psfs.saved.first", a.decimal(entries[0].Score())))
			}
		}
		v.Actions = []Action{{ID: "continue", Label: a.t("psfs.saved.continue"), Kind: "primary"}}
	}
}

// decimal writes v with at most one decimal, with a decimal comma in
// French.
func (a *App) decimal(v float64) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
	if a.lang() == "fr" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// psfsOffered reports whether the home screen offers the PSFS: it is due
// and the patient may exercise (not while the plan says to see the
// clinician first).
func (a *App) psfsOffered() bool {
	return !(a.plan.DoNotStart && !a.plan.RedFlagScreen) && a.psfsDue()
}
