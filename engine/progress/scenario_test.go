package progress_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/program"
	"spry/engine/progress"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar")

// A scenario file (testdata/*.txtar) has these sections:
//
//	-- program.json --  a program using testdata/library.json
//	-- log --           the patient's log, one record a line (below)
//	-- now --           when the next plan is asked for
//	-- want --          the plan for each session as it was played, then
//	                    the next plan with its reasons
//
// Log lines, in the order the records reached the device:
//
//	2026-01-05 09:00 [id=s1] [pain=B/D/A] [before=B] [after=A] [effort=E]
//	    [morning=M] [redflags=no|1,6] [numb] [program=ID] | SEGMENT ...
//	morning 2026-01-06 07:30 of=s1 pain=2
//	resume 2026-01-07 10:00 block=0
//
// pain=B/D/A gives the pain before, during (for every exercise) and after.
// morning=M adds a next-morning record at 08:00 the next day. A SEGMENT is
//
//	EXERCISE [block=N] [step=N target=SxR[@H]] [full | sets=R[@H],R[@H]...]
//	    [during=N] [stopped] [skipped] [spread]
//
// Without step/target, the exercise is played as the plan of the moment
// asked (the plan is worked out from the records before the line); "full"
// does every set of that target in full.

// scenario is one parsed txtar file.
type scenario struct {
	comment  string
	sections map[string]string
	order    []string
}

func parseTxtar(data string) scenario {
	sc := scenario{sections: map[string]string{}}
	name := ""
	for _, line := range strings.SplitAfter(data, "\n") {
		t := strings.TrimRight(line, "\n")
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") && len(t) > 6 {
			name = strings.TrimSpace(t[3 : len(t)-3])
			sc.order = append(sc.order, name)
			sc.sections[name] = ""
			continue
		}
		if name != "" {
			sc.sections[name] += line
		} else {
			sc.comment += line
		}
	}
	return sc
}

func (sc scenario) format() string {
	var b strings.Builder
	b.WriteString(sc.comment)
	for _, n := range sc.order {
		fmt.Fprintf(&b, "-- %s --\n", n)
		b.WriteString(sc.sections[n])
	}
	return b.String()
}

func loadLibrary(t testing.TB) *program.Library {
	data, err := os.ReadFile("testdata/library.json")
	require.NoError(t, err)
	var lib program.Library
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	require.NoError(t, d.Decode(&lib), "testdata/library.json")
	return &lib
}

func decodeProgram(t testing.TB, data string, lib *program.Library) *program.Program {
	var p program.Program
	d := json.NewDecoder(strings.NewReader(data))
	d.DisallowUnknownFields()
	require.NoError(t, d.Decode(&p), "program.json")
	for i := range p.Blocks {
		require.NoError(t, p.Blocks[i].ValidateLadder(fmt.Sprintf("blocks[%d]", i), lib), "program.json")
	}
	return &p
}

const stamp = "2006-01-02 15:04"

func parseTime(t testing.TB, s string) time.Time {
	at, err := time.Parse(stamp, strings.TrimSpace(s))
	require.NoError(t, err)
	return at
}

