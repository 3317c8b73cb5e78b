package page_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/wasm/page"
)

// peer is the page's side of a Host under test: it taps buttons and reads
// what the player rendered.
type peer interface {
	press(name, arg string)
	rendered() []string
}

var testParams = page.Params{
	Mode:     "app",
	Program:  "low-back-first-week",
	Speed:    "2",
	Lang:     "fr-CA",
	Src:      "clinic/p.json",
	Fragment: "p1.abc",
	// Text from a program file is passed through untouched.
	ProgramText: `{"title": "<b>é</b>"}`,
}

var testRect = page.Rect{X: 1, Y: 2, W: 300, H: 400}

// testHost is the one suite every Host passes: the fake natively, the
// browser's under GOOS=js against a page object installed on the JS global.
func testHost(t *testing.T, h page.Host, p peer) {
	t.Helper()
	assert.Equal(t, testParams, h.Params())
	assert.Equal(t, testRect, h.StageRect())

	type cmd struct{ name, arg string }
	var got []cmd
	h.Attach(func(name, arg string) { got = append(got, cmd{name, arg}) })
	p.press("start", "")
	p.press("speed", "4")
	assert.Equal(t, []cmd{{"start", ""}, {"speed", "4"}}, got)

	view := []byte(`{"state":"ready","exercise":"<script>x</script>"}`)
	h.Render(view)
	r := p.rendered()
	require.Len(t, r, 1)
	var v map[string]string
	require.NoError(t, json.Unmarshal([]byte(r[0]), &v))
	assert.Equal(t, "<script>x</script>", v["exercise"])

	h.Mark("spry-test-mark")
	h.Warn("spry: test warning")
}

type fakePeer struct{ f *page.Fake }

func (p fakePeer) press(name, arg string) { p.f.Press(name, arg) }

func (p fakePeer) rendered() []string {
	var s []string
	for _, v := range p.f.Views() {
		s = append(s, string(v))
	}
	return s
}

func TestFake(t *testing.T) {
	f := page.NewFake(testParams, testRect)
	assert.False(t, f.Press("start", ""), "Press before Attach reaches nobody")
	testHost(t, f, fakePeer{f})
	assert.Equal(t, []string{"spry-test-mark"}, f.Marks())
	assert.Equal(t, []string{"spry: test warning"}, f.Warnings())
}
