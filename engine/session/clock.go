package session

import (
	"math"
	"time"
)

// Clock turns real elapsed time (a frame timestamp) into session time at a
// playback speed: 1 for the patient, 0.5 to 4 for a therapist's preview, 16
// or more for tests. Session time is continuous across speed changes, and it
// never goes backwards: if real time jumps back, the clock holds its session
// time and carries on from there at the same speed.
//
// The zero Clock runs at speed 1 with session time equal to real time. A
// Clock is not safe for concurrent use.
type Clock struct {
	// realAt and sessionAt are the times of the latest anchor: the clock
	// reads sessionAt + (real - realAt) * speed.
	realAt, sessionAt time.Duration
	speed             float64
	// last is the latest session time read, at real time lastReal.
	last, lastReal time.Duration
}

// NewClock returns a clock at session time 0 at real time real, running at
// speed 1.
func NewClock(real time.Duration) *Clock {
	return &Clock{realAt: real, lastReal: real, speed: 1}
}

// Speed returns the playback speed.
func (c *Clock) Speed() float64 {
	if c.speed == 0 {
		return 1
	}
	return c.speed
}

// SetSpeed changes the playback speed from real time real on; the session
// time reached at real is kept. A speed that is not a positive finite number
// is ignored.
func (c *Clock) SetSpeed(real time.Duration, speed float64) {
	if !(speed > 0) || math.IsInf(speed, 1) {
		return
	}
	c.sessionAt = c.Now(real)
	c.realAt = real
	c.speed = speed
}

// Now returns the session time at real time real.
func (c *Clock) Now(real time.Duration) time.Duration {
	if real < c.lastReal || real < c.realAt {
		// Real time went backwards: hold the session time reached and
		// measure from here on.
		c.realAt, c.sessionAt = real, c.last
	}
	t := max(c.sessionAt+time.Duration(float64(real-c.realAt)*c.Speed()), c.last)
	c.last, c.lastReal = t, real
	return t
}
