package motion

import "math"

// limb is one arm or leg as a two-bone chain with an extremity.
type limb struct {
	root, mid, end Joint // hip, knee, ankle (or shoulder, elbow, wrist)
	midPt          Point // knee or elbow
	endPts         []Point
	// bend is +1 when the middle joint lies counter-clockwise of the line
	// from root to end (knees), -1 when clockwise (elbows).
	bend float64
}

var limbs = [4]limb{
	{HipNear, KneeNear, AnkleNear, PtKneeNear, []Point{PtAnkleNear, PtHeelNear, PtToeNear}, 1},
	{HipFar, KneeFar, AnkleFar, PtKneeFar, []Point{PtAnkleFar, PtHeelFar, PtToeFar}, 1},
	{ShoulderNear, ElbowNear, WristNear, PtElbowNear, []Point{PtWristNear, PtHandNear}, -1},
	{ShoulderFar, ElbowFar, WristFar, PtElbowFar, []Point{PtWristFar, PtHandFar}, -1},
}

// limbOf returns the index in limbs of the limb p belongs to, and whether p
// is on its extremity (not its middle joint). It returns -1 for trunk points.
func limbOf(p Point) (int, bool) {
	for i := range limbs {
		if p == limbs[i].midPt {
			return i, false
		}
		for _, q := range limbs[i].endPts {
			if p == q {
				return i, true
			}
		}
	}
	return -1, false
}

// grip is a hand holding a body point.
type grip struct{ hand, target Point }

// contact is a point to hold at a target position.
type contact struct {
	pt     Point
	target Vec
}

// extremity holds, for each limb, the absolute direction (radians) its
// middle and end segments should keep while planted.
type extremity [4]struct{ mid, end float64 }

func extremities(f *[numSegments]frame) (e extremity) {
	for i, l := range limbs {
		e[i].mid = f[l.mid].a
		e[i].end = f[l.end].a
	}
	return e
}

// setAbs sets joint j so that its segment points along abs (radians), given
// the current frames.
func (s *Skeleton) setAbs(p *Pose, f *[numSegments]frame, j Joint, abs float64) {
	b := &s.Bones[j]
	v := wrap((abs-f[segment(b.Parent)].a)/deg-b.Rest) * s.jointSign(p.View, j)
	// Of the equivalent angles, keep the one nearest the current value, so
	// a joint near ±180 does not flip to the other end.
	v += 360 * math.Round((p.Joints[j]-v)/360)
	p.Joints[j] = v
}

// solve moves p so that every contact sits on its target: the body is
// translated to hold its anchors (see anchorShift), and limbs reach their contacts by
// two-bone inverse kinematics. If lift is set, nothing may go below the
// floor: a free limb that would slides along it instead, and the body is
// lifted if its trunk would. Then hands reach for the points they grip.
func (s *Skeleton) solve(p *Pose, cs []contact, grips []grip, ext *extremity, lift bool) {
	shift, _ := anchorShift(p.Points(s), cs)
	p.Root = p.Root.Add(shift)
	s.reach(p, cs, ext)
	if lift {
		s.keepAboveFloor(p, cs, ext)
	}
	if len(grips) > 0 {
		pts := p.Points(s)
		var buf [4]contact
		gcs := buf[:0]
		for _, g := range grips {
			gcs = append(gcs, contact{g.hand, pts.At[g.target]})
		}
		s.reach(p, gcs, ext)
	}
}

// reach bends each limb that has a contact so the contact meets its target.
func (s *Skeleton) reach(p *Pose, cs []contact, ext *extremity) {
	for i, l := range limbs {
		var mid, end *contact
		for k := range cs {
			li, isEnd := limbOf(cs[k].pt)
			if li != i {
				continue
			}
			if isEnd && (end == nil || cs[k].pt < end.pt) {
				// The point nearest the wrist or ankle leads.
				end = &cs[k]
			} else if !isEnd {
				mid = &cs[k]
			}
		}
		if mid == nil && end == nil {
			continue
		}
		f := s.frames(p)
		endAngle := ext[i].end
		var midAt, endAt contact
		if i >= 2 && p.View == Side && p.Abduct[i-2] != 0 {
			// The planar arm reaches for where its abducted picture must
			// be. Abduction turns the hand too, so with wrist and hand both
			// planted the planar hand points from the one to the other.
			var wrist, hand *contact
			for k := range cs {
				switch cs[k].pt {
				case l.endPts[0]:
					wrist = &cs[k]
				case l.endPts[1]:
					hand = &cs[k]
				}
			}
			if wrist != nil && hand != nil {
				d := unabduct(p, &f, i-2, hand.target).Sub(unabduct(p, &f, i-2, wrist.target))
				endAngle = math.Atan2(d.Y, d.X)
			}
			if mid != nil {
				midAt = contact{mid.pt, unabduct(p, &f, i-2, mid.target)}
				mid = &midAt
			}
			if end != nil {
				endAt = contact{end.pt, unabduct(p, &f, i-2, end.target)}
				end = &endAt
			}
		}
		if p.View == Front {
			// Seen from the front, elbows and knees bend out of the
			// picture: the limb keeps its bends and swings about the
			// shoulder or hip to point its leading contact at its target.
			c := end
			if c == nil || mid != nil && i >= 2 && p.ForearmTurn[i-2] != 0 {
				// A turned forearm puts the wrist beside the elbow: the
				// elbow leads.
				c = mid
			}
			base := f[l.root].o
			pts := s.points(p, &f)
			now, want := pts.At[c.pt].Sub(base), c.target.Sub(base)
			turn := math.Atan2(want.Y, want.X) - math.Atan2(now.Y, now.X)
			s.setAbs(p, &f, l.root, f[l.root].a+turn)
			continue
		}
		base := f[l.root].o
		upper, lower := s.Bones[l.root].Length, s.Bones[l.mid].Length
		if end == nil {
			// Only the knee or elbow touches: aim the upper bone at it and
			// keep the lower bones' directions.
			d := mid.target.Sub(base)
			s.setAbs(p, &f, l.root, math.Atan2(d.Y, d.X))
			f = s.frames(p)
			s.setAbs(p, &f, l.mid, ext[i].mid)
			f = s.frames(p)
			s.setAbs(p, &f, l.end, ext[i].end)
			continue
		}
		// Where the wrist or ankle must be for the contact point to meet
		// its target with the extremity at its planned angle.
		joint := end.target
		if m := s.marks[end.pt]; m.seg == segment(l.end) {
			off, _ := frame{o: Vec{}, a: endAngle}.point(m.along, m.across)
			joint = joint.Sub(off)
		}
		if mid != nil {
			// Kneeling: the knee holds its place and the shin points at
			// the foot's place.
			d := mid.target.Sub(base)
			s.setAbs(p, &f, l.root, math.Atan2(d.Y, d.X))
			f = s.frames(p)
			d = joint.Sub(f[l.mid].o)
			s.setAbs(p, &f, l.mid, math.Atan2(d.Y, d.X))
			f = s.frames(p)
			s.setAbs(p, &f, l.end, endAngle)
			continue
		}
		d := joint.Sub(base)
		dist := d.Len()
		dist = math.Max(math.Abs(upper-lower)+1e-9, math.Min(upper+lower-1e-9, dist))
		cosA := (upper*upper + dist*dist - lower*lower) / (2 * upper * dist)
		alpha := math.Acos(math.Max(-1, math.Min(1, cosA)))
		s.setAbs(p, &f, l.root, math.Atan2(d.Y, d.X)+l.bend*alpha)
		f = s.frames(p)
		knee := f[l.mid].o
		d = joint.Sub(knee)
		s.setAbs(p, &f, l.mid, math.Atan2(d.Y, d.X))
		f = s.frames(p)
		s.setAbs(p, &f, l.end, endAngle)
	}
}

