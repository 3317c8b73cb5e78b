// Package player is the follow-along player as the page sees it: it loads a
// program, takes the patient's commands, runs the session on a playback
// clock and describes what to show. It makes every decision; the page only
// displays its View and forwards taps.
package player

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"spry/engine/cue"
	"spry/engine/figure"
	"spry/engine/i18n"
	"spry/engine/motion"
	"spry/engine/program"
	"spry/engine/session"
	"spry/engine/share"
)

// State is where the player is in its life.
type State string

// The player's states, as the page sees them.
const (
	Ready   State = "ready"
	Playing State = "playing"
	Paused  State = "paused"
	Done    State = "done"
	Failed  State = "error"
)

// Speeds are the playback speeds the player accepts. Patients play at 1×;
// therapists preview from 0.5× to 4×; tests run whole sessions faster.
var Speeds = []float64{0.5, 1, 2, 4, 8, 16, 32}

// Player plays one program. Its methods take the real time elapsed since the
// player was created; it never reads a clock itself.
type Player struct {
	lib   *program.Library
	clips map[string]*motion.Clip
	skel  *motion.Skeleton
	style figure.Style
	// frame is the camera for the clip framed, computed once per clip.
	frame  figure.Rect
	framed *motion.Clip
	prog   *program.Program
	items  []program.Item
	lang   string

	sess    *session.Session
	coach   *cue.Coach
	cues    cue.Settings
	clock   session.Clock
	state   State
	failure *Failure
	// now is the session time of the last Update.
	now time.Duration
	// still shows key poses instead of continuous motion.
	still bool
}

// SetReducedMotion makes the figure show key poses (the start and the hold)
// instead of moving continuously, for patients whose browser asks for
// reduced motion.
func (p *Player) SetReducedMotion(on bool) { p.still = on }

// New returns a player that looks exercises up in lib, shows them with the
// motion clips in clips (by ID) and speaks lang.
func New(lib *program.Library, clips map[string]*motion.Clip, lang string) *Player {
	p := &Player{lib: lib, clips: clips, skel: motion.Standard(), lang: i18n.Match(lang), cues: cue.DefaultSettings(lang)}
	p.clock.SetSpeed(0, 1)
	return p
}

// Failure says why a program cannot be played, in words for the patient,
// with the technical details kept apart for the console.
type Failure struct {
	Title   string `json:"title"`
	Message string `json:"message"`
	Contact string `json:"contact"`
	// Details is for developers: every validation problem, one per line.
	Details string `json:"-"`
}

// Load makes prog the program to play. A program that does not validate
// against the library is refused: the player then shows a Failure and
// nothing can be started.
func (p *Player) Load(prog *program.Program) error {
	if err := prog.Validate(p.lib); err != nil {
		p.fail(prog, prog.ID, "fail.invalid", err)
		return err
	}
	items, err := prog.Items(p.lib)
	if err != nil {
		p.fail(prog, prog.ID, "fail.invalid", err)
		return err
	}
	return p.LoadItems(prog, items)
}

// LoadItems makes items, drawn from prog (as a session plan settles them),
// the exercises to play. The program has been validated by the caller.
func (p *Player) LoadItems(prog *program.Program, items []program.Item) error {
	if err := p.checkMotions(items); err != nil {
		p.fail(prog, prog.ID, "fail.newer", err)
		return err
	}
	p.prog, p.items = prog, items
	p.sess = session.New(items, session.TimingOf(prog))
	p.coach = cue.NewCoach(items)
	p.state = Ready
	p.failure = nil
	return nil
}

// LoadFile decodes a program file named source (a file name or address, used
// in messages) and loads it.
func (p *Player) LoadFile(source string, data []byte) error {
	prog, err := program.DecodeProgram(bytes.NewReader(data))
	if err != nil {
		p.fail(nil, source, "fail.unreadable", err)
		return err
	}
	return p.Load(prog)
}

// LoadLink decodes a program shared in a link's fragment (see engine/share)
// and loads it. A link cut short, changed, or made by a newer Spry is
// refused with words that say which.
func (p *Player) LoadLink(fragment string) error {
	prog, err := share.Decode(fragment)
	if err != nil {
		what := "fail.link.invalid"
		switch {
		case errors.Is(err, share.ErrTruncated):
			what = "fail.link.truncated"
		case errors.Is(err, share.ErrTampered):
			what = "fail.link.tampered"
		case errors.Is(err, share.ErrNewer):
			what = "fail.link.newer"
		case errors.Is(err, share.ErrNotLink):
			what = "fail.link.notlink"
		}
		p.fail(nil, "", what, err)
		return err
	}
	return p.Load(prog)
}

// Fail puts the player in the failed state for a program that could not even
// be read, such as a file that did not download.
func (p *Player) Fail(source string, err error) {
	p.fail(nil, source, "fail.unloadable", err)
}

