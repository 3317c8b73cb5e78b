package progress

import (
	"fmt"
	"strconv"
	"strings"
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

// Date is a day shown to the patient, such as "Mon 5 Jan" in English or
// "lundi 5 janvier" in French.
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
	"fr": {
		// A change to a block: exercise name, what changes, why.
		"change":     "%[1]s : %[2]s. %[3]s",
		"stays":      "%[1]s : on garde %[2]s. %[3]s",
		"stays-top":  "%[1]s : on garde %[2]s, le niveau le plus avancé de cet exercice. %[3]s Demandez à votre physiothérapeute quelle est la suite.",
		"stays-low":  "%[1]s : on garde %[2]s, la version la plus facile. %[3]s",
		"start":      "%[1]s : on commence à %[2]s.",
		"locked":     "%[1]s : on garde %[2]s. C'est votre physiothérapeute qui a fixé cet exercice.",
		"stopped":    "%[1]s : arrêtez cet exercice pour l'instant. %[2]s",
		"resumed":    "%[1]s : votre physiothérapeute vous permet de le refaire, à %[2]s.",
		"baseline":   "%[1]s : séance de départ %[2]s sur %[3]s. Faites-en autant que vous le pouvez sans forcer, et arrêtez quand votre douleur vous le dit.",
		"quota-set":  "%[1]s : votre cible est de %[2]s répétitions en tout (%[3]s %% de votre moyenne de départ, qui est de %[4]s). Elle augmente de %[5]s après chaque séance, peu importe la douleur.",
		"quota-up":   "%[1]s : %[2]s → %[3]s répétitions en tout. La cible augmente de %[4]s après chaque séance, peu importe la douleur.",
		"quota-goal": "%[1]s : on garde %[2]s répétitions en tout, votre objectif final.",

		// What changes.
		"reps":        "%[1]s → %[2]s répétitions",
		"hold":        "tenir %[1]s → %[2]s s",
		"sets":        "%[1]s → %[2]s séries",
		"sets-to-one": "%[1]s séries → 1 série",
		"step-up":     "version suivante, %[1]s, %[2]s",
		"step-down":   "retour à %[1]s, %[2]s",
		"dose":        "%[1]s × %[2]s répétitions",
		"dose-hold":   "%[1]s × %[2]s répétitions, tenir %[3]s s",

		// Why: step up.
		"why-progress":       "Vos %[1]s dernières séances ont été faites au complet, avec une douleur de %[2]s/10 ou moins.",
		"why-progress-amber": "Vos %[1]s dernières séances ont été faites au complet, avec une douleur qui n'a pas dépassé celle d'avant la séance.",
		// Why: hold.
		"why-row":         "On augmente après %[1]s séances de suite, faites au complet et à des jours différents. Jusqu'ici : %[2]s sur %[1]s.",
		"why-not-full":    "Le %[1]s, certaines séries n'ont pas été faites au complet.",
		"why-amber":       "Votre douleur pendant l'exercice a atteint %[1]s/10 le %[2]s, plus que les %[3]s/10 d'avant la séance.",
		"why-missing":     "Avant d'augmenter, il nous faut votre %[1]s pour la séance du %[2]s.",
		"why-morning":     "Le lendemain matin de la séance du %[1]s, votre douleur était de %[2]s/10, plus que les %[3]s/10 d'avant la séance.",
		"why-effort":      "Vous avez évalué l'effort à %[1]s/10 le %[2]s. On augmentera quand l'effort sera de %[3]s/10 ou moins.",
		"why-p4-hold":     "Votre douleur augmente depuis quelques semaines.",
		"why-red-flags":   "Vous avez répondu oui à une question sur les signes d'alerte.",
		"missing-during":  "note de douleur pendant l'exercice",
		"missing-before":  "note de douleur avant la séance",
		"missing-effort":  "note d'effort",
		"missing-morning": "note de douleur le lendemain matin",
		// Why: step back.
		"why-p1":      "Votre douleur pendant l'exercice a atteint %[1]s/10 le %[2]s, dans la zone rouge : on passe à une étape plus facile.",
		"why-p1-stop": "Vous avez arrêté cet exercice à cause de la douleur le %[1]s : on passe à une étape plus facile.",
		"why-p2":      "Après la séance du %[1]s, votre douleur était de %[2]s/10, plus que %[3]s/10 : on passe à une étape plus facile.",
		"why-p3":      "Le lendemain matin de la séance du %[1]s, votre douleur était de %[2]s/10, soit %[3]s points ou plus au-dessus des %[4]s/10 d'avant la séance : on passe à une étape plus facile.",
		"why-gap":     "Votre dernière séance remonte à %[1]s jours : on reprend à une étape plus facile.",
		"why-p4":      "Votre douleur a augmenté depuis quelques semaines : tout le programme passe à une étape plus facile.",
		"why-p5":      "Le %[1]s, vos symptômes sont descendus plus bas dans la jambe. Parlez-en à votre physiothérapeute avant de refaire cet exercice.",

		// Program-level notes.
		"p4-contact":   "Votre douleur a augmenté depuis quelques semaines (moyenne de %[1]s/10 cette semaine, %[2]s/10 la semaine d'avant). Communiquez avec votre physiothérapeute.",
		"p4-ongoing":   "Votre douleur augmente depuis quelques semaines (moyenne de %[1]s/10 cette semaine). Communiquez avec votre physiothérapeute si ce n'est pas déjà fait.",
		"p5-flag":      "Des symptômes qui descendent dans la jambe ont été signalés pendant l'exercice %[1]s : votre physiothérapeute devrait revoir cet exercice.",
		"rf-first":     "Avant votre première séance, répondez aux questions sur les signes d'alerte.",
		"rf-weekly":    "Vous avez répondu aux questions sur les signes d'alerte il y a plus d'une semaine : répondez-y de nouveau.",
		"rf-red":       "Votre douleur a atteint la zone rouge le %[1]s : répondez de nouveau aux questions sur les signes d'alerte.",
		"rf-numb":      "Vous avez signalé un nouvel engourdissement ou une nouvelle faiblesse le %[1]s : répondez de nouveau aux questions sur les signes d'alerte.",
		"rf-spread":    "Vous avez signalé le %[1]s des symptômes qui descendent dans la jambe : répondez de nouveau aux questions sur les signes d'alerte.",
		"rf-emergency": "Le %[1]s, vous avez répondu oui à un signe d'alerte grave. Allez à l'urgence maintenant. Ne faites pas vos exercices.",
		"rf-urgent":    "Le %[1]s, vous avez répondu oui à un signe d'alerte. Communiquez avec votre médecin ou votre physiothérapeute aujourd'hui. Ne commencez pas et n'augmentez pas vos exercices avant de lui avoir parlé.",
		"clock-future": "Entrées datées plus tard que maintenant : %[1]s. L'horloge de l'appareil a peut-être changé; elles sont comptées comme si elles venaient d'être faites.",
		"fixed":        "%[1]s : %[2]s, comme prescrit.",
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
		return formatDate(time.Time(v), lang)
	case float64:
		return decimal(v, lang)
	case int:
		return strconv.Itoa(v)
	case string:
		return v
	}
	return fmt.Sprint(a)
}

// MessageIDs returns the IDs of the messages in lang, in no particular order.
func MessageIDs(lang string) []string {
	ids := make([]string, 0, len(messages[lang]))
	for id := range messages[lang] {
		ids = append(ids, id)
	}
	return ids
}

// MessageFormat returns the format string of message id in lang, without falling
// back to English, and whether lang has it.
func MessageFormat(lang, id string) (string, bool) {
	f, ok := messages[lang][id]
	return f, ok
}

// French day and month names, Sunday and January first.
var (
	frDays   = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	frMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
		"août", "septembre", "octobre", "novembre", "décembre"}
)

// formatDate renders a day: "Mon 5 Jan" in English, "lundi 5 janvier" (and
// "lundi 1er juin") in French.
func formatDate(t time.Time, lang string) string {
	if lang != "fr" {
		return t.Format("Mon 2 Jan")
	}
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return frDays[t.Weekday()] + " " + day + " " + frMonths[t.Month()-1]
}

// decimal renders a number with as few decimals as it needs, with a decimal
// comma in French.
func decimal(f float64, lang string) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if lang == "fr" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
