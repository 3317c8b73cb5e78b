package page_test

import (
	"encoding/json"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/require"

	"spry/wasm/page"
)

// jsPeer is a stand-in for site/app.js's spryPage object, installed on the
// JS global the way the real page does it.
type jsPeer struct {
	obj   js.Value
	views []string
	funcs []js.Func
}

func installPage(t *testing.T) *jsPeer {
	t.Helper()
	p := &jsPeer{obj: js.Global().Get("Object").New()}
	raw, err := json.Marshal(testParams)
	require.NoError(t, err)
	p.obj.Set("params", js.Global().Get("JSON").Call("parse", string(raw)))
	fn := func(f func(args []js.Value) any) js.Func {
		jf := js.FuncOf(func(this js.Value, args []js.Value) any { return f(args) })
		p.funcs = append(p.funcs, jf)
		return jf
	}
	p.obj.Set("attach", fn(func(args []js.Value) any { p.obj.Set("api", args[0]); return nil }))
	p.obj.Set("render", fn(func(args []js.Value) any { p.views = append(p.views, args[0].String()); return nil }))
	p.obj.Set("stageRect", fn(func(args []js.Value) any {
		return js.ValueOf([]any{testRect.X, testRect.Y, testRect.W, testRect.H})
	}))
	js.Global().Set("spryPage", p.obj)
	t.Cleanup(func() {
		js.Global().Delete("spryPage")
		for _, f := range p.funcs {
			f.Release()
		}
	})
	return p
}

func (p *jsPeer) press(name, arg string) { p.obj.Get("api").Call("command", name, arg) }
func (p *jsPeer) rendered() []string     { return p.views }

func TestBrowser(t *testing.T) {
	p := installPage(t)
	h, err := page.Browser()
	require.NoError(t, err)
	testHost(t, h, p)
}

func TestBrowserWithoutPage(t *testing.T) {
	js.Global().Delete("spryPage")
	_, err := page.Browser()
	require.Error(t, err)
}
