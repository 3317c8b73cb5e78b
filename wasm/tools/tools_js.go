package tools

import (
	"fmt"
	"strconv"
	"syscall/js"
	"time"
)

// Expose hands t's functions to the page: it calls spryPage.attachTools
// with an object whose methods take strings and return strings (JSON, or
// text as documented on each Tools method), synchronously. A panic inside
// one is caught and returned as a Failure, never thrown into the page.
func Expose(t *Tools) error {
	host := js.Global().Get("spryPage")
	if host.Type() != js.TypeObject || host.Get("attachTools").Type() != js.TypeFunction {
		return errNoPage
	}
	api := js.Global().Get("Object").New()
	for name, fn := range t.funcs() {
		api.Set(name, js.FuncOf(func(_ js.Value, args []js.Value) (out any) {
			defer func() {
				if r := recover(); r != nil {
					out = marshal(Failure{Error: fmt.Sprintf("Spry failed inside %s: %v", name, r)})
				}
			}()
			strs := make([]string, len(args))
			for i, a := range args {
				if a.Type() == js.TypeString {
					strs[i] = a.String()
				} else if a.Type() == js.TypeNumber {
					strs[i] = strconv.FormatFloat(a.Float(), 'f', -1, 64)
				}
			}
			return fn(strs)
		}))
	}
	host.Call("attachTools", api)
	return nil
}

// funcs are the functions Expose hands to the page, by JS name.
func (t *Tools) funcs() map[string]func(args []string) string {
	arg := func(args []string, i int) string {
		if i < len(args) {
			return args[i]
		}
		return ""
	}
	num := func(args []string, i int) int {
		n, _ := strconv.Atoi(arg(args, i))
		return n
	}
	return map[string]func([]string) string{
		"validate":    func(a []string) string { return t.Validate(arg(a, 0)) },
		"library":     func([]string) string { return t.Library() },
		"defaults":    func([]string) string { return t.Defaults() },
		"shipped":     func([]string) string { return t.Shipped() },
		"link":        func(a []string) string { return t.Link(arg(a, 0), arg(a, 1)) },
		"qr":          func(a []string) string { return t.QR(arg(a, 0)) },
		"handout":     func(a []string) string { return t.Handout(arg(a, 0), arg(a, 1)) },
		"programFile": func(a []string) string { return t.ProgramFile(arg(a, 0)) },
		"preview":     func(a []string) string { return t.Preview(arg(a, 0), arg(a, 1)) },
		"simulate": func(a []string) string {
			return t.Simulate(arg(a, 0), arg(a, 1), num(a, 2), num(a, 3), arg(a, 4))
		},
		"review": func(a []string) string { return t.Review(arg(a, 0), arg(a, 1), arg(a, 2), time.Now()) },
	}
}
