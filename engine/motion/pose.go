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
}

// Points holds the world position of every landmark of a posed body and
// the body's half-thickness there.
type Points struct {
	At     [NumPoints]Vec
	Radius [NumPoints]float64
}

// frame is a segment's start and absolute direction (radians).
type frame struct {
	o Vec
	a float64
}

func (f frame) point(along, across float64) Vec {
	s, c := math.Sincos(f.a)
	return Vec{f.o.X + c*along - s*across, f.o.Y + s*along + c*across}
}

const deg = math.Pi / 180

// frames runs forward kinematics: every segment's start and direction.
func (s *Skeleton) frames(p *Pose) (f [numSegments]frame) {
	f[segPelvis] = frame{o: p.Root, a: (90 + p.Angle) * deg}
	for j := Joint(0); j < NumJoints; j++ {
		b := &s.Bones[j]
		parent := f[segment(b.Parent)]
		f[j] = frame{
			o: parent.point(b.Attach, 0),
			a: parent.a + (b.Rest+b.Sign*p.Joints[j])*deg,
		}
	}
	return f
}

func (s *Skeleton) points(f *[numSegments]frame) (pts Points) {
	for i := range s.marks {
		m := &s.marks[i]
		pts.At[i] = f[m.seg].point(m.along, m.across)
		pts.Radius[i] = m.radius
	}
	return pts
}

// Points returns the world position of every landmark of the body s in pose p.
func (p Pose) Points(s *Skeleton) Points {
	f := s.frames(&p)
	return s.points(&f)
}

// Mirror returns the pose with near and far limbs swapped: the same movement
// done with the other side of the body, seen from the same side.
func (p Pose) Mirror() Pose {
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
	p := Pose{Root: a.Root.Lerp(b.Root, t), Angle: a.Angle + (b.Angle-a.Angle)*t}
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
