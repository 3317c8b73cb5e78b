package app

import (
	"fmt"
	"math"
	"strings"

	"spry/engine/history"
	"spry/engine/program"
	"spry/engine/progress"
)

// View describes the screen the patient sees now.
func (a *App) View() View {
	v := View{Screen: a.screen, Lang: a.lang(), Alert: a.alert, Download: a.download, Nav: Nav{
		Warning: a.t("nav.warning"), History: a.t("nav.history"), Settings: a.t("nav.settings"), Home: a.t("nav.back"),
		Exercise: a.t("nav.exercise"), Figure: a.t("nav.figure"),
	}}
	switch a.screen {
	case Welcome:
		v.Title = a.t("welcome.title")
		v.Body = []string{a.t("welcome.notice"), a.t("welcome.offline"), a.t("welcome.lang")}
		v.Actions = []Action{
			{ID: "lang-en", Label: "English", Kind: a.kindIf(a.lang() == "en")},
			{ID: "lang-fr", Label: "Français", Kind: a.kindIf(a.lang() == "fr")},
			{ID: "continue", Label: a.t("welcome.continue"), Kind: "primary"},
		}
	case RedFlag:
		q := a.rfIndex + 1
		v.Step = a.t("rf.step", q, a.redFlagCount())
		if q > redFlagQuestions {
			v.Title = a.t("rf.age")
			v.Body = []string{a.t("rf.age.note")}
		} else {
			v.Title = a.t(fmt.Sprintf("rf.q%d", q))
			v.Body = []string{a.t("rf.intro")}
		}
		v.Actions = []Action{{ID: "yes", Label: a.t("rf.yes"), Kind: "secondary"}, {ID: "no", Label: a.t("rf.no"), Kind: "secondary"}}
		if q > 1 {
			v.Actions = append(v.Actions, Action{ID: "previous", Label: a.t("rf.previous"), Kind: "link"})
		}
	case Emergency:
		v.Tone = "emergency"
		v.Title = a.t("rf.emergency.title")
		v.Body = []string{a.t("rf.emergency.body"), a.t("rf.emergency.stop")}
		v.Actions = []Action{{ID: "home", Label: a.t("rf.understood"), Kind: "secondary"}}
	case Urgent:
		v.Tone = "urgent"
		v.Title = a.t("rf.urgent.title")
		v.Body = []string{a.t("rf.urgent.body"), a.contact()}
		v.Actions = []Action{{ID: "home", Label: a.t("rf.understood"), Kind: "secondary"}}
	case Home:
		a.home(&v)
	case PainBefore:
		v.Title = a.t("pain.before.title")
		v.Scale = a.painScale()
		v.Actions = []Action{a.next()}
	case Play:
		pv := a.player.View()
		v.Title = pv.Exercise
		v.Player = &pv
		v.Controls = &Controls{Pause: a.t("ctl.pause"), Resume: a.t("ctl.resume"), Skip: a.t("ctl.skip"),
			Done: a.t("ctl.done"), Hurts: a.t("ctl.hurts"), Less: a.t("ctl.less"), More: a.t("ctl.more"),
			LessName: a.t("ctl.less.name"), MoreName: a.t("ctl.more.name")}
	case Hurts:
		v.Title = a.t("hurts.title")
		v.Body = []string{a.t("hurts.body")}
		v.Scale = a.painScale()
		v.Toggles = []Toggle{{ID: "spreading", Label: a.t("hurts.spreading"), On: a.spread}}
		v.Actions = []Action{a.next(), {ID: "cancel", Label: a.t("hurts.cancel"), Kind: "secondary"}}
	case Stopped:
		v.Tone = "urgent"
		v.Title = a.t("stopped.title")
		v.Body = []string{a.t("stopped.body")}
		if a.spread {
			v.Body = append(v.Body, a.t("stopped.spreading"))
		}
		v.Actions = []Action{{ID: "continue", Label: a.t("stopped.continue"), Kind: "primary"}}
	case PainAfter:
		v.Title = a.t("pain.after.title")
		v.Scale = a.painScale()
		v.Actions = []Action{a.next()}
	case Effort:
		v.Title = a.t("effort.title")
		v.Scale = &Scale{Min: 0, Max: 10, Value: a.scale, Low: a.t("effort.low"), High: a.t("effort.high"), Label: a.t("effort.title")}
		v.Actions = []Action{a.next()}
	case Note:
		v.Title = a.t("note.title")
		v.Text = &Field{Label: a.t("note.label"), Max: MaxNote, Value: a.message}
		v.Actions = []Action{{ID: "next", Label: a.t("note.save"), Kind: "primary"}, {ID: "skip-note", Label: a.t("note.skip"), Kind: "secondary"}}
	case Summary:
		a.summary(&v)
	case PSFSIntro, PSFSActivity, PSFSSaved:
		a.psfsView(&v)
	case Morning:
		v.Title = a.t("morning.title")
		if last := a.morningDue(); last != nil && last.Session.PainBefore != nil {
			v.Body = []string{a.t("morning.before", *last.Session.PainBefore)}
		}
		v.Scale = a.painScale()
		v.Actions = []Action{a.next(), {ID: "later", Label: a.t("morning.later"), Kind: "secondary"}}
	case History:
		a.history(&v)
	case Warning:
		v.Tone = "urgent"
		v.Title = a.t("warning.title")
		v.Body = []string{a.t("warning.emergency")}
		for q := 1; q <= redFlagQuestions; q++ {
			if q == lastEmergency+1 {
				v.List = append(v.List, Row{Title: a.t("warning.urgent")})
			}
			v.List = append(v.List, Row{Detail: a.t(fmt.Sprintf("rf.q%d", q))})
		}
		v.Actions = []Action{{ID: "back", Label: a.t("nav.back"), Kind: "secondary"}}
	case Preferences:
		v.Title = a.t("settings.title")
		v.Body = []string{a.t("welcome.lang")}
		v.Toggles = []Toggle{
			{ID: "sound", Label: a.t("settings.sound"), On: a.settings.Sound},
			{ID: "speech", Label: a.t("settings.speech"), On: a.settings.Speech},
			{ID: "vibration", Label: a.t("settings.vibration"), On: a.settings.Vibration},
			{ID: "flash", Label: a.t("settings.flash"), On: a.settings.Flash},
		}
		v.Actions = []Action{
			{ID: "lang-en", Label: "English", Kind: a.kindIf(a.lang() == "en")},
			{ID: "lang-fr", Label: "Français", Kind: a.kindIf(a.lang() == "fr")},
			{ID: "back", Label: a.t("nav.back"), Kind: "secondary"},
		}
	}
	return v
}

