package motion

import "math"

// Pose places the body: the root (the hip joint centre) in the world, the
// whole body's rotation, and every joint's angle.
type Pose struct {
	// Root is the world position of the hip joint centre.
	Root Vec
	// Angle rotates the whole body counter-clockwise from standing upright
	// facing +x, in degrees (90: lying on the back, head to the left).
	Angle float64
	// Joints holds each joint's anatomical angle in degrees.
	Joints [NumJoints]float64
	// View is the plane the angles are read in (see View).
	View View
	// Twist turns the chest, shoulders and head about the thoracic spine's
	// long axis, in degrees (Side view only): positive turns the chest
	// towards the viewer, so the near shoulder goes back and the far one
	// comes forward (a seated twist). It is applied after the contacts are
	// solved, so it suits poses whose hands rest on the body; Validate
	// reports a hand on the floor that it moves.
	Twist float64
	// Roll swings both knees about the line from hip to ankle, in degrees
	// (Side view only): positive drops them towards the viewer, so thighs
	// and shins look shorter and the knees sink, while the feet stay put (a
	// lower trunk rotation). The knees keep their rest gap, so the trailing
	// knee rides on top of the leading one.
	Roll float64
	// Abduct turns each whole arm (near, far) out to its own side, in
	// degrees (Side view only): a rotation about the line through the
	// shoulder joint along the thoracic spine, so an arm held forward of
	// the chest swings out sideways (arms out to the sides in a T, lying on
	// the back) and its picture shortens, while an arm along the body does
	// not move. The contact solver reaches with the turned arm, so a
	// planted wrist stays exactly where it was; the hand, which cannot turn
	// out of the arm's plane, keeps its direction in the picture and stays
	// within a few thousandths when the thorax or the abduction changes.
	Abduct [2]float64
	// ElbowOut swings each elbow (near, far) about the line from its
	// shoulder to its wrist, in degrees (Side view only): positive takes it
	// out to its own side, as abducting the shoulder does to a bent arm
	// whose hand is planted (the elbows of a press-up). Shoulder, wrist and
	// hand stay put, so planted hands stay planted; a straight arm does not
	// change.
	ElbowOut [2]float64
	// ForearmTurn swings each forearm and hand (near, far) about the
	// vertical line through the elbow, in degrees (Front view only):
	// positive turns them towards the side the head is on. A forearm lying
	// on the mat pointing at the viewer (a side plank's) then points
	// partly along the mat and shows in the picture; it stays on the
	// floor, since the turn keeps every height.
	ForearmTurn [2]float64
}

// Points holds the world position of every landmark of a posed body and
// the body's half-thickness there, as the viewer sees them. The picture is
// flat (x, y); Z is each point's depth, positive towards the viewer, so
// that a point's 3D position is (At.X, At.Y, Z).
type Points struct {
	At     [NumPoints]Vec
	Radius [NumPoints]float64
	Z      [NumPoints]float64
	// Hip is the near and far hip joint, where each thigh starts, and HipZ
	// their depths. Seen from the side both are at the pelvis point.
	Hip  [2]Vec
	HipZ [2]float64
	// View is the view the pose was seen in.
	View View
	// Facing is how far the face is turned from the side towards the
	// viewer, in degrees: 0 in profile, 90 seen from the front, the twist
	// in between.
	Facing float64
}

// frame is a segment's start and direction. Its direction is a in the
// picture (radians, counter-clockwise from +x), tipped by tilt towards the
// viewer when the segment is a hinge bent out of the picture (out): a
// limb's lower part seen from the front.
type frame struct {
	o    Vec
	z    float64
	a    float64
	tilt float64
	out  bool
}

// point returns the position and depth of the point along the frame and
// across it (counter-clockwise of it, in its bending plane).
func (f frame) point(along, across float64) (Vec, float64) {
	s, c := math.Sincos(f.a)
	if !f.out {
		return Vec{f.o.X + c*along - s*across, f.o.Y + s*along + c*across}, f.z
	}
	st, ct := math.Sincos(f.tilt)
	in := along*ct - across*st
	return Vec{f.o.X + c*in, f.o.Y + s*in}, f.z + along*st + across*ct
}

const deg = math.Pi / 180

