// Package i18n holds the words of Spry's patient screens in every language
// it speaks, English and (Québec) French, as catalogs of messages keyed by
// ID. A message is a fmt format; arguments are referred to by position
// (%[1]d) so a translation may put them in another order.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
)

//go:embed catalog/*.json
var files embed.FS

// Langs are the languages Spry speaks, the first being the fallback.
var Langs = []string{"en", "fr"}

// catalogs decodes the catalogs on first use, not when the package loads.
var catalogs = sync.OnceValue(func() map[string]map[string]string {
	c := make(map[string]map[string]string)
	for _, lang := range Langs {
		data, err := files.ReadFile("catalog/" + lang + ".json")
		if err != nil {
			panic(err)
		}
		m := make(map[string]string)
		if err := json.Unmarshal(data, &m); err != nil {
			panic(fmt.Sprintf("i18n: catalog %s: %v", lang, err))
		}
		c[lang] = m
	}
	return c
})

// Match returns the language Spry speaks that best fits a browser's language
// tag ("fr-CA" → "fr"), or English.
func Match(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	for _, l := range Langs {
		if base == l {
			return l
		}
	}
	return Langs[0]
}

// T returns message id in lang, formatted with args. A message missing from
// lang falls back to English; a message missing from English is shown as its
// ID in brackets, which tests forbid.
func T(lang, id string, args ...any) string {
	f, ok := catalogs()[lang][id]
	if !ok {
		if f, ok = catalogs()[Langs[0]][id]; !ok {
			return "[" + id + "]"
		}
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}

// Keys returns the message IDs of lang's catalog, sorted.
func Keys(lang string) []string {
	keys := make([]string, 0, len(catalogs()[lang]))
	for k := range catalogs()[lang] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Has reports whether lang's catalog has message id.
func Has(lang, id string) bool {
	_, ok := catalogs()[lang][id]
	return ok
}
