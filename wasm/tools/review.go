package tools

import (
	"fmt"
	"time"

	"spry/engine/history"
	"spry/engine/i18n"
	"spry/engine/program"
	"spry/engine/progress"
	"spry/programs"
)

// Review is what the therapist sees of a patient's progress file.
type Review struct {
	// Records counts the records in the file.
	Records  int             `json:"records"`
	Programs []ProgramReview `json:"programs"`
}

// ProgramReview is the review of one program's records.
type ProgramReview struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Known is false when the program is neither shipped with Spry nor
	// given: its decisions cannot be replayed.
	Known bool `json:"known"`
	// Sessions counts the sessions with exercises (a red-flag screen
	// alone is stored as a session without any).
	Sessions int     `json:"sessions"`
	Charts   []Chart `json:"charts"`
	// Decisions lists, session by session, what the rules decided before
	// it and why, oldest first; the last entries are the next session's.
	Decisions []Decision `json:"decisions"`
	PSFS      []PSFS     `json:"psfs"`
	// Screens lists the red-flag screens the patient answered, oldest
	// first.
	Screens []Screen `json:"screens"`
}

// Screen is one red-flag screen (CLINICAL.md D) as the patient answered it.
type Screen struct {
	Date string `json:"date"`
	// Yes holds the questions answered yes, in lang, each with its number.
	Yes []string `json:"yes"`
	// AgeFlag is the first-use answer for the clinician alone: new back
	// pain at an age under 20 or over 50.
	AgeFlag bool `json:"ageFlag"`
}

// Chart is one history chart: an SVG document (for an <img>) and its data
// as a table of plain text.
type Chart struct {
	SVG     string     `json:"svg"`
	Caption string     `json:"caption"`
	Header  []string   `json:"header"`
	Rows    [][]string `json:"rows"`
}

// Decision is one rule decision about a block (Block ≥ 0) or the whole
// program (Block = -1), with its reason in the review's language.
type Decision struct {
	// Session is the date and time of the session the plan was for, "next"
	// for the session still to come.
	Session  string `json:"session"`
	Block    int    `json:"block"`
	Exercise string `json:"exercise,omitempty"`
	Dose     string `json:"dose,omitempty"`
	Kind     string `json:"kind"`
	Rule     string `json:"rule,omitempty"`
	Reason   string `json:"reason"`
}

// PSFS is one PSFS entry: its date, activities and mean score.
type PSFS struct {
	Date       string             `json:"date"`
	Activities []history.Activity `json:"activities"`
	Score      float64            `json:"score"`
}

// Review reads a progress file locally and returns, for each program in it,
// the patient's history charts, every rule decision with its reason and the
// PSFS scores, in lang, as a Review, or a Failure. programText, when not
// empty, is the patient's program (JSON or a share link) for a program not
// shipped with Spry. now is the review's time.
func (t *Tools) Review(fileText, lang, programText string, now time.Time) string {
	log, _, err := progress.Import([]byte(fileText), nil)
	if err != nil {
		return marshal(Failure{Error: "This is not a progress file Spry can read: " + err.Error()})
	}
	var given *program.Program
	if programText != "" {
		p, f := t.parse(programText)
		if f != nil {
			return marshal(f)
		}
		given = p
	}
	out := Review{Records: len(log), Programs: []ProgramReview{}}
	var ids []string
	seen := map[string]bool{}
	for _, r := range log {
		if !seen[r.Program] {
			seen[r.Program] = true
			ids = append(ids, r.Program)
		}
	}
	for _, id := range ids {
		out.Programs = append(out.Programs, t.reviewProgram(log, id, given, lang, now))
	}
	return marshal(out)
}

func (t *Tools) reviewProgram(log []progress.Record, id string, given *program.Program, lang string, now time.Time) ProgramReview {
	p, known := given, given != nil && given.ID == id
	if !known {
		if sp, err := programs.Program(id); err == nil {
			p, known = sp, true
		} else {
			p = &program.Program{ID: id}
		}
	}
	pr := ProgramReview{ID: id, Title: p.Title.In(lang), Known: known, Charts: []Chart{}, Decisions: []Decision{},
		PSFS: []PSFS{}, Screens: []Screen{}}
	if pr.Title == "" {
		pr.Title = id
	}
	h := history.Build(log, p, t.lib, history.ScheduleOf(p), history.PSFSOf(log, id), now, lang)
	for _, r := range log {
		if r.Program != id || r.Session == nil {
			continue
		}
		if len(r.Session.Exercises) > 0 {
			pr.Sessions++
		}
		if rf := r.Session.RedFlags; rf != nil {
			s := Screen{Date: r.Session.Started.Format("2006-01-02 15:04"), Yes: []string{}, AgeFlag: rf.AgeFlag}
			for _, q := range rf.Yes {
				s.Yes = append(s.Yes, fmt.Sprintf("%d. %s", q, i18n.T(lang, fmt.Sprintf("rf.q%d", q))))
			}
			pr.Screens = append(pr.Screens, s)
		}
	}
	for _, c := range h.Charts() {
		pr.Charts = append(pr.Charts, Chart{SVG: c.SVG, Caption: c.Table.Caption, Header: c.Table.Header, Rows: c.Table.Rows})
	}
	for _, e := range h.PSFS {
		pr.PSFS = append(pr.PSFS, PSFS{Date: history.FormatDate(e.Date, lang), Activities: e.Activities, Score: e.Score()})
	}
	if !known {
		return pr
	}
	// Replay the rules: the plan each session was played from is what
	// progress.Next made of the log as it stood when the session started.
	var mine []progress.Record
	for _, r := range log {
		if r.Program == id {
			mine = append(mine, r)
		}
	}
	for i, r := range mine {
		if r.Session == nil || len(r.Session.Exercises) == 0 {
			continue // not a session: a red-flag screen alone
		}
		at := r.Session.Started
		var before []progress.Record
		for _, q := range mine[:i] {
			if q.Time().Before(at) {
				before = append(before, q)
			}
		}
		pr.Decisions = append(pr.Decisions, t.decisions(p, progress.Next(p, t.lib, before, at), at.Format("2006-01-02 15:04"), lang)...)
	}
	pr.Decisions = append(pr.Decisions, t.decisions(p, progress.Next(p, t.lib, mine, now), "next", lang)...)
	return pr
}

// decisions lists a plan's changes and notes.
func (t *Tools) decisions(p *program.Program, plan progress.Plan, session, lang string) []Decision {
	var out []Decision
	for _, bp := range plan.Blocks {
		name := bp.Exercise
		if e, ok := t.lib.Exercise(bp.Exercise); ok {
			name = e.Name.In(lang)
		}
		for _, c := range bp.Changes {
			out = append(out, Decision{Session: session, Block: bp.Block, Exercise: name, Dose: DoseText(bp.Dose),
				Kind: string(c.Kind), Rule: c.Rule, Reason: c.Reason.Text(lang)})
		}
	}
	for _, m := range plan.Notes {
		out = append(out, Decision{Session: session, Block: -1, Kind: "note", Reason: m.Text(lang)})
	}
	return out
}
