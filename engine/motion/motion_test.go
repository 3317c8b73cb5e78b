package motion_test

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/motion"
)

func decodeFile(t *testing.T, name string) (*motion.Clip, error) {
	t.Helper()
	f, err := os.Open(name)
	require.NoError(t, err)
	defer f.Close()
	return motion.DecodeClip(f)
}

func TestInvalidClips(t *testing.T) {
	tests := []struct {
		file string
		want []string // substrings of the error
	}{
		{"unknown-joint.json", []string{`poses.lying.joints.kne: unknown joint "kne"`}},
		{"times-not-increasing.json", []string{"up[1].at: must be greater than 0.6 and at most 1, got 0.4"}},
		{"angle-out-of-range.json", []string{"poses.lying.joints.knee_near: 170 outside the joint's range 0..160"}},
		{"unknown-contact.json", []string{`start.contacts[2]: unknown contact point "toes"`}},
		{"unknown-pose.json", []string{`up[0].pose: unknown pose "tpo"`}},
		{"down-not-home.json", []string{`down[0].pose: must be the start pose "lying", got "top"`}},
		{"contact-off-floor.json", []string{"start: contact neck is", "above the floor"}},
		{"below-floor.json", []string{"start: head is", "below the floor"}},
		{"unknown-field.json", []string{`unknown field "speed"`}},
		{"bad-view.json", []string{`view: unknown view "top" (want side or front)`}},
		{"bad-twist-roll.json", []string{"poses.twisted.twist: 60 outside the range -45..45", "poses.twisted.roll: -80 outside the range -70..70"}},
		{"front-twist.json", []string{"poses.side.roll: only in the side view", "poses.side.joints.hip: 60 outside the joint's range -25..45"}},
		{"bad-arm-turns.json", []string{"poses.out.joints.abduct: 130 outside the range -30..120", "poses.out.joints.elbow_out_far: -10 outside the range 0..90"}},
		{"front-abduct.json", []string{"poses.side.joints.abduct_near: only in the side view"}},
		{"side-forearm-turn.json", []string{"poses.lying.joints.forearm_turn_near: only in the front view"}},
		{"unknown-prop.json", []string{`props[0].kind: unknown prop "ball"`, `props[1]: unknown point "hand" for a strap end`}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			c, err := decodeFile(t, filepath.Join("testdata", "invalid", tt.file))
			if err == nil {
				err = c.Validate()
			}
			require.Error(t, err, "Validate(%s) = nil, want an error", tt.file)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w, "Validate(%s)", tt.file)
			}
		})
	}
}

func TestValidClip(t *testing.T) {
	c, err := decodeFile(t, filepath.Join("testdata", "valid.json"))
	require.NoError(t, err)
	require.NoError(t, c.Validate())
	s := motion.Standard()
	start := c.Sample(motion.PhaseStart, 0).Points(s)
	top := c.Sample(motion.PhaseHold, 0).Points(s)
	// The feet stay put while the hips rise.
	for _, p := range []motion.Point{motion.PtHeelNear, motion.PtToeNear, motion.PtHeelFar} {
		assert.InDelta(t, 0, top.At[p].Sub(start.At[p]).Len(), 1e-6, "Sample(hold, 0) %s moved", p)
	}
	assert.Greater(t, top.At[motion.PtPelvis].Y, start.At[motion.PtPelvis].Y+0.08, "Sample(hold, 0) pelvis height")
	// An unknown phase shows the start pose; an invalid clip the zero pose.
	assert.Equal(t, c.Sample(motion.PhaseStart, 0), c.Sample("rest", 0.3), `Sample("rest", 0.3)`)
	bad, err := decodeFile(t, filepath.Join("testdata", "invalid", "unknown-joint.json"))
	require.NoError(t, err)
	assert.Equal(t, motion.Pose{}, bad.Sample(motion.PhaseUp, 0.5), "Sample on an invalid clip")
}

