package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"spry/engine/cue"
	"spry/engine/history"
	"spry/engine/ics"
	"spry/engine/player"
	"spry/engine/program"
	"spry/engine/progress"
)

// The red-flag questions of CLINICAL.md D, by number: 1–5 call for the
// emergency department, 6–11 for a call to the clinician today. At first
// use one more question follows them: new back pain at an age under 20 or
// over 50, a flag for the clinician that blocks nothing.
const (
	redFlagQuestions = 11
	lastEmergency    = 5
)

// MaxNote is the longest note the patient can leave after a session.
const MaxNote = 2000

// ErrUnknownAction is returned for an action the screen does not offer.
var ErrUnknownAction = errors.New("app: unknown action")

// Do carries out what the patient did on the page at time now: an action
// ("act", id), a scale answer ("scale", "0".."10"), text typed ("text", ...),
// a setting switched ("toggle", id), or a player control ("pause", "skip",
// "done", "rest", "speed") forwarded to the player. It returns the cues to
// play.
func (a *App) Do(now time.Time, name, arg string) ([]cue.Cue, error) {
	a.now = now
	a.download = nil
	switch name {
	case "act":
		return a.act(now, arg)
	case "scale":
		n, err := strconv.Atoi(arg)
		if err != nil || n < 0 || n > 10 {
			return nil, fmt.Errorf("app: %q is not an answer from 0 to 10", arg)
		}
		a.scale = &n
		return nil, nil
	case "text":
		if !utf8.ValidString(arg) {
			arg = strings.ToValidUTF8(arg, "\uFFFD")
		}
		if utf8.RuneCountInString(arg) > MaxNote {
			arg = string([]rune(arg)[:MaxNote])
		}
		a.message = arg
		return nil, nil
	case "toggle":
		return nil, a.toggle(arg)
	case "import":
		a.importFile(arg)
		return nil, nil
	case "visible", "resize":
		return a.Update(now), nil
	case "pause", "skip", "done", "rest", "speed":
		if a.player == nil || (a.screen != Play && name != "speed") {
			return nil, nil
		}
		evs, err := a.player.Command(a.elapsed(now), name, arg)
		return a.handle(evs), err
	}
	return nil, fmt.Errorf("%w %q", ErrUnknownAction, name)
}

func (a *App) act(now time.Time, id string) ([]cue.Cue, error) {
	// The links every screen has.
	switch id {
	case "warning", "history", "settings":
		if a.screen != Warning && a.screen != History && a.screen != Preferences {
			a.back = a.screen
		}
		if a.screen == Play && a.player != nil && a.player.State() == player.Playing {
			evs, _ := a.player.Command(a.elapsed(now), "pause", "")
			a.handle(evs)
		}
		a.screen = map[string]Screen{"warning": Warning, "history": History, "settings": Preferences}[id]
		return nil, nil
	case "back":
		if a.back == "" {
			a.back = Home
		}
		a.screen, a.back = a.back, ""
		return nil, nil
	case "dismiss-alert":
		a.alert = ""
		return nil, nil
	case "lang-en", "lang-fr":
		a.settings.Lang = strings.TrimPrefix(id, "lang-")
		a.saveSettings()
		return nil, nil
	}

	switch a.screen {
	case Welcome:
		if id == "continue" {
			a.settings.NoticeSeen = true
			a.saveSettings()
			// At first use the PSFS is asked right after the red-flag
			// screen, before the first session (CLINICAL.md E: at the
			// start).
			next := Home
			if a.psfsDue() {
				next = PSFSIntro
			}
			a.startRedFlags(next, true)
			return nil, nil
		}
	case RedFlag:
		switch id {
		case "yes", "no":
			return nil, a.answerRedFlag(id == "yes")
		case "previous":
			if a.rfIndex > 0 {
				a.rfIndex--
				if n := len(a.rfYes); n > 0 && a.rfYes[n-1] == a.rfIndex+1 {
					a.rfYes = a.rfYes[:n-1]
				}
			}
			return nil, nil
		}
	case Emergency, Urgent, Stopped, Summary:
		if id == "home" || id == "continue" {
			if a.screen == Stopped {
				a.screen = Play
				return a.resumePlayer(now), nil
			}
			a.goHome()
			return nil, nil
		}
	case Home:
		switch id {
		case "start":
			if a.plan.DoNotStart && !a.plan.RedFlagScreen {
				return nil, nil
			}
			if a.plan.RedFlagScreen {
				a.startRedFlags(PainBefore, false)
			} else {
				a.scale = nil
				a.screen = PainBefore
			}
			return nil, nil
		case "resume":
			return a.resume(now), nil
		case "psfs":
			if a.psfsOffered() {
				a.startPSFS(Home)
				return nil, nil
			}
		}
	case PSFSIntro, PSFSActivity, PSFSSaved:
		return nil, a.actPSFS(now, id)
	case PainBefore:
		if id == "next" && a.scale != nil {
			return a.startSession(now), nil
		}
	case Play:
		if id == "hurts" {
			if a.player != nil && a.player.State() == player.Playing {
				evs, _ := a.player.Command(a.elapsed(now), "pause", "")
				a.handle(evs)
			}
			a.scale, a.spread = nil, false
			a.screen = Hurts
			return nil, nil
		}
	case Hurts:
		switch id {
		case "next":
			if a.scale != nil {
				return a.hurt(now), nil
			}
		case "cancel":
			a.screen = Play
			return a.resumePlayer(now), nil
		}
	case PainAfter:
		if id == "next" && a.scale != nil {
			a.rec.Session.PainAfter = progress.Pain(*a.scale)
			a.put(a.rec)
			a.scale = nil
			a.screen = Effort
			return nil, nil
		}
	case Effort:
		if id == "next" && a.scale != nil {
			a.rec.Session.Effort = progress.Pain(*a.scale)
			a.put(a.rec)
			a.message = ""
			a.screen = Note
			return nil, nil
		}
	case Note:
		if id == "next" || id == "skip-note" {
			if id == "next" {
				a.rec.Session.Note = a.message
			}
			a.rec.Session.Ended = now
			a.put(a.rec)
			a.player = nil
			a.plan = progress.Next(a.d.Program, a.d.Library, a.log, now)
			a.screen = Summary
			return nil, nil
		}
	case Morning:
		switch id {
		case "next":
			if a.scale != nil {
				a.saveMorning(now)
				a.goHome()
			}
			return nil, nil
		case "later":
			a.goHome()
			return nil, nil
		}
	case History:
		switch id {
		case "export":
			a.export()
			return nil, nil
		case "calendar":
			a.calendar()
			return nil, nil
		case "csv":
			a.offer("spry-sessions-"+a.now.Format("2006-01-02")+".csv", "text/csv", string(progress.CSV(a.log)))
			return nil, nil
		}
	}
	return nil, fmt.Errorf("%w %q on %s", ErrUnknownAction, id, a.screen)
}

