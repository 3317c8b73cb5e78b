package session_test

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"spry/engine/session"
)

func TestClock(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	// A step reads the clock at real time real, first setting the speed if
	// speed is not 0.
	type step struct {
		real  time.Duration
		speed float64
		want  time.Duration
	}
	tests := []struct {
		name  string
		start time.Duration
		steps []step
	}{
		{"speed 1", ms(500), []step{{ms(500), 0, 0}, {ms(516), 0, ms(16)}, {ms(1500), 0, ms(1000)}}},
		{"speed 16", 0, []step{{0, 16, 0}, {ms(16), 0, ms(256)}, {ms(1000), 0, ms(16000)}}},
		{"continuous across changes", 0, []step{
			{ms(1000), 0, ms(1000)},
			{ms(2000), 4, ms(2000)}, {ms(2500), 0, ms(4000)},
			{ms(3000), 0.5, ms(6000)}, {ms(5000), 0, ms(7000)},
		}},
		{"real time goes back: hold, then carry on", 0, []step{
			{ms(10000), 0, ms(10000)}, {ms(4000), 0, ms(10000)}, {ms(5000), 0, ms(11000)},
			{ms(4999), 0, ms(11000)}, {ms(5001), 0, ms(11002)},
		}},
		{"before the start", ms(1000), []step{{ms(900), 0, 0}, {ms(1000), 0, ms(100)}}},
		{"bad speeds ignored", 0, []step{
			{ms(1000), 0, ms(1000)}, {ms(1000), 0.0 - 1, ms(1000)}, {ms(2000), math.NaN(), ms(2000)},
			{ms(3000), math.Inf(1), ms(3000)},
		}},
		{"ten minutes hidden", 0, []step{{ms(100), 2, ms(100)}, {ms(600100), 0, ms(1200100)}}},
	}
	for _, tt := range tests {
		c := session.NewClock(tt.start)
		for _, st := range tt.steps {
			if st.speed != 0 {
				c.SetSpeed(st.real, st.speed)
			}
			got := c.Now(st.real)
			assert.Equal(t, st.want, got, "%s: Now(%v) = %v, want %v", tt.name, st.real, got, st.want)
		}
	}
}

func TestZeroClock(t *testing.T) {
	var c session.Clock
	assert.Equal(t, 1.0, c.Speed(), "Speed()")
	assert.Equal(t, 3*time.Second, c.Now(3*time.Second), "Now(3s)")
	c.SetSpeed(3*time.Second, 2)
	assert.Equal(t, 2.0, c.Speed(), "Speed()")
	assert.Equal(t, 5*time.Second, c.Now(4*time.Second), "Now(4s)")
}
