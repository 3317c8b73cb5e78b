//go:build !js

package page

// Browser reports that there is no page outside a browser.
func Browser() (Host, error) {
	return nil, errNoHost
}