// frames runs forward kinematics: every segment's start and direction.
// Shoulders and hips sit a half-width to the side of the spine: in depth
// seen from the side, across the picture seen from the front.
func (s *Skeleton) frames(p *Pose) (f [numSegments]frame) {
	f[segPelvis] = frame{o: p.Root, a: (90 + p.Angle) * deg}
	for j := Joint(0); j < NumJoints; j++ {
		b := &s.Bones[j]
		parent := f[segment(b.Parent)]
		o, z := parent.point(b.Attach, 0)
		fr := frame{o: o, z: z, a: parent.a, tilt: parent.tilt, out: parent.out}
		var half float64
		switch j {
		case ShoulderNear, ShoulderFar:
			half = ShoulderHalfWidth * side(j)
		case HipNear, HipFar:
			half = HipHalfWidth * side(j)
		}
		switch {
		case p.View != Front:
			fr.z += half
			fr.a += (b.Rest + b.Sign*p.Joints[j]) * deg
		case hinge(j):
			fr.tilt += (b.Rest + b.Sign*p.Joints[j]) * deg
			fr.out = true
		default:
			fr.o, _ = parent.point(b.Attach, half)
			fr.a += (b.Rest + s.frontSign(j)*p.Joints[j]) * deg
		}
		f[j] = fr
	}
	return f
}

// frontSign is how a frontal-plane joint angle turns its bone in the Front
// view: lateral flexion bends the spine towards the near side, which is
// counter-clockwise of it; abduction takes a near limb clockwise, away from
// the body, and a far limb counter-clockwise.
func (s *Skeleton) frontSign(j Joint) float64 {
	if sd := side(j); sd != 0 {
		return -sd
	}
	return 1
}

// jointSign is how joint j's angle turns its bone in the picture in view v.
func (s *Skeleton) jointSign(v View, j Joint) float64 {
	if v == Front && !hinge(j) {
		return s.frontSign(j)
	}
	return s.Bones[j].Sign
}

func (s *Skeleton) points(p *Pose, f *[numSegments]frame) (pts Points) {
	pts.View = p.View
	switch p.View {
	case Side:
		pts.Facing = p.Twist
	case Front:
		pts.Facing = 90
	}
	for i := range s.marks {
		m := &s.marks[i]
		pts.At[i], pts.Z[i] = f[m.seg].point(m.along, m.across)
		pts.Radius[i] = m.radius
		if p.View == Front {
			pts.Radius[i] = m.wide
		}
	}
	for i, j := range [2]Joint{HipNear, HipFar} {
		pts.Hip[i], pts.HipZ[i] = f[j].o, f[j].z
	}
	// The shoulder points are the shoulder joints.
	pts.At[PtShoulderNear], pts.Z[PtShoulderNear] = f[ShoulderNear].o, f[ShoulderNear].z
	pts.At[PtShoulderFar], pts.Z[PtShoulderFar] = f[ShoulderFar].o, f[ShoulderFar].z
	if p.View == Side {
		s.roll(p, &pts)
		s.elbowOut(p, &pts)
		s.abduct(p, f, &pts)
		s.twist(p, f, &pts)
	} else {
		s.forearmTurn(p, f, &pts)
	}
	return pts
}

// forearmTurn swings each forearm and hand about the vertical through its
// elbow by the pose's ForearmTurn, towards the head's side of the picture.
func (s *Skeleton) forearmTurn(p *Pose, f *[numSegments]frame, pts *Points) {
	if p.ForearmTurn == [2]float64{} {
		return
	}
	head := 1.0
	if math.Cos(f[Thoracic].a) < 0 {
		head = -1
	}
	for i, arm := range arms {
		if p.ForearmTurn[i] == 0 {
			continue
		}
		sn, cs := math.Sincos(p.ForearmTurn[i] * deg)
		sn *= head
		e, ez := pts.At[arm[1]], pts.Z[arm[1]]
		for _, q := range arm[2:] {
			dx, dz := pts.At[q].X-e.X, pts.Z[q]-ez
			pts.At[q].X = e.X + dx*cs + dz*sn
			pts.Z[q] = ez - dx*sn + dz*cs
		}
	}
}

// arms lists each arm's points from the shoulder out, near arm first.
var arms = [2][4]Point{
	{PtShoulderNear, PtElbowNear, PtWristNear, PtHandNear},
	{PtShoulderFar, PtElbowFar, PtWristFar, PtHandFar},
}

// armSide is +1 for the near arm (i = 0), whose own side is towards the
// viewer, and -1 for the far arm.
func armSide(i int) float64 { return 1 - 2*float64(i) }

// elbowOut swings each elbow about its shoulder-to-wrist line by the
// pose's ElbowOut, like roll swings a knee: the elbow stays on the circle
// that keeps both bone lengths, and nothing else moves.
func (s *Skeleton) elbowOut(p *Pose, pts *Points) {
	for i, arm := range arms {
		if p.ElbowOut[i] == 0 {
			continue
		}
		sh, el, wr := arm[0], arm[1], arm[2]
		axis := unit(pts.At[wr].Sub(pts.At[sh]))
		d := pts.At[el].Sub(pts.At[sh])
		along := axis.Scale(d.X*axis.X + d.Y*axis.Y)
		perp := d.Sub(along)
		sn, cs := math.Sincos(p.ElbowOut[i] * deg)
		pts.At[el] = pts.At[sh].Add(along).Add(perp.Scale(cs))
		pts.Z[el] = pts.Z[sh] + armSide(i)*perp.Len()*sn
	}
}

