package motion

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Schema is the version of the clip format this code reads.
const Schema = 1

// The phases of a repetition a clip is sampled in. The session's get-ready,
// rest and switch-side phases show PhaseStart.
const (
	PhaseStart = "start" // the resting position
	PhaseUp    = "up"    // moving into the exercise position
	PhaseHold  = "hold"  // holding it
	PhaseDown  = "down"  // moving back to the start
)

// Tolerances of the physical checks, in body heights.
const (
	// ContactTolerance is how far a contact may be from the floor, and how
	// far a planted contact may drift between keyframes.
	ContactTolerance = 0.01
	// FloorTolerance is how far below the floor any point may go.
	FloorTolerance = 0.002
)

// Ease names how a keyframe is approached from the one before it.
type Ease string

// The easings.
const (
	Linear    Ease = "linear"
	EaseIn    Ease = "ease-in"
	EaseOut   Ease = "ease-out"
	EaseInOut Ease = "ease-in-out" // the default
)

// At returns the eased fraction for a linear fraction t in [0, 1].
func (e Ease) At(t float64) float64 {
	t = math.Max(0, math.Min(1, t))
	switch e {
	case Linear:
		return t
	case EaseIn:
		return t * t
	case EaseOut:
		return t * (2 - t)
	default:
		return t * t * (3 - 2*t)
	}
}

// PoseSpec is a pose as authored: the body's rotation and joint angles.
// Joint names without a side ("hip") set both sides; "hip_near" and
// "hip_far" set one side and win over the two-sided name. Joints not named
// are at 0. The body's position is worked out from the contacts.
//
// Joints may also name the arms' turns out of the picture (see Pose), with
// the same "_near" and "_far" forms: in the side view "abduct"
// (Pose.Abduct, -30..120) and "elbow_out" (Pose.ElbowOut, 0..90), in the
// front view "forearm_turn" (Pose.ForearmTurn, -90..90).
type PoseSpec struct {
	// Angle rotates the body counter-clockwise from standing, in degrees.
	Angle  float64            `json:"angle"`
	Joints map[string]float64 `json:"joints"`
	// Twist turns the chest towards the viewer, Roll drops both knees
	// towards the viewer, in degrees (see Pose; side view only).
	Twist float64 `json:"twist,omitempty"`
	Roll  float64 `json:"roll,omitempty"`
}

// The largest twist and roll a pose may ask for, in degrees: about the
// thoracic spine's rotation each way, and knees dropped most of the way to
// the floor.
const (
	MaxTwist = 45
	MaxRoll  = 70
)

// The range of the arms' turns out of the picture, in degrees: an arm
// taken a little across the chest to a little behind the shoulders' line
// (abduct), an elbow from in the picture to square out to the side
// (elbow_out), and a forearm turned either way up to square across
// (forearm_turn).
const (
	MinAbduct      = -30
	MaxAbduct      = 120
	MaxElbowOut    = 90
	MaxForearmTurn = 90
)

// armTurn resolves a name for one of the arms' turns out of the picture
// ("abduct", "elbow_out_far"): the Pose field it sets, the arms it names
// (0 near, 1 far), its range and the view it belongs to.
func armTurn(p *Pose, name string) (field *[2]float64, arms []int, lo, hi float64, view View, ok bool) {
	base, arms := name, []int{0, 1}
	if b, found := strings.CutSuffix(name, "_near"); found {
		base, arms = b, []int{0}
	} else if b, found := strings.CutSuffix(name, "_far"); found {
		base, arms = b, []int{1}
	}
	switch base {
	case "abduct":
		return &p.Abduct, arms, MinAbduct, MaxAbduct, Side, true
	case "elbow_out":
		return &p.ElbowOut, arms, 0, MaxElbowOut, Side, true
	case "forearm_turn":
		return &p.ForearmTurn, arms, -MaxForearmTurn, MaxForearmTurn, Front, true
	}
	return nil, nil, 0, 0, Side, false
}