// keepAboveFloor stops p from going through the floor: the lowest point of
// each free limb below the floor is put on it, and the body is lifted if its
// trunk is below it.
func (s *Skeleton) keepAboveFloor(p *Pose, cs []contact, ext *extremity) {
	pts := p.Points(s)
	low := 0.0
	for i := range pts.At {
		if trunk(Point(i)) {
			low = math.Min(low, pts.At[i].Y-pts.Radius[i])
		}
	}
	if low < 0 {
		p.Root.Y -= low
		s.reach(p, cs, ext)
		pts = p.Points(s)
	}
	// Dragging one part of a limb up can push another down: a few rounds.
	for range 3 {
		if !s.slide(p, cs, ext) {
			return
		}
	}
}

// slide puts the lowest parts of free limbs that are below the floor onto
// it, and reports whether it moved any.
func (s *Skeleton) slide(p *Pose, cs []contact, ext *extremity) bool {
	pts := p.Points(s)
	var buf [8]contact
	slide := buf[:0]
	f := s.frames(p)
	local := *ext
	for i, l := range limbs {
		busy := false
		for _, c := range cs {
			if li, _ := limbOf(c.pt); li == i {
				busy = true
			}
		}
		if busy {
			continue
		}
		midLow := pts.At[l.midPt].Y - pts.Radius[l.midPt]
		endLow := 0.0
		for _, q := range l.endPts {
			endLow = math.Min(endLow, pts.At[q].Y-pts.Radius[q])
		}
		// Keep the hand or foot as it is, and raise the wrist or ankle
		// until no part of it is below the floor.
		local[i].mid, local[i].end = f[l.mid].a, f[l.end].a
		if endLow < 0 {
			q := l.endPts[0]
			need := pts.Radius[q]
			for _, e := range l.endPts[1:] {
				m := s.marks[e]
				off, _ := frame{a: f[l.end].a}.point(m.along, m.across)
				need = math.Max(need, m.radius-off.Y)
			}
			slide = append(slide, contact{q, Vec{pts.At[q].X, math.Max(pts.At[q].Y, need)}})
		}
		if midLow < 0 {
			// The knee or elbow swings up onto the floor around the hip or
			// shoulder.
			q := l.midPt
			base := f[l.root].o
			length := s.Bones[l.root].Length
			dy := base.Y - pts.Radius[q]
			dx := math.Sqrt(math.Max(0, length*length-dy*dy))
			if pts.At[q].X < base.X {
				dx = -dx
			}
			slide = append(slide, contact{q, Vec{base.X + dx, pts.Radius[q]}})
		}
	}
	if len(slide) == 0 {
		return false
	}
	s.reach(p, slide, &local)
	return true
}

// anchorShift returns how far to move a body at pts so that its anchoring
// contacts meet their targets on average: the trunk contacts if there are
// any, else the knees and elbows on the floor. Hands and feet alone do not
// anchor the body (its limbs reach for them): ok is false without anchors.
func anchorShift(pts Points, cs []contact) (shift Vec, ok bool) {
	for _, anchor := range []func(Point) bool{
		trunk,
		func(p Point) bool { li, isEnd := limbOf(p); return li >= 0 && !isEnd },
	} {
		var shift Vec
		n := 0
		for _, c := range cs {
			if anchor(c.pt) {
				shift = shift.Add(c.target.Sub(pts.At[c.pt]))
				n++
			}
		}
		if n > 0 {
			return shift.Scale(1 / float64(n)), true
		}
	}
	return Vec{}, false
}
