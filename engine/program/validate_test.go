package program_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/program"
)

func goodDose() program.Dose {
	return program.Dose{Sets: 1, Reps: 10, RestSeconds: 30, Tempo: program.Tempo{UpSeconds: 2, DownSeconds: 2}}
}

// Values JSON cannot carry (NaN, infinities) are checked here, on doses and
// programs built in Go.
func TestDoseValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*program.Dose)
		want string
	}{
		{"good", func(*program.Dose) {}, ""},
		{"lowest", func(d *program.Dose) { *d = program.Dose{Sets: 1, Reps: 1, HoldSeconds: 0.01} }, ""},
		{"highest", func(d *program.Dose) {
			*d = program.Dose{Sets: 10, Reps: 100, HoldSeconds: 300, RestSeconds: 600, Tempo: program.Tempo{UpSeconds: 30, DownSeconds: 30}}
		}, ""},
		{"NaN hold", func(d *program.Dose) { d.HoldSeconds = math.NaN() }, "holdSeconds: must be a finite number, got NaN"},
		{"infinite rest", func(d *program.Dose) { d.RestSeconds = math.Inf(1) }, "restSeconds: must be a finite number, got +Inf"},
		{"minus infinite tempo", func(d *program.Dose) { d.Tempo.UpSeconds = math.Inf(-1) }, "tempo.upSeconds: must be a finite number, got -Inf"},
		{"NaN tempo hides the zero-time check", func(d *program.Dose) {
			d.Tempo = program.Tempo{UpSeconds: math.NaN()}
		}, "tempo.upSeconds: must be a finite number, got NaN"},
		{"zero time", func(d *program.Dose) { d.Tempo = program.Tempo{} },
			"a repetition must take some time, but tempo.upSeconds + holdSeconds + tempo.downSeconds is 0"},
		{"several", func(d *program.Dose) { d.Sets, d.Reps = 0, 101 }, "sets: must be 1..10, got 0\nreps: must be 1..100, got 101"},
	}
	for _, tt := range tests {
		d := goodDose()
		tt.edit(&d)
		err := d.Validate()
		if tt.want == "" {
			assert.NoError(t, err, "%s: Validate(%+v)", tt.name, d)
			continue
		}
		require.Error(t, err, "%s: Validate(%+v)", tt.name, d)
		assert.Equal(t, tt.want, err.Error(), "%s: Validate(%+v)", tt.name, d)
	}
}

func TestProgramValidateTimings(t *testing.T) {
	lib := loadLibrary(t, "testdata/library.json")
	p := &program.Program{
		Schema: program.Schema, ID: "p", Title: program.Text{"en": "T"},
		GetReadySeconds: math.NaN(), SwitchSideSeconds: math.Inf(1), RestBetweenExercisesSeconds: math.Inf(-1),
		Blocks: []program.Block{{Exercise: "curl", Dose: &program.Dose{Sets: 1, Reps: 1, HoldSeconds: math.NaN()}}},
	}
	err := p.Validate(lib)
	require.Error(t, err)
	assert.Equal(t, strings.Join([]string{
		"getReadySeconds: must be a finite number, got NaN",
		"switchSideSeconds: must be a finite number, got +Inf",
		"restBetweenExercisesSeconds: must be a finite number, got -Inf",
		"blocks[0].dose.holdSeconds: must be a finite number, got NaN",
	}, "\n"), err.Error())

	var fe *program.FieldError
	require.True(t, errors.As(err, &fe), "errors.As(%v, *FieldError) = false, want true", err)
	assert.Equal(t, "getReadySeconds", fe.Path)
}

func TestProgramValidateNilLibrary(t *testing.T) {
	p := &program.Program{Schema: program.Schema, ID: "p", Title: program.Text{"en": "T"},
		Blocks: []program.Block{{Exercise: "not-in-any-library"}}}
	assert.NoError(t, p.Validate(nil), "Validate(nil) checks no references")
	_, err := p.Items(nil)
	assert.EqualError(t, err, `blocks[0].exercise: no exercise "not-in-any-library" in the library`)
}

func TestTextControlAndUTF8(t *testing.T) {
	tests := []struct {
		title string
		want  string
	}{
		{"Tab\there", "title.en: contains the control character U+0009"},
		{"Bad \xff byte", "title.en: not valid UTF-8"},
		{"\u00a0 \t", "title.en: empty"},
		{strings.Repeat("é", 80), ""},
		{strings.Repeat("é", 81), "title.en: longer than 80 characters (81)"},
	}
	for _, tt := range tests {
		p := &program.Program{Schema: program.Schema, ID: "p", Title: program.Text{"en": tt.title},
			Blocks: []program.Block{{Exercise: "x"}}}
		err := p.Validate(nil)
		if tt.want == "" {
			assert.NoError(t, err, "Validate(title %q)", tt.title)
			continue
		}
		assert.EqualError(t, err, tt.want, "Validate(title %q)", tt.title)
	}
}

func TestExercise(t *testing.T) {
	lib := loadLibrary(t, "testdata/library.json")
	tests := []struct {
		lib  *program.Library
		id   string
		want bool
	}{
		{lib, "curl", true},
		{lib, "stretch", true},
		{lib, "Curl", false},
		{lib, "", false},
		{nil, "curl", false},
	}
	for _, tt := range tests {
		e, ok := tt.lib.Exercise(tt.id)
		require.Equal(t, tt.want, ok, "Exercise(%q) ok = %v, want %v", tt.id, ok, tt.want)
		if ok {
			assert.Equal(t, tt.id, e.ID, "Exercise(%q).ID", tt.id)
			assert.Same(t, e, &tt.lib.Exercises[indexOf(tt.lib, tt.id)], "Exercise(%q) points into the library", tt.id)
		}
	}
}

