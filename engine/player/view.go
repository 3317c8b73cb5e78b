package player

import (
	"encoding/json"
	"fmt"
	"math"
	"time"

	"spry/engine/i18n"
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
	v := View{State: p.state, Speed: p.clock.Speed(), StartLabel: p.t("player.start")}
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
		if len(p.items) == 1 {
			v.Status = p.t("player.ready.one", minutes(p.sess.Total()))
		} else {
			v.Status = p.t("player.ready", len(p.items), minutes(p.sess.Total()))
		}
		first := p.items[0]
		v.Exercise = first.Exercise.Name.In(p.lang)
		return v
	case Done:
		v.Status = p.t("player.done")
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
		v.Side = p.t("player.left")
	case session.Right:
		v.Side = p.t("player.right")
	}
	if st.Sets > 0 {
		v.Set = p.t("player.set", st.Set, st.Sets)
	}
	if st.Reps > 0 && st.Rep > 0 {
		v.Rep = p.t("player.rep", st.Rep, st.Reps)
	}
	v.Phase = p.t("phase." + st.Kind.String())
	if b := item.Exercise.BreatheOut; b != "" && st.Kind.String() == b {
		v.Phase = p.t("phase.breathe", v.Phase)
	}
	if st.Remaining > 0 {
		v.Countdown = fmt.Sprint(int(math.Ceil(st.Remaining.Seconds())))
	}
	if v.Paused {
		v.Status = p.t("player.paused")
	}
	return v
}

// minutes rounds a duration to whole minutes, at least 1, for "about 12 min".
func minutes(d time.Duration) int {
	return max(1, int(math.Round(d.Minutes())))
}

func (p *Player) t(id string, args ...any) string { return i18n.T(p.lang, id, args...) }
