package tools

import (
	"errors"
	"fmt"
	"strings"

	"rsc.io/qr"

	"spry/engine/share"
)

// ErrQRTooBig is returned for a text too long for any QR code.
var ErrQRTooBig = errors.New("too big for a QR code — the link still works")

// quietZone is the white margin around a QR code, in modules (ISO/IEC
// 18004 asks for 4).
const quietZone = 4

// QRSVG returns the QR code of text as an SVG document: black modules on a
// white square, at error correction level M when the text fits, else L.
// Text longer than share.QRMaxBytes gets ErrQRTooBig.
func QRSVG(text string) (string, error) {
	if len(text) > share.QRMaxBytes {
		return "", ErrQRTooBig
	}
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		if code, err = qr.Encode(text, qr.L); err != nil {
			return "", ErrQRTooBig
		}
	}
	n := code.Size + 2*quietZone
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges">`, n, n)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	for y := range code.Size {
		for x := 0; x < code.Size; {
			if !code.Black(x, y) {
				x++
				continue
			}
			run := 1
			for x+run < code.Size && code.Black(x+run, y) {
				run++
			}
			fmt.Fprintf(&b, "M%d %dh%dv1h-%dz", x+quietZone, y+quietZone, run, run)
			x += run
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String(), nil
}
