// Package page connects the player to the web page around it: what the page
// asked for when it loaded, the patient's taps coming in, and the state going
// out to be shown. The browser implementation lives in page_js.go; Fake
// stands in for it in tests.
package page

// Params is what the page asked the player to do when it loaded.
type Params struct {
	// Mode is "app" for the patient's app, anything else for the bare
	// player (a therapist's preview).
	Mode string `json:"mode"`
	// Program is the ID of a shipped program (?program=).
	Program string `json:"program"`
	// Speed is the playback speed asked for (?speed=), as typed.
	Speed string `json:"speed"`
	// Lang is the preferred language (?lang= or the browser's).
	Lang string `json:"lang"`
	// Src is the address of a clinic-hosted program file (?src=).
	Src string `json:"src"`
	// Fragment is the address's fragment: a shared program (engine/share).
	Fragment string `json:"fragment"`
	// ProgramText is the content of the file at Src, once fetched.
	ProgramText string `json:"programText"`
	// LoadError says why the file at Src could not be fetched.
	LoadError string `json:"loadError"`
	// ReducedMotion is set when the browser asks for reduced motion.
	ReducedMotion bool `json:"reducedMotion"`
}

// Rect is a rectangle in CSS pixels of the viewport.
type Rect struct {
	X, Y, W, H float64
}

// Host is the page the player runs in.
type Host interface {
	// Params returns what the page asked for when it loaded.
	Params() Params
	// Attach hands the page a way to send the player commands such as
	// "start" or ("speed", "2"). The function may be called from any
	// goroutine.
	Attach(command func(name, arg string))
	// Render shows a view of the player's state, encoded as JSON.
	Render(viewJSON []byte)
	// StageRect returns where on the screen the figure is drawn.
	StageRect() Rect
	// Mark records a named moment in the browser's performance timeline.
	Mark(name string)
	// Warn writes details for developers to the browser console.
	Warn(msg string)
}