func (a *App) kindIf(selected bool) string {
	if selected {
		return "selected"
	}
	return "secondary"
}

func (a *App) next() Action { return Action{ID: "next", Label: a.t("next"), Kind: "primary"} }

func (a *App) painScale() *Scale {
	return &Scale{Min: 0, Max: 10, Value: a.scale, Low: a.t("pain.low"), High: a.t("pain.high"), Label: a.t("pain.label")}
}

func (a *App) contact() string {
	if c := a.d.Program.Contact.In(a.lang()); c != "" {
		return a.t("contact.program", c)
	}
	return a.t("contact.default")
}

// dose words a dose: "2 sets of 10, hold 2 s".
func (a *App) dose(d program.Dose, sides program.Sides) string {
	s := a.t("dose.sets", d.Sets, d.Reps)
	if sides != program.Both {
		s += " " + a.t("dose.perside")
	}
	if d.HoldSeconds > 0 {
		s += ", " + a.t("dose.hold", d.HoldSeconds)
	}
	return s
}

func (a *App) home(v *View) {
	v.Title = a.d.Program.Title.In(a.lang())
	if note := a.d.Program.Note.In(a.lang()); note != "" {
		v.Body = append(v.Body, note)
	}
	for _, m := range a.plan.Notes {
		v.Body = append(v.Body, m.Text(a.lang()))
	}
	for _, bp := range a.plan.Blocks {
		ex, ok := a.d.Library.Exercise(bp.Exercise)
		if !ok {
			continue
		}
		row := Row{Title: ex.Name.In(a.lang()), Detail: a.dose(bp.Dose, ex.Sides)}
		if bp.Stopped {
			row.Detail = a.t("home.stopped")
		}
		for _, c := range bp.Changes {
			if c.Kind != progress.Start && c.Kind != progress.Fixed {
				row.Changes = append(row.Changes, c.Reason.Text(a.lang()))
			}
		}
		v.List = append(v.List, row)
	}
	if _, ok := a.inProgress(); ok {
		v.Actions = append(v.Actions, Action{ID: "resume", Label: a.t("home.resume"), Kind: "primary"})
	}
	switch {
	case a.plan.DoNotStart && !a.plan.RedFlagScreen:
		v.Body = append([]string{a.t("home.blocked")}, v.Body...)
	default:
		kind := "primary"
		if len(v.Actions) > 0 {
			kind = "secondary"
		}
		if a.psfsOffered() {
			v.Body = append(v.Body, a.t("psfs.due"))
			v.Actions = append(v.Actions, Action{ID: "psfs", Label: a.t("psfs.offer"), Kind: "secondary"})
		}
		v.Actions = append(v.Actions, Action{ID: "start", Label: a.t("home.start"), Kind: kind})
	}
	if a.quarantine > 0 {
		v.Body = append(v.Body, a.t("storage.quarantine", a.quarantine))
	}
}