// Keyframe is a pose the clip reaches at a time within a phase.
type Keyframe struct {
	// At is the time within the phase, 0..1. The start keyframe has none.
	At float64 `json:"at,omitempty"`
	// Pose names one of the clip's poses.
	Pose string `json:"pose"`
	// Ease is how the pose is approached from the previous keyframe.
	Ease Ease `json:"ease,omitempty"`
	// Contacts name the points touching the floor ("heel" means both heels).
	Contacts []string `json:"contacts"`
	// Grips make hands hold a body point: {"hand": "knee_near"} puts both
	// hands on the near knee, {"hand": "knee"} each hand on its own side's
	// knee. Hands reach by bending the arm.
	Grips map[string]string `json:"grips,omitempty"`
}

// Clip is an exercise's movement: named poses, and keyframes for each phase
// of a repetition. Each phase starts from where the previous one ended; the
// down phase ends back at the start pose, so repetitions join without a jump.
type Clip struct {
	Schema int    `json:"schema"`
	ID     string `json:"id"`
	// Note says what the clip shows, for authors.
	Note string `json:"note,omitempty"`
	// View is "side" (the default) or "front": the plane the poses'
	// angles are read in and the viewer looks at (see View).
	View  string              `json:"view,omitempty"`
	Poses map[string]PoseSpec `json:"poses"`
	Start Keyframe            `json:"start"`
	Up    []Keyframe          `json:"up"`
	Hold  []Keyframe          `json:"hold,omitempty"`
	// Down may be empty: the clip then returns to the start pose. A last
	// keyframe at 1 must name the start pose.
	Down []Keyframe `json:"down,omitempty"`
	// Props lists equipment to draw: a strap, a chair, a wall.
	Props []PropSpec `json:"props,omitempty"`

	once  sync.Once
	err   error
	start baked
	keys  [3][]baked // up, hold, down after solving
	props []Prop
}

// baked is a keyframe solved into place.
type baked struct {
	at       float64
	ease     Ease
	pose     Pose
	pts      Points
	ext      extremity
	contacts []Point
	grips    []grip
}

// DecodeClip reads one clip from r strictly: unknown fields and trailing
// data are errors. It does not validate the clip; call Validate.
func DecodeClip(r io.Reader) (*Clip, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var c Clip
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("motion: decoding clip: %w", err)
	}
	if dec.More() {
		return nil, errors.New("motion: decoding clip: trailing data after the clip")
	}
	return &c, nil
}

// ParseClip is DecodeClip on a byte slice.
func ParseClip(data []byte) (*Clip, error) { return DecodeClip(bytes.NewReader(data)) }

// Validate checks the clip and solves its keyframes into place. It reports
// every problem at once, each naming the path to the bad field: unknown
// joints, poses or contact points, keyframe times that do not increase,
// angles outside a joint's range, contacts off the floor or sliding, and
// points below the floor. The result is cached: the clip must not be
// changed after the first call.
func (c *Clip) Validate() error {
	c.once.Do(func() { c.err = c.validate() })
	return c.err
}