func TestStandingProportions(t *testing.T) {
	s := motion.Standard()
	p := motion.Pose{Root: motion.Vec{X: 0, Y: 0.53}}
	pts := p.Points(s)
	tests := []struct {
		p    motion.Point
		want float64 // height above the floor
	}{
		{motion.PtKneeNear, 0.285},
		{motion.PtAnkleNear, 0.039},
		{motion.PtHeelNear, 0.011},
		{motion.PtShoulderNear, 0.82},
		{motion.PtWristNear, 0.488},
		{motion.PtNeckBase, 0.86},
	}
	for _, tt := range tests {
		assert.InDelta(t, tt.want, pts.At[tt.p].Y, 0.002, "standing %s height", tt.p)
	}
	top := pts.At[motion.PtHead].Y + s.Radius(motion.PtHead)
	assert.InDelta(t, 1.0, top, 0.015, "standing top of head")
	assert.Greater(t, pts.At[motion.PtToeNear].X, pts.At[motion.PtHeelNear].X, "feet point forward (+x)")
}

func TestJointSigns(t *testing.T) {
	// Flexion moves limbs the anatomical way for a body facing +x.
	s := motion.Standard()
	base := motion.Pose{Root: motion.Vec{Y: 0.53}}
	tests := []struct {
		j     motion.Joint
		angle float64
		p     motion.Point
		dx    float64 // sign of the x movement
	}{
		{motion.HipNear, 90, motion.PtKneeNear, 1},
		{motion.KneeNear, 90, motion.PtAnkleNear, -1},
		{motion.ShoulderNear, 90, motion.PtElbowNear, 1},
		{motion.ElbowNear, 90, motion.PtWristNear, 1},
		{motion.Lumbar, 30, motion.PtNeckBase, 1},
		{motion.Neck, 30, motion.PtHead, 1},
	}
	for _, tt := range tests {
		p := base
		p.Joints[tt.j] = tt.angle
		moved := p.Points(s).At[tt.p].X - base.Points(s).At[tt.p].X
		assert.Greater(t, moved*tt.dx, 0.01, "%s=%g moves %s by %.3f in x", tt.j, tt.angle, tt.p, moved)
	}
}

func TestMirror(t *testing.T) {
	var p motion.Pose
	p.Joints[motion.HipNear] = 80
	p.Joints[motion.ElbowFar] = 20
	m := p.Mirror()
	assert.Equal(t, 80.0, m.Joints[motion.HipFar], "Mirror() hip_far")
	assert.Equal(t, 20.0, m.Joints[motion.ElbowNear], "Mirror() elbow_near")
	assert.Equal(t, 0.0, m.Joints[motion.HipNear], "Mirror() hip_near")
	assert.Equal(t, p, m.Mirror(), "Mirror().Mirror()")
	p.Twist, p.Roll, p.View = 30, -20, motion.Front
	assert.Equal(t, -30.0, p.Mirror().Twist, "Mirror() twist")
	assert.Equal(t, 20.0, p.Mirror().Roll, "Mirror() roll")
	assert.Equal(t, p, p.Mirror().Mirror(), "Mirror().Mirror() in the front view")
	p.Abduct, p.ElbowOut = [2]float64{60, 10}, [2]float64{0, 40}
	assert.Equal(t, [2]float64{10, 60}, p.Mirror().Abduct, "Mirror() abduct")
	assert.Equal(t, [2]float64{40, 0}, p.Mirror().ElbowOut, "Mirror() elbow out")
	p.ForearmTurn = [2]float64{45, 0}
	assert.Equal(t, [2]float64{0, 45}, p.Mirror().ForearmTurn, "Mirror() forearm turn")
}

func TestEase(t *testing.T) {
	for _, e := range []motion.Ease{motion.Linear, motion.EaseIn, motion.EaseOut, motion.EaseInOut} {
		assert.Equal(t, 0.0, e.At(0), "%s.At(0)", e)
		assert.Equal(t, 1.0, e.At(1), "%s.At(1)", e)
		assert.Equal(t, 1.0, e.At(1.5), "%s.At(1.5)", e)
		prev := 0.0
		for i := 1; i <= 20; i++ {
			v := e.At(float64(i) / 20)
			assert.GreaterOrEqual(t, v, prev, "%s.At(%v) must not decrease", e, float64(i)/20)
			prev = v
		}
	}
	assert.Equal(t, 0.5, motion.EaseInOut.At(0.5), "EaseInOut.At(0.5)")
}

