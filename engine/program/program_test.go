package program_test

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/program"
)

var update = flag.Bool("update", false, "rewrite the .want files in testdata")

// The fixtures in testdata/valid and testdata/invalid are library files when
// their name starts with "library-" and programs otherwise; programs are
// checked against testdata/library.json. Each fixture has a .want file: for a
// valid file, a dump of what it decodes to; for an invalid one, the lines of
// its error, in natural sort order (line 9 before line 10). Regenerate them with `go test ./engine/program -update`
// and review the diff.
func TestFixtures(t *testing.T) {
	lib := loadLibrary(t, "testdata/library.json")
	for _, dir := range []string{"valid", "invalid"} {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
		require.NoError(t, err)
		require.NotEmpty(t, files)
		for _, file := range files {
			t.Run(dir+"/"+filepath.Base(file), func(t *testing.T) {
				dump, err := load(file, lib)
				got := dump
				if dir == "valid" {
					require.NoError(t, err, "load(%s)", file)
				} else {
					require.Error(t, err, "load(%s) succeeded, want an error", file)
					assertLeaves(t, err)
					lines := strings.Split(err.Error(), "\n")
					slices.SortFunc(lines, natural)
					got = strings.Join(lines, "\n") + "\n"
				}
				wantFile := strings.TrimSuffix(file, ".json") + ".want"
				if *update {
					require.NoError(t, os.WriteFile(wantFile, []byte(got), 0o644))
					return
				}
				want, err := os.ReadFile(wantFile)
				require.NoError(t, err, "missing %s: run go test -update", wantFile)
				assert.Equal(t, string(want), got, "load(%s)", file)
			})
		}
	}
}

// load decodes and validates a fixture and returns a dump of its content.
func load(file string, lib *program.Library) (string, error) {
	f, err := os.Open(file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b strings.Builder
	if strings.HasPrefix(filepath.Base(file), "library-") {
		l, err := program.DecodeLibrary(f)
		if err != nil {
			return "", err
		}
		if err := l.Validate(); err != nil {
			return "", err
		}
		for _, e := range l.Exercises {
			fmt.Fprintf(&b, "%s %s: %+v\n", e.ID, e.Sides, e.Dose)
		}
		return b.String(), nil
	}
	p, err := program.DecodeProgram(f)
	if err != nil {
		return "", err
	}
	if err := p.Validate(lib); err != nil {
		return "", err
	}
	items, err := p.Items(lib)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(&b, "%s %q: get ready %vs, switch side %vs, rest between %vs\n",
		p.ID, p.Title.In("en"), p.GetReadySeconds, p.SwitchSideSeconds, p.RestBetweenExercisesSeconds)
	for _, it := range items {
		fmt.Fprintf(&b, "%s: %+v\n", it.Exercise.ID, it.Dose)
	}
	return b.String(), nil
}

// assertLeaves checks that every error joined in err is a *DecodeError or a
// *FieldError, so that callers can rely on the types.
func assertLeaves(t *testing.T, err error) {
	t.Helper()
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range joined.Unwrap() {
			assertLeaves(t, e)
		}
		return
	}
	var de *program.DecodeError
	var fe *program.FieldError
	assert.True(t, errors.As(err, &de) || errors.As(err, &fe), "error %T %q is neither a *DecodeError nor a *FieldError", err, err)
}

func loadLibrary(t *testing.T, file string) *program.Library {
	t.Helper()
	f, err := os.Open(file)
	require.NoError(t, err)
	defer f.Close()
	lib, err := program.DecodeLibrary(f)
	require.NoError(t, err, "DecodeLibrary(%s)", file)
	require.NoError(t, lib.Validate(), "Validate(%s)", file)
	return lib
}

// natural orders strings as a person would, comparing runs of digits by
// value: "line 9" before "line 10".
func natural(a, b string) int {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := cmp.Or(cmp.Compare(len(na), len(nb)), strings.Compare(na, nb)); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

// digits returns the length of the run of ASCII digits that starts s.
func digits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}