func (c *Clip) validate() error {
	var errs []error
	bad := func(path, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...)))
	}
	if c.Schema != Schema {
		bad("schema", "must be %d, got %d", Schema, c.Schema)
	}
	if c.ID == "" {
		bad("id", "must not be empty")
	}
	s := Standard()
	view := Side
	switch c.View {
	case "", "side":
	case "front":
		view = Front
	default:
		bad("view", "unknown view %q (want side or front)", c.View)
	}
	poses := map[string]Pose{}
	for _, name := range sortedKeys(c.Poses) {
		spec := c.Poses[name]
		p := Pose{Angle: spec.Angle, View: view, Twist: spec.Twist, Roll: spec.Roll}
		for _, r := range []struct {
			field    string
			v, limit float64
		}{{"twist", spec.Twist, MaxTwist}, {"roll", spec.Roll, MaxRoll}} {
			path := fmt.Sprintf("poses.%s.%s", name, r.field)
			switch {
			case r.v != 0 && view != Side:
				bad(path, "only in the side view")
			case math.Abs(r.v) > r.limit:
				bad(path, "%g outside the range %d..%d", r.v, -int(r.limit), int(r.limit))
			}
		}
		set := map[Joint]bool{}
		armSet := map[*float64]bool{}
		for _, jn := range sortedKeys(spec.Joints) {
			v := spec.Joints[jn]
			path := fmt.Sprintf("poses.%s.joints.%s", name, jn)
			if field, arms, lo, hi, in, ok := armTurn(&p, jn); ok {
				switch {
				case view != in:
					bad(path, "only in the %s view", in)
				case v < lo || v > hi:
					bad(path, "%g outside the range %g..%g", v, lo, hi)
				}
				for _, i := range arms {
					if len(arms) == 2 && armSet[&field[i]] {
						continue // a one-sided name wins
					}
					armSet[&field[i]] = len(arms) == 1
					field[i] = v
				}
				continue
			}
			js, ok := jointsNamed(jn)
			if !ok {
				bad(path, "unknown joint %q", jn)
				continue
			}
			for _, j := range js {
				if len(js) == 2 && set[j] {
					continue // a one-sided name wins
				}
				set[j] = len(js) == 1
				p.Joints[j] = v
			}
			if lo, hi := s.RangeIn(view, js[0]); v < lo || v > hi {
				bad(path, "%g outside the joint's range %g..%g", v, lo, hi)
			}
		}
		poses[name] = p
	}
	keyPose := func(path string, k *Keyframe) (Pose, []Point, []grip, bool) {
		ok := true
		p, found := poses[k.Pose]
		if !found {
			bad(path+".pose", "unknown pose %q", k.Pose)
			ok = false
		}
		switch k.Ease {
		case "", Linear, EaseIn, EaseOut, EaseInOut:
		default:
			bad(path+".ease", "unknown easing %q", k.Ease)
		}
		var pts []Point
		if len(k.Contacts) == 0 {
			bad(path+".contacts", "must name at least one point touching the floor")
			ok = false
		}
		for i, name := range k.Contacts {
			ps, found := pointsNamed(name)
			if !found {
				bad(fmt.Sprintf("%s.contacts[%d]", path, i), "unknown contact point %q", name)
				ok = false
			}
			for _, q := range ps {
				if !slices.Contains(pts, q) {
					pts = append(pts, q)
				}
			}
		}
		var grips []grip
		for _, name := range sortedKeys(k.Grips) {
			gpath := fmt.Sprintf("%s.grips.%s", path, name)
			hands, found := pointsNamed(name)
			for _, h := range hands {
				if li, isEnd := limbOf(h); li < 2 || !isEnd {
					found = false
				}
			}
			if !found {
				bad(gpath, "unknown hand or wrist %q", name)
				ok = false
				continue
			}
			targets, found := pointsNamed(k.Grips[name])
			if !found || len(targets) != 1 && len(targets) != len(hands) {
				bad(gpath, "unknown point %q to hold", k.Grips[name])
				ok = false
				continue
			}
			for i, h := range hands {
				tg := targets[min(i, len(targets)-1)]
				if hl, _ := limbOf(h); func() bool { tl, _ := limbOf(tg); return tl == hl }() {
					bad(gpath, "a hand cannot hold its own arm")
					ok = false
				}
				grips = append(grips, grip{h, tg})
			}
		}
		return p, pts, grips, ok
	}
	if c.Start.At != 0 {
		bad("start.at", "must be absent, got %g", c.Start.At)
	}
	startPose, startContacts, startGrips, ok := keyPose("start", &c.Start)
	allOK := ok
	phases := [3][]Keyframe{c.Up, c.Hold, c.Down}
	names := [3]string{PhaseUp, PhaseHold, PhaseDown}
	if n := len(c.Down); n == 0 || c.Down[n-1].At < 1 {
		phases[2] = append(slices.Clone(c.Down), Keyframe{At: 1, Pose: c.Start.Pose, Contacts: c.Start.Contacts})
	} else if c.Down[n-1].Pose != c.Start.Pose {
		bad(fmt.Sprintf("down[%d].pose", n-1), "must be the start pose %q, got %q", c.Start.Pose, c.Down[n-1].Pose)
	}
	type item struct {
		path     string
		name     string
		phase    int
		at       float64
		ease     Ease
		pose     Pose
		contacts []Point
		grips    []grip
	}
	var items []item
	for ph, ks := range phases {
		prev := 0.0
		for i := range ks {
			k := &ks[i]
			path := fmt.Sprintf("%s[%d]", names[ph], i)
			if k.At <= prev || k.At > 1 {
				bad(path+".at", "must be greater than %g and at most 1, got %g", prev, k.At)
			}
			prev = k.At
			p, cs, gs, ok := keyPose(path, k)
			allOK = allOK && ok
			ease := k.Ease
			if ease == "" {
				ease = EaseInOut
			}
			items = append(items, item{path, k.Pose, ph, k.At, ease, p, cs, gs})
		}
	}
	props := c.validateProps(bad)
	if !allOK {
		return errors.Join(errs...)
	}

	// Solve the keyframes into place in playing order, each planting the
	// contacts it shares with the one before where they were.
	check := func(path string, b *baked) {
		for j := Joint(0); j < NumJoints; j++ {
			lo, hi := s.RangeIn(view, j)
			if v := b.pose.Joints[j]; v < lo-0.5 || v > hi+0.5 {
				bad(path, "%s at %.1f after solving, outside its range %g..%g", j, v, lo, hi)
			}
		}
		for i, q := range b.pts.At {
			if h := q.Y - b.pts.Radius[i]; h < -FloorTolerance {
				bad(path, "%s is %.3f below the floor", Point(i), -h)
			}
		}
		for _, q := range b.contacts {
			if h := b.pts.At[q].Y - b.pts.Radius[q]; h > ContactTolerance {
				bad(path, "contact %s is %.3f above the floor", q, h)
			}
		}
	}
	first := baked{pose: startPose, contacts: startContacts, grips: startGrips}
	pts := first.pose.Points(s)
	low := math.Inf(1)
	for _, q := range startContacts {
		low = math.Min(low, pts.At[q].Y-pts.Radius[q])
	}
	first.pose.Root.Y -= low
	{
		// Ground the body by its trunk contacts if it has any, then bring
		// limb contacts down (or up) to the floor where they are.
		pts := first.pose.Points(s)
		low := math.Inf(1)
		for _, q := range startContacts {
			if trunk(q) {
				low = math.Min(low, pts.At[q].Y-pts.Radius[q])
			}
		}
		if !math.IsInf(low, 1) {
			first.pose.Root.Y -= low
			pts = first.pose.Points(s)
		}
		var cs []contact
		for _, q := range startContacts {
			if h := pts.At[q].Y - pts.Radius[q]; !trunk(q) && math.Abs(h) > ContactTolerance/2 {
				cs = append(cs, contact{q, Vec{pts.At[q].X, pts.Radius[q]}})
			}
		}
		f := s.frames(&first.pose)
		ext := extremities(&f)
		s.solve(&first.pose, cs, startGrips, &ext, false)
	}
	first.finish(s)
	check("start", &first)
	prev := first
	var keys [3][]baked
	for _, it := range items {
		if it.name == c.Start.Pose && slices.Equal(it.contacts, first.contacts) && slices.Equal(it.grips, first.grips) {
			// Back at the start: the very same pose, so reps join exactly.
			b := first
			b.at, b.ease = it.at, it.ease
			keys[it.phase] = append(keys[it.phase], b)
			prev = b
			continue
		}
		b := baked{at: it.at, ease: it.ease, pose: it.pose, contacts: it.contacts, grips: it.grips}
		b.pose.Root = prev.pose.Root
		var cs []contact
		for _, q := range it.contacts {
			if slices.Contains(prev.contacts, q) {
				cs = append(cs, contact{q, prev.pts.At[q]})
			}
		}
		shared := len(cs)
		f := s.frames(&b.pose)
		ext := extremities(&f)
		for i := range limbs {
			// A limb whose extremity stays planted keeps its angle.
			n := 0
			for _, cq := range cs {
				if li, isEnd := limbOf(cq.pt); li == i && isEnd {
					n++
				}
			}
			if n >= 2 {
				ext[i] = prev.ext[i]
			}
		}
		pts := b.pose.Points(s)
		switch shift, anchored := anchorShift(pts, cs); {
		case anchored:
			b.pose.Root = b.pose.Root.Add(shift)
		case len(cs) > 0:
			// Only hands and feet carry over: place the body by their
			// average; the limbs then reach for them.
			for _, cq := range cs {
				shift = shift.Add(cq.target.Sub(pts.At[cq.pt]))
			}
			b.pose.Root = b.pose.Root.Add(shift.Scale(1 / float64(len(cs))))
		default:
			low := math.Inf(1)
			for _, q := range it.contacts {
				low = math.Min(low, pts.At[q].Y-pts.Radius[q])
			}
			b.pose.Root.Y -= low
		}
		// Limb contacts new at this keyframe land on the floor where they are.
		pts = b.pose.Points(s)
		for _, q := range it.contacts {
			if li, _ := limbOf(q); li >= 0 && !slices.Contains(prev.contacts, q) {
				cs = append(cs, contact{q, Vec{pts.At[q].X, s.marks[q].radius}})
			}
		}
		s.solve(&b.pose, cs, it.grips, &ext, false)
		b.finish(s)
		for _, cq := range cs[:shared] {
			if d := b.pts.At[cq.pt].Sub(cq.target).Len(); d > ContactTolerance {
				bad(it.path, "contact %s moves %.3f from the previous keyframe (cannot reach)", cq.pt, d)
			}
		}
		check(it.path, &b)
		keys[it.phase] = append(keys[it.phase], b)
		prev = b
	}
	// Centre the start pose horizontally on x = 0.
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, q := range first.pts.At {
		lo = math.Min(lo, q.X-first.pts.Radius[i])
		hi = math.Max(hi, q.X+first.pts.Radius[i])
	}
	dx := -(lo + hi) / 2
	shift := func(b *baked) {
		b.pose.Root.X += dx
		b.finish(s)
	}
	shift(&first)
	for ph := range keys {
		for i := range keys[ph] {
			shift(&keys[ph][i])
		}
	}
	placeProps(props, &first.pts)
	c.start, c.keys, c.props = first, keys, props
	return errors.Join(errs...)
}

