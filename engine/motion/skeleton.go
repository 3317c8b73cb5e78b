// Package motion models Spry's animated figure: a 2D side-view skeleton with
// human proportions (with a front view and a few out-of-plane turns, see
// below), poses made of joint angles, clips of keyframes authored
// as JSON and tied to the session's phases, and a solver that keeps named
// contact points planted on the floor while the rest of the body moves.
//
// Units and axes: the body is 1.0 unit tall (multiply by a height in cm to
// get cm). World x grows to the right, y grows up, and the floor is y = 0.
// Angles are in degrees. The anatomical zero pose is a person standing
// upright facing +x with the arms hanging; a pose's root angle rotates the
// whole body counter-clockwise from there, so 90 is lying on the back with
// the head to the left and -90 is face down with the head to the right.
//
// Joint angles are anatomical: positive is flexion (bending forward: hip
// and shoulder bring the limb forward, knee brings the heel back, spine
// and neck bend forward, ankle lifts the toes, wrist bends to the palm).
// "Near" limbs are on the viewer's side of the body, "far" limbs behind.
//
// # Out of the picture
//
// The body is planar, with a few small, deliberate ways out of its plane,
// each because an exercise cannot be shown without it:
//   - Pose.Twist turns the thorax, with the neck, head and arms, about the
//     thoracic spine's long axis (a seated twist): the near shoulder goes
//     back, the far one comes forward and the far arm shows.
//   - Pose.Roll swings the knees about their hip-to-ankle lines (a lower
//     trunk rotation): the feet stay put, the knees sink and the trailing
//     knee stacks on the leading one.
//   - Pose.Abduct turns a whole arm out to its own side about the line
//     through the shoulder along the thoracic spine (arms out to the sides
//     lying on the back): the arm shows shorter, pointing at or away from
//     the viewer. The solver reaches with the turned arm, so a wrist on
//     the floor stays planted (its hand within a few thousandths).
//   - Pose.ElbowOut swings an elbow out to its own side about the line
//     from the shoulder to the wrist, as the knees roll (the elbows of a
//     press-up): the hand does not move.
//   - A clip's View may be Front (a side plank): the root, spine, shoulder
//     and hip angles are then read in the frontal plane, while elbows,
//     wrists, knees and ankles stay hinges bending towards or away from the
//     viewer. There Pose.ForearmTurn swings a forearm lying on the mat
//     about the vertical through its elbow, so that one pointing at the
//     viewer shows along the mat.
//
// These are exact rigid motions of a body with a shoulder and hip width
// (ShoulderHalfWidth, HipHalfWidth), so every bone keeps its length in 3D;
// the picture shows their projection, and Points.Z gives each point's depth
// so that the figure can paint what is nearer last. A general 3D skeleton
// (a rotation per joint) would show more, but would need 3D contacts and
// inverse kinematics, three angles per joint for authors to get right, and
// a costlier frame; these few cover the back-pain library.
//
// # Clips
//
// A clip file (programs/motions/<id>.json) names poses (a body angle and
// joint angles; "hip" sets both hips, "hip_near" one) and keyframes that use
// them: one "start" keyframe (the resting position), then lists for the
// "up", "hold" and "down" phases, each keyframe with its time "at" within
// the phase (0 < at <= 1, increasing), an "ease" and the "contacts" touching
// the floor ("heel" means both heels). Each phase starts where the one
// before ended; "down" always ends at the start pose, so repetitions join.
// A keyframe's "grips" make hands hold a body point (a knee pulled to the
// chest). A clip may set "view": "front", and a pose "twist" or "roll" (in
// degrees, side view only), and among its joints "abduct" and "elbow_out"
// (with "_near" and "_far" forms; side view only), or "forearm_turn"
// (front view only).
//
// Authors give angles only; Validate places each keyframe in turn:
//   - contacts a keyframe shares with the one before stay planted: the body
//     is moved to keep its trunk contacts (or, lacking those, its knees and
//     elbows) where they were, and arms and legs bend by two-bone inverse
//     kinematics to keep hands and feet where they were (seen from the
//     front, a limb swings about its shoulder or hip instead and keeps its
//     bends);
//   - contacts new at a keyframe land on the floor where they are;
//   - the start keyframe rests on its lowest trunk contact.
//
// Validate then reports what the authored angles could not achieve: a
// contact off the floor, a point below it, a contact that cannot be
// reached, or a joint pushed out of its range. Between keyframes, Sample
// blends the angles, plants the contacts both keyframes share, and lets
// any other hand or foot that would go through the floor slide along it.
package motion

