package motion

// SampleUnchecked samples a clip even when it is invalid, for debugging.
func SampleUnchecked(c *Clip, phase string, progress float64) Pose {
	_ = c.Validate()
	return c.sample(phase, progress)
}