func (b *baked) finish(s *Skeleton) {
	f := s.frames(&b.pose)
	b.pts = s.points(&b.pose, &f)
	b.ext = extremities(&f)
}

// Sample returns the pose at a fraction progress (0..1) of phase, one of
// PhaseStart, PhaseUp, PhaseHold and PhaseDown; any other phase gives the
// start pose. Contacts shared by the keyframes either side stay planted.
// Sample validates the clip first if needed; an invalid clip gives the zero
// Pose.
func (c *Clip) Sample(phase string, progress float64) Pose {
	if c.Validate() != nil {
		return Pose{}
	}
	return c.sample(phase, progress)
}

func (c *Clip) sample(phase string, progress float64) Pose {
	var ph int
	switch phase {
	case PhaseUp:
		ph = 0
	case PhaseHold:
		ph = 1
	case PhaseDown:
		ph = 2
	default:
		return c.start.pose
	}
	a := c.entry(ph)
	t := math.Max(0, math.Min(1, progress))
	for i := range c.keys[ph] {
		b := &c.keys[ph][i]
		if t <= b.at {
			return c.between(a, b, b.ease.At((t-a.at)/(b.at-a.at)))
		}
		a = b
	}
	return a.pose
}

// entry returns the pose a phase starts from, with its time set to 0.
func (c *Clip) entry(ph int) *baked {
	for p := ph - 1; p >= 0; p-- {
		if n := len(c.keys[p]); n > 0 {
			b := c.keys[p][n-1]
			b.at = 0
			return &b
		}
	}
	b := c.start
	b.at = 0
	return &b
}

