// Package programs holds the data Spry ships, embedded in the binary: the
// exercise library (library/*.json) and the programs prescribed from it
// (programs/*.json). Its loaders decode and validate that data, so that a
// broken file is reported with its name, line and field rather than
// crashing later.
package programs

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"

	"spry/engine/program"
)

//go:embed library/*.json
var libraryFiles embed.FS

//go:embed programs/*.json
var programFiles embed.FS

// Library returns every exercise of the shipped library files, merged in file
// name order. It decodes them once; the result is shared, so callers must
// not modify it.
//
// The shipped files are checked strictly, with every problem named, by
// Check, which the tests run; a player starting on a phone only decodes
// them, which is several times faster (the time to the first frame).
func Library() (*program.Library, error) {
	return library()
}

var library = sync.OnceValues(func() (*program.Library, error) {
	entries, err := fs.ReadDir(libraryFiles, "library")
	if err != nil {
		return nil, err
	}
	var libs []*program.Library
	for _, e := range entries {
		data, err := libraryFiles.ReadFile(path.Join("library", e.Name()))
		if err != nil {
			return nil, err
		}
		var lib program.Library
		if err := json.Unmarshal(data, &lib); err != nil {
			return nil, inFile(e.Name(), err)
		}
		libs = append(libs, &lib)
	}
	return program.Merge(libs...)
})

// Check loads every shipped file the strict way, as a file from outside
// would be: the library files, the programs and the motion clips, each
// decoded strictly and validated, with every problem reported.
func Check() error {
	lib, err := loadLibrary(libraryFiles, "library")
	if err != nil {
		return err
	}
	errs := []error{checkMotions()}
	for _, id := range ProgramIDs() {
		if _, err := loadProgram(id, lib); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// loadLibrary decodes, validates and merges every .json file in dir.
func loadLibrary(fsys fs.FS, dir string) (*program.Library, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var (
		libs  []*program.Library
		names []string
		errs  []error
	)
	for _, e := range entries {
		name := path.Join(dir, e.Name())
		if e.IsDir() || path.Ext(name) != ".json" {
			continue
		}
		f, err := fsys.Open(name)
		if err != nil {
			return nil, err
		}
		lib, err := program.DecodeLibrary(f)
		f.Close()
		if err == nil {
			err = lib.Validate()
		}
		if err != nil {
			errs = append(errs, inFile(name, err))
			continue
		}
		libs = append(libs, lib)
		names = append(names, name)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	merged, err := program.Merge(libs...)
	if err != nil {
		legend := make([]string, len(names))
		for i, n := range names {
			legend[i] = fmt.Sprintf("libraries[%d] is %s", i, n)
		}
		return nil, fmt.Errorf("merging the library files (%s):\n%w", strings.Join(legend, ", "), err)
	}
	if err := merged.Validate(); err != nil {
		return nil, fmt.Errorf("the merged library:\n%w", err)
	}
	return merged, nil
}

// ProgramIDs returns the IDs of the shipped programs, sorted.
func ProgramIDs() []string {
	entries, err := fs.ReadDir(programFiles, "programs")
	if err != nil {
		panic(err) // The embedded directory is there, or the build fails.
	}
	var ids []string
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".json"); ok && !e.IsDir() {
			ids = append(ids, id)
		}
	}
	return ids
}

// Program returns the shipped program with the given ID, decoded and
// validated against Library. Each call decodes the file afresh, so the
// caller owns the result. An unknown ID is an error that lists the IDs there
// are.
func Program(id string) (*program.Program, error) {
	ids := ProgramIDs()
	found := false
	for _, known := range ids {
		found = found || known == id
	}
	if !found {
		return nil, fmt.Errorf("no program %q; the programs are: %s", id, strings.Join(ids, ", "))
	}
	lib, err := Library()
	if err != nil {
		return nil, err
	}
	return loadProgram(id, lib)
}

// loadProgram decodes and validates the shipped program id against lib.
func loadProgram(id string, lib *program.Library) (*program.Program, error) {
	name := path.Join("programs", id+".json")
	f, err := programFiles.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	p, err := program.DecodeProgram(f)
	if err == nil {
		err = p.Validate(lib)
	}
	if err == nil && p.ID != id {
		err = &program.FieldError{Path: "id", Msg: fmt.Sprintf("%q does not match the file name", p.ID)}
	}
	if err != nil {
		return nil, inFile(name, err)
	}
	return p, nil
}

// fileError is a problem in a named file; each line of its message starts
// with the file name.
type fileError struct {
	name string
	err  error
}

func inFile(name string, err error) error {
	return &fileError{name: name, err: err}
}

func (e *fileError) Error() string {
	lines := strings.Split(e.err.Error(), "\n")
	for i, l := range lines {
		lines[i] = e.name + ": " + l
	}
	return strings.Join(lines, "\n")
}

func (e *fileError) Unwrap() error { return e.err }
