package player

import (
	"encoding/json"
	"fmt"
	"math"
	"time"

	"spry/engine/session"
)

// View is everything the page shows, already worded. The page puts each
// field into its element as text.
type View struct {
	State     State  `json:"state"`
	Program   string `json:"program"`
	Exercise  string `json:"exercise"`
	Side      string `json:"side"`
	Phase     string `json:"phase"`
	Set       string `json:"set"`
	Rep       string `json:"rep"`
	Countdown string `json:"countdown"`
	Status    string `json:"status"`
	Paused    bool   `json:"paused"`
	CanStart  bool   `json:"canStart"`
	CanPause  bool   `json:"canPause"`
	CanSkip   bool   `json:"canSkip"`
	// CanFinish is set during a set of repetitions, when the patient may
	// tap Done to end it.
	CanFinish bool `json:"canFinish"`
	// CanAdjustRest is set during a rest, when −15 s / +15 s apply.
	CanAdjustRest bool     `json:"canAdjustRest"`
	StartLabel    string   `json:"startLabel"`
	Speed         float64  `json:"speed"`
	Error         *Failure `json:"error,omitempty"`
}

// JSON encodes the view for the page.
func (v View) JSON() []byte {
	b, err := json.Marshal(v)
	if err != nil {
		// View holds only strings, numbers and booleans.
		panic(err)
	}
	return b
}

// View describes the player's state now.
func (p *Player) View() View {
	v := View{State: p.state, Speed: p.clock.Speed(), StartLabel: "Start"}
	if p.state == Failed {
		v.Error = p.failure
		return v
	}
	if p.prog == nil {
		return v
	}
	v.Program = p.prog.Title.In(p.lang)
	st := p.sess.State(p.now)
	switch p.state {
	case Ready:
		v.CanStart = true
		v.Status = fmt.Sprintf("%d exercises, about %s. Press Start when you are ready.",
			len(p.items), minutes(p.sess.Total()))
		if len(p.items) == 1 {
			v.Status = fmt.Sprintf("1 exercise, about %s. Press Start when you are ready.", minutes(p.sess.Total()))
		}
		first := p.items[0]
		v.Exercise = first.Exercise.Name.In(p.lang)
		return v
	case Done:
		v.Status = "Session done. Well done!"
		v.Exercise = ""
		return v
	}
	v.Paused = p.state == Paused
	v.CanPause = true
	v.CanSkip = true
	v.CanFinish = st.Kind.Rep() && st.Reps > 1
	v.CanAdjustRest = st.Kind == session.Rest
	item := p.items[min(max(st.Exercise, 0), len(p.items)-1)]
	v.Exercise = item.Exercise.Name.In(p.lang)
	switch st.Side {
	case session.Left:
		v.Side = "Left side"
	case session.Right:
		v.Side = "Right side"
	}
	if st.Sets > 0 {
		v.Set = fmt.Sprintf("Set %d of %d", st.Set, st.Sets)
	}
	if st.Reps > 0 && st.Rep > 0 {
		v.Rep = fmt.Sprintf("Rep %d of %d", st.Rep, st.Reps)
	}
	v.Phase = phaseLabel(st.Kind, item.Exercise.BreatheOut)
	if st.Remaining > 0 {
		v.Countdown = fmt.Sprint(int(math.Ceil(st.Remaining.Seconds())))
	}
	if v.Paused {
		v.Status = "Paused"
	}
	return v
}

func phaseLabel(k session.Kind, breatheOut string) string {
	label := map[session.Kind]string{
		session.GetReady:   "Get ready",
		session.Up:         "Up",
		session.Hold:       "Hold",
		session.Down:       "Down",
		session.Rest:       "Rest",
		session.SwitchSide: "Switch sides",
		session.Done:       "Done",
	}[k]
	if breatheOut != "" && k.String() == breatheOut {
		label += " — breathe out"
	}
	return label
}

// minutes words a duration for the patient: "about 12 min".
func minutes(d time.Duration) string {
	m := int(math.Round(d.Minutes()))
	if m < 1 {
		return "1 min"
	}
	return fmt.Sprintf("%d min", m)
}
