package motion_test

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/motion"
	"spry/programs"
)

var update = flag.Bool("update", false, "rewrite golden files")

// shipped returns the shipped clips sorted by ID.
func shipped(t *testing.T) []*motion.Clip {
	t.Helper()
	m, err := programs.Motions()
	require.NoError(t, err, "programs.Motions()")
	var clips []*motion.Clip
	for _, c := range m {
		clips = append(clips, c)
	}
	sort.Slice(clips, func(i, j int) bool { return clips[i].ID < clips[j].ID })
	return clips
}

// key is a keyframe with its phase, as the test sees it from the clip's data.
type key struct {
	phase    string
	at       float64
	contacts []motion.Point
}

func pointsNamed(t *testing.T, names []string) []motion.Point {
	var ps []motion.Point
	for _, n := range names {
		for p := motion.Point(0); p < motion.NumPoints; p++ {
			s := p.String()
			if s == n || s == n+"_near" || s == n+"_far" {
				ps = append(ps, p)
			}
		}
	}
	return ps
}

// keys lists the clip's keyframes in playing order, with the implied last
// keyframe of the down phase.
func keys(t *testing.T, c *motion.Clip) []key {
	ks := []key{{motion.PhaseStart, 0, pointsNamed(t, c.Start.Contacts)}}
	for _, ph := range []struct {
		name string
		ks   []motion.Keyframe
	}{{motion.PhaseUp, c.Up}, {motion.PhaseHold, c.Hold}, {motion.PhaseDown, c.Down}} {
		for _, k := range ph.ks {
			ks = append(ks, key{ph.name, k.At, pointsNamed(t, k.Contacts)})
		}
		if ph.name == motion.PhaseDown && (len(c.Down) == 0 || c.Down[len(c.Down)-1].At < 1) {
			ks = append(ks, key{ph.name, 1, pointsNamed(t, c.Start.Contacts)})
		}
	}
	return ks
}

// TestClipProperties checks every shipped clip, on both sides, at many
// times: bone lengths stay constant, joints stay in range, nothing goes
// below the floor, contacts shared by neighbouring keyframes stay planted,
// phases join without a jump, and the down phase ends at the start pose.
func TestClipProperties(t *testing.T) {
	s := motion.Standard()
	for _, c := range shipped(t) {
		for _, mirror := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/mirror=%v", c.ID, mirror), func(t *testing.T) {
				sample := func(ph string, x float64) motion.Pose {
					p := c.Sample(ph, x)
					if mirror {
						p = p.Mirror()
					}
					return p
				}
				check := func(ph string, x float64) motion.Points {
					p := sample(ph, x)
					pts := p.Points(s)
					for j := motion.Joint(0); j < motion.NumJoints; j++ {
						lo, hi := s.RangeIn(p.View, j)
						assert.True(t, p.Joints[j] >= lo-0.5 && p.Joints[j] <= hi+0.5,
							"Sample(%s, %.2f) %s = %.1f, want in %g..%g", ph, x, j, p.Joints[j], lo, hi)
					}
					for i := range pts.At {
						h := pts.At[i].Y - pts.Radius[i]
						assert.GreaterOrEqual(t, h, -motion.FloorTolerance,
							"Sample(%s, %.2f) %s height above floor", ph, x, motion.Point(i))
					}
					// Bone lengths are 3D: a twisted chest, rolled knees or a
					// limb bent towards the viewer looks shorter in the picture.
					at := func(p motion.Point) [3]float64 { return [3]float64{pts.At[p].X, pts.At[p].Y, pts.Z[p]} }
					for i, b := range []struct {
						a, b motion.Point
						j    motion.Joint
					}{
						{motion.PtKneeNear, motion.PtAnkleNear, motion.KneeNear},
						{motion.PtKneeFar, motion.PtAnkleFar, motion.KneeFar},
						{motion.PtElbowNear, motion.PtWristNear, motion.ElbowNear},
						{motion.PtElbowFar, motion.PtWristFar, motion.ElbowFar},
						{motion.PtShoulderNear, motion.PtElbowNear, motion.ShoulderNear},
						{motion.PtShoulderFar, motion.PtElbowFar, motion.ShoulderFar},
					} {
						got := dist3(at(b.a), at(b.b))
						assert.InDelta(t, s.Bones[b.j].Length, got, 1e-9,
							"Sample(%s, %.2f) length %s-%s (%d)", ph, x, b.a, b.b, i)
					}
					for i, knee := range []motion.Point{motion.PtKneeNear, motion.PtKneeFar} {
						hip := [3]float64{pts.Hip[i].X, pts.Hip[i].Y, pts.HipZ[i]}
						assert.InDelta(t, s.Bones[motion.HipNear].Length, dist3(hip, at(knee)), 1e-9,
							"Sample(%s, %.2f) length hip-%s", ph, x, knee)
					}
					// The shoulders stay a shoulder-width apart, whatever the twist.
					assert.InDelta(t, 2*motion.ShoulderHalfWidth, dist3(at(motion.PtShoulderNear), at(motion.PtShoulderFar)), 1e-9,
						"Sample(%s, %.2f) shoulder width", ph, x)
					return pts
				}
				ks := keys(t, c)
				for i := 1; i < len(ks); i++ {
					a, b := ks[i-1], ks[i]
					aph, aat := a.phase, a.at
					if a.phase != b.phase {
						aph, aat = b.phase, 0 // a phase starts where the last ended
					}
					shared := slices.DeleteFunc(slices.Clone(b.contacts), func(p motion.Point) bool {
						return !slices.Contains(a.contacts, p)
					})
					if mirror {
						for k, p := range shared {
							shared[k] = mirrorPoint(p)
						}
					}
					from := check(aph, aat)
					prev := from
					for n := 1; n <= 50; n++ {
						x := aat + (b.at-aat)*float64(n)/50
						pts := check(b.phase, x)
						for _, p := range shared {
							d := pts.At[p].Sub(from.At[p]).Len()
							assert.LessOrEqual(t, d, motion.ContactTolerance,
								"Sample(%s, %.2f) contact %s moved from %s %.2f", b.phase, x, p, aph, aat)
						}
						for k := range pts.At {
							jump := pts.At[k].Sub(prev.At[k]).Len()
							assert.LessOrEqual(t, jump, 0.03, "Sample(%s, %.2f) %s jumps", b.phase, x, motion.Point(k))
						}
						prev = pts
					}
				}
				// Phases join: each starts where the one before ended.
				joins := [][2]struct {
					ph string
					x  float64
				}{
					{{motion.PhaseStart, 0}, {motion.PhaseUp, 0}},
					{{motion.PhaseUp, 1}, {motion.PhaseHold, 0}},
					{{motion.PhaseHold, 1}, {motion.PhaseDown, 0}},
					{{motion.PhaseDown, 1}, {motion.PhaseStart, 0}},
				}
				for _, j := range joins {
					a, b := sample(j[0].ph, j[0].x).Points(s), sample(j[1].ph, j[1].x).Points(s)
					for k := range a.At {
						assert.InDelta(t, 0, a.At[k].Sub(b.At[k]).Len(), 1e-9,
							"%s at %s %g vs %s %g", motion.Point(k), j[0].ph, j[0].x, j[1].ph, j[1].x)
					}
				}
			})
		}
	}
}