func indexOf(l *program.Library, id string) int {
	for i, e := range l.Exercises {
		if e.ID == id {
			return i
		}
	}
	return -1
}

func TestItemsReportsEveryMissingExercise(t *testing.T) {
	lib := loadLibrary(t, "testdata/library.json")
	p := &program.Program{Blocks: []program.Block{{Exercise: "curl"}, {Exercise: "foo"}, {Exercise: "bar"}}}
	items, err := p.Items(lib)
	assert.Nil(t, items)
	assert.EqualError(t, err, "blocks[1].exercise: no exercise \"foo\" in the library\nblocks[2].exercise: no exercise \"bar\" in the library")
}

func TestMerge(t *testing.T) {
	lib := func(ids ...string) *program.Library {
		l := &program.Library{Schema: program.Schema}
		for _, id := range ids {
			l.Exercises = append(l.Exercises, program.Exercise{ID: id})
		}
		return l
	}
	tests := []struct {
		name string
		libs []*program.Library
		want []string
		err  string
	}{
		{name: "none", libs: nil, want: nil},
		{name: "keeps order", libs: []*program.Library{lib("b", "a"), lib("c"), lib()}, want: []string{"b", "a", "c"}},
		{name: "duplicates", libs: []*program.Library{lib("a", "b"), lib("c", "a"), lib("b")},
			err: "libraries[1].exercises[1].id: \"a\" is already libraries[0].exercises[0].id\n" +
				"libraries[2].exercises[0].id: \"b\" is already libraries[0].exercises[1].id"},
		{name: "nil", libs: []*program.Library{lib("a"), nil}, err: "libraries[1]: nil library"},
	}
	for _, tt := range tests {
		got, err := program.Merge(tt.libs...)
		if tt.err != "" {
			assert.EqualError(t, err, tt.err, "%s: Merge", tt.name)
			assert.Nil(t, got, "%s: Merge", tt.name)
			continue
		}
		require.NoError(t, err, "%s: Merge", tt.name)
		assert.Equal(t, program.Schema, got.Schema, "%s: Merge(...).Schema", tt.name)
		var ids []string
		for _, e := range got.Exercises {
			ids = append(ids, e.ID)
		}
		assert.Equal(t, tt.want, ids, "%s: Merge(...) ids", tt.name)
	}
}

func TestMergeDoesNotShareSlices(t *testing.T) {
	a := &program.Library{Schema: program.Schema, Exercises: []program.Exercise{{ID: "a"}}}
	m, err := program.Merge(a)
	require.NoError(t, err)
	m.Exercises[0].ID = "changed"
	assert.Equal(t, "a", a.Exercises[0].ID, "changing the merged library changed its source")
}

func TestDecodeSizeLimit(t *testing.T) {
	valid, err := os.ReadFile("testdata/valid/defaults.json")
	require.NoError(t, err)
	pad := func(n int) io.Reader {
		return io.MultiReader(bytes.NewReader(valid), strings.NewReader(strings.Repeat(" ", n-len(valid))))
	}
	_, err = program.DecodeProgram(pad(program.MaxFileSize))
	assert.NoError(t, err, "DecodeProgram(file of exactly MaxFileSize bytes)")
	_, err = program.DecodeProgram(pad(program.MaxFileSize + 1))
	assert.EqualError(t, err, "file is larger than 1024 KiB")
	_, err = program.DecodeLibrary(pad(program.MaxFileSize + 1))
	assert.EqualError(t, err, "file is larger than 1024 KiB")
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestDecodeReadError(t *testing.T) {
	_, err := program.DecodeProgram(failingReader{})
	assert.EqualError(t, err, "disk on fire")
}

// Whatever Decode accepts, encoding/json accepts and reads the same way, and
// writing it back out and reading it again gives the same value.
func TestDecodeRoundTrip(t *testing.T) {
	files, err := filepath.Glob("testdata/valid/*.json")
	require.NoError(t, err)
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		decode := func(data []byte) (any, error) {
			if strings.HasPrefix(filepath.Base(file), "library-") {
				return program.DecodeLibrary(bytes.NewReader(data))
			}
			return program.DecodeProgram(bytes.NewReader(data))
		}
		v, err := decode(data)
		require.NoError(t, err, "decode(%s)", file)
		out, err := json.Marshal(v)
		require.NoError(t, err)
		again, err := decode(out)
		require.NoError(t, err, "decode(Marshal(%s)) of %s", file, out)
		assert.Equal(t, v, again, "decode(Marshal(decode(%s)))", file)
	}
}

// TestNameChecksAgreeWithRegexps holds the hand-written kebab-case and
// language checks to the regular expressions they stand for.
func TestNameChecksAgreeWithRegexps(t *testing.T) {
	kebab := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	language := regexp.MustCompile(`^[a-z][a-z]$`)
	for _, s := range []string{"", "a", "knee-to-chest", "a-b-c", "-a", "a-", "a--b", "A", "a_b", "é", "a b",
		"9", "9-9", "--", "-", "en", "fr", "EN", "e", "eng", "e1", "ab-", "x\x00"} {
		assert.Equal(t, kebab.MatchString(s), program.IsKebab(s), "IsKebab(%q)", s)
		assert.Equal(t, language.MatchString(s), program.IsLanguage(s), "IsLanguage(%q)", s)
	}
}