// between blends keyframes a and b at eased fraction t, planting the
// contacts they share.
func (c *Clip) between(a, b *baked, t float64) Pose {
	if t <= 0 {
		return a.pose
	}
	if t >= 1 {
		return b.pose
	}
	s := Standard()
	p := lerpPose(&a.pose, &b.pose, t)
	var buf [NumPoints]contact
	cs := buf[:0]
	for _, q := range b.contacts {
		if slices.Contains(a.contacts, q) {
			cs = append(cs, contact{q, a.pts.At[q].Lerp(b.pts.At[q], t)})
		}
	}
	var gbuf [4]grip
	gs := gbuf[:0]
	for _, g := range b.grips {
		if slices.Contains(a.grips, g) {
			gs = append(gs, g)
		}
	}
	var ext extremity
	for i := range ext {
		ext[i].mid = a.ext[i].mid + wrap((b.ext[i].mid-a.ext[i].mid)/deg)*deg*t
		ext[i].end = a.ext[i].end + wrap((b.ext[i].end-a.ext[i].end)/deg)*deg*t
	}
	s.solve(&p, cs, gs, &ext, true)
	return p
}

// jointsNamed resolves a joint name; a name without a side gives both.
func jointsNamed(name string) ([]Joint, bool) {
	var js []Joint
	for j := Joint(0); j < NumJoints; j++ {
		if n := j.String(); n == name || strings.TrimSuffix(strings.TrimSuffix(n, "_near"), "_far") == name && n != name {
			js = append(js, j)
		}
	}
	return js, len(js) > 0
}

