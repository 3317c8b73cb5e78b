package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"spry/cmd/spry/internal/check"
	"spry/engine/program"
	"spry/engine/simulate"
	"spry/programs"
)

func runSimulate(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("simulate", stderr,
		"Usage: spry simulate [-weeks N] [-scenario all-green|some-amber|flare-week-2|all] FILE",
		"Plays a synthetic patient through the program with Spry's real progression rules",
		"and prints, for each block, what each week asks for and why.")
	weeks := fs.Int("weeks", 4, "number of `weeks` to simulate (1 to 52)")
	scenario := fs.String("scenario", "all", "`scenario`: all-green, some-amber, flare-week-2 or all")
	perWeek := fs.Int("per-week", simulate.DefaultSessionsPerWeek, "`sessions` a week (1 to 7)")
	start := fs.String("start", "", "`date` of the first session, YYYY-MM-DD (default: next Monday)")
	lang := fs.String("lang", "en", "`language` of the reasons")
	asJSON := fs.Bool("json", false, "print the tables as JSON")
	if code, ok := parseFlags(fs, args, 1); !ok {
		return code
	}
	if *weeks < 1 || *weeks > 52 {
		fmt.Fprintf(stderr, "spry simulate: -weeks %d: want 1 to 52\n", *weeks)
		return 2
	}
	if *perWeek < 1 || *perWeek > 7 {
		fmt.Fprintf(stderr, "spry simulate: -per-week %d: want 1 to 7\n", *perWeek)
		return 2
	}
	scenarios := simulate.Scenarios()
	if *scenario != "all" {
		s, err := simulate.ParseScenario(*scenario)
		if err != nil {
			fmt.Fprintf(stderr, "spry simulate: %v, or all\n", err)
			return 2
		}
		scenarios = []simulate.Scenario{s}
	}
	first := nextMonday(time.Now())
	if *start != "" {
		t, err := time.ParseInLocation("2006-01-02", *start, time.Local)
		if err != nil {
			fmt.Fprintf(stderr, "spry simulate: -start %q: want a date like 2026-01-05\n", *start)
			return 2
		}
		first = t.Add(18 * time.Hour)
	}

	p, lib, ok := loadProgram(fs.Arg(0), stderr)
	if !ok {
		return 1
	}
	var tables []simulate.Table
	for _, s := range scenarios {
		tables = append(tables, simulate.Simulate(p, lib, s, *weeks, first, simulate.SessionsPerWeek(*perWeek), simulate.Lang(*lang)))
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(tables); err != nil {
			fmt.Fprintf(stderr, "spry simulate: %v\n", err)
			return 1
		}
		return 0
	}
	texts := make([]string, len(tables))
	for i, t := range tables {
		texts[i] = t.Text()
	}
	fmt.Fprint(stdout, strings.Join(texts, "\n"))
	return 0
}

// nextMonday returns 18:00 on the first Monday after now.
func nextMonday(now time.Time) time.Time {
	y, m, d := now.Date()
	days := (8 - int(now.Weekday())) % 7
	if days == 0 {
		days = 7
	}
	return time.Date(y, m, d+days, 18, 0, 0, 0, now.Location())
}

// loadProgram reads a program file and validates it against the built-in
// library, printing every problem to stderr as file:path: message.
func loadProgram(name string, stderr io.Writer) (*program.Program, *program.Library, bool) {
	lib, err := programs.Library()
	if err != nil {
		fmt.Fprintf(stderr, "spry: the built-in exercise library is broken: %v\n", err)
		return nil, nil, false
	}
	data, err := os.ReadFile(name)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, errors.Unwrap(err))
		return nil, nil, false
	}
	if lines := check.Program(name, data, lib); len(lines) > 0 {
		for _, l := range lines {
			fmt.Fprintln(stderr, l)
		}
		return nil, nil, false
	}
	// check.Program has decoded it once; decode again to keep it.
	p, err := program.DecodeProgram(bytes.NewReader(data))
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return nil, nil, false
	}
	return p, lib, true
}
