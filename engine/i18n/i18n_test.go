package i18n_test

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"

	"spry/engine/i18n"
)

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// Every message is in every language, with the same arguments.
func TestCatalogsAgree(t *testing.T) {
	en := i18n.Keys("en")
	assert.NotEmpty(t, en)
	for _, lang := range i18n.Langs {
		for _, k := range en {
			if !assert.True(t, i18n.Has(lang, k), "%s catalog is missing %q", lang, k) {
				continue
			}
			assert.NotEmpty(t, i18n.T(lang, k), "%s: %q is empty", lang, k)
			assert.ElementsMatch(t, verbs(i18n.T("en", k)), verbs(i18n.T(lang, k)),
				"%s: %q has other arguments than in English", lang, k)
		}
		for _, k := range i18n.Keys(lang) {
			assert.True(t, i18n.Has("en", k), "%s catalog has %q, which English lacks", lang, k)
		}
	}
}

func verbs(s string) []string {
	var v []string
	for _, m := range verb.FindAllString(s, -1) {
		if m != "%%" {
			v = append(v, m)
		}
	}
	return v
}

func TestMatch(t *testing.T) {
	for _, tt := range []struct{ tag, want string }{
		{"fr-CA", "fr"}, {"fr", "fr"}, {"FR-fr", "fr"}, {"en-US", "en"}, {"de", "en"}, {"", "en"}, {" fr ", "fr"},
	} {
		assert.Equal(t, tt.want, i18n.Match(tt.tag), "Match(%q)", tt.tag)
	}
}

func TestFallback(t *testing.T) {
	assert.Equal(t, "[no.such.key]", i18n.T("fr", "no.such.key"))
}

func TestCatalog(t *testing.T) {
	c := i18n.Catalog{
		"en": {"hi": "Hello %[1]s", "only-en": "English"},
		"fr": {"hi": "Bonjour %[1]s"},
	}
	for _, tc := range []struct{ lang, id, want string }{
		{"fr-CA", "hi", "Bonjour Ana"},
		{"fr_ca", "hi", "Bonjour Ana"},
		{"EN", "hi", "Hello Ana"},
		{"de", "hi", "Hello Ana"},    // a language the catalog lacks: English
		{"fr", "only-en", "English"}, // a message French lacks: English
		{"fr", "missing", "missing"}, // a message nobody has: its ID
	} {
		var args []any
		if tc.id == "hi" {
			args = []any{"Ana"}
		}
		assert.Equal(t, tc.want, c.T(tc.lang, tc.id, args...), "T(%q, %q)", tc.lang, tc.id)
	}
	assert.Equal(t, "fr", c.Lang("fr-CA"), "Lang(fr-CA)")
	assert.Equal(t, "en", c.Lang("pt-BR"), "Lang(pt-BR)")
}