// pointsNamed resolves a point name; a name without a side gives both.
func pointsNamed(name string) ([]Point, bool) {
	var ps []Point
	for p := Point(0); p < NumPoints; p++ {
		if n := p.String(); n == name || strings.TrimSuffix(strings.TrimSuffix(n, "_near"), "_far") == name && n != name {
			ps = append(ps, p)
		}
	}
	return ps, len(ps) > 0
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Bounds returns the smallest rectangle holding the body (its points and
// their radii) at every keyframe of the clip, on either side (as Pose.Mirror
// shows it), and its chair or wall. It is empty for an invalid clip.
func (c *Clip) Bounds() (lo, hi Vec) {
	if c.Validate() != nil {
		return Vec{}, Vec{}
	}
	lo = Vec{math.Inf(1), math.Inf(1)}
	hi = Vec{math.Inf(-1), math.Inf(-1)}
	grow := func(b *baked) {
		mirrored := b.pose.Mirror().Points(Standard())
		for _, pts := range [2]*Points{&b.pts, &mirrored} {
			for i, q := range pts.At {
				r := pts.Radius[i]
				lo = Vec{math.Min(lo.X, q.X-r), math.Min(lo.Y, q.Y-r)}
				hi = Vec{math.Max(hi.X, q.X+r), math.Max(hi.Y, q.Y+r)}
			}
		}
	}
	grow(&c.start)
	for _, p := range c.props {
		if p.Kind != Strap {
			lo = Vec{math.Min(lo.X, p.Box[0].X), math.Min(lo.Y, p.Box[0].Y)}
			hi = Vec{math.Max(hi.X, p.Box[1].X), math.Max(hi.Y, p.Box[1].Y)}
		}
	}
	for ph := range c.keys {
		for i := range c.keys[ph] {
			grow(&c.keys[ph][i])
		}
	}
	return lo, hi
}