func TestNames(t *testing.T) {
	seen := map[string]bool{}
	for j := motion.Joint(0); j < motion.NumJoints; j++ {
		assert.False(t, seen[j.String()], "duplicate joint name %s", j)
		seen[j.String()] = true
	}
	for p := motion.Point(0); p < motion.NumPoints; p++ {
		assert.NotEqual(t, "point?", p.String(), "Point(%d).String()", p)
	}
}

func TestProps(t *testing.T) {
	c, err := decodeFile(t, filepath.Join("testdata", "valid.json"))
	require.NoError(t, err)
	assert.Empty(t, c.PlacedProps(), "PlacedProps() of a clip without props")

	c, err = decodeFile(t, filepath.Join("testdata", "valid.json"))
	require.NoError(t, err)
	c.Props = []motion.PropSpec{{Kind: motion.Wall}, {Kind: motion.Strap, From: "hand_near", To: "toe_near"}}
	require.NoError(t, c.Validate())
	props := c.PlacedProps()
	require.Len(t, props, 2, "PlacedProps()")
	start := c.Sample(motion.PhaseStart, 0).Points(motion.Standard())
	wall := props[0]
	assert.LessOrEqual(t, wall.Box[1].X, start.At[motion.PtHead].X-start.Radius[motion.PtHead]+1e-9,
		"the wall %v stands behind the head", wall.Box)
	assert.Equal(t, motion.PtHandNear, props[1].From, "strap From")
	assert.Equal(t, motion.PtToeNear, props[1].To, "strap To")
	lo, _ := c.Bounds()
	assert.LessOrEqual(t, lo.X, wall.Box[0].X, "Bounds() holds the wall")
}

func TestTwist(t *testing.T) {
	s := motion.Standard()
	sit := motion.Pose{Root: motion.Vec{Y: 0.5}}
	sit.Joints[motion.HipNear], sit.Joints[motion.HipFar] = 90, 90
	sit.Joints[motion.KneeNear], sit.Joints[motion.KneeFar] = 90, 90
	turned := sit
	turned.Twist = 40
	a, b := sit.Points(s), turned.Points(s)
	shift := motion.ShoulderHalfWidth * math.Sin(40*math.Pi/180)
	tests := []struct {
		p  motion.Point
		dx float64 // how far the twist moves it forward (+x)
	}{
		{motion.PtShoulderNear, -shift},
		{motion.PtShoulderFar, shift},
		{motion.PtChest, 0},
		{motion.PtPelvis, 0},
		{motion.PtKneeNear, 0},
	}
	for _, tt := range tests {
		assert.InDelta(t, tt.dx, b.At[tt.p].X-a.At[tt.p].X, 1e-9, "Twist=40 moves %s by x", tt.p)
		assert.InDelta(t, a.At[tt.p].Y, b.At[tt.p].Y, 1e-9, "Twist=40 keeps %s's height", tt.p)
	}
	assert.Greater(t, b.Z[motion.PtHandFar], a.Z[motion.PtHandFar], "Twist=40 brings the far hand towards the viewer")
	assert.Equal(t, 40.0, b.Facing, "Twist=40 Facing")
}

func TestRoll(t *testing.T) {
	s := motion.Standard()
	lying := motion.Pose{Root: motion.Vec{Y: 0.072}, Angle: 90}
	lying.Joints[motion.HipNear], lying.Joints[motion.HipFar] = 50, 50
	lying.Joints[motion.KneeNear], lying.Joints[motion.KneeFar] = 114, 114
	for _, roll := range []float64{50, -50} {
		dropped := lying
		dropped.Roll = roll
		a, b := lying.Points(s), dropped.Points(s)
		for _, p := range []motion.Point{motion.PtAnkleNear, motion.PtHeelNear, motion.PtToeFar, motion.PtPelvis, motion.PtChest} {
			assert.Equal(t, a.At[p], b.At[p], "Roll=%g moves %s", roll, p)
		}
		lead, trail := motion.PtKneeNear, motion.PtKneeFar
		if roll < 0 {
			lead, trail = trail, lead
		}
		assert.Less(t, b.At[lead].Y, a.At[lead].Y-0.05, "Roll=%g lowers the leading knee", roll)
		assert.Greater(t, b.At[trail].Y, b.At[lead].Y+0.01, "Roll=%g stacks the trailing knee on top", roll)
		assert.Equal(t, roll > 0, b.Z[lead] > a.Z[lead], "Roll=%g moves the leading knee towards the viewer", roll)
	}
}

