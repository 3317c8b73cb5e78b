package page

import (
	"encoding/json"
	"syscall/js"
)

// The browser's globals, looked up once.
var (
	global      = js.Global()
	console     = global.Get("console")
	performance = global.Get("performance")
)

// browser is the Host of a real page.
type browser struct {
	host js.Value
	// funcs keeps the callbacks handed to the page alive.
	funcs []js.Func
}

// Browser returns the page the player was loaded into. It fails when the page
// did not set up the spryPage object the player talks to.
// site/app.js sets the spryPage object before it starts the player.
func Browser() (Host, error) {
	host := global.Get("spryPage")
	if host.Type() != js.TypeObject {
		return nil, errNoHost
	}
	return &browser{host: host}, nil
}

func (b *browser) Params() Params {
	var p Params
	raw := global.Get("JSON").Call("stringify", b.host.Get("params")).String()
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		console.Call("warn", "spry: the page's params could not be read: "+err.Error())
	}
	return p
}

func (b *browser) Attach(command func(name, arg string)) {
	f := js.FuncOf(func(this js.Value, args []js.Value) any {
		name, arg := "", ""
		if len(args) > 0 {
			name = args[0].String()
		}
		if len(args) > 1 {
			arg = args[1].String()
		}
		command(name, arg)
		return nil
	})
	b.funcs = append(b.funcs, f)
	api := global.Get("Object").New()
	api.Set("command", f)
	b.host.Call("attach", api)
}

func (b *browser) Render(viewJSON []byte) {
	b.host.Call("render", string(viewJSON))
}

func (b *browser) StageRect() Rect {
	r := b.host.Call("stageRect")
	return Rect{
		X: r.Index(0).Float(),
		Y: r.Index(1).Float(),
		W: r.Index(2).Float(),
		H: r.Index(3).Float(),
	}
}

func (b *browser) Mark(name string) {
	performance.Call("mark", name)
}

func (b *browser) Warn(msg string) {
	console.Call("warn", msg)
}
