// Package tools is what the therapist's pages (site/builder.html,
// site/preview.html, site/review.html) ask of the engine: validating a
// program as it is typed, its share link and QR code, its handout and file,
// how it would progress, and the review of a patient's progress file. Every
// function takes and returns plain strings (JSON, SVG or HTML text), never
// fails into the page, and reports problems as data. tools_js.go hands the
// functions to the page; the rest is plain Go, tested natively.
package tools

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"spry/engine/handout"
	"spry/engine/motion"
	"spry/engine/program"
	"spry/engine/share"
	"spry/programs"
)

// Tools answers the therapist's pages from one exercise library and its
// motion clips.
type Tools struct {
	lib   *program.Library
	clips map[string]*motion.Clip
}

// New returns the tools for lib and clips, keyed by motion ID.
func New(lib *program.Library, clips map[string]*motion.Clip) *Tools {
	return &Tools{lib: lib, clips: clips}
}

// Problem is one thing wrong with a program: the path of its field as the
// engine names it ("blocks[1].dose.reps", "" for the whole file), the line
// in the file when known, and what is wrong.
type Problem struct {
	Path string `json:"path"`
	Line int    `json:"line,omitempty"`
	Msg  string `json:"msg"`
}

// Failure is the answer of a function that could not do its work: a
// sentence for the therapist and, when the program is at fault, its
// problems.
type Failure struct {
	Error    string    `json:"error"`
	Problems []Problem `json:"problems,omitempty"`
}

// Problems splits err, as returned by program.DecodeProgram,
// Program.Validate or share.Decode, into its problems, in order.
func Problems(err error) []Problem {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var ps []Problem
		for _, e := range j.Unwrap() {
			ps = append(ps, Problems(e)...)
		}
		return ps
	}
	var fe *program.FieldError
	if errors.As(err, &fe) {
		return []Problem{{Path: fe.Path, Msg: fe.Msg}}
	}
	var de *program.DecodeError
	if errors.As(err, &de) {
		return []Problem{{Path: de.Path, Line: de.Line, Msg: de.Msg}}
	}
	return []Problem{{Msg: err.Error()}}
}

// parse reads a program given as JSON text or as a share link (a whole
// link, "#p1.…" or "p1.…") and checks it against the library.
func (t *Tools) parse(text string) (*program.Program, *Failure) {
	trimmed := strings.TrimSpace(text)
	if trimmed == "" {
		return nil, &Failure{Error: "There is no program: paste a program file or a share link."}
	}
	var p *program.Program
	if strings.HasPrefix(trimmed, "{") {
		var err error
		if p, err = program.DecodeProgram(strings.NewReader(trimmed)); err != nil {
			return nil, &Failure{Error: "This program file cannot be read.", Problems: Problems(err)}
		}
	} else {
		var err error
		if p, err = share.Decode(trimmed); err != nil {
			f := &Failure{Error: linkMessage(err)}
			if errors.Is(err, share.ErrInvalid) {
				f.Problems = Problems(errors.Unwrap(err))
			}
			return nil, f
		}
	}
	if err := p.Validate(t.lib); err != nil {
		return nil, &Failure{Error: "This program has problems.", Problems: Problems(err)}
	}
	return p, nil
}

// linkMessage words why a share link was refused, for the therapist.
func linkMessage(err error) string {
	for _, reason := range []error{share.ErrNotLink, share.ErrTruncated, share.ErrTampered, share.ErrNewer,
		share.ErrTooBig, share.ErrInvalid} {
		if errors.Is(err, reason) {
			s := reason.Error()
			return strings.ToUpper(s[:1]) + s[1:] + "."
		}
	}
	return "This link cannot be opened: " + err.Error()
}

// Validate returns every problem of the program in programJSON, decoded
// strictly and checked against the library, as a JSON array of Problem
// (empty when it is valid).
func (t *Tools) Validate(programJSON string) string {
	p, err := program.DecodeProgram(strings.NewReader(programJSON))
	if err == nil {
		err = p.Validate(t.lib)
	}
	ps := Problems(err)
	if ps == nil {
		ps = []Problem{}
	}
	return marshal(ps)
}

