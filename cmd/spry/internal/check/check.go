// Package check decodes and validates program files against an exercise
// library and reports every problem as one line, "file:path: message", the
// way compilers do, so that editors can jump to it.
package check

import (
	"bytes"
	"errors"
	"fmt"

	"spry/engine/program"
)

// Program checks one program file's contents against lib and returns every
// problem, each as a line naming file and the path of the bad field. It
// returns nil for a good program.
func Program(file string, data []byte, lib *program.Library) []string {
	p, err := program.DecodeProgram(bytes.NewReader(data))
	if err != nil {
		return Lines(file, err)
	}
	return Lines(file, p.Validate(lib))
}

// Lines flattens err, which may join several errors (errors.Join), into one
// line per problem, prefixed with file: "file:12: blocks[0]: msg" for a
// decoding error that knows its line, "file:blocks[2].dose.reps: msg" for a
// validation error, "file: msg" otherwise. It returns nil for a nil err.
func Lines(file string, err error) []string {
	var out []string
	for _, e := range flatten(err) {
		var de *program.DecodeError
		var fe *program.FieldError
		switch {
		case errors.As(e, &de) && de.Line > 0:
			out = append(out, fmt.Sprintf("%s:%d: %s", file, de.Line, (&program.DecodeError{Path: de.Path, Msg: de.Msg}).Error()))
		case errors.As(e, &de) && de.Path != "":
			out = append(out, fmt.Sprintf("%s:%s: %s", file, de.Path, de.Msg))
		case errors.As(e, &fe) && fe.Path != "":
			out = append(out, fmt.Sprintf("%s:%s: %s", file, fe.Path, fe.Msg))
		default:
			out = append(out, fmt.Sprintf("%s: %v", file, e))
		}
	}
	return out
}

// flatten returns the leaves of a tree of joined errors, in order.
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}
