package history

import (
	"strconv"
	"strings"
	"time"

	"spry/engine/i18n"
)

// catalog maps language, then string ID, to a format string. Arguments are
// referred to by position (%[1]s) so that a translation may reorder them.
// French follows Québec usage (séance, douleur, physiothérapeute) with a
// space before a colon.
var catalog = i18n.Catalog{
	"en": {
		"wd0": "Sun", "wd1": "Mon", "wd2": "Tue", "wd3": "Wed", "wd4": "Thu", "wd5": "Fri", "wd6": "Sat",
		"mo1": "Jan", "mo2": "Feb", "mo3": "Mar", "mo4": "Apr", "mo5": "May", "mo6": "Jun",
		"mo7": "Jul", "mo8": "Aug", "mo9": "Sep", "mo10": "Oct", "mo11": "Nov", "mo12": "Dec",
		"date":       "%[1]s %[2]s %[3]s",
		"date-short": "%[1]s %[2]s",
		"day-1":      "1",

		"span-same":  "one day",
		"span-day":   "1 day",
		"span-days":  "%[1]d days",
		"span-weeks": "%[1]d weeks",
		"none":       "not recorded",
		"show-table": "Show the numbers",

		"cal-title":   "Sessions planned and done",
		"cal-desc":    "From %[1]s to %[2]s. Sessions planned: %[3]d; done in full: %[4]d; partly done: %[5]d; skipped: %[6]d; missed: %[7]d.",
		"cal-today":   "Today is %[1]s.",
		"cal-week":    "Week of %[1]s",
		"cal-day":     "%[1]s: %[2]s",
		"st-complete": "Done",
		"st-partial":  "Partly done",
		"st-skipped":  "Skipped",
		"st-missed":   "Missed",
		"st-planned":  "Planned",
		"st-rest":     "No session",
		"today":       "today",

		"pain-title":     "Pain before and after each session",
		"pain-axis":      "Pain (0–10)",
		"pain-before":    "Before",
		"pain-after":     "After",
		"pain-morning":   "Next morning",
		"pain-none":      "No pain scores recorded yet.",
		"desc-before":    "Pain before sessions went from %[1]s to %[2]s over %[3]s.",
		"desc-after":     "Pain after sessions went from %[1]s to %[2]s over %[3]s.",
		"desc-morning":   "Next-morning pain went from %[1]s to %[2]s over %[3]s.",
		"desc-before-1":  "Pain before the session on %[2]s was %[1]s.",
		"desc-after-1":   "Pain after the session on %[2]s was %[1]s.",
		"desc-morning-1": "Pain the morning after the session on %[2]s was %[1]s.",
		"col-date":       "Date",

		"ex-title":     "%[1]s: dose at each session",
		"ex-axis":      "Sets × reps",
		"ex-axis-hold": "Sets × reps · hold",
		"ex-desc":      "%[1]s: from %[2]s to %[3]s over %[4]s.",
		"ex-desc-same": "%[1]s: %[2]s at every session so far.",
		"ex-desc-1":    "%[1]s: %[2]s on %[3]s.",
		"ex-none":      "%[1]s: not done yet.",
		"ex-done":      "Done",
		"ex-skipped":   "Skipped",
		"ex-part":      "Partly done",
		"ex-pain":      "Stopped for pain",
		"ex-legend":    "Filled: done; hollow: skipped or stopped.",
		"dose":         "%[1]d × %[2]d",
		"dose-hold":    "%[1]d × %[2]d, hold %[3]s s",
		"dose-named":   "%[1]s %[2]s",
		"col-exercise": "Exercise",
		"col-dose":     "Dose asked",
		"col-sets":     "Sets done",
		"col-status":   "Result",
		"sets-of":      "%[1]d of %[2]d",

		"psfs-title":  "Your activities (PSFS)",
		"psfs-axis":   "Score (0–10)",
		"psfs-mean":   "Average",
		"psfs-desc":   "Your average activity score went from %[1]s to %[2]s over %[3]s.",
		"psfs-desc-1": "Your average activity score on %[2]s was %[1]s.",
		"psfs-none":   "No activity scores recorded yet.",
	},
	"fr": {
		"wd0": "dim.", "wd1": "lun.", "wd2": "mar.", "wd3": "mer.", "wd4": "jeu.", "wd5": "ven.", "wd6": "sam.",
		"mo1": "janv.", "mo2": "févr.", "mo3": "mars", "mo4": "avr.", "mo5": "mai", "mo6": "juin",
		"mo7": "juil.", "mo8": "août", "mo9": "sept.", "mo10": "oct.", "mo11": "nov.", "mo12": "déc.",
		"date":       "%[1]s %[2]s %[3]s",
		"date-short": "%[1]s %[2]s",
		"day-1":      "1er",

		"span-same":  "une journée",
		"span-day":   "1 jour",
		"span-days":  "%[1]d jours",
		"span-weeks": "%[1]d semaines",
		"none":       "non noté",
		"show-table": "Afficher les chiffres",

		"cal-title":   "Séances prévues et faites",
		"cal-desc":    "Du %[1]s au %[2]s. Séances prévues : %[3]d; faites au complet : %[4]d; faites en partie : %[5]d; sautées : %[6]d; manquées : %[7]d.",
		"cal-today":   "Nous sommes le %[1]s.",
		"cal-week":    "Semaine du %[1]s",
		"cal-day":     "%[1]s : %[2]s",
		"st-complete": "Faite",
		"st-partial":  "Faite en partie",
		"st-skipped":  "Sautée",
		"st-missed":   "Manquée",
		"st-planned":  "Prévue",
		"st-rest":     "Pas de séance",
		"today":       "aujourd’hui",

		"pain-title":     "Douleur avant et après chaque séance",
		"pain-axis":      "Douleur (0 à 10)",
		"pain-before":    "Avant",
		"pain-after":     "Après",
		"pain-morning":   "Lendemain matin",
		"pain-none":      "Aucune douleur notée pour l’instant.",
		"desc-before":    "La douleur avant les séances est passée de %[1]s à %[2]s en %[3]s.",
		"desc-after":     "La douleur après les séances est passée de %[1]s à %[2]s en %[3]s.",
		"desc-morning":   "La douleur le lendemain matin est passée de %[1]s à %[2]s en %[3]s.",
		"desc-before-1":  "La douleur avant la séance du %[2]s était de %[1]s.",
		"desc-after-1":   "La douleur après la séance du %[2]s était de %[1]s.",
		"desc-morning-1": "La douleur le matin suivant la séance du %[2]s était de %[1]s.",
		"col-date":       "Date",

		"ex-title":     "%[1]s : dose à chaque séance",
		"ex-axis":      "Séries × répétitions",
		"ex-axis-hold": "Séries × répétitions · maintien",
		"ex-desc":      "%[1]s : de %[2]s à %[3]s en %[4]s.",
		"ex-desc-same": "%[1]s : %[2]s à chaque séance jusqu’ici.",
		"ex-desc-1":    "%[1]s : %[2]s le %[3]s.",
		"ex-none":      "%[1]s : pas encore fait.",
		"ex-done":      "Fait",
		"ex-skipped":   "Sauté",
		"ex-part":      "Fait en partie",
		"ex-pain":      "Arrêté à cause de la douleur",
		"ex-legend":    "Plein : fait; vide : sauté ou arrêté.",
		"dose":         "%[1]d × %[2]d",
		"dose-hold":    "%[1]d × %[2]d, maintien %[3]s s",
		"dose-named":   "%[1]s %[2]s",
		"col-exercise": "Exercice",
		"col-dose":     "Dose prévue",
		"col-sets":     "Séries faites",
		"col-status":   "Résultat",
		"sets-of":      "%[1]d sur %[2]d",

		"psfs-title":  "Vos activités (EFSP)",
		"psfs-axis":   "Score (0 à 10)",
		"psfs-mean":   "Moyenne",
		"psfs-desc":   "Votre score moyen d’activités est passé de %[1]s à %[2]s en %[3]s.",
		"psfs-desc-1": "Votre score moyen d’activités le %[2]s était de %[1]s.",
		"psfs-none":   "Aucun score d’activités noté pour l’instant.",
	},
}