// abductAxes returns, for the thorax in frames f, the direction of the
// thoracic spine and the direction of the chest's front, in the picture.
func abductAxes(f *[numSegments]frame) (up, front Vec) {
	th := f[Thoracic]
	up = Vec{math.Cos(th.a), math.Sin(th.a)}
	return up, Vec{up.Y, -up.X} // clockwise of the spine
}

// abduct turns each arm about the line through its shoulder along the
// thoracic spine by the pose's Abduct: the part of the arm in front of
// the shoulder turns out to the arm's own side.
func (s *Skeleton) abduct(p *Pose, f *[numSegments]frame, pts *Points) {
	if p.Abduct == [2]float64{} {
		return
	}
	up, front := abductAxes(f)
	for i, arm := range arms {
		if p.Abduct[i] == 0 {
			continue
		}
		sn, cs := math.Sincos(p.Abduct[i] * deg)
		sd := armSide(i)
		o, oz := pts.At[arm[0]], pts.Z[arm[0]]
		for _, q := range arm[1:] {
			d := pts.At[q].Sub(o)
			along := d.X*up.X + d.Y*up.Y
			fwd := d.X*front.X + d.Y*front.Y
			out := sd * (pts.Z[q] - oz)
			pts.At[q] = o.Add(up.Scale(along)).Add(front.Scale(fwd*cs - out*sn))
			pts.Z[q] = oz + sd*(fwd*sn+out*cs)
		}
	}
}

// unabduct returns where arm i (0 near, 1 far) of the unturned, planar
// body in frames f must reach for its abducted picture to reach target:
// abduction shrinks the part of the arm in front of the shoulder by the
// cosine of its angle, so the planar target stretches it back. An arm
// turned square to the side cannot reach in front of or behind its
// shoulder; the target is then kept in reach.
func unabduct(p *Pose, f *[numSegments]frame, i int, target Vec) Vec {
	cs := math.Cos(p.Abduct[i] * deg)
	if cs == 1 {
		return target
	}
	up, front := abductAxes(f)
	o := f[ShoulderNear+Joint(i)*(ShoulderFar-ShoulderNear)].o
	d := target.Sub(o)
	along := d.X*up.X + d.Y*up.Y
	fwd := (d.X*front.X + d.Y*front.Y) / math.Copysign(math.Max(math.Abs(cs), 0.05), cs)
	return o.Add(up.Scale(along)).Add(front.Scale(fwd))
}

// roll swings the knees about their hip-to-ankle lines by the pose's Roll.
// Each knee stays on the circle that keeps its thigh and shin lengths, so
// the feet do not move. The knee on the side they fall to swings by Roll;
// the other follows it, keeping the two knees as far apart as they are at
// rest, so that knees kept together end up stacked, the trailing one on
// top.
func (s *Skeleton) roll(p *Pose, pts *Points) {
	if p.Roll == 0 {
		return
	}
	r := p.Roll * deg
	lead, follow := 0, 1 // towards the viewer: the near knee leads
	if r < 0 {
		lead, follow = 1, 0
	}
	type circle struct {
		c      Vec     // centre in the picture
		cz     float64 // its depth
		n      Vec     // unit, in the picture, from the axis to the knee at rest
		radius float64
	}
	var cs [2]circle
	knees := [2]Point{PtKneeNear, PtKneeFar}
	for i, knee := range knees {
		ankle := knee + PtAnkleNear - PtKneeNear
		hip := pts.Hip[i]
		axis := unit(pts.At[ankle].Sub(hip))
		d := pts.At[knee].Sub(hip)
		along := axis.Scale(d.X*axis.X + d.Y*axis.Y)
		perp := d.Sub(along)
		cs[i] = circle{c: hip.Add(along), cz: pts.HipZ[i], n: unit(perp), radius: perp.Len()}
	}
	// The leading knee swings by r: in the picture it comes in towards the
	// axis, in depth it moves towards (or away from) the viewer.
	sn, cs0 := math.Sincos(r)
	l := cs[lead]
	at := l.c.Add(l.n.Scale(l.radius * cs0))
	z := l.cz + l.radius*sn
	pts.At[knees[lead]], pts.Z[knees[lead]] = at, z
	// The trailing knee wants to be where the rest gap between the knees,
	// turned with them, puts it: the nearest point of its own circle.
	gap := pts.HipZ[follow] - pts.HipZ[lead]
	want := at.Sub(l.n.Scale(gap * sn)) // the gap, turned by r: -n sin r in the picture
	wantZ := z + gap*cs0                // and cos r in depth
	f := cs[follow]
	d := want.Sub(f.c)
	th := math.Atan2(wantZ-f.cz, d.X*f.n.X+d.Y*f.n.Y)
	st, ct := math.Sincos(th)
	pts.At[knees[follow]] = f.c.Add(f.n.Scale(f.radius * ct))
	pts.Z[knees[follow]] = f.cz + f.radius*st
}

