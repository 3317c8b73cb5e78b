package motion

import (
	"fmt"
	"math"
)

// PropKind names a piece of equipment a clip shows.
type PropKind string

// The props.
const (
	// Strap runs from a hand to a foot (a hamstring stretch).
	Strap PropKind = "strap"
	// Chair stands under the pelvis of the start pose.
	Chair PropKind = "chair"
	// Wall stands behind the back of the start pose.
	Wall PropKind = "wall"
)

// PropSpec is a prop as authored. A strap names the two points it joins
// ("hand_near", "toe_near"); a chair and a wall need no points.
type PropSpec struct {
	Kind PropKind `json:"kind"`
	From string   `json:"from,omitempty"`
	To   string   `json:"to,omitempty"`
}

// Prop is a prop placed for drawing. A strap follows the body: draw it from
// Points.At[From] to Points.At[To]. A chair or wall stays put: Box is its
// world rectangle (Min, Max).
type Prop struct {
	Kind     PropKind
	From, To Point
	Box      [2]Vec
}

// validateProps checks the clip's props and places them by the solved start
// pose.
func (c *Clip) validateProps(bad func(path, format string, args ...any)) []Prop {
	var props []Prop
	for i, ps := range c.Props {
		path := fmt.Sprintf("props[%d]", i)
		p := Prop{Kind: ps.Kind}
		switch ps.Kind {
		case Strap:
			for _, end := range []struct {
				name string
				pt   *Point
			}{{ps.From, &p.From}, {ps.To, &p.To}} {
				pts, ok := pointsNamed(end.name)
				if !ok || len(pts) != 1 {
					bad(path, "unknown point %q for a strap end (name one side)", end.name)
					continue
				}
				*end.pt = pts[0]
			}
		case Chair, Wall:
			if ps.From != "" || ps.To != "" {
				bad(path, "a %s takes no points", ps.Kind)
			}
		default:
			bad(path+".kind", "unknown prop %q (want strap, chair or wall)", ps.Kind)
		}
		props = append(props, p)
	}
	return props
}

// placeProps sets the boxes of fixed props from the start pose.
func placeProps(props []Prop, start *Points) {
	for i := range props {
		p := &props[i]
		switch p.Kind {
		case Chair:
			// The seat's top meets the seat of the trousers; the seat
			// reaches from behind the pelvis to mid-thigh.
			hip := start.At[PtPelvis]
			top := hip.Y - start.Radius[PtPelvis]
			p.Box = [2]Vec{{hip.X - 0.12, 0}, {hip.X + 0.14, top}}
		case Wall:
			// The wall touches the back: the backmost trunk point.
			back := math.Inf(1)
			for q := PtPelvis; q <= PtHead; q++ {
				back = math.Min(back, start.At[q].X-start.Radius[q])
			}
			p.Box = [2]Vec{{back - 0.05, 0}, {back, 1.15}}
		}
	}
}

// PlacedProps returns the clip's props placed for drawing, or nil for an
// invalid clip. Mirroring a pose does not move them.
func (c *Clip) PlacedProps() []Prop {
	if c.Validate() != nil {
		return nil
	}
	return c.props
}
