// Package program defines Spry's data formats: the exercise library and the
// programs a clinician prescribes from it. Files are versioned JSON, decoded
// strictly, and validated with every problem reported at once.
package program

// Schema is the version of the library and program formats this code reads
// and writes. A file carrying a newer version is refused with a clear message.
const Schema = 1

// Text is a string in several languages, keyed by two-letter lowercase
// ISO 639-1 language code ("en", "fr"). English is always present in a valid
// file.
type Text map[string]string

// In returns the text in lang, falling back to English.
func (t Text) In(lang string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	return t["en"]
}

// TextList is a list of strings in several languages, such as the steps of an
// exercise.
type TextList map[string][]string

// In returns the list in lang, falling back to English.
func (t TextList) In(lang string) []string {
	if s, ok := t[lang]; ok && len(s) > 0 {
		return s
	}
	return t["en"]
}

// Sides says how an exercise uses the left and right sides of the body.
type Sides string

// The ways an exercise can use the sides of the body.
const (
	// Both: both sides work together (a bridge).
	Both Sides = "both"
	// LeftThenRight: each set is done on the left, then on the right.
	LeftThenRight Sides = "left-then-right"
	// Alternating: repetitions alternate left, right, left, ... (a bird-dog).
	Alternating Sides = "alternating"
)

// Library is a set of exercises that programs refer to by ID.
type Library struct {
	Schema    int        `json:"schema"`
	Exercises []Exercise `json:"exercises"`
}

// Exercise is one movement in the library: how to do it and how it is shown.
type Exercise struct {
	// ID is the stable, URL-safe key programs use ("bridge").
	ID   string `json:"id"`
	Name Text   `json:"name"`
	// Motion names the animation clip that shows the exercise.
	Motion   string   `json:"motion"`
	Sides    Sides    `json:"sides"`
	Steps    TextList `json:"steps"`
	Cues     TextList `json:"cues,omitempty"`
	Mistakes TextList `json:"mistakes,omitempty"`
	Cautions TextList `json:"cautions,omitempty"`
	Props    []string `json:"props,omitempty"`
	// Target names the body areas the exercise works, for highlighting.
	Target []string `json:"target,omitempty"`
	// BreatheOut names the phase ("up" or "down") during which the patient
	// should breathe out, if the exercise calls for it.
	BreatheOut string `json:"breatheOut,omitempty"`
	// Dose is the default starting dose; a program block may override it.
	Dose Dose `json:"dose"`
}

// Dose is how much of an exercise to do. A repetition is always the same
// three phases, any of which may take no time: up (into position), hold, and
// down (back to the start). A stretch is a repetition with a long hold.
type Dose struct {
	Sets int `json:"sets"`
	// Reps is per side for exercises that use one side at a time.
	Reps        int     `json:"reps"`
	HoldSeconds float64 `json:"holdSeconds,omitempty"`
	// RestSeconds is the rest between sets.
	RestSeconds float64 `json:"restSeconds"`
	Tempo       Tempo   `json:"tempo"`
}

// Tempo is the time, in seconds, of the moving phases of one repetition.
type Tempo struct {
	UpSeconds   float64 `json:"upSeconds"`
	DownSeconds float64 `json:"downSeconds"`
}

// Program is a clinician's prescription: which exercises, in which order,
// at which dose.
type Program struct {
	Schema int    `json:"schema"`
	ID     string `json:"id"`
	Title  Text   `json:"title"`
	// Note is shown to the patient before the first exercise.
	Note Text `json:"note,omitempty"`
	// Contact says whom the patient should contact about this program
	// ("your physiotherapist at ...").
	Contact Text `json:"contact,omitempty"`
	// GetReadySeconds is the countdown before each exercise starts.
	GetReadySeconds float64 `json:"getReadySeconds"`
	// SwitchSideSeconds is the pause to change sides.
	SwitchSideSeconds float64 `json:"switchSideSeconds"`
	// RestBetweenExercisesSeconds is the rest after each exercise but the last.
	RestBetweenExercisesSeconds float64 `json:"restBetweenExercisesSeconds"`
	// Schedule says on which days and for how long the patient does the
	// program; unset means every day for 6 weeks.
	Schedule *Schedule `json:"schedule,omitempty"`
	Blocks   []Block   `json:"blocks"`
}

// Schedule is when the patient is asked to do a program: on the listed
// weekdays, or a number of sessions a week spread from the first day, for
// a number of weeks from the first session. It feeds the calendar, the
// reminders file and the PSFS dates; the progression rules go by the
// sessions done, not by the calendar.
type Schedule struct {
	// Days lists weekdays by their English three-letter names, "mon" to
	// "sun". Set Days or SessionsPerWeek, not both.
	Days []string `json:"days,omitempty"`
	// SessionsPerWeek is 1 to 7.
	SessionsPerWeek int `json:"sessionsPerWeek,omitempty"`
	// Weeks is the program's length, 1 to MaxWeeks; 0 means 6.
	Weeks int `json:"weeks,omitempty"`
}

// MaxWeeks is the longest program a schedule describes: two years.
const MaxWeeks = 104

// Weekdays names the days of the week as Schedule.Days does, Sunday first
// (as time.Weekday counts them).
var Weekdays = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// Block is one exercise slot in a program.
type Block struct {
	// Exercise is the ID of an exercise in the library.
	Exercise string `json:"exercise"`
	// Dose, when set, replaces the exercise's default dose as a whole.
	Dose *Dose `json:"dose,omitempty"`

	// The fields below drive progressive loading (ladder.go). A block with
	// no ladder keeps its dose: nothing changes it automatically.

	// Ladder lists the steps of the slot, easiest first. When set, Exercise
	// must name the exercise of the starting step and Dose must be unset.
	Ladder []Step `json:"ladder,omitempty"`
	// Start is the index in Ladder of the step a new patient starts at.
	Start int `json:"start,omitempty"`
	// Rules holds the progression thresholds; nil means DefaultRules().
	Rules *RuleSet `json:"rules,omitempty"`
	// Locked keeps the slot at its starting step and dose: no automatic change.
	Locked bool `json:"locked,omitempty"`
	// Mode is how the slot progresses; empty means PainMonitoring.
	Mode Mode `json:"mode,omitempty"`
}

// Item is a program block made ready to play: its exercise looked up in the
// library and its dose settled.
type Item struct {
	Exercise *Exercise
	Dose     Dose
}
