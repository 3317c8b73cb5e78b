package schema_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/program"
	"spry/programs"
	"spry/schema"
)

// cannotExpress lists the files on which the schema and the Go validator
// disagree because the rule is beyond a JSON Schema. Each entry says why;
// the test fails if an entry stops being needed.
var cannotExpress = map[string]string{
	// Repeated keys: a JSON Schema sees the parsed value, where the last
	// key wins; the Go decoder refuses the file.
	"engine/program/testdata/invalid/duplicate-keys.json": "repeated keys",
	// Exercise IDs must be unique across the library's array of objects.
	"engine/program/testdata/invalid/library-duplicate-ids.json": "unique IDs across items",
	// A block must name an exercise of the library: a cross-reference to
	// another file.
	"engine/program/testdata/invalid/unknown-exercise.json": "reference to the library",
}

// Also beyond the schema, with no fixture that depends on them alone:
// whole numbers written as 10.0 or 1e3 (the schema sees the value 10), a
// ladder's start within the ladder and the block's exercise being that
// step's, amberMax not below greenMax, the same number of list items in
// every language as in English, and files over program.MaxFileSize.

func compile(t *testing.T) (prog, lib *jsonschema.Schema) {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.Program))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource(schema.ProgramURL, doc))
	prog, err = c.Compile(schema.ProgramURL)
	require.NoError(t, err)
	lib, err = c.Compile(schema.ProgramURL + "#/$defs/library")
	require.NoError(t, err)
	return prog, lib
}

// bySchema reports whether s accepts data, and why not.
func bySchema(s *jsonschema.Schema, data []byte) error {
	// The format allows a UTF-8 byte order mark, as the Go decoder does.
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return io.ErrUnexpectedEOF // data after the value
	}
	return s.Validate(v)
}

// byGo reports whether engine/program accepts data as a library, or as a
// program against lib.
func byGo(data []byte, isLib bool, lib *program.Library) error {
	if isLib {
		l, err := program.DecodeLibrary(bytes.NewReader(data))
		if err != nil {
			return err
		}
		return l.Validate()
	}
	p, err := program.DecodeProgram(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return p.Validate(lib)
}

func loadLibrary(t *testing.T, name string) *program.Library {
	t.Helper()
	f, err := os.Open(name)
	require.NoError(t, err)
	defer f.Close()
	l, err := program.DecodeLibrary(f)
	require.NoError(t, err)
	require.NoError(t, l.Validate())
	return l
}

// TestAgreesWithValidator checks every fixture of engine/program and every
// shipped program and library file with both the schema and the Go
// decoder and validator.
func TestAgreesWithValidator(t *testing.T) {
	prog, libSchema := compile(t)
	testLib := loadLibrary(t, "../engine/program/testdata/library.json")
	shippedLib, err := programs.Library()
	require.NoError(t, err)

	type file struct {
		path  string
		isLib bool
		lib   *program.Library
	}
	var files []file
	glob := func(pattern string, isLib func(string) bool, lib *program.Library) {
		names, err := filepath.Glob(filepath.Join("..", pattern))
		require.NoError(t, err)
		require.NotEmpty(t, names, "no files match %s", pattern)
		sort.Strings(names)
		for _, n := range names {
			files = append(files, file{filepath.ToSlash(n[len("../"):]), isLib(filepath.Base(n)), lib})
		}
	}
	fixtureLib := func(base string) bool { return strings.HasPrefix(base, "library") }
	glob("engine/program/testdata/valid/*.json", fixtureLib, testLib)
	glob("engine/program/testdata/invalid/*.json", fixtureLib, testLib)
	glob("engine/program/testdata/library.json", fixtureLib, nil)
	glob("programs/library/*.json", func(string) bool { return true }, nil)
	glob("programs/programs/*.json", func(string) bool { return false }, shippedLib)

	used := map[string]bool{}
	for _, f := range files {
		t.Run(f.path, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("..", f.path))
			require.NoError(t, err)
			s := prog
			if f.isLib {
				s = libSchema
			}
			goErr, schemaErr := byGo(data, f.isLib, f.lib), bySchema(s, data)
			wantValid := strings.Contains(f.path, "/valid/") || !strings.Contains(f.path, "/invalid/")
			assert.Equal(t, wantValid, goErr == nil, "Go validator on %s: %v", f.path, goErr)
			if why, ok := cannotExpress[f.path]; ok {
				used[f.path] = true
				assert.NotEqual(t, goErr == nil, schemaErr == nil,
					"%s is allowed to disagree (%s) but schema and Go agree: remove it from cannotExpress", f.path, why)
				return
			}
			assert.Equal(t, goErr == nil, schemaErr == nil,
				"%s: Go says %v; schema says %v", f.path, orOK(goErr), orOK(schemaErr))
		})
	}
	for p := range cannotExpress {
		assert.True(t, used[p], "cannotExpress names %s, which is not checked", p)
	}
}

