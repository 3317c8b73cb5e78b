package app

import (
	"spry/engine/player"
)

// Screen names what the patient sees.
type Screen string

// The app's screens.
const (
	Welcome     Screen = "welcome"
	RedFlag     Screen = "red-flag"
	Emergency   Screen = "emergency"
	Urgent      Screen = "urgent"
	Home        Screen = "home"
	PainBefore  Screen = "pain-before"
	Play        Screen = "player"
	Hurts       Screen = "hurts"
	Stopped     Screen = "stopped"
	PainAfter   Screen = "pain-after"
	Effort      Screen = "effort"
	Note        Screen = "note"
	Summary     Screen = "summary"
	Morning     Screen = "morning"
	History     Screen = "history"
	Warning     Screen = "warning"
	Preferences Screen = "settings"
)

// View is one screen, worded in the patient's language. Every string in it
// is plain text for the page to show as text.
type View struct {
	Screen Screen `json:"screen"`
	Lang   string `json:"lang"`
	// Tone styles the screen: "emergency", "urgent" or "".
	Tone  string   `json:"tone,omitempty"`
	Title string   `json:"title"`
	Step  string   `json:"step,omitempty"`
	Body  []string `json:"body,omitempty"`
	List  []Row    `json:"list,omitempty"`
	Scale *Scale   `json:"scale,omitempty"`
	Text  *Field   `json:"text,omitempty"`
	// Toggles are on/off settings.
	Toggles []Toggle `json:"toggles,omitempty"`
	Actions []Action `json:"actions,omitempty"`
	// Player is the follow-along player, on the player screen.
	Player *player.View `json:"player,omitempty"`
	// Controls word the player's buttons.
	Controls *Controls `json:"controls,omitempty"`
	// Alert is a problem to show above the screen (storage).
	Alert string `json:"alert,omitempty"`
	// Nav words the links every screen has.
	Nav Nav `json:"nav"`
	// Download is a file to offer once.
	Download *Download `json:"download,omitempty"`
	// Completed counts what the session just finished did, on the summary.
	Completed *Completed `json:"completed,omitempty"`
	// Charts are the history's charts, each with its data as a table.
	Charts []Chart `json:"charts,omitempty"`
	// ShowTable words the control that shows a chart's table.
	ShowTable string `json:"showTable,omitempty"`
	// Announce is what a screen reader should hear now.
	Announce string `json:"announce,omitempty"`
}

// Row is one line of a list: a title and a detail under it.
type Row struct {
	Title  string `json:"title"`
	Detail string `json:"detail,omitempty"`
	// Changes says what changes in this row next time, and why.
	Changes []string `json:"changes,omitempty"`
}

// Scale is a 0–10 question.
type Scale struct {
	Min   int    `json:"min"`
	Max   int    `json:"max"`
	Value *int   `json:"value,omitempty"`
	Low   string `json:"low"`
	High  string `json:"high"`
	// Label names the scale for screen readers.
	Label string `json:"label"`
}

// Field is a free-text answer.
type Field struct {
	Label string `json:"label"`
	Max   int    `json:"max"`
	Value string `json:"value"`
}

// Toggle is an on/off setting.
type Toggle struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	On    bool   `json:"on"`
}

// Action is a button.
type Action struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	// Kind is "primary", "secondary" or "danger".
	Kind string `json:"kind"`
}

// Controls are the words of the player's buttons.
type Controls struct {
	Pause    string `json:"pause"`
	Resume   string `json:"resume"`
	Skip     string `json:"skip"`
	Done     string `json:"done"`
	Hurts    string `json:"hurts"`
	Less     string `json:"less"`
	More     string `json:"more"`
	LessName string `json:"lessName"`
	MoreName string `json:"moreName"`
}

// Nav words the links on every screen, and the labels of the page's fixed
// regions for screen readers.
type Nav struct {
	Warning  string `json:"warning"`
	History  string `json:"history"`
	Settings string `json:"settings"`
	Home     string `json:"home"`
	Exercise string `json:"exercise"`
	Figure   string `json:"figure"`
}

// Download is a file for the patient to save. Seq grows with every file
// offered, so the page offers each one once even when two are alike.
type Download struct {
	Seq  int    `json:"seq"`
	Name string `json:"name"`
	Type string `json:"type"`
	Data string `json:"data"`
}

// Chart is one history chart: an SVG picture (for an <img>, so nothing in
// it can run) and the same data as a table of plain text.
type Chart struct {
	SVG     string     `json:"svg"`
	Caption string     `json:"caption"`
	Header  []string   `json:"header"`
	Rows    [][]string `json:"rows"`
}

// Completed counts a finished session: the exercises with at least one set
// done, the sets done and the minutes it took. It carries no health data.
type Completed struct {
	Exercises int `json:"exercises"`
	Sets      int `json:"sets"`
	Minutes   int `json:"minutes"`
}
