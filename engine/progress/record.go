// Package progress keeps the patient's progress log and turns it into the
// next session's plan. The log is a list of versioned JSON records
// (sessions, next-morning pain, clinician resumes, PSFS entries) kept in a
// Store; Next is a pure function from a program, its library, the log and
// the current time to a Plan whose every change carries a reason the
// patient can read (CLINICAL.md A and B). Nothing here reads the clock:
// time is passed in.
package progress

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"
)

// Version is the record schema this code writes. Records of older versions
// are migrated when decoded; newer ones are refused.
//
// Version 2 no longer stores the kind, which is the name of the payload a
// record holds: that saved 17 bytes a record, 12 KB a year of daily
// sessions (issue 4 asks for 300 KB a year, keys included).
const Version = 2

// Kind says what a record holds.
type Kind string

// The kinds of record.
const (
	// KindSession is one exercise session.
	KindSession Kind = "session"
	// KindMorning is the next-morning pain after a session, which may be
	// logged long after the session, even after the next one.
	KindMorning Kind = "morning"
	// KindResume says the clinician has reviewed a block stopped for
	// spreading leg symptoms (P5) and it may be played again.
	KindResume Kind = "resume"
	// KindPSFS is a Patient-Specific Functional Scale entry: the patient's
	// own activities, each scored 0–10 (CLINICAL.md E). Version 2 records
	// gained it without a change of version: older code refuses the
	// record (unknown field), which its store quarantines.
	KindPSFS Kind = "psfs"
)

// Record is one entry of the progress log: a versioned envelope holding
// exactly one payload, the one its Kind names.
type Record struct {
	// V is the schema version, Version when written by this code.
	V int `json:"v"`
	// ID is unique across devices (see NewID); storing a record twice
	// under one ID keeps one copy.
	ID string `json:"id"`
	// Kind must name the payload. It is not stored (version 1 stored it):
	// decoding sets it from the payload.
	Kind Kind `json:"-"`
	// Program is the ID of the program the record belongs to.
	Program string   `json:"program"`
	Session *Session `json:"session,omitempty"`
	Morning *Morning `json:"morning,omitempty"`
	Resume  *Resume  `json:"resume,omitempty"`
	PSFS    *PSFS    `json:"psfs,omitempty"`
}

// Session is what the patient did and reported in one session. Pain and
// effort are on 0–10 scales; nil means not asked or not answered.
type Session struct {
	Started time.Time `json:"started"`
	// Ended is zero while the session is in progress.
	Ended      time.Time `json:"ended,omitzero"`
	PainBefore *int      `json:"painBefore,omitempty"`
	PainAfter  *int      `json:"painAfter,omitempty"`
	// Effort answers "How hard was that?" (0–10).
	Effort *int   `json:"effort,omitempty"`
	Note   string `json:"note,omitempty"`
	// RedFlags holds the answers to the red-flag screen when it was shown
	// before this session.
	RedFlags *RedFlags `json:"redFlags,omitempty"`
	// NewNumbness reports new numbness or weakness (P5: show the red-flag
	// screen again).
	NewNumbness bool       `json:"newNumbness,omitempty"`
	Exercises   []Exercise `json:"exercises"`
}

// RedFlags holds the answers to the red-flag screen of CLINICAL.md D.
type RedFlags struct {
	// Yes lists the numbers (1–11, as in CLINICAL.md D) of the questions
	// answered yes; empty means every answer was no.
	Yes []int `json:"yes"`
	// AgeFlag is set when the patient said, at first use, that the back
	// pain is new and they are under 20 or over 50. It is a flag for the
	// clinician only and changes no plan (CLINICAL.md D).
	AgeFlag bool `json:"ageFlag,omitempty"`
}

// Emergency reports whether any emergency question (1–5) was answered yes.
func (r *RedFlags) Emergency() bool {
	for _, q := range r.Yes {
		if q <= 5 {
			return true
		}
	}
	return false
}

// Exercise is what was done of one program block in a session.
type Exercise struct {
	// Block is the index of the block in the program.
	Block int `json:"block,omitempty"`
	// Step is the index of the ladder step played (0 without a ladder).
	Step     int    `json:"step,omitempty"`
	Exercise string `json:"exercise"`
	// Target is the dose the plan asked for.
	Target Target `json:"target"`
	// Sets lists the sets done, in order.
	Sets []Set `json:"sets,omitempty"`
	// PainDuring is the highest pain reported during the exercise.
	PainDuring *int `json:"painDuring,omitempty"`
	Skipped    bool `json:"skipped,omitempty"`
	// StoppedForPain is set when the patient stopped the exercise because
	// of pain (P1).
	StoppedForPain bool `json:"stoppedForPain,omitempty"`
	// Spreading is set when leg symptoms spread further down the leg
	// during or after the exercise (P5).
	Spreading bool `json:"spreading,omitempty"`
}

