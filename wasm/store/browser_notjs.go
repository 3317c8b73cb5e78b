//go:build !js

package store

// Browser reports that there is no browser storage outside a browser.
func Browser() (Storage, error) {
	return nil, ErrUnavailable
}