// TestAgreesOnEdges checks rules no fixture isolates, one at a time, on
// variations of a small program.
func TestAgreesOnEdges(t *testing.T) {
	prog, _ := compile(t)
	lib := loadLibrary(t, "../engine/program/testdata/library.json")
	const base = `{"schema": 1, "id": "edge", "title": {"en": "Edge"}, %s "blocks": [%s]}`
	const dose = `{"sets": 1, "reps": 5, "tempo": {"upSeconds": 1}}`
	tests := []struct {
		name, top, blocks string
		valid             bool
	}{
		{"minimal", ``, `{"exercise": "curl"}`, true},
		{"schedule on weekdays", `"schedule": {"days": ["mon", "wed", "fri"], "weeks": 8},`, `{"exercise": "curl"}`, true},
		{"schedule by sessions a week", `"schedule": {"sessionsPerWeek": 3},`, `{"exercise": "curl"}`, true},
		{"empty schedule", `"schedule": {},`, `{"exercise": "curl"}`, true},
		{"schedule with both", `"schedule": {"days": ["mon"], "sessionsPerWeek": 3},`, `{"exercise": "curl"}`, false},
		{"schedule with no days and a count", `"schedule": {"days": [], "sessionsPerWeek": 3},`, `{"exercise": "curl"}`, true},
		{"schedule with a day twice", `"schedule": {"days": ["mon", "mon"]},`, `{"exercise": "curl"}`, false},
		{"schedule with a capital day", `"schedule": {"days": ["Mon"]},`, `{"exercise": "curl"}`, false},
		{"schedule of 8 sessions a week", `"schedule": {"sessionsPerWeek": 8},`, `{"exercise": "curl"}`, false},
		{"schedule of 104 weeks", `"schedule": {"weeks": 104},`, `{"exercise": "curl"}`, true},
		{"schedule of 105 weeks", `"schedule": {"weeks": 105},`, `{"exercise": "curl"}`, false},
		{"schedule with an unknown field", `"schedule": {"every": "day"},`, `{"exercise": "curl"}`, false},
		{"empty optional texts", `"note": {}, "contact": {},`, `{"exercise": "curl"}`, true},
		{"note without English", `"note": {"fr": "Bonjour"},`, `{"exercise": "curl"}`, false},
		{"blank note", `"note": {"en": " \u00a0 "},`, `{"exercise": "curl"}`, false},
		{"note with a tab", `"note": {"en": "a\tb"},`, `{"exercise": "curl"}`, false},
		{"note with a bidi override", `"note": {"en": "a\u202eb"},`, `{"exercise": "curl"}`, false},
		{"contact of 300 letters", `"contact": {"en": "` + strings.Repeat("é", 300) + `"},`, `{"exercise": "curl"}`, true},
		{"contact of 301 letters", `"contact": {"en": "` + strings.Repeat("é", 301) + `"},`, `{"exercise": "curl"}`, false},
		{"upper-case language", `"contact": {"en": "x", "FR": "y"},`, `{"exercise": "curl"}`, false},
		{"dose with only a hold", ``, `{"exercise": "curl", "dose": {"sets": 1, "reps": 1, "holdSeconds": 0.5}}`, true},
		{"dose taking no time", ``, `{"exercise": "curl", "dose": {"sets": 1, "reps": 1, "tempo": {"upSeconds": 0}}}`, false},
		{"rules without a ladder", ``, `{"exercise": "curl", "rules": {}}`, false},
		{"mode without a ladder", ``, `{"exercise": "curl", "mode": "graded-activity"}`, false},
		{"empty mode without a ladder", ``, `{"exercise": "curl", "mode": ""}`, true},
		{"start without a ladder", ``, `{"exercise": "curl", "start": 1}`, false},
		{"empty ladder", ``, `{"exercise": "curl", "ladder": [], "dose": ` + dose + `}`, true},
		{"ladder", ``, `{"exercise": "reach", "start": 1, "mode": "graded-activity", "rules": {"zones": {"greenMax": 1}, "graded": {"quotaFraction": 1}}, "ladder": [{"exercise": "curl", "dose": ` + dose + `}, {"exercise": "reach", "bracing": true}]}`, true},
		{"ladder and dose", ``, `{"exercise": "curl", "dose": ` + dose + `, "ladder": [{"exercise": "curl"}]}`, false},
		{"no red zone", ``, `{"exercise": "curl", "ladder": [{"exercise": "curl"}], "rules": {"zones": {"amberMax": 10}}}`, false},
		{"quota fraction above 1", ``, `{"exercise": "curl", "ladder": [{"exercise": "curl"}], "rules": {"graded": {"quotaFraction": 1.5}}}`, false},
		{"unknown rule", ``, `{"exercise": "curl", "ladder": [{"exercise": "curl"}], "rules": {"speed": 2}}`, false},
		{"locked", ``, `{"exercise": "curl", "locked": true}`, true},
		{"timings at their limits", `"getReadySeconds": 60, "switchSideSeconds": 0, "restBetweenExercisesSeconds": 600,`, `{"exercise": "curl"}`, true},
		{"null note", `"note": null,`, `{"exercise": "curl"}`, false},
	}
	for _, tt := range tests {
		data := []byte(strings.Replace(strings.Replace(base, "%s", tt.top, 1), "%s", tt.blocks, 1))
		goErr, schemaErr := byGo(data, false, lib), bySchema(prog, data)
		assert.Equal(t, tt.valid, goErr == nil, "%s: Go says %v", tt.name, orOK(goErr))
		assert.Equal(t, tt.valid, schemaErr == nil, "%s: schema says %v", tt.name, orOK(schemaErr))
	}
}

func orOK(err error) string {
	if err == nil {
		return "ok"
	}
	return err.Error()
}
