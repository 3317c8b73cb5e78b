package cue

import "strconv"

// The catalog's keys: what the coach can say besides numbers and exercise
// names.
const (
	wordUp     = "up"
	wordHold   = "hold"
	wordDown   = "down"
	wordRest   = "rest"
	wordSwitch = "switch"
	wordLeft   = "left"
	wordRight  = "right"
	wordDone   = "done"
	// wordTag is the BCP 47 tag the language is spoken with.
	wordTag = "tag"
)

// catalog holds the words the coach speaks, by language and key. French is
// Québec French. Every language has every key (a test checks).
var catalog = map[string]map[string]string{
	"en": {
		wordTag:    "en-CA",
		wordUp:     "Up",
		wordHold:   "Hold",
		wordDown:   "Down",
		wordRest:   "Rest",
		wordSwitch: "Switch sides",
		wordLeft:   "Left side",
		wordRight:  "Right side",
		wordDone:   "Session done. Well done!",
	},
	"fr": {
		wordTag:    "fr-CA",
		wordUp:     "Montez",
		wordHold:   "Tenez",
		wordDown:   "Descendez",
		wordRest:   "Repos",
		wordSwitch: "Changez de côté",
		wordLeft:   "Côté gauche",
		wordRight:  "Côté droit",
		wordDone:   "Séance terminée. Bravo!",
	},
}

// word returns the phrase for key in lang, a language of the catalog.
func word(lang, key string) string { return catalog[lang][key] }

var (
	enSmall = [20]string{"Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
		"Ten", "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"}
	enTens  = [10]string{2: "Twenty", 3: "Thirty", 4: "Forty", 5: "Fifty", 6: "Sixty", 7: "Seventy", 8: "Eighty", 9: "Ninety"}
	frSmall = [20]string{"Zéro", "Un", "Deux", "Trois", "Quatre", "Cinq", "Six", "Sept", "Huit", "Neuf",
		"Dix", "Onze", "Douze", "Treize", "Quatorze", "Quinze", "Seize", "Dix-sept", "Dix-huit", "Dix-neuf"}
	frTens = [10]string{2: "Vingt", 3: "Trente", 4: "Quarante", 5: "Cinquante", 6: "Soixante", 8: "Quatre-vingt"}
)

// Number returns n in words in lang ("en" or "fr"), capitalized, such as
// "Twenty-one" or "Soixante et onze", for 0 to 100; other numbers are
// written in digits, which speech reads in the language it is given.
func Number(lang string, n int) string {
	if n < 0 || n > 100 {
		return strconv.Itoa(n)
	}
	if lang == "fr" {
		return frNumber(n)
	}
	return enNumber(n)
}

func enNumber(n int) string {
	switch {
	case n < 20:
		return enSmall[n]
	case n == 100:
		return "One hundred"
	case n%10 == 0:
		return enTens[n/10]
	}
	return enTens[n/10] + "-" + lower(enSmall[n%10])
}

// frNumber counts the French way: soixante-dix, quatre-vingts,
// quatre-vingt-dix, with "et" before un and onze up to soixante et onze.
func frNumber(n int) string {
	switch {
	case n < 20:
		return frSmall[n]
	case n == 100:
		return "Cent"
	case n == 80:
		return "Quatre-vingts"
	}
	tens, unit := n/10, n%10
	if tens == 7 || tens == 9 {
		// 70–79 and 90–99 count on from 60 and 80 with 10–19.
		tens, unit = tens-1, unit+10
	}
	switch {
	case unit == 0:
		return frTens[tens]
	case (unit == 1 || unit == 11) && tens != 8:
		return frTens[tens] + " et " + lower(frSmall[unit])
	}
	return frTens[tens] + "-" + lower(frSmall[unit])
}

// lower lower-cases the first letter of an ASCII-initial word.
func lower(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}
