package cue

import (
	"slices"
	"strings"
	"time"

	"spry/engine/program"
	"spry/engine/session"
)

// MaxLate is how long after its time an event is still cued. Events noticed
// later than that, as when a hidden tab or a locked phone catches up, are
// not cued.
const MaxLate = time.Second

// Coach decides the cues of one session, the way a coach beside the patient
// would call them: a sound at each change, the exercise's name, "Hold",
// the rep count, the last seconds of a hold or a rest. It remembers what
// came before (to know what just ended), so give it every event of the
// session, in order, late ones included. Use a new Coach for each session.
// A Coach is not safe for concurrent use.
type Coach struct {
	names []program.Text
	// phase is the kind of the last segment started, or Done before the
	// first.
	phase session.Kind
	// exercise is the index of the last exercise announced, or -1.
	exercise int
	// talking is the session time until which the last phrase spoken is
	// expected to last.
	talking time.Duration
}

// NewCoach returns a coach for a session of items, the same items the
// session plays: it takes the exercises' names from them.
func NewCoach(items []program.Item) *Coach {
	c := &Coach{phase: session.Done, exercise: -1}
	for _, it := range items {
		var name program.Text
		if it.Exercise != nil {
			name = it.Exercise.Name
		}
		c.names = append(c.names, name)
	}
	return c
}

// Cues returns the cues for events, the events a session returned at
// session time now, with settings applied. Events that happen together make
// one cue. Events due more than MaxLate before now make none. At most one
// cue speaks, the newest that has something to say: speech takes time, and
// an older phrase would only delay the current one. A new phrase cuts short
// the last one, except the seconds left of a countdown, which are only
// ticked while the last phrase is expected to be still under way.
func (c *Coach) Cues(events []session.Event, now time.Duration, s Settings) []Cue {
	lang := language(s.Lang)
	var cues []Cue
	for i := 0; i < len(events); {
		j := i + 1
		for j < len(events) && events[j].At == events[i].At {
			j++
		}
		m, onlySeconds := c.moment(events[i:j], lang)
		i = j
		if now-m.At > MaxLate {
			continue
		}
		if onlySeconds && m.At < c.talking {
			// Speaking the seconds left would cut short the phrase
			// before, such as the name of the exercise; the tick
			// says it.
			m.Say, m.Lang = "", ""
		}
		if s.Vibration {
			m.Vibrate = Vibration(m.Sound)
		}
		m.Flash = s.Flash && m.Sound != None && m.Sound != Tick
		if !s.Sound {
			m.Sound = None
		}
		if !s.Speech {
			m.Say, m.Lang = "", ""
		}
		if m.empty() {
			continue
		}
		cues = append(cues, m)
	}
	spoken := false
	for i := len(cues) - 1; i >= 0; i-- {
		if spoken {
			cues[i].Say, cues[i].Lang = "", ""
		}
		if cues[i].Say != "" && !spoken {
			spoken = true
			c.talking = cues[i].At + speakingTime(cues[i].Say)
		}
	}
	return slices.DeleteFunc(cues, Cue.empty)
}

// speakingTime estimates how long speech takes to say text: about 0.35 s a
// word at the default rate, and a breath.
func speakingTime(text string) time.Duration {
	return time.Duration(len(strings.Fields(text)))*350*time.Millisecond + 200*time.Millisecond
}

// moment returns the cue for events due at the same time, with every kind of
// cue on, and moves the coach's memory on past them. onlySeconds is set when
// all the cue says is the seconds left.
func (c *Coach) moment(events []session.Event, lang string) (m Cue, onlySeconds bool) {
	m = Cue{At: events[0].At}
	sound := func(s Sound) {
		if rank[s] > rank[m.Sound] {
			m.Sound = s
		}
	}
	var (
		count    string // the rep just counted
		headline string // what the moment is about
		seconds  string // the seconds left, said when nothing else is
	)
	for _, e := range events {
		switch e.Kind {
		case session.PhaseStarted:
			if timed(c.phase) {
				sound(End)
			} else {
				sound(Start)
			}
			c.phase = e.Phase
			if e.Phase != session.Rest && e.Exercise != c.exercise {
				c.exercise = e.Exercise
				headline = c.announce(e, lang)
				continue
			}
			if headline != "" {
				continue
			}
			switch e.Phase {
			case session.Up:
				if count == "" {
					headline = word(lang, wordUp)
				}
			case session.Hold:
				headline = word(lang, wordHold)
			case session.Down:
				headline = word(lang, wordDown)
			case session.Rest:
				headline = word(lang, wordRest)
			}
		case session.RepCounted:
			count = Number(lang, e.Rep)
		case session.Countdown:
			sound(Tick)
			// The seconds of a hold are only ticked: spoken, they
			// would run into the rep count that follows ("two, one,
			// down, two").
			if e.Phase != session.Hold {
				seconds = Number(lang, e.Remaining)
			}
		case session.SideSwitched:
			sound(Switch)
			headline = word(lang, wordSwitch)
		case session.SetDone, session.ExerciseDone:
			sound(End)
		case session.SessionDone:
			sound(Done)
			c.phase = session.Done
			headline = word(lang, wordDone)
		}
	}
	var say []string
	for _, s := range []string{count, headline} {
		if s != "" {
			say = append(say, s)
		}
	}
	if len(say) == 0 && seconds != "" {
		say = append(say, seconds)
		onlySeconds = true
	}
	m.Say = strings.Join(say, ". ")
	if m.Say != "" {
		m.Lang = word(lang, wordTag)
	}
	return m, onlySeconds
}

// announce returns what to say when e starts a new exercise: its name, and
// the side it starts with.
func (c *Coach) announce(e session.Event, lang string) string {
	var name string
	if e.Exercise >= 0 && e.Exercise < len(c.names) {
		name = c.names[e.Exercise].In(lang)
	}
	side := ""
	switch e.Side {
	case session.Left:
		side = word(lang, wordLeft)
	case session.Right:
		side = word(lang, wordRight)
	}
	switch {
	case name == "":
		return side
	case side == "":
		return name
	}
	return name + ". " + side
}

// timed reports whether a segment of kind k counts time down to its end, so
// that its end is cued with End rather than Start.
func timed(k session.Kind) bool {
	switch k {
	case session.Hold, session.Rest, session.GetReady, session.SwitchSide:
		return true
	}
	return false
}
