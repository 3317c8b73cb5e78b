package programs_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/program"
	"spry/programs"
)

// Every shipped exercise speaks English and French.
var languages = []string{"en", "fr"}

func TestLibrary(t *testing.T) {
	lib, err := programs.Library()
	require.NoError(t, err, "Library()")
	require.NotEmpty(t, lib.Exercises)
	for _, e := range lib.Exercises {
		for _, lang := range languages {
			assert.NotEmpty(t, e.Name[lang], "exercise %q has no %s name", e.ID, lang)
			assert.NotEmpty(t, e.Steps[lang], "exercise %q has no %s steps", e.ID, lang)
		}
	}
	again, err := programs.Library()
	require.NoError(t, err)
	assert.Same(t, lib, again, "Library() decodes once")
}

// Each library file on disk is valid on its own, not only once merged.
func TestLibraryFiles(t *testing.T) {
	files, err := filepath.Glob("library/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		f, err := os.Open(file)
		require.NoError(t, err)
		lib, err := program.DecodeLibrary(f)
		f.Close()
		require.NoError(t, err, "DecodeLibrary(%s)", file)
		assert.NoError(t, lib.Validate(), "Validate(%s)", file)
	}
}

func TestPrograms(t *testing.T) {
	lib, err := programs.Library()
	require.NoError(t, err)
	files, err := filepath.Glob("programs/*.json")
	require.NoError(t, err)
	var onDisk []string
	for _, file := range files {
		onDisk = append(onDisk, strings.TrimSuffix(filepath.Base(file), ".json"))
	}
	ids := programs.ProgramIDs()
	assert.Equal(t, onDisk, ids, "ProgramIDs() = %v, want the files in programs/: %v", ids, onDisk)
	assert.Contains(t, ids, "low-back-first-week")

	for _, id := range ids {
		// The file's own id, read without the loader's check.
		data, err := os.ReadFile(filepath.Join("programs", id+".json"))
		require.NoError(t, err)
		var head struct{ ID string }
		require.NoError(t, json.Unmarshal(data, &head))
		assert.Equal(t, id, head.ID, "programs/%s.json has id %q, want its file name", id, head.ID)

		p, err := programs.Program(id)
		require.NoError(t, err, "Program(%q)", id)
		for _, lang := range languages {
			assert.NotEmpty(t, p.Title[lang], "program %q has no %s title", id, lang)
			assert.NotEmpty(t, p.Contact[lang], "program %q has no %s contact", id, lang)
		}
		items, err := p.Items(lib)
		require.NoError(t, err, "Program(%q).Items", id)
		assert.Len(t, items, len(p.Blocks))
	}
}

func TestLowBackFirstWeek(t *testing.T) {
	p, err := programs.Program("low-back-first-week")
	require.NoError(t, err)
	var got []string
	for _, b := range p.Blocks {
		got = append(got, b.Exercise)
	}
	assert.Equal(t, []string{"pelvic-tilt", "bridge", "bird-dog", "knee-to-chest"}, got)
	assert.Equal(t, "Low back — first week", p.Title.In("en"))
	assert.Equal(t, "Dos — première semaine", p.Title.In("fr"))
}

func TestProgramUnknown(t *testing.T) {
	_, err := programs.Program("no-such-program")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `no program "no-such-program"`)
	assert.Contains(t, err.Error(), "low-back-first-week", "the error lists the programs there are")
}

func TestProgramReturnsAFreshCopy(t *testing.T) {
	p, err := programs.Program("low-back-first-week")
	require.NoError(t, err)
	p.Blocks[0].Exercise = "changed"
	again, err := programs.Program("low-back-first-week")
	require.NoError(t, err)
	assert.Equal(t, "pelvic-tilt", again.Blocks[0].Exercise)
}

func TestLoadLibraryErrors(t *testing.T) {
	ex := func(id string) string {
		return `{"id": "` + id + `", "name": {"en": "N"}, "motion": "m", "sides": "both", "steps": {"en": ["S."]},
			"dose": {"sets": 1, "reps": 1, "restSeconds": 0, "tempo": {"upSeconds": 1, "downSeconds": 1}}}`
	}
	lib := func(ids ...string) *fstest.MapFile {
		var exs []string
		for _, id := range ids {
			exs = append(exs, ex(id))
		}
		return &fstest.MapFile{Data: []byte(`{"schema": 1, "exercises": [` + strings.Join(exs, ",") + `]}`)}
	}
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"good", fstest.MapFS{"lib/a.json": lib("a", "b"), "lib/b.json": lib("c"), "lib/notes.txt": {}}, ""},
		{"across files", fstest.MapFS{"lib/a.json": lib("a", "b"), "lib/b.json": lib("c", "a")},
			"merging the library files (libraries[0] is lib/a.json, libraries[1] is lib/b.json):\n" +
				`libraries[1].exercises[1].id: "a" is already libraries[0].exercises[0].id`},
		{"each bad file named", fstest.MapFS{
			"lib/a.json": {Data: []byte(`{"schema": 1, "exercises": []}`)},
			"lib/b.json": {Data: []byte("{\n\"schema\": 1,\n\"exercises\": 3}")},
			"lib/c.json": lib("c"),
		}, "lib/a.json: exercises: must have 1..1000 exercises, got 0\n" +
			"lib/b.json: line 3: exercises: want a list, got a number"},
	}
	for _, tt := range tests {
		got, err := programs.LoadLibrary(tt.fsys, "lib")
		if tt.want == "" {
			require.NoError(t, err, "%s: LoadLibrary", tt.name)
			assert.Len(t, got.Exercises, 3, "%s: LoadLibrary", tt.name)
			continue
		}
		assert.EqualError(t, err, tt.want, "%s: LoadLibrary", tt.name)
	}
}

// The player decodes the shipped files the fast way; Check holds them to the
// strict way, so both must agree.
func TestCheck(t *testing.T) {
	require.NoError(t, programs.Check())
	fast, err := programs.Library()
	require.NoError(t, err)
	strict, err := programs.LoadLibrary(programs.LibraryFS, "library")
	require.NoError(t, err)
	assert.Equal(t, strict, fast, "the fast and the strict loads give the same library")
}