func TestFrontView(t *testing.T) {
	s := motion.Standard()
	stand := motion.Pose{Root: motion.Vec{Y: 0.53}, View: motion.Front}
	pts := stand.Points(s)
	assert.InDelta(t, -motion.ShoulderHalfWidth, pts.At[motion.PtShoulderNear].X, 1e-9, "front: the near (right) shoulder is on the viewer's left")
	assert.InDelta(t, motion.HipHalfWidth, pts.Hip[1].X, 1e-9, "front: the far hip")
	assert.Equal(t, 90.0, pts.Facing, "front: Facing")

	bent := stand
	bent.Joints[motion.ElbowNear] = 90
	bent.Joints[motion.KneeFar] = 90
	bent.Joints[motion.ShoulderFar] = 90 // abduction: the arm out to the side
	b := bent.Points(s)
	assert.InDelta(t, b.At[motion.PtElbowNear].X, b.At[motion.PtWristNear].X, 1e-9, "front: elbow 90 points the forearm at the viewer (x)")
	assert.InDelta(t, b.At[motion.PtElbowNear].Y, b.At[motion.PtWristNear].Y, 1e-9, "front: elbow 90 points the forearm at the viewer (y)")
	assert.InDelta(t, s.Bones[motion.ElbowNear].Length, b.Z[motion.PtWristNear], 1e-9, "front: elbow 90 wrist depth")
	assert.Less(t, b.Z[motion.PtAnkleFar], -0.2, "front: knee 90 sends the shin away from the viewer")
	assert.InDelta(t, b.At[motion.PtShoulderFar].Y, b.At[motion.PtElbowFar].Y, 1e-9, "front: shoulder 90 lifts the far arm level")
	assert.Greater(t, b.At[motion.PtElbowFar].X, b.At[motion.PtShoulderFar].X, "front: the far arm goes out to the viewer's right")

	// Mirroring a front view reflects the picture about x = 0.
	bent.Angle, bent.Root.X = 20, 0.1
	bent.Joints[motion.Lumbar] = 10
	m := bent.Mirror().Points(s)
	b = bent.Points(s)
	for _, p := range []motion.Point{motion.PtHead, motion.PtWristNear, motion.PtAnkleFar} {
		q := p
		switch p {
		case motion.PtWristNear:
			q = motion.PtWristFar
		case motion.PtAnkleFar:
			q = motion.PtAnkleNear
		}
		assert.InDelta(t, -b.At[p].X, m.At[q].X, 1e-9, "Mirror() reflects %s (x)", p)
		assert.InDelta(t, b.At[p].Y, m.At[q].Y, 1e-9, "Mirror() reflects %s (y)", p)
	}
}

// dist3Of is the distance between points p and q of pts in 3D.
func dist3Of(pts *motion.Points, p, q motion.Point) float64 {
	return math.Sqrt(math.Pow(pts.At[p].X-pts.At[q].X, 2) + math.Pow(pts.At[p].Y-pts.At[q].Y, 2) + math.Pow(pts.Z[p]-pts.Z[q], 2))
}