// play turns the log section into records, working out the plan before
// each session as the app would, and returns the records with a trace of
// what each session was asked to do.
func play(t testing.TB, p *program.Program, lib *program.Library, log string) ([]progress.Record, string) {
	var recs []progress.Record
	var trace strings.Builder
	n := 0
	for ln, line := range strings.Split(log, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		where := fmt.Sprintf("log line %d: %q", ln+1, line)
		f := strings.Fields(line)
		switch f[0] {
		case "morning":
			require.GreaterOrEqual(t, len(f), 5, where)
			m := &progress.Morning{At: parseTime(t, f[1]+" "+f[2])}
			for _, kv := range f[3:] {
				k, v, _ := strings.Cut(kv, "=")
				switch k {
				case "of":
					m.Session = v
				case "pain":
					m.Pain = atoi(t, v, where)
				default:
					t.Fatalf("%s: unknown %q", where, kv)
				}
			}
			recs = append(recs, progress.Record{V: 1, ID: "m-" + m.Session + "-" + f[2], Kind: progress.KindMorning, Program: p.ID, Morning: m})
			continue
		case "resume":
			require.Len(t, f, 4, where)
			_, v, _ := strings.Cut(f[3], "=")
			recs = append(recs, progress.Record{V: 1, ID: "r-" + f[1] + f[2], Kind: progress.KindResume, Program: p.ID,
				Resume: &progress.Resume{Block: atoi(t, v, where), At: parseTime(t, f[1]+" "+f[2])}})
			continue
		}
		n++
		parts := strings.Split(line, "|")
		head := strings.Fields(parts[0])
		require.GreaterOrEqual(t, len(head), 2, where)
		at := parseTime(t, head[0]+" "+head[1])
		plan := progress.Next(p, lib, recs, at)
		s := &progress.Session{Started: at, Ended: at.Add(20 * time.Minute)}
		id := fmt.Sprintf("s%d", n)
		pid := p.ID
		var during *int
		morning := -1
		for _, kv := range head[2:] {
			k, v, _ := strings.Cut(kv, "=")
			switch k {
			case "id":
				id = v
			case "pain":
				b := strings.Split(v, "/")
				require.Len(t, b, 3, where)
				s.PainBefore = progress.Pain(atoi(t, b[0], where))
				during = progress.Pain(atoi(t, b[1], where))
				s.PainAfter = progress.Pain(atoi(t, b[2], where))
			case "before":
				s.PainBefore = progress.Pain(atoi(t, v, where))
			case "after":
				s.PainAfter = progress.Pain(atoi(t, v, where))
			case "effort":
				s.Effort = progress.Pain(atoi(t, v, where))
			case "morning":
				morning = atoi(t, v, where)
			case "redflags":
				s.RedFlags = &progress.RedFlags{Yes: []int{}}
				if v != "no" {
					for _, q := range strings.Split(v, ",") {
						s.RedFlags.Yes = append(s.RedFlags.Yes, atoi(t, q, where))
					}
				}
			case "numb":
				s.NewNumbness = true
			case "program":
				pid = v
			default:
				t.Fatalf("%s: unknown %q", where, kv)
			}
		}
		fmt.Fprintf(&trace, "%s %s:", at.Format(stamp), id)
		for _, seg := range parts[1:] {
			e := segment(t, p, plan, strings.Fields(seg), where)
			if e.PainDuring == nil && during != nil {
				e.PainDuring = progress.Pain(*during)
			}
			s.Exercises = append(s.Exercises, e)
			fmt.Fprintf(&trace, " %s %s", e.Exercise, target(e.Target))
			if bp := plan.Blocks[e.Block]; !explicitTarget(seg) && len(bp.Changes) > 0 {
				fmt.Fprintf(&trace, " (%s)", bp.Changes[0].Kind)
			}
			if e.Skipped {
				trace.WriteString(" skipped")
			}
		}
		trace.WriteString("\n")
		recs = append(recs, progress.Record{V: 1, ID: id, Kind: progress.KindSession, Program: pid, Session: s})
		if morning >= 0 {
			y, mo, d := at.Date()
			recs = append(recs, progress.Record{V: 1, ID: "m-" + id, Kind: progress.KindMorning, Program: p.ID,
				Morning: &progress.Morning{Session: id, At: time.Date(y, mo, d+1, 8, 0, 0, 0, time.UTC), Pain: morning}})
		}
	}
	for _, r := range recs {
		require.NoError(t, r.Validate())
	}
	return recs, trace.String()
}

// segment parses one exercise of a session line.
func segment(t testing.TB, p *program.Program, plan progress.Plan, f []string, where string) progress.Exercise {
	require.NotEmpty(t, f, where)
	e := progress.Exercise{Exercise: f[0], Block: -1}
	full := false
	explicit := false
	for _, kv := range f[1:] {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "block":
			e.Block = atoi(t, v, where)
		case "step":
			e.Step = atoi(t, v, where)
			explicit = true
		case "target":
			sets, rest, _ := strings.Cut(v, "x")
			reps, hold, _ := strings.Cut(rest, "@")
			e.Target = progress.Target{Sets: atoi(t, sets, where), Reps: atoi(t, reps, where)}
			if hold != "" {
				e.Target.HoldSeconds = float64(atoi(t, hold, where))
			}
		case "full":
			full = true
		case "sets":
			for _, s := range strings.Split(v, ",") {
				reps, hold, _ := strings.Cut(s, "@")
				set := progress.Set{Reps: atoi(t, reps, where)}
				if hold != "" {
					set.HoldSeconds = float64(atoi(t, hold, where))
				}
				e.Sets = append(e.Sets, set)
			}
		case "during":
			e.PainDuring = progress.Pain(atoi(t, v, where))
		case "stopped":
			e.StoppedForPain = true
		case "skipped":
			e.Skipped = true
		case "spread":
			e.Spreading = true
		default:
			t.Fatalf("%s: unknown %q", where, kv)
		}
	}
	if e.Block < 0 {
		for _, b := range plan.Blocks {
			if b.Exercise == e.Exercise {
				e.Block = b.Block
				break
			}
		}
	}
	if e.Block < 0 {
		for i, b := range p.Blocks {
			if b.Exercise == e.Exercise {
				e.Block = i
			}
			for _, s := range b.Ladder {
				if s.Exercise == e.Exercise {
					e.Block = i
				}
			}
		}
	}
	require.GreaterOrEqual(t, e.Block, 0, "%s: no block plays %q", where, e.Exercise)
	if !explicit {
		bp := plan.Blocks[e.Block]
		require.Equal(t, bp.Exercise, e.Exercise, "%s: the plan asked for %s in block %d", where, bp.Exercise, e.Block)
		e.Step = bp.Step
		e.Target = progress.Target{Sets: bp.Dose.Sets, Reps: bp.Dose.Reps, HoldSeconds: bp.Dose.HoldSeconds}
	}
	if full {
		for range e.Target.Sets {
			e.Sets = append(e.Sets, progress.Set{Reps: e.Target.Reps, HoldSeconds: e.Target.HoldSeconds})
		}
	}
	return e
}

