package page

import "sync"

// Fake is an in-memory Host for tests. It records everything the player
// shows and lets a test press the page's buttons.
type Fake struct {
	mu      sync.Mutex
	params  Params
	rect    Rect
	command func(name, arg string)
	views   [][]byte
	marks   []string
	warns   []string
}

// NewFake returns a Fake page that loaded with params and whose stage is rect.
func NewFake(params Params, rect Rect) *Fake {
	return &Fake{params: params, rect: rect}
}

// Params returns the params the Fake was made with.
func (f *Fake) Params() Params { return f.params }

// Attach keeps the command function for Press.
func (f *Fake) Attach(command func(name, arg string)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.command = command
}

// Press sends a command as a tap on the page would. It reports whether the
// player had attached.
func (f *Fake) Press(name, arg string) bool {
	f.mu.Lock()
	c := f.command
	f.mu.Unlock()
	if c == nil {
		return false
	}
	c(name, arg)
	return true
}

// Render records a view.
func (f *Fake) Render(viewJSON []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.views = append(f.views, append([]byte(nil), viewJSON...))
}

// Views returns every view rendered so far.
func (f *Fake) Views() [][]byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([][]byte(nil), f.views...)
}

// StageRect returns the rect the Fake was made with.
func (f *Fake) StageRect() Rect { return f.rect }

// Mark records a performance mark.
func (f *Fake) Mark(name string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.marks = append(f.marks, name)
}

// Marks returns the performance marks recorded so far.
func (f *Fake) Marks() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.marks...)
}

// Warn records a console warning.
func (f *Fake) Warn(msg string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.warns = append(f.warns, msg)
}

// Warnings returns the console warnings recorded so far.
func (f *Fake) Warnings() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.warns...)
}