func dist3(a, b [3]float64) float64 {
	return math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
}

func mirrorPoint(p motion.Point) motion.Point {
	n := p.String()
	switch {
	case strings.HasSuffix(n, "_near"):
		n = strings.TrimSuffix(n, "_near") + "_far"
	case strings.HasSuffix(n, "_far"):
		n = strings.TrimSuffix(n, "_far") + "_near"
	default:
		return p
	}
	for q := motion.Point(0); q < motion.NumPoints; q++ {
		if q.String() == n {
			return q
		}
	}
	return p
}

// dumpPose writes a readable, rounded description of a pose.
func dumpPose(sb *strings.Builder, p motion.Pose) {
	r := func(v float64) float64 { return math.Round(v*1000)/1000 + 0 }
	fmt.Fprintf(sb, "  root (%.3f, %.3f) angle %.1f", r(p.Root.X), r(p.Root.Y), math.Round(p.Angle*10)/10+0)
	if p.View != motion.Side {
		fmt.Fprintf(sb, " view %s", p.View)
	}
	if p.Twist != 0 || p.Roll != 0 {
		fmt.Fprintf(sb, " twist %.1f roll %.1f", math.Round(p.Twist*10)/10+0, math.Round(p.Roll*10)/10+0)
	}
	r1 := func(v float64) float64 { return math.Round(v*10)/10 + 0 }
	arms := p.Abduct != [2]float64{} || p.ElbowOut != [2]float64{}
	if arms {
		fmt.Fprintf(sb, " abduct %.1f/%.1f elbow_out %.1f/%.1f", r1(p.Abduct[0]), r1(p.Abduct[1]), r1(p.ElbowOut[0]), r1(p.ElbowOut[1]))
	}
	if p.ForearmTurn != [2]float64{} {
		fmt.Fprintf(sb, " forearm_turn %.1f/%.1f", r1(p.ForearmTurn[0]), r1(p.ForearmTurn[1]))
	}
	sb.WriteString("\n  joints")
	for j := motion.Joint(0); j < motion.NumJoints; j++ {
		fmt.Fprintf(sb, " %s=%.0f", j, math.Round(p.Joints[j])+0)
	}
	sb.WriteString("\n")
	pts := p.Points(motion.Standard())
	for i := range pts.At {
		fmt.Fprintf(sb, "  %-14s %6.3f %6.3f", motion.Point(i), r(pts.At[i].X), r(pts.At[i].Y))
		if p.View != motion.Side || p.Twist != 0 || p.Roll != 0 || arms {
			fmt.Fprintf(sb, " z %6.3f", r(pts.Z[i])) // depth, where it shows
		}
		sb.WriteString("\n")
	}
}

// TestPoseGoldens compares each shipped clip's poses at fixed times with
// testdata/poses/<id>.txt; run with -update to rewrite them.
func TestPoseGoldens(t *testing.T) {
	for _, c := range shipped(t) {
		t.Run(c.ID, func(t *testing.T) {
			var sb strings.Builder
			for _, at := range []struct {
				ph string
				x  float64
			}{
				{motion.PhaseStart, 0}, {motion.PhaseUp, 0.5}, {motion.PhaseUp, 1},
				{motion.PhaseHold, 0.5}, {motion.PhaseDown, 0.5},
			} {
				fmt.Fprintf(&sb, "%s %.2f\n", at.ph, at.x)
				dumpPose(&sb, c.Sample(at.ph, at.x))
			}
			golden := filepath.Join("testdata", "poses", c.ID+".txt")
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(sb.String()), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test -update to create %s", golden)
			assert.Equal(t, string(want), sb.String(), "poses of %s differ from %s", c.ID, golden)
		})
	}
}