// Languages lists the languages the history screen is written in, English
// first.
func Languages() []string { return []string{"en", "fr"} }

// base reduces a language tag to a catalog language: "fr-CA" gives "fr";
// an unknown language gives "en".
func base(lang string) string { return catalog.Lang(lang) }

// tr renders the string id of the catalog in lang, falling back to English
// and then to the bare ID.
func tr(lang, id string, args ...any) string {
	s := catalog.T(lang, id, args...)
	if len(args) == 0 {
		return s
	}
	// A French date may end in an abbreviation's period ("15 févr.")
	// where the sentence puts its own.
	return strings.ReplaceAll(s, "..", ".")
}

// FormatDate writes the date of t in lang with its weekday: "Mon 5 Jan" in
// English, "lun. 5 janv." in French.
func FormatDate(t time.Time, lang string) string {
	return tr(lang, "date", tr(lang, "wd"+strconv.Itoa(int(t.Weekday()))), dayOfMonth(t, lang), month(t, lang))
}

// FormatShortDate writes the date of t in lang without its weekday: "5 Jan"
// in English, "5 janv." in French.
func FormatShortDate(t time.Time, lang string) string {
	return tr(lang, "date-short", dayOfMonth(t, lang), month(t, lang))
}

// dayOfMonth writes the day of the month, "1er" for the first in French.
func dayOfMonth(t time.Time, lang string) string {
	if t.Day() == 1 {
		return tr(lang, "day-1")
	}
	return strconv.Itoa(t.Day())
}

// month writes the abbreviated month name of t in lang.
func month(t time.Time, lang string) string { return tr(lang, "mo"+strconv.Itoa(int(t.Month()))) }

// weekday writes the abbreviated weekday name in lang.
func weekday(d time.Weekday, lang string) string { return tr(lang, "wd"+strconv.Itoa(int(d))) }

// number writes v with at most one decimal, with a decimal comma in French.
func number(v float64, lang string) string {
	s := strconv.FormatFloat(float64(int64(v*10+sign(v)*0.5))/10, 'f', -1, 64)
	if base(lang) == "fr" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// sign returns -1 for negative v, 1 otherwise.
func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

// span writes the time between two dates: days up to two weeks, whole
// weeks beyond.
func span(from, to time.Time, lang string) string {
	n := daysBetween(from, to)
	switch {
	case n <= 0:
		return tr(lang, "span-same")
	case n == 1:
		return tr(lang, "span-day")
	case n < 14:
		return tr(lang, "span-days", n)
	}
	return tr(lang, "span-weeks", (n+3)/7)
}
