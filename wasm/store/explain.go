package store

import (
	"errors"
	"strings"
)

// explanations maps a language, then a problem, to what the patient is told.
var explanations = map[string]map[error]string{
	"en": {
		ErrQuotaExceeded: "Your progress could not be saved: this browser has no room left for Spry. " +
			"Everything saved before is safe. Save your progress to a file now, then free some space " +
			"in the browser's settings.",
		ErrUnavailable: "This browser is not letting Spry save your progress. This happens in private " +
			"browsing or when the browser blocks site data. You can still do your exercises, " +
			"but nothing will be remembered once you close this page.",
		ErrCleared: "Your saved progress on this device was erased by the browser. Spry keeps saving " +
			"from now on. If you saved your progress to a file, open it in Spry to get your history back.",
		nil: "Your progress could not be saved just now. Spry will try again after the next set.",
	},
	"fr": {
		ErrQuotaExceeded: "Vos progrès n'ont pas pu être enregistrés : ce navigateur n'a plus de place " +
			"pour Spry. Tout ce qui a été enregistré avant est conservé. Enregistrez vos progrès dans " +
			"un fichier maintenant, puis libérez de l'espace dans les réglages du navigateur.",
		ErrUnavailable: "Ce navigateur ne permet pas à Spry d'enregistrer vos progrès. Cela arrive en " +
			"navigation privée ou quand le navigateur bloque les données des sites. Vous pouvez faire " +
			"vos exercices, mais rien ne sera retenu une fois cette page fermée.",
		ErrCleared: "Vos progrès enregistrés sur cet appareil ont été effacés par le navigateur. Spry " +
			"continue d'enregistrer à partir de maintenant. Si vous avez enregistré vos progrès dans un " +
			"fichier, ouvrez-le dans Spry pour retrouver votre historique.",
		nil: "Vos progrès n'ont pas pu être enregistrés pour l'instant. Spry réessaiera après la " +
			"prochaine série.",
	},
}

// Explain returns what to tell the patient about err, an error from a Log,
// in lang ("fr", "fr-CA"; English when the language is not known). It
// returns "" for a nil error.
func Explain(err error, lang string) string {
	if err == nil {
		return ""
	}
	lang, _, _ = strings.Cut(strings.ToLower(lang), "-")
	texts, ok := explanations[lang]
	if !ok {
		texts = explanations["en"]
	}
	for _, problem := range []error{ErrCleared, ErrUnavailable, ErrQuotaExceeded} {
		if errors.Is(err, problem) {
			return texts[problem]
		}
	}
	return texts[nil]
}