func TestAbduct(t *testing.T) {
	s := motion.Standard()
	// Lying on the back with the arms pointing at the ceiling.
	lying := motion.Pose{Root: motion.Vec{Y: 0.072}, Angle: 90}
	lying.Joints[motion.ShoulderNear], lying.Joints[motion.ShoulderFar] = 90, 90
	out := lying
	out.Abduct = [2]float64{90, 90}
	a, b := lying.Points(s), out.Points(s)
	for _, arm := range []struct {
		shoulder, elbow, wrist, hand motion.Point
		side                         float64 // +1 near (towards the viewer)
	}{
		{motion.PtShoulderNear, motion.PtElbowNear, motion.PtWristNear, motion.PtHandNear, 1},
		{motion.PtShoulderFar, motion.PtElbowFar, motion.PtWristFar, motion.PtHandFar, -1},
	} {
		assert.Equal(t, a.At[arm.shoulder], b.At[arm.shoulder], "Abduct=90 moves %s", arm.shoulder)
		for _, p := range []motion.Point{arm.elbow, arm.wrist, arm.hand} {
			// Square out to the side: the arm points at (or away from) the
			// viewer, so its picture shrinks to the shoulder.
			assert.InDelta(t, a.At[arm.shoulder].X, b.At[p].X, 1e-9, "Abduct=90 %s x", p)
			assert.InDelta(t, a.At[arm.shoulder].Y, b.At[p].Y, 1e-9, "Abduct=90 %s y", p)
			want := a.At[p].Y - a.At[arm.shoulder].Y // how far above the shoulder it was
			assert.InDelta(t, arm.side*want, b.Z[p]-b.Z[arm.shoulder], 1e-9, "Abduct=90 %s depth", p)
		}
		assert.InDelta(t, s.Bones[motion.ShoulderNear].Length, dist3Of(&b, arm.shoulder, arm.elbow), 1e-9, "Abduct=90 upper arm length")
		assert.InDelta(t, s.Bones[motion.ElbowNear].Length, dist3Of(&b, arm.elbow, arm.wrist), 1e-9, "Abduct=90 forearm length")
	}
	// An arm along the body lies on the turning axis and does not move.
	along := motion.Pose{Root: motion.Vec{Y: 0.53}, Abduct: [2]float64{70, 70}}
	rest := motion.Pose{Root: motion.Vec{Y: 0.53}}
	for p := range rest.Points(s).At {
		assert.InDelta(t, 0, rest.Points(s).At[p].Sub(along.Points(s).At[p]).Len(), 1e-9, "Abduct=70 on an arm hanging along the body moves %s", motion.Point(p))
	}
}

func TestElbowOut(t *testing.T) {
	s := motion.Standard()
	// Standing, the forearms forward: elbows bent 90.
	bent := motion.Pose{Root: motion.Vec{Y: 0.53}}
	bent.Joints[motion.ElbowNear], bent.Joints[motion.ElbowFar] = 90, 90
	out := bent
	out.ElbowOut = [2]float64{60, 60}
	a, b := bent.Points(s), out.Points(s)
	for _, arm := range []struct {
		shoulder, elbow, wrist, hand motion.Point
		side                         float64
	}{
		{motion.PtShoulderNear, motion.PtElbowNear, motion.PtWristNear, motion.PtHandNear, 1},
		{motion.PtShoulderFar, motion.PtElbowFar, motion.PtWristFar, motion.PtHandFar, -1},
	} {
		for _, p := range []motion.Point{arm.shoulder, arm.wrist, arm.hand} {
			assert.Equal(t, a.At[p], b.At[p], "ElbowOut=60 moves %s", p)
			assert.Equal(t, a.Z[p], b.Z[p], "ElbowOut=60 moves %s in depth", p)
		}
		assert.Greater(t, arm.side*(b.Z[arm.elbow]-a.Z[arm.elbow]), 0.05, "ElbowOut=60 takes %s out to its side", arm.elbow)
		assert.InDelta(t, s.Bones[motion.ShoulderNear].Length, dist3Of(&b, arm.shoulder, arm.elbow), 1e-9, "ElbowOut=60 upper arm length")
		assert.InDelta(t, s.Bones[motion.ElbowNear].Length, dist3Of(&b, arm.elbow, arm.wrist), 1e-9, "ElbowOut=60 forearm length")
	}
	// A straight arm has no elbow to swing.
	straight := motion.Pose{Root: motion.Vec{Y: 0.53}, ElbowOut: [2]float64{60, 60}}
	rest := motion.Pose{Root: motion.Vec{Y: 0.53}}
	for p := range rest.Points(s).At {
		assert.InDelta(t, 0, rest.Points(s).At[p].Sub(straight.Points(s).At[p]).Len(), 1e-9, "ElbowOut=60 on a straight arm moves %s", motion.Point(p))
	}
}

