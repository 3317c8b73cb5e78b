//go:build !js

package store_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"spry/wasm/store"
)

func TestBrowserOutsideABrowser(t *testing.T) {
	_, err := store.Browser()
	require.ErrorIs(t, err, store.ErrUnavailable)
}