// fail shows the patient that the program named source (or prog, when it
// could be decoded) cannot be played because of what went wrong.
func (p *Player) fail(prog *program.Program, source, what string, err error) {
	name := p.t("fail.unnamed")
	if source != "" {
		name = p.t("fail.named", source)
	}
	contact := p.t("fail.contact.default")
	if prog != nil {
		if t := prog.Title.In(p.lang); t != "" {
			name = p.t("fail.named", t)
		}
		if c := prog.Contact.In(p.lang); c != "" {
			contact = p.t("fail.contact", c)
		}
	}
	p.state = Failed
	p.failure = &Failure{
		Title:   p.t("fail.title"),
		Message: p.t(what, name),
		Contact: contact,
		Details: err.Error(),
	}
}

// Program returns the program loaded, or nil.
func (p *Player) Program() *program.Program { return p.prog }

// Failure returns why the program cannot be played, or nil.
func (p *Player) Failure() *Failure { return p.failure }

// State returns the player's state.
func (p *Player) State() State { return p.state }

// ErrUnknownCommand is returned for a command the player does not know.
var ErrUnknownCommand = errors.New("player: unknown command")

// Command carries out one of the page's commands at real time now:
// "start", "pause" (which also resumes), "skip", "done" (the patient
// finished the set), "step" (a therapist's preview: on to the next phase,
// then pause), "rest" with a number of seconds to add to the rest under
// way (negative to shorten it), "speed" with the speed as arg. It returns the
// session events the command caused.
func (p *Player) Command(now time.Duration, name, arg string) ([]session.Event, error) {
	if name == "speed" {
		return nil, p.setSpeed(now, arg)
	}
	if name == "visible" {
		return p.Update(now), nil
	}
	if p.sess == nil || p.state == Failed {
		return nil, nil
	}
	evs := p.Update(now)
	t := p.now
	switch name {
	case "start":
		if p.state != Ready {
			return evs, nil
		}
		p.state = Playing
		evs = append(evs, p.sess.Start(t)...)
	case "pause":
		switch p.state {
		case Playing:
			p.state = Paused
			evs = append(evs, p.sess.Pause(t)...)
		case Paused:
			p.state = Playing
			evs = append(evs, p.sess.Resume(t)...)
		}
	case "skip":
		if p.state == Playing || p.state == Paused {
			evs = append(evs, p.sess.Skip(t)...)
		}
	case "done":
		if p.state == Playing || p.state == Paused {
			evs = append(evs, p.sess.FinishSet(t)...)
		}
	case "step":
		if p.state == Ready {
			p.state = Playing
			evs = append(evs, p.sess.Start(t)...)
		}
		if p.state == Playing || p.state == Paused {
			evs = append(evs, p.sess.Step(t)...)
			p.state = Paused
		}
	case "rest":
		secs, err := strconv.Atoi(arg)
		if err != nil || secs < -600 || secs > 600 {
			return evs, fmt.Errorf("player: rest change %q is not a number of seconds", arg)
		}
		if p.state == Playing || p.state == Paused {
			evs = append(evs, p.sess.AdjustRest(t, time.Duration(secs)*time.Second)...)
		}
	default:
		return evs, fmt.Errorf("%w %q", ErrUnknownCommand, name)
	}
	p.noteDone(evs)
	return evs, nil
}

func (p *Player) setSpeed(now time.Duration, arg string) error {
	s, err := strconv.ParseFloat(arg, 64)
	if err != nil || !validSpeed(s) {
		return fmt.Errorf("player: speed %q is not one of %v", arg, Speeds)
	}
	p.clock.SetSpeed(now, s)
	return nil
}

func validSpeed(s float64) bool {
	for _, v := range Speeds {
		if s == v {
			return true
		}
	}
	return false
}

// StartAt starts the session at real time now from set (from 1) of
// exercise (an index into the items), to resume an interrupted session.
func (p *Player) StartAt(now time.Duration, exercise, set int) []session.Event {
	evs := p.Update(now)
	if p.sess == nil || p.state != Ready {
		return evs
	}
	p.state = Playing
	evs = append(evs, p.sess.StartAt(p.now, exercise, set)...)
	p.noteDone(evs)
	return evs
}

// Session returns the state of the session now.
func (p *Player) Session() session.State {
	if p.sess == nil {
		return session.State{}
	}
	return p.sess.State(p.now)
}

// Speed returns the playback speed.
func (p *Player) Speed() float64 { return p.clock.Speed() }

// Update moves the session on to real time now and returns the events that
// happened since the last call, each at its scheduled session time.
func (p *Player) Update(now time.Duration) []session.Event {
	p.now = p.clock.Now(now)
	if p.sess == nil || (p.state != Playing && p.state != Paused) {
		return nil
	}
	evs := p.sess.Update(p.now)
	p.noteDone(evs)
	return evs
}