func (a *App) goHome() {
	a.plan = progress.Next(a.d.Program, a.d.Library, a.log, a.now)
	a.scale = nil
	a.screen = Home
}

func (a *App) toggle(id string) error {
	switch id {
	case "spreading":
		if a.screen != Hurts {
			return fmt.Errorf("%w toggle %q on %s", ErrUnknownAction, id, a.screen)
		}
		a.spread = !a.spread
		return nil
	case "sound":
		a.settings.Sound = !a.settings.Sound
	case "speech":
		a.settings.Speech = !a.settings.Speech
	case "vibration":
		a.settings.Vibration = !a.settings.Vibration
	case "flash":
		a.settings.Flash = !a.settings.Flash
	default:
		return fmt.Errorf("%w toggle %q", ErrUnknownAction, id)
	}
	a.saveSettings()
	return nil
}

// startRedFlags begins the red-flag screen; next is where a screen with no
// yes leads; first is set at first use, when the age question follows.
func (a *App) startRedFlags(next Screen, first bool) {
	a.rfIndex, a.rfYes, a.rfNext, a.rfFirst, a.rfAge = 0, nil, next, first, false
	a.screen = RedFlag
}

// redFlagCount is how many questions this red-flag screen asks.
func (a *App) redFlagCount() int {
	if a.rfFirst {
		return redFlagQuestions + 1
	}
	return redFlagQuestions
}

// answerRedFlag takes the answer to the question on screen. A single yes to
// an emergency question ends the screen at once (CLINICAL.md D: act on a
// single yes); the answers are kept as a record of their own, which later
// plans read.
func (a *App) answerRedFlag(yes bool) error {
	q := a.rfIndex + 1
	switch {
	case q > redFlagQuestions:
		a.rfAge = yes
	case yes:
		a.rfYes = append(a.rfYes, q)
	}
	a.rfIndex++
	emergency := yes && q <= lastEmergency
	if !emergency && a.rfIndex < a.redFlagCount() {
		return nil
	}
	id, err := progress.NewID(a.now, a.d.Random)
	if err != nil {
		return err
	}
	a.put(progress.Record{V: progress.Version, ID: id, Kind: progress.KindSession, Program: a.d.Program.ID,
		Session: &progress.Session{Started: a.now, Ended: a.now, RedFlags: &progress.RedFlags{Yes: append([]int{}, a.rfYes...), AgeFlag: a.rfAge}, Exercises: []progress.Exercise{}}})
	a.plan = progress.Next(a.d.Program, a.d.Library, a.log, a.now)
	switch {
	case emergency:
		a.screen = Emergency
	case len(a.rfYes) > 0:
		a.screen = Urgent
	case a.rfNext == PSFSIntro:
		a.startPSFS(Home)
	default:
		a.scale = nil
		a.screen = a.rfNext
	}
	return nil
}