// TestAbductPlantsHands checks that hands planted on the floor stay where
// they are while abducted arms press the chest up.
func TestAbductPlantsHands(t *testing.T) {
	c, err := motion.ParseClip([]byte(`{"schema": 1, "id": "x",
 "poses": {"down": {"angle": -90, "joints": {"shoulder": 52, "elbow": 141, "wrist": 15, "abduct": 57, "elbow_out": 45}},
  "up": {"angle": -70, "joints": {"lumbar": -20, "hip": -20, "abduct": 25}}},
 "start": {"pose": "down", "contacts": ["pelvis", "chest", "toe", "wrist", "hand"]},
 "up": [{"at": 1, "pose": "up", "contacts": ["pelvis", "toe", "wrist", "hand"]}]}`))
	require.NoError(t, err)
	require.NoError(t, c.Validate())
	s := motion.Standard()
	start := c.Sample(motion.PhaseStart, 0).Points(s)
	for _, x := range []float64{0.3, 0.7, 1} {
		p := c.Sample(motion.PhaseUp, x)
		pts := p.Points(s)
		// The wrist stays exactly where it was; the hand, which cannot turn
		// out of the arm's plane, keeps its direction and stays within
		// the contact tolerance.
		for _, q := range []struct {
			p   motion.Point
			tol float64
		}{
			{motion.PtWristNear, 1e-9}, {motion.PtWristFar, 1e-9},
			{motion.PtHandNear, motion.ContactTolerance / 2}, {motion.PtHandFar, motion.ContactTolerance / 2},
		} {
			assert.InDelta(t, 0, pts.At[q.p].Sub(start.At[q.p]).Len(), q.tol, "Sample(up, %g) %s moved", x, q.p)
		}
	}
	top := c.Sample(motion.PhaseUp, 1).Points(s)
	assert.Greater(t, top.At[motion.PtChest].Y, start.At[motion.PtChest].Y+0.05, "Sample(up, 1) chest height")
}

func TestForearmTurn(t *testing.T) {
	s := motion.Standard()
	// Seen from the front, lying on the near side with the head to the
	// left, propped on the near forearm pointing at the viewer.
	propped := motion.Pose{Root: motion.Vec{Y: 0.2}, Angle: 72, View: motion.Front}
	propped.Joints[motion.ShoulderNear], propped.Joints[motion.ElbowNear] = 90, 90
	turned := propped
	turned.ForearmTurn[0] = 45
	a, b := propped.Points(s), turned.Points(s)
	for _, p := range []motion.Point{motion.PtShoulderNear, motion.PtElbowNear, motion.PtWristFar, motion.PtHead} {
		assert.Equal(t, a.At[p], b.At[p], "ForearmTurn=45 moves %s", p)
	}
	for _, p := range []motion.Point{motion.PtWristNear, motion.PtHandNear} {
		assert.InDelta(t, a.At[p].Y, b.At[p].Y, 1e-9, "ForearmTurn=45 keeps %s's height", p)
	}
	e := b.At[motion.PtElbowNear]
	want := s.Bones[motion.ElbowNear].Length * math.Sin(45*math.Pi/180)
	assert.InDelta(t, -want, b.At[motion.PtWristNear].X-e.X, 1e-9, "ForearmTurn=45 turns the wrist towards the head (-x)")
	assert.InDelta(t, s.Bones[motion.ElbowNear].Length, dist3Of(&b, motion.PtElbowNear, motion.PtWristNear), 1e-9, "ForearmTurn=45 forearm length")
	// Mirrored, the head is on the right and so is the turned forearm.
	m := turned.Mirror().Points(s)
	assert.InDelta(t, want, m.At[motion.PtWristFar].X-m.At[motion.PtElbowFar].X, 1e-9, "Mirror() of ForearmTurn=45 wrist x")
}
