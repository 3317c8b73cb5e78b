package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"

	"spry/engine/figure"
	"spry/engine/motion"
	"spry/programs"
)

// stillWidth is the width of every still in pixels; the height follows the
// clip's frame.
const stillWidth = 480

// stillPoses are the key poses drawn for every clip, with the clip phase and
// the fraction of it each is taken at: the resting position, and the middle
// of the hold (as engine/handout draws it).
var stillPoses = []struct {
	name, phase string
	progress    float64
}{
	{"start", motion.PhaseStart, 0},
	{"hold", motion.PhaseHold, 0.5},
}

// stillsIndex is the stills directory's index.json: which file shows which
// clip at which key pose.
type stillsIndex struct {
	Schema int         `json:"schema"`
	Clips  []clipStill `json:"clips"`
}

// clipStill is one clip's stills: file names relative to the index, keyed
// by pose ("start", "hold"), and their size in pixels.
type clipStill struct {
	ID     string            `json:"id"`
	Files  map[string]string `json:"files"`
	Width  int               `json:"width"`
	Height int               `json:"height"`
}

func runStills(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("stills", stderr,
		"Usage: spry stills [-dir out/stills]",
		"Draws every built-in motion clip at its key poses (start, hold) as SVG files",
		"named CLIP-POSE.svg, and lists them in index.json, for the contact sheet.")
	dir := fs.String("dir", "out/stills", "`directory` to write the stills and index.json into")
	if code, ok := parseFlags(fs, args, 0); !ok {
		return code
	}
	clips, err := programs.Motions()
	if err != nil {
		fmt.Fprintf(stderr, "spry stills: the built-in motions are broken: %v\n", err)
		return 1
	}
	n, err := writeStills(*dir, clips)
	if err != nil {
		fmt.Fprintf(stderr, "spry stills: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: %d stills of %d clips\n", *dir, n, len(clips))
	return 0
}

// writeStills writes the stills of clips into dir, with index.json, and
// returns how many pictures it wrote. The output depends only on the clips.
func writeStills(dir string, clips map[string]*motion.Clip) (int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	ids := make([]string, 0, len(clips))
	for id := range clips {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	idx := stillsIndex{Schema: 1, Clips: make([]clipStill, 0, len(ids))}
	n := 0
	for _, id := range ids {
		c := clips[id]
		cs := clipStill{ID: id, Files: make(map[string]string, len(stillPoses))}
		for _, p := range stillPoses {
			d := still(c, p.phase, p.progress)
			cs.Width = stillWidth
			cs.Height = int(math.Round(stillWidth * d.Height / d.Width))
			name := id + "-" + p.name + ".svg"
			if err := os.WriteFile(filepath.Join(dir, name), []byte(d.SVG(cs.Width, cs.Height)), 0o644); err != nil {
				return n, err
			}
			cs.Files[p.name] = name
			n++
		}
		idx.Clips = append(idx.Clips, cs)
	}
	data, err := json.MarshalIndent(idx, "", "  ")
	if err != nil {
		return n, err
	}
	return n, os.WriteFile(filepath.Join(dir, "index.json"), append(data, '\n'), 0o644)
}

// still draws clip c at progress through phase, framed on the clip's whole
// movement like the player, with its props, without highlight or breath.
func still(c *motion.Clip, phase string, progress float64) figure.Drawing {
	pts := c.Sample(phase, progress).Points(motion.Standard())
	return figure.Draw(pts, figure.Style{View: figure.Frame(c.Bounds()), Props: c.PlacedProps()})
}