import "math"

// Vec is a point or a direction in world units.
type Vec struct{ X, Y float64 }

// Add returns v + w.
func (v Vec) Add(w Vec) Vec { return Vec{v.X + w.X, v.Y + w.Y} }

// Sub returns v - w.
func (v Vec) Sub(w Vec) Vec { return Vec{v.X - w.X, v.Y - w.Y} }

// Scale returns v scaled by k.
func (v Vec) Scale(k float64) Vec { return Vec{v.X * k, v.Y * k} }

// Len returns the length of v.
func (v Vec) Len() float64 { return math.Hypot(v.X, v.Y) }

// Lerp returns the point a fraction t of the way from v to w.
func (v Vec) Lerp(w Vec, t float64) Vec { return Vec{v.X + (w.X-v.X)*t, v.Y + (w.Y-v.Y)*t} }

// Joint is a joint of the skeleton whose angle a Pose sets. The pelvis is not
// a joint: it is the root, placed by the Pose's Root and Angle.
type Joint uint8

// The joints, parents before children.
const (
	Lumbar   Joint = iota // lumbar spine on the pelvis
	Thoracic              // thoracic spine on the lumbar spine
	Neck                  // neck on the thoracic spine
	Head                  // head on the neck (nodding)
	ShoulderNear
	ElbowNear
	WristNear
	ShoulderFar
	ElbowFar
	WristFar
	HipNear
	KneeNear
	AnkleNear
	HipFar
	KneeFar
	AnkleFar
	NumJoints // the number of joints
)

var jointNames = [NumJoints]string{
	"lumbar", "thoracic", "neck", "head",
	"shoulder_near", "elbow_near", "wrist_near",
	"shoulder_far", "elbow_far", "wrist_far",
	"hip_near", "knee_near", "ankle_near",
	"hip_far", "knee_far", "ankle_far",
}

// String returns the joint's name as used in clip files ("knee_near").
func (j Joint) String() string {
	if j < NumJoints {
		return jointNames[j]
	}
	return "joint?"
}

// Point is a named landmark of the body whose world position Points gives.
// Contacts name points.
type Point uint8

// The landmarks. Trunk points lie on the body's centre line.
const (
	PtPelvis   Point = iota // hip joint centre, the root
	PtSacrum                // top of the pelvis (lumbosacral joint)
	PtWaist                 // top of the lumbar spine
	PtChest                 // middle of the chest
	PtNeckBase              // base of the neck (C7)
	PtSkull                 // base of the skull
	PtHead                  // centre of the head
	PtShoulderNear
	PtElbowNear
	PtWristNear
	PtHandNear // knuckles
	PtShoulderFar
	PtElbowFar
	PtWristFar
	PtHandFar
	PtKneeNear
	PtAnkleNear
	PtHeelNear
	PtToeNear
	PtKneeFar
	PtAnkleFar
	PtHeelFar
	PtToeFar
	NumPoints // the number of points
)

var pointNames = [NumPoints]string{
	"pelvis", "sacrum", "waist", "chest", "neck", "skull", "head",
	"shoulder_near", "elbow_near", "wrist_near", "hand_near",
	"shoulder_far", "elbow_far", "wrist_far", "hand_far",
	"knee_near", "ankle_near", "heel_near", "toe_near",
	"knee_far", "ankle_far", "heel_far", "toe_far",
}

// String returns the point's name as used in clip files ("heel_near").
func (p Point) String() string {
	if p < NumPoints {
		return pointNames[p]
	}
	return "point?"
}

// segment indexes the rigid body parts: one per joint (the part the joint
// moves) plus the pelvis.
type segment uint8

const segPelvis = segment(NumJoints)
const numSegments = int(NumJoints) + 1

// View is the plane a pose's joint angles are read in, which is also the
// plane the viewer looks at.
//
// Most exercises are seen from the side: every joint bends in the sagittal
// plane and near and far limbs overlap. A few (a side plank) only make sense
// seen from the front. In the Front view the root angle and the angles of the
// spine, neck, head, shoulders and hips are read in the frontal plane
// (lateral flexion towards the near side and abduction are positive), while
// elbows, wrists, knees and ankles stay hinges that bend in their own
// sagittal plane: towards or away from the viewer, so the picture shows them
// foreshortened. The near side is the body's right in both views; seen from
// the front with the root angle at 90 (head to the left) it is the side the
// body lies on.
type View uint8

