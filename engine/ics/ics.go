// Package ics writes the "Add to my calendar" file: the program's schedule
// as one recurring event in iCalendar form (RFC 5545), in the patient's
// language, with a reminder. Times are floating local times, so the
// sessions fall at the chosen time of day wherever the phone is and no
// time-zone database is needed. Nothing here reads the clock.
package ics

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"spry/engine/history"
	"spry/engine/program"
)

// MIMEType is the media type to serve or download the file with.
const MIMEType = "text/calendar; charset=utf-8"

// FileName returns the name to save the file of program p under:
// "spry-<program ID>.ics", the ID kept to safe characters.
func FileName(p *program.Program) string {
	return "spry-" + safeID(p.ID) + ".ics"
}

// MaxLineOctets is the longest line, without its CRLF, that RFC 5545
// (3.1) allows; longer lines are folded.
const MaxLineOctets = 75

// The defaults of Options.
const (
	DefaultDuration = 20 * time.Minute
	DefaultAlarm    = 10 * time.Minute
)

// Options says how the sessions appear in the patient's calendar.
type Options struct {
	// Lang is the patient's language ("en", "fr"; "fr-CA" counts as "fr").
	Lang string
	// At is the time of day of the sessions, from midnight, on the
	// patient's clock (a floating time). It must be under 24 hours.
	At time.Duration
	// Duration is the length of a session; 0 means DefaultDuration.
	Duration time.Duration
	// Alarm is how long before a session the reminder fires; 0 means
	// DefaultAlarm. NoAlarm leaves the reminder out.
	Alarm   time.Duration
	NoAlarm bool
	// Stamp is when the file is made (DTSTAMP); it also sets the
	// event's SEQUENCE, so that a file made later with a new time replaces
	// an earlier one in calendars that honour updates.
	Stamp time.Time
	// URL, when set, is the address of the player (http or https).
	URL string
}