// Target is the dose a plan asked for. It is stored compactly, as
// [sets, reps] or [sets, reps, holdSeconds], to keep a year of daily
// sessions small.
type Target struct {
	Sets        int
	Reps        int
	HoldSeconds float64
}

// Set is one set done: repetitions completed and the shortest hold among
// them. It is stored as [reps] or [reps, holdSeconds].
type Set struct {
	Reps        int
	HoldSeconds float64
}

// MarshalJSON writes the target as [sets, reps] or [sets, reps, hold].
func (t Target) MarshalJSON() ([]byte, error) {
	return numbers(float64(t.Sets), float64(t.Reps), t.HoldSeconds)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (t *Target) UnmarshalJSON(data []byte) error {
	v, err := unnumbers(data, 2, "target", "[sets, reps] or [sets, reps, holdSeconds]")
	if err != nil {
		return err
	}
	t.Sets, t.Reps, t.HoldSeconds = int(v[0]), int(v[1]), v[2]
	return nil
}

// MarshalJSON writes the set as [reps] or [reps, hold].
func (s Set) MarshalJSON() ([]byte, error) {
	return numbers(float64(s.Reps), s.HoldSeconds)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (s *Set) UnmarshalJSON(data []byte) error {
	v, err := unnumbers(data, 1, "sets", "[reps] or [reps, holdSeconds]")
	if err != nil {
		return err
	}
	s.Reps, s.HoldSeconds = int(v[0]), v[1]
	return nil
}

// numbers writes a JSON array of the values, leaving out a last value of 0.
func numbers(v ...float64) ([]byte, error) {
	if v[len(v)-1] == 0 {
		v = v[:len(v)-1]
	}
	return json.Marshal(v)
}

// unnumbers reads a JSON array of n or n+1 numbers, the first n whole, and
// returns them padded to n+1 with 0. field and want name the field and its
// form in errors.
func unnumbers(data []byte, n int, field, want string) ([]float64, error) {
	var v []float64
	if err := json.Unmarshal(data, &v); err != nil || len(v) < n || len(v) > n+1 {
		return nil, fmt.Errorf("%s: want %s, got %s", field, want, clip(string(data)))
	}
	for i := range n {
		if v[i] != math.Trunc(v[i]) || math.Abs(v[i]) > 1e6 {
			return nil, fmt.Errorf("%s: want %s, got %s: not a whole number", field, want, clip(string(data)))
		}
	}
	return append(v, 0)[:n+1], nil
}

// Morning is the pain reported the morning after a session.
type Morning struct {
	// Session is the ID of the session record it follows.
	Session string    `json:"session"`
	At      time.Time `json:"at"`
	Pain    int       `json:"pain"`
}

// Resume lets a block stopped for spreading symptoms be played again.
type Resume struct {
	Block int       `json:"block"`
	At    time.Time `json:"at"`
}

// Time returns when the record's event happened: the start of a session,
// the time of a morning report, of a resume or of a PSFS entry.
func (r *Record) Time() time.Time {
	switch {
	case r.PSFS != nil:
		return r.PSFS.Date
	case r.Session != nil:
		return r.Session.Started
	case r.Morning != nil:
		return r.Morning.At
	case r.Resume != nil:
		return r.Resume.At
	}
	return time.Time{}
}

// Pain returns a pointer to n, for filling the optional scores of a Session.
func Pain(n int) *int { return &n }

// NewID returns a record ID unique across devices: the time in UTC to the
// second, then 8 random hex digits read from random: two records made in the
// same second clash once in 4 billion. When random is nil the digits come
// from math/rand/v2, which the runtime seeds from the system's randomness:
// an ID needs to be unique, not secret, and crypto/rand would add its
// ciphers to the player every patient downloads.
func NewID(t time.Time, random io.Reader) (string, error) {
	var b [4]byte
	if random == nil {
		binary.BigEndian.PutUint32(b[:], rand.Uint32())
	} else if _, err := io.ReadFull(random, b[:]); err != nil {
		return "", fmt.Errorf("progress: new record ID: %w", err)
	}
	return t.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b[:]), nil
}

// MaxRecordSize is the largest encoded record DecodeRecord accepts.
const MaxRecordSize = 64 << 10

// migrations[v] turns a record of version v into one of version v+1. A
// change of format adds an entry here and fixtures of the old version,
// written by the old code, under testdata/records/.
var migrations = map[int]func(json.RawMessage) (json.RawMessage, error){
	1: fromV1,
}

// recordV1 is a record as version 1 stored it, its payload left as JSON:
// a migration reads only the version it migrates from.
type recordV1 struct {
	V       int             `json:"v"`
	ID      json.RawMessage `json:"id,omitempty"`
	Kind    string          `json:"kind"`
	Program json.RawMessage `json:"program,omitempty"`
	Session json.RawMessage `json:"session,omitempty"`
	Morning json.RawMessage `json:"morning,omitempty"`
	Resume  json.RawMessage `json:"resume,omitempty"`
}

// fromV1 migrates a version 1 record to version 2, which drops the kind:
// it must name a payload the record holds (version 1 refused a record
// whose payload was missing).
func fromV1(raw json.RawMessage) (json.RawMessage, error) {
	var r recordV1
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	if err := d.Decode(&r); err != nil {
		return nil, err
	}
	present := func(m json.RawMessage) bool { return len(m) > 0 && string(m) != "null" }
	held := map[Kind]bool{KindSession: present(r.Session), KindMorning: present(r.Morning), KindResume: present(r.Resume)}
	k := Kind(r.Kind)
	switch has, known := held[k]; {
	case k == "":
		return nil, errors.New("kind: missing")
	case !known:
		return nil, fmt.Errorf("kind: unknown kind %q (want session, morning or resume)", clip(r.Kind))
	case !has:
		return nil, fmt.Errorf("%s: missing for a %s record", k, k)
	}
	return json.Marshal(struct {
		V       int             `json:"v"`
		ID      json.RawMessage `json:"id,omitempty"`
		Program json.RawMessage `json:"program,omitempty"`
		Session json.RawMessage `json:"session,omitempty"`
		Morning json.RawMessage `json:"morning,omitempty"`
		Resume  json.RawMessage `json:"resume,omitempty"`
	}{2, r.ID, r.Program, r.Session, r.Morning, r.Resume})
}

// kindOf returns the kind of the first payload r holds, "" for none.
func (r *Record) kindOf() Kind {
	switch {
	case r.Session != nil:
		return KindSession
	case r.Morning != nil:
		return KindMorning
	case r.Resume != nil:
		return KindResume
	case r.PSFS != nil:
		return KindPSFS
	}
	return ""
}

// migrate brings a record of version from up to version to, one step of
// table at a time.
func migrate(data []byte, from, to int, table map[int]func(json.RawMessage) (json.RawMessage, error)) (json.RawMessage, error) {
	raw := json.RawMessage(data)
	for v := from; v < to; v++ {
		m, ok := table[v]
		if !ok {
			return nil, fmt.Errorf("v: no migration from version %d", v)
		}
		var err error
		if raw, err = m(raw); err != nil {
			return nil, fmt.Errorf("migrating from version %d: %v", v, err)
		}
	}
	return raw, nil
}

// Encode returns the JSON form of r, stamped with the current Version. It
// refuses a record that does not pass Validate.
func Encode(r Record) ([]byte, error) {
	r.V = Version
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return json.Marshal(r)
}

// DecodeRecord decodes one stored record strictly, migrating older schema
// versions, and validates it. Every error names the record and the field.
func DecodeRecord(data []byte) (Record, error) {
	var d fastDecoder
	return d.decode(data)
}

// decode is DecodeRecord with d's interned names and scratch space: the
// fast path when it takes data, decodeStrict when it does not.
func (d *fastDecoder) decode(data []byte) (Record, error) {
	if len(data) > MaxRecordSize {
		return Record{}, fmt.Errorf("record: %d bytes is more than the %d allowed", len(data), MaxRecordSize)
	}
	r, ok := d.record(data)
	if !ok {
		return decodeStrict(data)
	}
	if err := r.Validate(); err != nil {
		return Record{}, err
	}
	return r, nil
}

// decodeStrict is DecodeRecord with encoding/json: the version read first,
// the record migrated to the current version, then decoded with unknown
// fields refused. It is the reference the fast path is held to, and what
// words every rejection.
func decodeStrict(data []byte) (Record, error) {
	var head struct {
		V  *int   `json:"v"`
		ID string `json:"id"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return Record{}, fmt.Errorf("record: not a JSON object with a version: %v", err)
	}
	name := "record"
	if head.ID != "" {
		name = fmt.Sprintf("record %q", clip(head.ID))
	}
	switch {
	case head.V == nil:
		return Record{}, fmt.Errorf("%s: v: missing schema version", name)
	case *head.V > Version:
		return Record{}, fmt.Errorf("%s: v: version %d is newer than this app reads (%d): update the app", name, *head.V, Version)
	case *head.V < 1:
		return Record{}, fmt.Errorf("%s: v: version %d does not exist", name, *head.V)
	}
	raw, err := migrate(data, *head.V, Version, migrations)
	if err != nil {
		return Record{}, fmt.Errorf("%s: %v", name, err)
	}
	var r Record
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	if err := d.Decode(&r); err != nil {
		return Record{}, fmt.Errorf("%s: %v", name, err)
	}
	r.V, r.Kind = Version, r.kindOf()
	if err := r.Validate(); err != nil {
		return Record{}, err
	}
	return r, nil
}

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// MaxIDLength is the longest record ID accepted.
const MaxIDLength = 100

// Validate checks the record's fields and returns every problem at once,
// each as `record "id": field: message`.
func (r *Record) Validate() error {
	var errs []error
	// Names and messages are formatted only for a problem found: Validate
	// runs on every record loaded.
	add := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("record %q: %s: %s", clip(r.ID), field, fmt.Sprintf(format, args...)))
	}
	score := func(field func() string, p *int) {
		if p != nil && (*p < 0 || *p > 10) {
			add(field(), "%d is not between 0 and 10", *p)
		}
	}
	named := func(s string) func() string { return func() string { return s } }
	if r.ID == "" {
		add("id", "is empty")
	} else if len(r.ID) > MaxIDLength {
		add("id", "is longer than %d characters", MaxIDLength)
	}
	if r.Program == "" {
		add("program", "is empty")
	}
	n := 0
	for _, set := range []bool{r.Session != nil, r.Morning != nil, r.Resume != nil, r.PSFS != nil} {
		if set {
			n++
		}
	}
	if n > 1 {
		add("kind", "the record holds more than one of session, morning, resume and psfs")
	}
	switch r.Kind {
	case KindSession:
		s := r.Session
		if s == nil {
			add("session", "missing for a session record")
			break
		}
		if s.Started.IsZero() {
			add("session.started", "missing")
		}
		if !s.Ended.IsZero() && s.Ended.Before(s.Started) {
			add("session.ended", "is before started")
		}
		score(named("session.painBefore"), s.PainBefore)
		score(named("session.painAfter"), s.PainAfter)
		score(named("session.effort"), s.Effort)
		if s.RedFlags != nil {
			for i, q := range s.RedFlags.Yes {
				if q < 1 || q > 11 {
					add(fmt.Sprintf("session.redFlags.yes[%d]", i), "%d is not a question number (1 to 11)", q)
				}
			}
		}
		for i := range s.Exercises {
			e := &s.Exercises[i]
			p := func(field string) string { return fmt.Sprintf("session.exercises[%d]%s", i, field) }
			if e.Block < 0 {
				add(p(".block"), "%d is negative", e.Block)
			}
			if e.Step < 0 {
				add(p(".step"), "%d is negative", e.Step)
			}
			if e.Exercise == "" {
				add(p(".exercise"), "is empty")
			}
			if e.Target.Sets < 0 || e.Target.Reps < 0 || !okSeconds(e.Target.HoldSeconds) {
				add(p(".target"), "has a negative or invalid value")
			}
			for j, set := range e.Sets {
				if set.Reps < 0 || !okSeconds(set.HoldSeconds) {
					add(p(fmt.Sprintf(".sets[%d]", j)), "has a negative or invalid value")
				}
			}
			score(func() string { return p(".painDuring") }, e.PainDuring)
		}
	case KindMorning:
		m := r.Morning
		if m == nil {
			add("morning", "missing for a morning record")
			break
		}
		if m.Session == "" {
			add("morning.session", "is empty")
		}
		if m.At.IsZero() {
			add("morning.at", "missing")
		}
		score(named("morning.pain"), &m.Pain)
	case KindResume:
		if r.Resume == nil {
			add("resume", "missing for a resume record")
			break
		}
		if r.Resume.Block < 0 {
			add("resume.block", "%d is negative", r.Resume.Block)
		}
		if r.Resume.At.IsZero() {
			add("resume.at", "missing")
		}
	case KindPSFS:
		if r.PSFS == nil {
			add("psfs", "missing for a psfs record")
			break
		}
		r.PSFS.check(func(field, format string, args ...any) { add("psfs."+field, format, args...) })
	case "":
		if n == 0 {
			add("session, morning, resume or psfs", "missing")
		} else {
			add("kind", "missing")
		}
	default:
		add("kind", "unknown kind %q (want session, morning, resume or psfs)", clip(string(r.Kind)))
	}
	return errors.Join(errs...)
}

// okSeconds reports whether s is a usable duration in seconds.
func okSeconds(s float64) bool {
	return s >= 0 && !math.IsInf(s, 0) && !math.IsNaN(s) && s < 1e6
}

// InProgress returns the latest session of the program that has not ended
// (the tab was closed mid-session), so that the app can offer to resume it
// from its recorded sets.
func InProgress(log []Record, program string) (Record, bool) {
	best := -1
	for i := range log {
		r := &log[i]
		if r.Program != program || r.Session == nil || !r.Session.Ended.IsZero() {
			continue
		}
		if best < 0 || r.Session.Started.After(log[best].Session.Started) {
			best = i
		}
	}
	if best < 0 {
		return Record{}, false
	}
	return log[best], true
}