// The views.
const (
	Side  View = iota // seen from the near side (the default)
	Front             // seen from the front
)

// String returns the view's name as used in clip files ("front").
func (v View) String() string {
	switch v {
	case Side:
		return "side"
	case Front:
		return "front"
	}
	return "view?"
}

// Half the distance between the shoulder joints and between the hip
// joints, in body heights. Seen from the side, near limbs hang this far in
// front of the body's mid-plane and far ones this far behind; seen from the
// front, they are this far apart on the picture.
const (
	ShoulderHalfWidth = 0.1
	HipHalfWidth      = 0.05
)

// Bone describes the body part a joint moves.
type Bone struct {
	// Parent is the segment the bone hangs from: a joint, or NumJoints for
	// the pelvis.
	Parent Joint
	// Attach is how far along the parent, from its start, the bone starts.
	Attach float64
	// Length is the bone's length in body heights.
	Length float64
	// Rest is the bone's direction relative to its parent at angle 0, in
	// degrees counter-clockwise, for a body facing +x.
	Rest float64
	// Sign is +1 when flexion turns the bone counter-clockwise (for a body
	// facing +x), -1 when clockwise.
	Sign float64
	// Min and Max are the joint's human range in degrees.
	Min, Max float64
	// FrontMin and FrontMax are the range in the Front view of a joint that
	// is read in the frontal plane (lateral flexion, abduction); a hinge
	// keeps Min and Max.
	FrontMin, FrontMax float64
}

// hinge reports whether joint j bends in its limb's sagittal plane in every
// view: elbows, wrists, knees and ankles.
func hinge(j Joint) bool {
	switch j {
	case ElbowNear, WristNear, ElbowFar, WristFar, KneeNear, AnkleNear, KneeFar, AnkleFar:
		return true
	}
	return false
}

// side returns +1 for a joint of a near limb, -1 for a far limb and 0 for
// the spine, neck and head.
func side(j Joint) float64 {
	switch {
	case j >= ShoulderNear && j <= WristNear || j >= HipNear && j <= AnkleNear:
		return 1
	case j >= ShoulderFar && j <= WristFar || j >= HipFar && j <= AnkleFar:
		return -1
	}
	return 0
}

// landmark places a Point on a segment: Along its direction and Across to
// its left (counter-clockwise), with the body's half-thickness there.
type landmark struct {
	seg           segment
	along, across float64
	radius        float64
	// wide is the half-width seen from the front, where it differs from
	// radius (the trunk is wider than it is deep).
	wide float64
}

// Skeleton is the fixed shape of a body: bone lengths, joint ranges and the
// thickness of the body at each point.
type Skeleton struct {
	// PelvisLength is the distance from the hip joints to the top of the pelvis.
	PelvisLength float64
	Bones        [NumJoints]Bone
	marks        [NumPoints]landmark
}

// Range returns the human range of joint j in degrees, in the Side view.
func (s *Skeleton) Range(j Joint) (lo, hi float64) { return s.Bones[j].Min, s.Bones[j].Max }

// RangeIn returns the human range of joint j in degrees in view v.
func (s *Skeleton) RangeIn(v View, j Joint) (lo, hi float64) {
	if v == Front && !hinge(j) {
		return s.Bones[j].FrontMin, s.Bones[j].FrontMax
	}
	return s.Bones[j].Min, s.Bones[j].Max
}

// Radius returns the body's half-thickness at point p: how far its surface
// is from p, seen from the side.
func (s *Skeleton) Radius(p Point) float64 { return s.marks[p].radius }

// trunk reports whether p is on the pelvis, spine, neck or head.
func trunk(p Point) bool { return p <= PtHead || p == PtShoulderNear || p == PtShoulderFar }

// Standard returns the skeleton of an adult 1.0 unit tall, with segment
// lengths from Winter's anthropometric tables (hip joint 0.53 high,
// shoulder 0.82, thigh 0.245, shank 0.246, upper arm 0.186, forearm 0.146).
// The returned skeleton is shared; do not modify it.
func Standard() *Skeleton { return &standard }