// sequenceEpoch is the time from which SEQUENCE counts minutes.
var sequenceEpoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// Program returns the .ics file of program p on schedule s, resolved from
// the date of o.Stamp when its start is not set. The exercises are named
// from lib, which may be nil. The event's UID depends only on the program
// ID and the start date, so downloading the file again updates the same
// series rather than adding a second one.
func Program(p *program.Program, lib *program.Library, s history.Schedule, o Options) ([]byte, error) {
	if o.At < 0 || o.At >= 24*time.Hour {
		return nil, fmt.Errorf("ics: time of day %v: want 0 to 23:59", o.At)
	}
	if o.Duration <= 0 {
		o.Duration = DefaultDuration
	}
	if o.Alarm <= 0 {
		o.Alarm = DefaultAlarm
	}
	if o.URL != "" {
		u, err := url.Parse(o.URL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsFunc(o.URL, invalidURI) {
			return nil, errors.New("ics: URL: want an http or https address")
		}
	}
	if o.Stamp.IsZero() {
		return nil, errors.New("ics: Stamp: missing")
	}
	lang := base(o.Lang)
	s = s.Resolve(o.Stamp)
	days := s.PlannedDays()
	if len(days) == 0 {
		return nil, errors.New("ics: the schedule plans no session")
	}

	title := p.Title.In(lang)
	summary := tr(lang, "summary", title)
	var names []string
	for _, b := range p.Blocks {
		name := b.Exercise
		if lib != nil {
			if e, ok := lib.Exercise(b.Exercise); ok && e.Name.In(lang) != "" {
				name = e.Name.In(lang)
			}
		}
		names = append(names, name)
	}
	contact := p.Contact.In(lang)
	if contact == "" {
		contact = tr(lang, "contact")
	}
	desc := tr(lang, "description", title, strings.Join(names, tr(lang, "list-sep")), contact)

	rule := "FREQ=DAILY"
	if len(s.Days) < 7 {
		by := make([]string, len(s.Days))
		for i, d := range s.Days {
			by[i] = strings.ToUpper(d.String()[:2])
		}
		rule = "FREQ=WEEKLY;WKST=MO;BYDAY=" + strings.Join(by, ",")
	}
	rule += fmt.Sprintf(";COUNT=%d", len(days))

	first := days[0].Add(o.At)
	seq := max(0, int(o.Stamp.Sub(sequenceEpoch)/time.Minute))
	var w writer
	w.line("BEGIN:VCALENDAR")
	w.line("VERSION:2.0")
	w.line("PRODID:-//Spry//Spry exercise player//" + strings.ToUpper(lang))
	w.line("CALSCALE:GREGORIAN")
	w.line("METHOD:PUBLISH")
	w.line("BEGIN:VEVENT")
	w.line("UID:" + uid(p.ID, s.Start))
	w.line("DTSTAMP:" + o.Stamp.UTC().Format("20060102T150405Z"))
	w.line(fmt.Sprintf("SEQUENCE:%d", seq))
	w.line("DTSTART:" + first.Format("20060102T150405"))
	w.line("DURATION:" + duration(o.Duration))
	w.line("RRULE:" + rule)
	w.line("SUMMARY;LANGUAGE=" + lang + ":" + Escape(summary))
	w.line("DESCRIPTION;LANGUAGE=" + lang + ":" + Escape(desc))
	if o.URL != "" {
		w.line("URL:" + o.URL)
	}
	w.line("TRANSP:OPAQUE")
	if !o.NoAlarm {
		w.line("BEGIN:VALARM")
		w.line("ACTION:DISPLAY")
		w.line("DESCRIPTION;LANGUAGE=" + lang + ":" + Escape(summary))
		w.line("TRIGGER:-" + duration(o.Alarm))
		w.line("END:VALARM")
	}
	w.line("END:VEVENT")
	w.line("END:VCALENDAR")
	return []byte(w.String()), nil
}

// invalidURI reports characters a URL value must not hold.
func invalidURI(r rune) bool { return r < 0x21 || r == 0x7f || r == '"' || r == '<' || r == '>' }

// uid returns the event's UID: the program ID, kept to safe characters,
// and the start date.
func uid(id string, start time.Time) string {
	return fmt.Sprintf("spry-%s-%s@spry", safeID(id), start.Format("20060102"))
}

// safeID keeps the first 60 letters, digits, dots, dashes and underscores
// of a program ID; "program" when none is left.
func safeID(id string) string {
	var b strings.Builder
	for _, r := range id {
		if b.Len() < 60 && r < utf8.RuneSelf && (r == '-' || r == '_' || r == '.' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')) {
			b.WriteRune(r)
		}
	}
	if s := strings.Trim(b.String(), "."); s != "" {
		return s
	}
	return "program"
}

// duration writes d, rounded to the minute, as an RFC 5545 duration:
// "PT1H30M".
func duration(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	s := "PT"
	if m >= 60 {
		s += fmt.Sprintf("%dH", m/60)
	}
	if m%60 != 0 || m < 60 {
		s += fmt.Sprintf("%dM", m%60)
	}
	return s
}

// Escape returns s as an RFC 5545 TEXT value (3.3.11): backslashes,
// semicolons and commas escaped with a backslash, line breaks written as
// \n, other control characters dropped and invalid UTF-8 replaced.
func Escape(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			// CONTROL characters are not allowed in TEXT.
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Fold folds a content line (3.1): no line longer than MaxLineOctets
// octets, continuation lines starting with a space, never splitting a
// UTF-8 sequence. Lines end with CRLF.
func Fold(line string) string {
	var b strings.Builder
	limit := MaxLineOctets
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = MaxLineOctets - 1
	}
	b.WriteString(line)
	b.WriteString("\r\n")
	return b.String()
}

// writer collects folded content lines.
type writer struct{ strings.Builder }

// line writes one content line, folded.
func (w *writer) line(s string) { w.WriteString(Fold(s)) }