// items settles the plan into the exercises to play, with the block each
// comes from.
func (a *App) items() ([]program.Item, []int, []progress.Exercise) {
	var items []program.Item
	var blocks []int
	var exs []progress.Exercise
	for _, bp := range a.plan.Blocks {
		if bp.Stopped {
			continue
		}
		ex, ok := a.d.Library.Exercise(bp.Exercise)
		if !ok {
			continue
		}
		items = append(items, program.Item{Exercise: ex, Dose: bp.Dose})
		blocks = append(blocks, bp.Block)
		exs = append(exs, progress.Exercise{Block: bp.Block, Step: bp.Step, Exercise: bp.Exercise,
			Target: progress.Target{Sets: bp.Dose.Sets, Reps: bp.Dose.Reps, HoldSeconds: bp.Dose.HoldSeconds}})
	}
	return items, blocks, exs
}

func (a *App) newPlayer(items []program.Item) error {
	a.player = player.New(a.d.Library, a.d.Clips, a.lang())
	a.player.SetReducedMotion(a.d.ReducedMotion)
	return a.player.LoadItems(a.d.Program, items)
}

// startSession starts the planned session after the pain question: the
// session record is written before the first exercise.
func (a *App) startSession(now time.Time) []cue.Cue {
	items, blocks, exs := a.items()
	if err := a.newPlayer(items); err != nil {
		a.alert = a.t("player.broken")
		a.screen = Home
		return nil
	}
	id, err := progress.NewID(now, a.d.Random)
	if err != nil {
		a.alert = a.t("storage.failed")
		return nil
	}
	a.blocks = blocks
	a.rec = progress.Record{V: progress.Version, ID: id, Kind: progress.KindSession, Program: a.d.Program.ID,
		Session: &progress.Session{Started: now, PainBefore: progress.Pain(*a.scale), Exercises: exs}}
	a.put(a.rec)
	a.screen = Play
	evs, _ := a.player.Command(a.elapsed(now), "start", "")
	return a.handle(evs)
}

// inProgress returns the session a closed tab left unfinished, if it was
// started today.
func (a *App) inProgress() (progress.Record, bool) {
	r, ok := progress.InProgress(a.log, a.d.Program.ID)
	if !ok || len(r.Session.Exercises) == 0 || a.now.Sub(r.Session.Started) > 12*time.Hour {
		return progress.Record{}, false
	}
	return r, true
}

// resume picks an interrupted session up at the first set not done.
func (a *App) resume(now time.Time) []cue.Cue {
	r, ok := a.inProgress()
	if !ok {
		return nil
	}
	items := make([]program.Item, 0, len(r.Session.Exercises))
	blocks := make([]int, 0, len(r.Session.Exercises))
	for _, e := range r.Session.Exercises {
		ex, ok := a.d.Library.Exercise(e.Exercise)
		if !ok {
			return nil
		}
		dose := ex.Dose
		if e.Block >= 0 && e.Block < len(a.d.Program.Blocks) {
			if d, ok := a.d.Program.Blocks[e.Block].StepDose(e.Step, a.d.Library); ok {
				dose = d
			}
		}
		dose.Sets, dose.Reps, dose.HoldSeconds = e.Target.Sets, e.Target.Reps, e.Target.HoldSeconds
		items = append(items, program.Item{Exercise: ex, Dose: dose})
		blocks = append(blocks, e.Block)
	}
	if err := a.newPlayer(items); err != nil {
		a.alert = a.t("player.broken")
		return nil
	}
	a.rec, a.blocks = r, blocks
	exercise, set := 0, 1
	for i, e := range r.Session.Exercises {
		exercise, set = i, len(e.Sets)+1
		if !e.Skipped && !e.StoppedForPain && len(e.Sets) < e.Target.Sets {
			break
		}
		exercise, set = i+1, 1
	}
	a.screen = Play
	return a.handle(a.player.StartAt(a.elapsed(now), exercise, set))
}

// hurt takes the pain the patient reported during a set. Red-zone pain stops
// the exercise for today (P1); pain spreading down the leg stops it and is
// flagged for the clinician (P5). Otherwise the set goes on.
func (a *App) hurt(now time.Time) []cue.Cue {
	st := a.player.Session()
	ex := a.exercise(st.Exercise)
	if ex == nil {
		a.screen = Play
		return nil
	}
	pain := *a.scale
	if ex.PainDuring == nil || *ex.PainDuring < pain {
		ex.PainDuring = progress.Pain(pain)
	}
	red := pain > a.d.Program.Blocks[ex.Block].EffectiveRules().Zones.AmberMax
	if a.spread {
		ex.Spreading = true
	}
	ex.StoppedForPain = red
	a.put(a.rec)
	a.screen = Play
	if !red && !a.spread {
		return a.resumePlayer(now)
	}
	// Skip the rest of the exercise; the player stays paused while the
	// patient reads why.
	evs, _ := a.player.Command(a.elapsed(now), "skip", "")
	cues := a.handle(evs)
	if a.screen == Play {
		a.screen = Stopped
	}
	return cues
}

