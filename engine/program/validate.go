package program

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxBlocks is the most exercises one program may hold.
const MaxBlocks = 20

// Limits on the data, so that a hostile or broken file cannot blow up the
// page. Lengths count characters (runes), not bytes.
const (
	maxIDLen        = 64   // exercise, program and motion IDs
	maxNameLen      = 80   // exercise names and program titles
	maxNoteLen      = 1000 // a program's note
	maxContactLen   = 300  // a program's contact text
	maxListItems    = 10   // steps, cues, mistakes, cautions, per language
	maxListItemLen  = 300  // one step, cue, mistake or caution
	maxLanguages    = 20   // languages in one text
	maxTags         = 10   // props or targets of one exercise
	maxExercises    = 1000 // exercises in one library
	maxTempoSeconds = 30
)

// FieldError is one problem found by Validate, at the path of the field
// ("blocks[2].dose.reps"). Validate joins them with errors.Join; use
// errors.As, or split Error() on newlines, to read them one by one.
type FieldError struct {
	// Path names the field, as in "blocks[2].dose.reps".
	Path string
	// Msg says what is wrong with it.
	Msg string
}

// Error returns the problem as "path: msg".
func (e *FieldError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// validator collects problems as a value is walked.
type validator struct {
	errs []error
}

// add records a problem at path.
func (v *validator) add(path, format string, args ...any) {
	v.errs = append(v.errs, &FieldError{Path: path, Msg: fmt.Sprintf(format, args...)})
}

// err returns every recorded problem, or nil.
func (v *validator) err() error {
	return errors.Join(v.errs...)
}

// Validate reports every problem in the library at once, joined with
// errors.Join, each a *FieldError naming the field:
//   - the schema is Schema; there are 1 to 1000 exercises;
//   - IDs and motions are lowercase kebab-case ("knee-to-chest"), at most
//     64 characters, and exercise IDs are unique;
//   - names have English text of at most 80 characters; steps have 1 to 10
//     English items; steps, cues, mistakes and cautions have at most 10 items
//     of at most 300 characters, the same number in every language;
//     language keys are two lowercase letters; no text is empty or holds
//     control characters;
//   - sides is one of Both, LeftThenRight, Alternating; breatheOut is "",
//     "up" or "down"; props and targets are at most 10 unique kebab-case
//     names;
//   - the dose is in range (see Dose.Validate).
func (l *Library) Validate() error {
	var v validator
	v.schema("schema", l.Schema)
	if n := len(l.Exercises); n < 1 || n > maxExercises {
		v.add("exercises", "must have 1..%d exercises, got %d", maxExercises, n)
	}
	first := map[string]int{}
	for i := range l.Exercises {
		e := &l.Exercises[i]
		path := fmt.Sprintf("exercises[%d]", i)
		if v.id(path+".id", e.ID) {
			if j, ok := first[e.ID]; ok {
				v.add(path+".id", "%q is already exercises[%d].id", e.ID, j)
			} else {
				first[e.ID] = i
			}
		}
		v.exercise(path, e)
	}
	return v.err()
}

// exercise checks one library exercise.
func (v *validator) exercise(path string, e *Exercise) {
	v.text(path+".name", e.Name, maxNameLen, true)
	v.id(path+".motion", e.Motion)
	switch e.Sides {
	case Both, LeftThenRight, Alternating:
	case "":
		v.add(path+".sides", "missing: want %q, %q or %q", Both, LeftThenRight, Alternating)
	default:
		v.add(path+".sides", "must be %q, %q or %q, got %q", Both, LeftThenRight, Alternating, e.Sides)
	}
	v.list(path+".steps", e.Steps, true)
	v.list(path+".cues", e.Cues, false)
	v.list(path+".mistakes", e.Mistakes, false)
	v.list(path+".cautions", e.Cautions, false)
	v.tags(path+".props", e.Props)
	v.tags(path+".target", e.Target)
	switch e.BreatheOut {
	case "", "up", "down":
	default:
		v.add(path+".breatheOut", `must be "up", "down" or left out, got %q`, e.BreatheOut)
	}
	v.dose(path+".dose", e.Dose)
}

// Validate reports every problem in the dose at once, joined with
// errors.Join, each a *FieldError whose path starts at the dose ("reps"):
// sets must be 1..10, reps 1..100, holdSeconds 0..300, restSeconds 0..600,
// each tempo phase 0..30, all finite, and a repetition (up + hold + down)
// must take some time.
func (d Dose) Validate() error {
	var v validator
	v.dose("", d)
	return v.err()
}

// dose checks a dose found at path.
func (v *validator) dose(path string, d Dose) {
	at := func(field string) string {
		if path == "" {
			return field
		}
		return path + "." + field
	}
	v.intRange(at("sets"), d.Sets, 1, 10)
	v.intRange(at("reps"), d.Reps, 1, 100)
	ok := v.secondsRange(at("holdSeconds"), d.HoldSeconds, 300)
	v.secondsRange(at("restSeconds"), d.RestSeconds, 600)
	ok = v.secondsRange(at("tempo.upSeconds"), d.Tempo.UpSeconds, maxTempoSeconds) && ok
	ok = v.secondsRange(at("tempo.downSeconds"), d.Tempo.DownSeconds, maxTempoSeconds) && ok
	if ok && d.Tempo.UpSeconds+d.HoldSeconds+d.Tempo.DownSeconds <= 0 {
		v.add(path, "a repetition must take some time, but tempo.upSeconds + holdSeconds + tempo.downSeconds is 0")
	}
}

// Validate reports every problem in the program at once, joined with
// errors.Join, each a *FieldError naming the field:
//   - the schema is Schema; the ID is lowercase kebab-case of at most 64
//     characters;
//   - the title has English text of at most 80 characters, the note at most
//     1000, the contact at most 300, with the language rules of
//     Library.Validate;
//   - getReadySeconds and switchSideSeconds are 0..60,
//     restBetweenExercisesSeconds 0..600, all finite;
//   - a schedule names weekdays ("mon".."sun", each once) or a number of
//     sessions a week (1..7), not both, and lasts 1..MaxWeeks weeks;
//   - there are 1 to MaxBlocks blocks; each names an exercise in lib and any
//     dose it sets, its own or a ladder step's, is valid (see Dose.Validate);
//     the progression fields pass Block.ValidateLadder.
//
// With a nil lib, the exercise references are not checked.
func (p *Program) Validate(lib *Library) error {
	var v validator
	v.schema("schema", p.Schema)
	v.id("id", p.ID)
	v.text("title", p.Title, maxNameLen, true)
	v.text("note", p.Note, maxNoteLen, false)
	v.text("contact", p.Contact, maxContactLen, false)
	v.secondsRange("getReadySeconds", p.GetReadySeconds, 60)
	v.secondsRange("switchSideSeconds", p.SwitchSideSeconds, 60)
	v.secondsRange("restBetweenExercisesSeconds", p.RestBetweenExercisesSeconds, 600)
	if s := p.Schedule; s != nil {
		v.schedule("schedule", s)
	}
	if n := len(p.Blocks); n < 1 || n > MaxBlocks {
		v.add("blocks", "must have 1..%d blocks, got %d", MaxBlocks, n)
	}
	for i := range p.Blocks {
		b := &p.Blocks[i]
		path := fmt.Sprintf("blocks[%d]", i)
		if v.id(path+".exercise", b.Exercise) && lib != nil {
			if _, ok := lib.Exercise(b.Exercise); !ok {
				v.add(path+".exercise", "no exercise %q in the library", b.Exercise)
			}
		}
		if b.Dose != nil {
			v.dose(path+".dose", *b.Dose)
		}
		for j, s := range b.Ladder {
			if s.Dose != nil {
				v.dose(fmt.Sprintf("%s.ladder[%d].dose", path, j), *s.Dose)
			}
		}
		v.merge(b.ValidateLadder(path, lib))
	}
	return v.err()
}

func (v *validator) schedule(path string, s *Schedule) {
	seen := map[string]bool{}
	for i, d := range s.Days {
		switch {
		case !slices.Contains(Weekdays[:], d):
			v.add(fmt.Sprintf("%s.days[%d]", path, i), "%q is not a weekday: use mon, tue, wed, thu, fri, sat or sun", d)
		case seen[d]:
			v.add(fmt.Sprintf("%s.days[%d]", path, i), "%q is listed twice", d)
		}
		seen[d] = true
	}
	if s.SessionsPerWeek != 0 {
		if len(s.Days) > 0 {
			v.add(path+".sessionsPerWeek", "set days or sessionsPerWeek, not both")
		} else {
			v.intRange(path+".sessionsPerWeek", s.SessionsPerWeek, 1, 7)
		}
	}
	if s.Weeks != 0 {
		v.intRange(path+".weeks", s.Weeks, 1, MaxWeeks)
	}
}

// merge adds the problems in err, which reads "path: msg" line by line, as
// FieldErrors, leaving out any at a path that already has a problem (the
// ladder's own dose checks repeat some of Dose.Validate's).
func (v *validator) merge(err error) {
	if err == nil {
		return
	}
	seen := map[string]bool{}
	for _, e := range v.errs {
		if fe, ok := e.(*FieldError); ok {
			seen[fe.Path] = true
		}
	}
	for line := range strings.SplitSeq(err.Error(), "\n") {
		path, msg, ok := strings.Cut(line, ": ")
		if !ok {
			path, msg = "", line
		}
		if !seen[path] {
			v.add(path, "%s", msg)
		}
	}
}

// Exercise returns the exercise with the given ID. It is safe to call on a
// nil library, which holds no exercises.
func (l *Library) Exercise(id string) (*Exercise, bool) {
	if l == nil {
		return nil, false
	}
	for i := range l.Exercises {
		if l.Exercises[i].ID == id {
			return &l.Exercises[i], true
		}
	}
	return nil, false
}

// Items returns the program's blocks ready to play, in order: each block's
// exercise looked up in lib, with the block's dose when it sets one and the
// exercise's default dose otherwise (a block's dose replaces the default as
// a whole). A block with a ladder starts at its starting step's dose
// (Block.StepDose); the patient's progress along the ladder is not applied
// here. A block naming an exercise that lib lacks is an error. Items does
// not check ranges: call Validate first.
func (p *Program) Items(lib *Library) ([]Item, error) {
	var v validator
	items := make([]Item, 0, len(p.Blocks))
	for i, b := range p.Blocks {
		e, ok := lib.Exercise(b.Exercise)
		if !ok {
			v.add(fmt.Sprintf("blocks[%d].exercise", i), "no exercise %q in the library", b.Exercise)
			continue
		}
		d := e.Dose
		switch {
		case len(b.Ladder) > 0:
			if sd, ok := b.StepDose(b.Start, lib); ok {
				d = sd
			}
		case b.Dose != nil:
			d = *b.Dose
		}
		items = append(items, Item{Exercise: e, Dose: d})
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	return items, nil
}

// Merge joins library files into one library of Schema version, keeping the
// order of libs and of the exercises in each. An exercise ID defined more than
// once is an error, reported with both places as
// "libraries[2].exercises[0].id: "bridge" is already libraries[0].exercises[1].id";
// so is a nil library. Merge checks nothing else: validate the result.
func Merge(libs ...*Library) (*Library, error) {
	var v validator
	out := &Library{Schema: Schema}
	first := map[string]string{}
	for i, l := range libs {
		if l == nil {
			v.add(fmt.Sprintf("libraries[%d]", i), "nil library")
			continue
		}
		for j, e := range l.Exercises {
			path := fmt.Sprintf("libraries[%d].exercises[%d].id", i, j)
			if prev, ok := first[e.ID]; ok {
				v.add(path, "%q is already %s", e.ID, prev)
				continue
			}
			first[e.ID] = path
			out.Exercises = append(out.Exercises, e)
		}
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// schema checks a schema version.
func (v *validator) schema(path string, s int) {
	if s != Schema {
		v.add(path, "must be %d, got %d", Schema, s)
	}
}

// isKebab reports whether s is lowercase letters and digits in words joined
// by single hyphens: ^[a-z0-9]+(-[a-z0-9]+)*$ (checked by hand: a regexp
// compiled when the package loads costs the player's start-up).
func isKebab(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// id checks a kebab-case ID and reports whether it is well formed.
func (v *validator) id(path, id string) bool {
	switch {
	case id == "":
		v.add(path, "missing")
	case len(id) > maxIDLen:
		v.add(path, "longer than %d characters", maxIDLen)
	case !isKebab(id):
		v.add(path, "must be lowercase letters, digits and single hyphens (like \"knee-to-chest\"), got %q", id)
	default:
		return true
	}
	return false
}

// tags checks a list of kebab-case names, such as props.
func (v *validator) tags(path string, tags []string) {
	if len(tags) > maxTags {
		v.add(path, "must have at most %d items, got %d", maxTags, len(tags))
		return
	}
	for i, t := range tags {
		p := fmt.Sprintf("%s[%d]", path, i)
		if v.id(p, t) && slices.Index(tags, t) < i {
			v.add(p, "%q appears twice", t)
		}
	}
}

// isLanguage reports whether s is a two-letter lowercase language code.
func isLanguage(s string) bool {
	return len(s) == 2 && 'a' <= s[0] && s[0] <= 'z' && 'a' <= s[1] && s[1] <= 'z'
}

// languages checks the language keys of a text and returns them sorted.
func (v *validator) languages(path string, keys []string, required bool) []string {
	slices.Sort(keys)
	if len(keys) == 0 {
		if required {
			v.add(path, "missing")
		}
		return nil
	}
	if len(keys) > maxLanguages {
		v.add(path, "must have at most %d languages, got %d", maxLanguages, len(keys))
		return nil
	}
	if !slices.Contains(keys, "en") {
		v.add(join(path, "en"), "missing: every text needs English")
	}
	good := keys[:0:0]
	for _, k := range keys {
		if !isLanguage(k) {
			v.add(join(path, k), "%q is not a two-letter lowercase language code (like \"en\" or \"fr\")", k)
			continue
		}
		good = append(good, k)
	}
	return good
}

// text checks a text in several languages.
func (v *validator) text(path string, t Text, maxLen int, required bool) {
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	for _, k := range v.languages(path, keys, required) {
		v.str(join(path, k), t[k], maxLen)
	}
}

// list checks a list of texts in several languages, such as steps.
// A required list needs at least one item.
func (v *validator) list(path string, t TextList, required bool) {
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	keys = v.languages(path, keys, required)
	for _, k := range keys {
		items, p := t[k], join(path, k)
		lo := 0
		if required {
			lo = 1
		}
		if n := len(items); n < lo || n > maxListItems {
			if lo == 0 {
				v.add(p, "must have at most %d items, got %d", maxListItems, n)
			} else {
				v.add(p, "must have %d..%d items, got %d", lo, maxListItems, n)
			}
			continue
		}
		if en, ok := t["en"]; ok && k != "en" && len(en) != len(items) && len(en) <= maxListItems {
			v.add(p, "has %s, but en has %d", plural(len(items), "item"), len(en))
		}
		for i, s := range items {
			v.str(fmt.Sprintf("%s[%d]", p, i), s, maxListItemLen)
		}
	}
}

// str checks one piece of text shown to the patient.
func (v *validator) str(path, s string, maxLen int) {
	switch n := utf8.RuneCountInString(s); {
	case !utf8.ValidString(s):
		v.add(path, "not valid UTF-8")
	case isBlank(s):
		v.add(path, "empty")
	case n > maxLen:
		v.add(path, "longer than %d characters (%d)", maxLen, n)
	default:
		for _, r := range s {
			if isControl(r) {
				v.add(path, "contains the control character %U", r)
				return
			}
		}
	}
}

// isBlank reports whether s holds nothing but white space.
func isBlank(s string) bool {
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\u00a0':
		default:
			return false
		}
	}
	return true
}

// isControl reports whether r is a control character, or a bidirectional
// override that could make text display other than it reads.
func isControl(r rune) bool {
	return r < 0x20 || r >= 0x7f && r <= 0x9f ||
		r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// intRange checks lo <= n <= hi.
func (v *validator) intRange(path string, n, lo, hi int) {
	if n < lo || n > hi {
		v.add(path, "must be %d..%d, got %d", lo, hi, n)
	}
}

// secondsRange checks 0 <= s <= hi for a finite s and reports whether s is
// good.
func (v *validator) secondsRange(path string, s, hi float64) bool {
	switch {
	case math.IsNaN(s) || math.IsInf(s, 0):
		v.add(path, "must be a finite number, got %v", s)
	case s < 0 || s > hi:
		v.add(path, "must be 0..%s, got %s", num(hi), num(s))
	default:
		return true
	}
	return false
}

// num formats a number of seconds the shortest way.
func num(f float64) string {
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// plural formats a count of things: "1 item", "2 items".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}
