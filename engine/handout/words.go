package handout

import (
	"strconv"
	"strings"

	"spry/engine/program"
)

// words holds the handout's fixed texts in one language.
type words struct {
	Lang          string
	Exercise      string // "Exercise %d of %d"
	Start, Hold   string // captions of the two pictures
	Dose          string
	Steps         string
	Tips          string
	Avoid         string
	TakeCare      string
	Props         string
	Contact       string // "Questions? Contact %s."
	CardTitle     string
	CardIntro     string
	Emergency     string
	EmergencyList []string
	EmergencyCall string
	Urgent        string
	UrgentList    []string
	Diagnose      string
	Stop          string

	set, sets, of, hold, second, seconds, eachSide, alternating, rest, decimal string
	props                                                                      map[string]string
}

// catalog holds the handout's texts by language. The red-flag card is
// CLINICAL.md D in plain patient language; the French is Québec French, as
// in engine/i18n.
var catalog = map[string]*words{
	"en": {
		Lang:      "en",
		Exercise:  "Exercise %d of %d",
		Start:     "Start",
		Hold:      "Hold",
		Dose:      "How much",
		Steps:     "How to do it",
		Tips:      "Tips",
		Avoid:     "Avoid",
		TakeCare:  "Take care",
		Props:     "You need",
		Contact:   "Questions? Contact %s.",
		CardTitle: "Warning signs: when to get help",
		CardIntro: "These are rare. Keep this card where you can find it.",
		Emergency: "Stop and go to the emergency department now if you have any of these:",
		EmergencyList: []string{
			"New numbness or pins-and-needles between your legs, around your genitals, back passage or buttocks.",
			"New difficulty starting or stopping urine, leaking, or not knowing when your bladder is full or empty.",
			"New loss of bowel control, or not feeling a bowel movement.",
			"New change in genital feeling or sexual function.",
			"Numbness or weakness in both legs, leg weakness that is getting worse, or a change in how you walk.",
		},
		EmergencyCall: "If you cannot get there, call emergency services.",
		Urgent:        "Do not start or increase your exercises, and contact your doctor or physiotherapist today, if you have any of these:",
		UrgentList: []string{
			"Fever, chills or feeling unwell along with back pain.",
			"Cancer, now or in the past.",
			"Weight loss you cannot explain.",
			"Pain that started after a fall or an accident (or a small fall if you have thin bones or take steroid tablets).",
			"Severe pain at night that no position eases, or pain that keeps getting worse.",
			"A weakened immune system, injecting drugs, or a recent bacterial infection.",
		},
		Diagnose: "Spry follows the plan from your clinician; it does not diagnose.",
		Stop:     "Stop an exercise if the pain is sharp, goes above 5 out of 10, or spreads down your leg.",

		set: "set", sets: "sets", of: "of", hold: "hold", second: "second", seconds: "seconds",
		eachSide: "on each side", alternating: "alternating sides", rest: "Rest %s between sets.", decimal: ".",
		props: map[string]string{"mat": "a mat", "strap": "a strap or towel", "chair": "a chair", "wall": "a wall"},
	},
	"fr": {
		Lang:      "fr",
		Exercise:  "Exercice %d sur %d",
		Start:     "Départ",
		Hold:      "Tenir",
		Dose:      "Combien",
		Steps:     "Comment faire",
		Tips:      "Conseils",
		Avoid:     "À éviter",
		TakeCare:  "Attention",
		Props:     "Matériel",
		Contact:   "Des questions? Communiquez avec %s.",
		CardTitle: "Signes d'alerte : quand demander de l'aide",
		CardIntro: "Ils sont rares. Gardez cette fiche à portée de main.",
		Emergency: "Arrêtez et allez à l'urgence maintenant si vous avez un de ces signes :",
		EmergencyList: []string{
			"Un nouvel engourdissement ou des picotements entre les jambes, autour des organes génitaux, de l'anus ou des fesses.",
			"De nouvelles difficultés à commencer ou à arrêter d'uriner, des fuites, ou vous ne sentez plus si votre vessie est pleine ou vide.",
			"Une nouvelle perte de contrôle des selles, ou vous ne sentez plus leur passage.",
			"Un changement nouveau de sensation aux organes génitaux, ou de la fonction sexuelle.",
			"Un engourdissement ou une faiblesse dans les deux jambes, une faiblesse d'une jambe qui empire, ou un changement dans votre façon de marcher.",
		},
		EmergencyCall: "Si vous ne pouvez pas vous y rendre, appelez le 911.",
		Urgent:        "Ne commencez pas et n'augmentez pas vos exercices, et communiquez avec votre médecin ou votre physiothérapeute aujourd'hui, si vous avez un de ces signes :",
		UrgentList: []string{
			"De la fièvre, des frissons ou un malaise général en plus de votre mal de dos.",
			"Un cancer, maintenant ou dans le passé.",
			"Une perte de poids sans raison.",
			"Une douleur qui a commencé après une chute ou un accident (ou une petite chute si vous avez des os fragiles ou prenez des comprimés de cortisone).",
			"Une douleur intense la nuit qu'aucune position ne soulage, ou une douleur qui ne cesse d'empirer.",
			"Un système immunitaire affaibli, l'injection de drogues, ou une infection bactérienne récente.",
		},
		Diagnose: "Spry suit le plan de votre clinicien; il ne pose pas de diagnostic.",
		Stop:     "Arrêtez un exercice si la douleur est vive, dépasse 5 sur 10 ou descend dans la jambe.",

		set: "série", sets: "séries", of: "de", hold: "tenir", second: "seconde", seconds: "secondes",
		eachSide: "de chaque côté", alternating: "en alternant les côtés", rest: "Reposez-vous %s entre les séries.", decimal: ",",
		props: map[string]string{"mat": "un tapis", "strap": "une sangle ou une serviette", "chair": "une chaise", "wall": "un mur"},
	},
}

// Langs returns the languages a handout can be written in.
func Langs() []string { return []string{"en", "fr"} }

// duration says a number of seconds in words: "1 second", "2.5 seconds".
func (w *words) duration(s float64) string {
	n := strings.Replace(strconv.FormatFloat(s, 'f', -1, 64), ".", w.decimal, 1)
	if s == 1 {
		return n + " " + w.second
	}
	return n + " " + w.seconds
}

// dose says a dose in plain words: "2 sets of 10 on each side, hold 2
// seconds", and the rest between sets when there are several.
func (w *words) dose(d program.Dose, sides program.Sides) (amount, rest string) {
	unit := w.sets
	if d.Sets == 1 {
		unit = w.set
	}
	amount = strconv.Itoa(d.Sets) + " " + unit + " " + w.of + " " + strconv.Itoa(d.Reps)
	switch sides {
	case program.LeftThenRight:
		amount += " " + w.eachSide
	case program.Alternating:
		amount += " " + w.eachSide + ", " + w.alternating
	}
	if d.HoldSeconds > 0 {
		amount += ", " + w.hold + " " + w.duration(d.HoldSeconds)
	}
	if d.Sets > 1 && d.RestSeconds > 0 {
		rest = strings.Replace(w.rest, "%s", w.duration(d.RestSeconds), 1)
	}
	return amount, rest
}

// prop names a prop in words, or spells out its ID.
func (w *words) prop(id string) string {
	if s, ok := w.props[id]; ok {
		return s
	}
	return strings.ReplaceAll(id, "-", " ")
}