// resumePlayer resumes the player if it is paused.
func (a *App) resumePlayer(now time.Time) []cue.Cue {
	if a.player == nil || a.player.State() != player.Paused {
		return nil
	}
	evs, _ := a.player.Command(a.elapsed(now), "pause", "")
	return a.handle(evs)
}

// morningDue returns the session whose next-morning question is due: the
// last finished session, if it was on an earlier day than now, no more than
// two days ago, and has no answer yet.
func (a *App) morningDue() *progress.Record {
	var last *progress.Record
	for i := range a.log {
		r := &a.log[i]
		if r.Program != a.d.Program.ID || r.Session == nil || r.Session.Ended.IsZero() || len(r.Session.Exercises) == 0 || r.Session.PainBefore == nil {
			continue
		}
		if last == nil || r.Session.Ended.After(last.Session.Ended) {
			last = r
		}
	}
	if last == nil {
		return nil
	}
	for _, r := range a.log {
		if r.Morning != nil && r.Morning.Session == last.ID {
			return nil
		}
	}
	y, m, d := last.Session.Ended.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, a.now.Location())
	if a.now.Before(day.AddDate(0, 0, 1)) || !a.now.Before(day.AddDate(0, 0, 3)) {
		return nil
	}
	return last
}

func (a *App) saveMorning(now time.Time) {
	last := a.morningDue()
	if last == nil {
		return
	}
	id, err := progress.NewID(now, a.d.Random)
	if err != nil {
		return
	}
	a.put(progress.Record{V: progress.Version, ID: id, Kind: progress.KindMorning, Program: a.d.Program.ID,
		Morning: &progress.Morning{Session: last.ID, At: now, Pain: *a.scale}})
}

// export offers all progress as a file.
func (a *App) export() {
	data, err := progress.Export(a.log)
	if err != nil {
		a.alert = a.t("export.failed")
		return
	}
	a.offer("spry-progress-"+a.now.Format("2006-01-02")+".json", "application/json", string(data))
}

// schedule is the program's plan of sessions (every day for 6 weeks unless
// the program says), from the first session or today.
func (a *App) schedule() history.Schedule {
	start := a.now
	for _, r := range a.log {
		if r.Session != nil && len(r.Session.Exercises) > 0 && r.Session.Started.Before(start) {
			start = r.Session.Started
		}
	}
	y, m, d := start.Date()
	return history.ScheduleOf(a.d.Program).Resolve(time.Date(y, m, d, 0, 0, 0, 0, start.Location()))
}

// sessionTime is when reminders are set: the time of day of the patient's
// latest session, or 6 pm.
func (a *App) sessionTime() time.Duration {
	at := 18 * time.Hour
	var latest time.Time
	for _, r := range a.log {
		if r.Session != nil && len(r.Session.Exercises) > 0 && r.Session.Started.After(latest) {
			latest = r.Session.Started
			at = time.Duration(latest.Hour())*time.Hour + time.Duration(latest.Minute())*time.Minute
		}
	}
	return at
}

// calendar offers the program's schedule as recurring events with reminders
// (an .ics file), in the patient's language.
func (a *App) calendar() {
	data, err := ics.Program(a.d.Program, a.d.Library, a.schedule(), ics.Options{Lang: a.lang(), At: a.sessionTime(), Stamp: a.now})
	if err != nil {
		a.alert = a.t("export.failed")
		return
	}
	a.offer(ics.FileName(a.d.Program), ics.MIMEType, string(data))
}

// offer hands the page a file for the patient to save.
func (a *App) offer(name, typ, data string) {
	a.downloads++
	a.download = &Download{Seq: a.downloads, Name: name, Type: typ, Data: data}
}

// importFile merges a progress file into the log; a bad file changes
// nothing.
func (a *App) importFile(data string) {
	merged, added, err := progress.Import([]byte(data), a.log)
	if err != nil {
		a.alert = a.t("import.failed", err.Error())
		return
	}
	known := make(map[string]bool, len(a.log))
	for _, r := range a.log {
		known[r.ID] = true
	}
	for _, r := range merged {
		if !known[r.ID] {
			a.put(r)
		}
	}
	a.alert = a.t("import.done", added)
	a.plan = progress.Next(a.d.Program, a.d.Library, a.log, a.now)
}