func (a *App) summary(v *View) {
	v.Title = a.t("summary.title")
	s := a.rec.Session
	done := &Completed{Minutes: int(math.Round(s.Ended.Sub(s.Started).Minutes()))}
	for _, e := range s.Exercises {
		if len(e.Sets) > 0 {
			done.Exercises++
			done.Sets += len(e.Sets)
		}
	}
	v.Completed = done
	for _, e := range s.Exercises {
		ex, ok := a.d.Library.Exercise(e.Exercise)
		if !ok {
			continue
		}
		row := Row{Title: ex.Name.In(a.lang())}
		switch {
		case e.StoppedForPain:
			row.Detail = a.t("summary.stopped")
		case e.Skipped:
			row.Detail = a.t("summary.skipped")
		default:
			reps := make([]string, len(e.Sets))
			for i, set := range e.Sets {
				reps[i] = fmt.Sprint(set.Reps)
			}
			row.Detail = a.t("summary.sets", len(e.Sets), e.Target.Sets, strings.Join(reps, ", "))
		}
		v.List = append(v.List, row)
	}
	if s.PainBefore != nil && s.PainAfter != nil {
		v.Body = append(v.Body, a.t("summary.pain", *s.PainBefore, *s.PainAfter))
	}
	v.Body = append(v.Body, a.t("summary.next"))
	for _, bp := range a.plan.Blocks {
		for _, c := range bp.Changes {
			v.Body = append(v.Body, c.Reason.Text(a.lang()))
		}
	}
	for _, m := range a.plan.Notes {
		v.Body = append(v.Body, m.Text(a.lang()))
	}
	v.Body = append(v.Body, a.t("summary.morning"))
	v.Actions = []Action{{ID: "home", Label: a.t("summary.home"), Kind: "primary"}}
}

func (a *App) history(v *View) {
	v.Title = a.t("history.title")
	h := history.Build(a.log, a.d.Program, a.d.Library, a.schedule(), a.psfsEntries(), a.now, a.lang())
	for _, c := range h.Charts() {
		v.Charts = append(v.Charts, Chart{SVG: c.SVG, Caption: c.Table.Caption, Header: c.Table.Header, Rows: c.Table.Rows})
	}
	v.ShowTable = a.t("history.table")
	for i := len(a.log) - 1; i >= 0; i-- {
		r := a.log[i]
		if r.Session == nil || len(r.Session.Exercises) == 0 || r.Program != a.d.Program.ID {
			continue
		}
		row := Row{Title: r.Session.Started.Format("2006-01-02 15:04")}
		var parts []string
		if r.Session.PainBefore != nil {
			parts = append(parts, a.t("history.before", *r.Session.PainBefore))
		}
		if r.Session.PainAfter != nil {
			parts = append(parts, a.t("history.after", *r.Session.PainAfter))
		}
		if r.Session.Ended.IsZero() {
			parts = append(parts, a.t("history.unfinished"))
		}
		row.Detail = strings.Join(parts, " · ")
		if r.Session.Note != "" {
			row.Changes = []string{r.Session.Note}
		}
		v.List = append(v.List, row)
	}
	if len(v.List) == 0 {
		v.Body = []string{a.t("history.empty")}
	}
	v.Actions = []Action{
		{ID: "calendar", Label: a.t("history.calendar"), Kind: "secondary"},
		{ID: "export", Label: a.t("history.export"), Kind: "secondary"},
		{ID: "csv", Label: a.t("history.csv"), Kind: "secondary"},
		{ID: "import", Label: a.t("history.import"), Kind: "secondary"},
		{ID: "back", Label: a.t("nav.back"), Kind: "secondary"},
	}
}