// explicitTarget reports whether a segment gives its own step and target.
func explicitTarget(seg string) bool { return strings.Contains(seg, "target=") }

func atoi(t testing.TB, s, where string) int {
	n, err := strconv.Atoi(s)
	require.NoError(t, err, where)
	return n
}

func target(d progress.Target) string {
	if d.HoldSeconds > 0 {
		return fmt.Sprintf("%dx%d@%g", d.Sets, d.Reps, d.HoldSeconds)
	}
	return fmt.Sprintf("%dx%d", d.Sets, d.Reps)
}

// formatPlan writes a plan the way the want sections show it.
func formatPlan(p progress.Plan) string {
	var b strings.Builder
	fmt.Fprintf(&b, "plan at %s\n", p.Now.Format(stamp))
	var flags []string
	for _, f := range []struct {
		on   bool
		name string
	}{{p.StepBack, "step-back"}, {p.ContactClinician, "contact-clinician"}, {p.RedFlagScreen, "red-flag-screen"}, {p.DoNotStart, "do-not-start"}} {
		if f.on {
			flags = append(flags, f.name)
		}
	}
	if len(flags) > 0 {
		fmt.Fprintf(&b, "flags: %s\n", strings.Join(flags, " "))
	}
	for _, n := range p.Notes {
		fmt.Fprintf(&b, "note: %s\n", n.Text("en"))
	}
	for _, bp := range p.Blocks {
		fmt.Fprintf(&b, "block %d: %s step %d %s", bp.Block, bp.Exercise, bp.Step,
			target(progress.Target{Sets: bp.Dose.Sets, Reps: bp.Dose.Reps, HoldSeconds: bp.Dose.HoldSeconds}))
		for _, f := range []struct {
			on   bool
			name string
		}{{bp.Stopped, "stopped"}, {bp.Flag, "flag"}, {bp.Baseline, "baseline"}} {
			if f.on {
				b.WriteString(" " + f.name)
			}
		}
		if bp.Quota > 0 {
			fmt.Fprintf(&b, " quota=%d", bp.Quota)
		}
		b.WriteString("\n")
		for _, c := range bp.Changes {
			rule := ""
			if c.Rule != "" {
				rule = " (" + c.Rule + ")"
			}
			fmt.Fprintf(&b, "  %s%s: %s\n", c.Kind, rule, c.Reason.Text("en"))
		}
	}
	return b.String()
}

func TestScenarios(t *testing.T) {
	lib := loadLibrary(t)
	files, err := filepath.Glob("testdata/*.txtar")
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(files), 40, "scenario files (issue 4 asks for at least 40)")
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			sc := parseTxtar(string(data))
			for _, s := range []string{"program.json", "log", "now"} {
				require.Contains(t, sc.sections, s, "%s: section %q", file, s)
			}
			p := decodeProgram(t, sc.sections["program.json"], lib)
			recs, trace := play(t, p, lib, sc.sections["log"])
			now := parseTime(t, sc.sections["now"])
			plan := progress.Next(p, lib, recs, now)
			got := trace + formatPlan(plan)

			// The plan must not depend on the order records arrive in.
			rev := make([]progress.Record, len(recs))
			for i := range recs {
				rev[len(recs)-1-i] = recs[i]
			}
			assert.Equal(t, plan, progress.Next(p, lib, rev, now), "Next(reversed log) differs from Next(log)")

			if *update {
				if _, ok := sc.sections["want"]; !ok {
					sc.order = append(sc.order, "want")
				}
				sc.sections["want"] = got
				require.NoError(t, os.WriteFile(file, []byte(sc.format()), 0o644))
				return
			}
			assert.Equal(t, sc.sections["want"], got, "Next(%s) = \n%s\nwant\n%s", file, got, sc.sections["want"])
		})
	}
}