// twist turns the thorax and everything it carries (neck, head, arms)
// about the thoracic spine's long axis by the pose's Twist.
func (s *Skeleton) twist(p *Pose, f *[numSegments]frame, pts *Points) {
	if p.Twist == 0 {
		return
	}
	sn, cs := math.Sincos(p.Twist * deg)
	th := f[Thoracic]
	u := Vec{math.Cos(th.a), math.Sin(th.a)}
	n := Vec{-u.Y, u.X} // counter-clockwise of the spine: the back
	for i := PtChest; i <= PtHandFar; i++ {
		d := pts.At[i].Sub(th.o)
		along := d.X*u.X + d.Y*u.Y
		back := d.X*n.X + d.Y*n.Y
		z := pts.Z[i] - th.z
		pts.At[i] = th.o.Add(u.Scale(along)).Add(n.Scale(back*cs + z*sn))
		pts.Z[i] = th.z - back*sn + z*cs
	}
	// Seen at a slant the chest shows some of its width.
	m := &s.marks[PtChest]
	pts.Radius[PtChest] = math.Hypot(m.radius*cs, m.wide*sn)
}

func unit(v Vec) Vec {
	l := v.Len()
	if l == 0 {
		return Vec{X: 1}
	}
	return v.Scale(1 / l)
}

// Points returns the world position of every landmark of the body s in pose p.
func (p Pose) Points(s *Skeleton) Points {
	f := s.frames(&p)
	return s.points(&p, &f)
}

// Mirror returns the pose with near and far limbs swapped: the same movement
// done with the other side of the body, seen from the same side. A twist or
// roll turns the other way. Seen from the front, the picture is reflected
// about x = 0 (the middle of the mat): the body turns and bends the other
// way too.
func (p Pose) Mirror() Pose {
	p.Twist, p.Roll = -p.Twist, -p.Roll
	p.Abduct[0], p.Abduct[1] = p.Abduct[1], p.Abduct[0]
	p.ElbowOut[0], p.ElbowOut[1] = p.ElbowOut[1], p.ElbowOut[0]
	p.ForearmTurn[0], p.ForearmTurn[1] = p.ForearmTurn[1], p.ForearmTurn[0]
	if p.View == Front {
		p.Root.X, p.Angle = -p.Root.X, -p.Angle
		for j := Lumbar; j <= Head; j++ {
			p.Joints[j] = -p.Joints[j]
		}
	}
	for j := ShoulderNear; j <= WristNear; j++ {
		k := j + ShoulderFar - ShoulderNear
		p.Joints[j], p.Joints[k] = p.Joints[k], p.Joints[j]
	}
	for j := HipNear; j <= AnkleNear; j++ {
		k := j + HipFar - HipNear
		p.Joints[j], p.Joints[k] = p.Joints[k], p.Joints[j]
	}
	return p
}

// lerpPose blends a and b: t = 0 gives a, t = 1 gives b.
func lerpPose(a, b *Pose, t float64) Pose {
	p := Pose{Root: a.Root.Lerp(b.Root, t), Angle: a.Angle + (b.Angle-a.Angle)*t, View: a.View,
		Twist: a.Twist + (b.Twist-a.Twist)*t, Roll: a.Roll + (b.Roll-a.Roll)*t}
	for i := range 2 {
		p.Abduct[i] = a.Abduct[i] + (b.Abduct[i]-a.Abduct[i])*t
		p.ElbowOut[i] = a.ElbowOut[i] + (b.ElbowOut[i]-a.ElbowOut[i])*t
		p.ForearmTurn[i] = a.ForearmTurn[i] + (b.ForearmTurn[i]-a.ForearmTurn[i])*t
	}
	for j := range p.Joints {
		p.Joints[j] = a.Joints[j] + (b.Joints[j]-a.Joints[j])*t
	}
	return p
}

// wrap returns the angle a (degrees) moved into [-180, 180).
func wrap(a float64) float64 {
	a = math.Mod(a+180, 360)
	if a < 0 {
		a += 360
	}
	return a - 180
}