func (p *Player) noteDone(evs []session.Event) {
	for _, e := range evs {
		if e.Kind == session.SessionDone {
			p.state = Done
		}
	}
}

// MaxCueSpeed is the fastest playback that still cues: above it, as in a
// therapist's quick preview, cues would pile on top of each other.
const MaxCueSpeed = 2

// Cues turns events the player returned into the sounds, words and
// vibrations to play now. Every event must pass through here once, in order.
func (p *Player) Cues(events []session.Event) []cue.Cue {
	if p.coach == nil || len(events) == 0 {
		return nil
	}
	cues := p.coach.Cues(events, p.now, p.cues)
	if p.clock.Speed() > MaxCueSpeed {
		return nil
	}
	return cues
}

// Moving reports whether the figure is moving, so that the screen needs
// redrawing every frame; when it is not, the page can rest (battery).
func (p *Player) Moving() bool {
	return p.state == Playing
}

// checkMotions makes sure every exercise can be shown: a reference to a
// missing clip is an error now, not a blank figure later.
func (p *Player) checkMotions(items []program.Item) error {
	var errs []error
	for i, it := range items {
		if _, ok := p.clips[it.Exercise.Motion]; !ok {
			errs = append(errs, fmt.Errorf("exercise %d (%q) shows motion %q, which this player does not have", i+1, it.Exercise.ID, it.Exercise.Motion))
		}
	}
	return errors.Join(errs...)
}

// Pose says which motion to show and where in it the figure is.
type Pose struct {
	// Clip is the motion clip's ID, "" when there is nothing to show.
	Clip string
	// Phase is the clip phase: "start", "up", "hold" or "down".
	Phase string
	// Progress is how far through Phase the figure is, 0 to 1.
	Progress float64
	// Mirror is set when the far-side limbs do the work (the second side of
	// an alternating exercise).
	Mirror bool
	// Flip is set when the figure is seen from its other side (the second
	// side of a left-then-right exercise), so the working leg stays nearest
	// the viewer.
	Flip bool
	// Breath is how far the chest has risen, 0 to 1: a slow breathing cue.
	Breath float64
	// Target lists the body areas to highlight, during the working phases.
	Target []string
	// Highlight is how strongly to highlight Target, 0 to 1: it rises with
	// the effort and fades as the figure returns.
	Highlight float64
}

// Pose returns what the figure should be doing now.
func (p *Player) Pose() Pose {
	if p.sess == nil || len(p.items) == 0 {
		return Pose{}
	}
	st := p.sess.State(p.now)
	i := min(max(st.Exercise, 0), len(p.items)-1)
	ex := p.items[i].Exercise
	pose := Pose{Clip: ex.Motion, Phase: "start"}
	if !p.still {
		pose.Breath = breath(p.now)
	}
	if st.Side == session.Right {
		pose.Flip = ex.Sides == program.LeftThenRight
		pose.Mirror = ex.Sides == program.Alternating
	}
	switch st.Kind {
	case session.Up, session.Hold, session.Down:
		pose.Phase = st.Kind.String()
		pose.Progress = clamp01(st.Progress)
		pose.Target = ex.Target
		if p.still {
			// Key poses only: the start pose until halfway up, then the
			// hold pose until halfway down.
			pose.Progress = math.Round(pose.Progress)
		}
		switch st.Kind {
		case session.Up:
			pose.Highlight = pose.Progress
		case session.Hold:
			pose.Highlight = 1
		case session.Down:
			pose.Highlight = 1 - pose.Progress
		}
	}
	return pose
}

// Draw draws the figure as it is now into d, reusing d's memory so that a
// frame allocates nothing. It reports whether there was a figure to draw.
func (p *Player) Draw(d *figure.Drawing) bool {
	pose := p.Pose()
	clip := p.clips[pose.Clip]
	if clip == nil || p.state == Failed {
		return false
	}
	mp := clip.Sample(pose.Phase, pose.Progress)
	if pose.Mirror {
		mp = mp.Mirror()
	}
	pts := mp.Points(p.skel)
	// The camera is fixed for the whole clip so the figure does not drift.
	if p.framed != clip {
		lo, hi := clip.Bounds()
		p.frame, p.framed = figure.Frame(lo, hi), clip
	}
	p.style.View = p.frame
	p.style.Props = clip.PlacedProps()
	p.style.FlipX = pose.Flip
	p.style.Breath = pose.Breath
	p.style.Highlight = pose.Target
	p.style.HighlightLevel = pose.Highlight
	figure.DrawTo(d, &pts, &p.style)
	return true
}

// breathPeriod is one slow breath, in and out, for the chest's rise.
const breathPeriod = 4 * time.Second

func breath(t time.Duration) float64 {
	return 0.5 - 0.5*math.Cos(2*math.Pi*float64(t%breathPeriod)/float64(breathPeriod))
}

func clamp01(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return min(max(x, 0), 1)
}