// Exercise is one exercise of the library as the builder's picker shows it.
type Exercise struct {
	ID     string        `json:"id"`
	Name   program.Text  `json:"name"`
	Sides  program.Sides `json:"sides"`
	Dose   program.Dose  `json:"dose"`
	Props  []string      `json:"props"`
	Target []string      `json:"target"`
	Motion string        `json:"motion"`
}

// Library returns the library's exercises, in library order, as a JSON
// array of Exercise.
func (t *Tools) Library() string {
	out := make([]Exercise, 0, len(t.lib.Exercises))
	for _, e := range t.lib.Exercises {
		out = append(out, Exercise{ID: e.ID, Name: e.Name, Sides: e.Sides, Dose: e.Dose,
			Props: nonNil(e.Props), Target: nonNil(e.Target), Motion: e.Motion})
	}
	return marshal(out)
}

// Defaults returns program.DefaultRules as JSON.
func (t *Tools) Defaults() string { return marshal(program.DefaultRules()) }

// Shipped is a program shipped with Spry, to start from.
type Shipped struct {
	ID    string       `json:"id"`
	Title program.Text `json:"title"`
	// Program is the program itself.
	Program *program.Program `json:"program"`
}

// Shipped returns the programs shipped with Spry as a JSON array of
// Shipped, sorted by ID. A shipped program that fails to load is left out.
func (t *Tools) Shipped() string {
	out := []Shipped{}
	for _, id := range programs.ProgramIDs() {
		p, err := programs.Program(id)
		if err != nil {
			continue
		}
		out = append(out, Shipped{ID: p.ID, Title: p.Title, Program: p})
	}
	return marshal(out)
}

// LinkResult is the share link of a program.
type LinkResult struct {
	URL string `json:"url"`
	// FitsQR reports whether the link fits in a QR code.
	FitsQR bool `json:"fitsQR"`
	// Bytes is the length of the link.
	Bytes int `json:"bytes"`
}

// Link returns the share link of the program in programJSON opening the
// player at base, as a LinkResult, or a Failure.
func (t *Tools) Link(programJSON, base string) string {
	p, f := t.parse(programJSON)
	if f != nil {
		return marshal(f)
	}
	url, err := share.Link(base, p)
	if err != nil {
		return marshal(Failure{Error: "No link could be made: " + err.Error()})
	}
	return marshal(LinkResult{URL: url, FitsQR: share.FitsQR(url), Bytes: len(url)})
}

// QR returns {"svg": …}, the QR code of text as an SVG document, or a
// Failure when text is too long for a QR code.
func (t *Tools) QR(text string) string {
	svg, err := QRSVG(text)
	if err != nil {
		return marshal(Failure{Error: err.Error()})
	}
	return marshal(map[string]string{"svg": svg})
}

// File is a file for the page to offer as a download.
type File struct {
	Name string `json:"name"`
	Type string `json:"type"`
	Data string `json:"data"`
}

// Handout returns the printable handout of the program in programJSON, in
// lang, as a File, or a Failure.
func (t *Tools) Handout(programJSON, lang string) string {
	p, f := t.parse(programJSON)
	if f != nil {
		return marshal(f)
	}
	html, err := handout.HTML(p, t.lib, t.clips, lang)
	if err != nil {
		return marshal(Failure{Error: "No handout could be made.", Problems: Problems(err)})
	}
	return marshal(File{Name: p.ID + "-handout.html", Type: "text/html;charset=utf-8", Data: string(html)})
}

// ProgramFile returns the program in programJSON (or a share link) as an
// indented program file, as a File, or a Failure.
func (t *Tools) ProgramFile(programJSON string) string {
	p, f := t.parse(programJSON)
	if f != nil {
		return marshal(f)
	}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return marshal(Failure{Error: err.Error()})
	}
	return marshal(File{Name: p.ID + ".json", Type: "application/json", Data: string(b) + "\n"})
}

func marshal(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(Failure{Error: fmt.Sprintf("tools: %v", err)})
	}
	return string(b)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
