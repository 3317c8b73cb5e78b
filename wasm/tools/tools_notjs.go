//go:build !js

package tools

// Expose reports that there is no page outside a browser.
func Expose(*Tools) error { return errNoPage }
