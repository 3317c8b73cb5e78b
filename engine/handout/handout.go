// Package handout writes a program as a standalone, printable HTML page for
// the patient: each exercise with pictures of its key poses, its steps and
// dose in plain words, and the red-flag card. Every text from the program or
// the library is escaped by html/template; the page holds no script.
package handout

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"strings"

	"spry/engine/figure"
	"spry/engine/motion"
	"spry/engine/program"
)

//go:embed handout.html
var files embed.FS

var page = template.Must(template.New("handout.html").Funcs(template.FuncMap{
	"add": func(a, b int) int { return a + b },
}).ParseFS(files, "handout.html"))

// Picture sizes, in pixels; the page scales them to its columns.
const (
	pictureWidth  = 480
	pictureHeight = 270
)

// view is what the template shows.
type view struct {
	W         *words
	Title     string
	Note      string
	Contact   string
	Exercises []exercise
}

type exercise struct {
	Name            string
	Start, Hold     template.HTML // inline SVG made here from numbers, never from program text
	Amount, Rest    string
	Steps           []string
	Cues, Mistakes  []string
	Cautions, Props []string
}

// HTML returns the handout of program p in lang ("en" or "fr", see Langs),
// with the exercises looked up in lib and their pictures drawn from clips,
// keyed by motion ID. An exercise whose clip is missing is shown without
// pictures. A block with a
// ladder shows its starting step. Texts missing in lang fall back to
// English. HTML checks p against lib first and returns every problem.
func HTML(p *program.Program, lib *program.Library, clips map[string]*motion.Clip, lang string) ([]byte, error) {
	w, ok := catalog[lang]
	if !ok {
		return nil, fmt.Errorf("handout: no handout texts in language %q (have %s)", lang, strings.Join(Langs(), ", "))
	}
	if p == nil || lib == nil {
		return nil, fmt.Errorf("handout: need a program and its library")
	}
	if err := p.Validate(lib); err != nil {
		return nil, err
	}
	items, err := p.Items(lib)
	if err != nil {
		return nil, err
	}
	v := view{W: w, Title: p.Title.In(lang), Note: p.Note.In(lang), Contact: p.Contact.In(lang)}
	for _, it := range items {
		ex := it.Exercise
		e := exercise{
			Name:     ex.Name.In(lang),
			Steps:    ex.Steps.In(lang),
			Cues:     ex.Cues.In(lang),
			Mistakes: ex.Mistakes.In(lang),
			Cautions: ex.Cautions.In(lang),
		}
		e.Amount, e.Rest = w.dose(it.Dose, ex.Sides)
		for _, id := range ex.Props {
			e.Props = append(e.Props, w.prop(id))
		}
		if c := clips[ex.Motion]; c != nil {
			e.Start = picture(c, motion.PhaseStart)
			e.Hold = picture(c, motion.PhaseHold)
		}
		v.Exercises = append(v.Exercises, e)
	}
	var b bytes.Buffer
	if err := page.Execute(&b, v); err != nil {
		return nil, fmt.Errorf("handout: %w", err)
	}
	return b.Bytes(), nil
}

// picture draws clip c halfway through phase as inline SVG, framed on the
// clip's whole movement. Target areas are not highlighted: on paper the tint
// reads as part of the clothes.
func picture(c *motion.Clip, phase string) template.HTML {
	pts := c.Sample(phase, 0.5).Points(motion.Standard())
	st := figure.Style{View: figure.Frame(c.Bounds())}
	svg := figure.Draw(pts, st).SVG(pictureWidth, pictureHeight)
	// The SVG is built from coordinates and palette colours only.
	svg = strings.Replace(svg, "<svg ", `<svg aria-hidden="true" `, 1)
	return template.HTML(svg)
}