var standard = func() Skeleton {
	const pelvis = segPelvis
	s := Skeleton{PelvisLength: 0.08}
	b := func(j Joint, parent Joint, attach, length, rest, sign, lo, hi float64) {
		s.Bones[j] = Bone{Parent: parent, Attach: attach, Length: length, Rest: rest, Sign: sign, Min: lo, Max: hi}
	}
	// front sets a joint's frontal-plane range: lateral flexion for the
	// spine, abduction (negative: adduction) for shoulders and hips.
	front := func(j Joint, lo, hi float64) { s.Bones[j].FrontMin, s.Bones[j].FrontMax = lo, hi }
	root := Joint(NumJoints)
	b(Lumbar, root, 0.08, 0.10, 0, -1, -30, 50)
	b(Thoracic, Lumbar, 0.10, 0.15, 0, -1, -25, 40)
	b(Neck, Thoracic, 0.15, 0.05, 0, -1, -60, 50)
	b(Head, Neck, 0.05, 0.09, 0, -1, -30, 30)
	front(Lumbar, -25, 25)
	front(Thoracic, -20, 20)
	front(Neck, -40, 40)
	front(Head, -20, 20)
	for _, side := range [2]Joint{0, ShoulderFar - ShoulderNear} {
		b(ShoulderNear+side, Thoracic, 0.11, 0.186, 180, 1, -60, 180)
		b(ElbowNear+side, ShoulderNear+side, 0.186, 0.146, 0, 1, 0, 150)
		b(WristNear+side, ElbowNear+side, 0.146, 0.09, 0, -1, -90, 80)
		front(ShoulderNear+side, -30, 180)
	}
	for _, side := range [2]Joint{0, HipFar - HipNear} {
		b(HipNear+side, root, 0, 0.245, 180, 1, -30, 135)
		b(KneeNear+side, HipNear+side, 0.245, 0.246, 0, -1, 0, 160)
		b(AnkleNear+side, KneeNear+side, 0.246, 0.11, 90, 1, -50, 30)
		front(HipNear+side, -25, 45)
	}
	m := func(p Point, seg segment, along, across, radius float64) {
		s.marks[p] = landmark{seg: seg, along: along, across: across, radius: radius, wide: radius}
	}
	m(PtPelvis, pelvis, 0, 0, 0.072)
	m(PtSacrum, pelvis, 0.08, 0, 0.066)
	m(PtWaist, segment(Lumbar), 0.10, 0, 0.060)
	m(PtChest, segment(Thoracic), 0.07, 0, 0.070)
	m(PtNeckBase, segment(Thoracic), 0.15, 0, 0.046)
	m(PtSkull, segment(Neck), 0.05, 0, 0.034)
	m(PtHead, segment(Head), 0.036, 0, 0.064)
	// Seen from the front the trunk is wider than deep (hips 0.19 across
	// the trochanters, waist 0.15, chest 0.19); the head is about round.
	for _, w := range []struct {
		p    Point
		wide float64
	}{{PtPelvis, 0.095}, {PtSacrum, 0.088}, {PtWaist, 0.075}, {PtChest, 0.095}, {PtNeckBase, 0.06}} {
		s.marks[w.p].wide = w.wide
	}
	for i, side := range [2]Point{0, PtShoulderFar - PtShoulderNear} {
		j := Joint(i) * (ShoulderFar - ShoulderNear)
		m(PtShoulderNear+side, segment(Thoracic), 0.11, 0, 0.066)
		m(PtElbowNear+side, segment(ShoulderNear+j), 0.186, 0, 0.027)
		m(PtWristNear+side, segment(ElbowNear+j), 0.146, 0, 0.02)
		m(PtHandNear+side, segment(WristNear+j), 0.085, 0, 0.014)
	}
	for i, side := range [2]Point{0, PtKneeFar - PtKneeNear} {
		j := Joint(i) * (HipFar - HipNear)
		m(PtKneeNear+side, segment(HipNear+j), 0.245, 0, 0.04)
		m(PtAnkleNear+side, segment(KneeNear+j), 0.246, 0, 0.026)
		m(PtHeelNear+side, segment(AnkleNear+j), -0.045, -0.028, 0.011)
		m(PtToeNear+side, segment(AnkleNear+j), 0.11, -0.028, 0.011)
	}
	return s
}()
