package cue_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"

	"spry/engine/cue"
)

// TestCatalogComplete fails when a phrase is missing from a language: every
// language has every key any language has, and no phrase is empty.
func TestCatalogComplete(t *testing.T) {
	all := map[string]bool{}
	for _, words := range cue.Catalog {
		for k := range words {
			all[k] = true
		}
	}
	assert.Subset(t, slices.Collect(maps.Keys(cue.Catalog)), []string{"en", "fr"})
	for lang, words := range cue.Catalog {
		for k := range all {
			assert.NotEmpty(t, words[k], "catalog[%q][%q] is missing or empty", lang, k)
		}
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "One"},
		{"en", 5, "Five"},
		{"en", 13, "Thirteen"},
		{"en", 20, "Twenty"},
		{"en", 21, "Twenty-one"},
		{"en", 45, "Forty-five"},
		{"en", 99, "Ninety-nine"},
		{"en", 100, "One hundred"},
		{"en", 101, "101"},
		{"en", -1, "-1"},
		{"fr", 1, "Un"},
		{"fr", 5, "Cinq"},
		{"fr", 17, "Dix-sept"},
		{"fr", 20, "Vingt"},
		{"fr", 21, "Vingt et un"},
		{"fr", 22, "Vingt-deux"},
		{"fr", 31, "Trente et un"},
		{"fr", 61, "Soixante et un"},
		{"fr", 70, "Soixante-dix"},
		{"fr", 71, "Soixante et onze"},
		{"fr", 72, "Soixante-douze"},
		{"fr", 77, "Soixante-dix-sept"},
		{"fr", 80, "Quatre-vingts"},
		{"fr", 81, "Quatre-vingt-un"},
		{"fr", 89, "Quatre-vingt-neuf"},
		{"fr", 90, "Quatre-vingt-dix"},
		{"fr", 91, "Quatre-vingt-onze"},
		{"fr", 99, "Quatre-vingt-dix-neuf"},
		{"fr", 100, "Cent"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, cue.Number(tt.lang, tt.n), "Number(%q, %d)", tt.lang, tt.n)
	}
	for _, lang := range []string{"en", "fr"} {
		for n := range 101 {
			assert.NotEmpty(t, cue.Number(lang, n), "Number(%q, %d)", lang, n)
		}
	}
}
