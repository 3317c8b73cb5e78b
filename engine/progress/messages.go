package progress

import (
	"fmt"
	"strconv"
	"time"

	"spry/engine/program"
)

// Message is a patient-facing text not yet put into words: the ID of a
// format string in the message table and its arguments. Arguments may be
// strings, numbers, dates (Date), exercise names (program.Text) or other
// Messages, each rendered in the language asked for.
type Message struct {
	ID   string
	Args []any
}

// Date is a day shown to the patient, such as "Mon 5 Jan".
type Date time.Time

// msg builds a Message.
func msg(id string, args ...any) Message { return Message{ID: id, Args: args} }

// messages maps language, then message ID, to a format string. Arguments
// are always referred to by position (%[1]s) so that a translation may
// reorder them; every argument is rendered to a string first.
var messages = map[string]map[string]string{
	"en": {
		// A change to a block: exercise name, what changes, why.
		"change":     "%[1]s: %[2]s. %[3]s",
		"stays":      "%[1]s stays at %[2]s. %[3]s",
		"stays-top":  "%[1]s stays at %[2]s, the top of its ladder. %[3]s Ask your clinician what comes next.",
		"stays-low":  "%[1]s stays at %[2]s, its easiest version. %[3]s",
		"start":      "%[1]s: starting at %[2]s.",
		"locked":     "%[1]s stays at %[2]s. Your clinician has set this exercise.",
		"stopped":    "Stop %[1]s for now. %[2]s",
		"resumed":    "%[1]s: your clinician has cleared it again, at %[2]s.",
		"baseline":   "%[1]s: baseline session %[2]s of %[3]s. Do as many as you comfortably can and stop when your pain tells you to.",
		"quota-set":  "%[1]s: your quota is %[2]s reps in all (%[3]s%% of your baseline average of %[4]s). It rises by %[5]s after each session, whatever the pain.",
		"quota-up":   "%[1]s: %[2]s → %[3]s reps in all. The quota rises by %[4]s after each session, whatever the pain.",
		"quota-goal": "%[1]s stays at %[2]s reps in all, its goal.",

		// What changes.
		"reps":        "%[1]s → %[2]s reps",
		"hold":        "hold %[1]s → %[2]s s",
		"sets":        "%[1]s → %[2]s sets",
		"sets-to-one": "%[1]s sets → 1 set",
		"step-up":     "next version, %[1]s, %[2]s",
		"step-down":   "back to %[1]s, %[2]s",
		"dose":        "%[1]s × %[2]s reps",
		"dose-hold":   "%[1]s × %[2]s reps, %[3]s s hold",

		// Why: step up.
		"why-progress":       "Your last %[1]s sessions were done in full with pain at %[2]s/10 or less.",
		"why-progress-amber": "Your last %[1]s sessions were done in full, with pain no higher than before you started.",
		// Why: hold.
		"why-row":         "It goes up after %[1]s sessions in a row, on different days, done in full; so far: %[2]s.",
		"why-not-full":    "On %[1]s not every set was done in full.",
		"why-amber":       "Pain during reached %[1]s/10 on %[2]s, higher than the %[3]s/10 before you started.",
		"why-missing":     "We need your %[1]s for %[2]s before it goes up.",
		"why-morning":     "The morning after %[1]s your pain was %[2]s/10, higher than the %[3]s/10 before the session.",
		"why-effort":      "You rated the effort %[1]s/10 on %[2]s; it goes up once that feels %[3]s/10 or easier.",
		"why-p4-hold":     "Your pain has been rising over the past weeks.",
		"why-red-flags":   "You answered yes to a warning-sign question.",
		"missing-during":  "pain during the exercise",
		"missing-before":  "pain before the session",
		"missing-effort":  "effort rating",
		"missing-morning": "next-morning pain",
		// Why: step back.
		"why-p1":      "Pain during reached %[1]s/10 on %[2]s, in the red zone: one step easier.",
		"why-p1-stop": "You stopped it because of pain on %[1]s: one step easier.",
		"why-p2":      "Pain after the session on %[1]s was %[2]s/10, above %[3]s/10: one step easier.",
		"why-p3":      "The morning after %[1]s your pain was %[2]s/10, %[3]s or more above the %[4]s/10 before the session: one step easier.",
		"why-gap":     "Your last session was %[1]s days ago: restarting one step easier.",
		"why-p4":      "Your pain has risen over the past weeks: the whole program goes one step easier.",
		"why-p5":      "On %[1]s your leg symptoms spread further down the leg. Tell your clinician before doing it again.",

		// Program-level notes.
		"p4-contact":   "Your pain has risen over the past weeks (average %[1]s/10 this week, %[2]s/10 the week before). Please contact your clinician.",
		"p4-ongoing":   "Your pain has been rising over the past weeks (average %[1]s/10 this week). Please contact your clinician if you have not yet.",
		"p5-flag":      "Spreading leg symptoms were reported during %[1]s: your clinician should review this exercise.",
		"rf-first":     "Before your first session, please answer the warning-sign questions.",
		"rf-weekly":    "It has been more than a week since the warning-sign questions: please answer them again.",
		"rf-red":       "Pain reached the red zone on %[1]s: please answer the warning-sign questions again.",
		"rf-numb":      "You reported new numbness or weakness on %[1]s: please answer the warning-sign questions again.",
		"rf-spread":    "You reported leg symptoms spreading on %[1]s: please answer the warning-sign questions again.",
		"rf-emergency": "On %[1]s you answered yes to an emergency warning sign. Go to the emergency department now; do not exercise.",
		"rf-urgent":    "On %[1]s you answered yes to a warning sign. Contact your doctor or physiotherapist today; do not start or progress your exercises until then.",
		"clock-future": "Records dated after now: %[1]s. The device clock may have changed; they are counted as just done.",
		"fixed":        "%[1]s: %[2]s, as prescribed.",
	},
}

// Text renders the message in lang, falling back to English, and to the
// bare ID when the table has no such message.
func (m Message) Text(lang string) string {
	f, ok := messages[lang][m.ID]
	if !ok {
		if f, ok = messages["en"][m.ID]; !ok {
			return m.ID
		}
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		args[i] = render(a, lang)
	}
	return fmt.Sprintf(f, args...)
}

// String renders the message in English.
func (m Message) String() string { return m.Text("en") }

// render turns one message argument into text in lang.
func render(a any, lang string) string {
	switch v := a.(type) {
	case Message:
		return v.Text(lang)
	case program.Text:
		return v.In(lang)
	case Date:
		return time.Time(v).Format("Mon 2 Jan")
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int:
		return strconv.Itoa(v)
	case string:
		return v
	}
	return fmt.Sprint(a)
}
