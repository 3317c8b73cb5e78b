package ics

import "spry/engine/i18n"

// catalog maps language, then string ID, to a format string whose
// arguments are referred to by position.
var catalog = i18n.Catalog{
	"en": {
		"summary":     "Exercises: %[1]s",
		"description": "Time for your exercises (%[1]s): %[2]s. Open Spry to follow along. Stop and contact %[3]s if pain spreads down your leg or you notice new numbness or weakness.",
		"contact":     "your clinician",
		"list-sep":    ", ",
	},
	"fr": {
		"summary":     "Exercices : %[1]s",
		"description": "C’est l’heure de vos exercices (%[1]s) : %[2]s. Ouvrez Spry pour les faire avec l’animation. Arrêtez et contactez %[3]s si la douleur descend dans la jambe ou si vous remarquez un nouvel engourdissement ou une faiblesse.",
		"contact":     "votre professionnel de la santé",
		"list-sep":    ", ",
	},
}

// Languages lists the languages of the calendar texts, English first.
func Languages() []string { return []string{"en", "fr"} }

// base reduces a language tag to a catalog language: "fr-CA" gives "fr";
// an unknown language gives "en".
func base(lang string) string { return catalog.Lang(lang) }

// tr renders the string id of the catalog in lang, falling back to English.
func tr(lang, id string, args ...any) string { return catalog.T(lang, id, args...) }
