package i18n

import (
	"fmt"
	"strings"
)

// Catalog holds a package's own messages by language and ID: the words of
// the history charts and of calendar files, kept beside the code that
// lays them out rather than in the patient screens' catalogs.
type Catalog map[string]map[string]string

// Lang reduces a language tag to a language c has: "fr-CA" and "fr_CA" give
// "fr"; a language c lacks gives English.
func (c Catalog) Lang(tag string) string {
	l := strings.ToLower(tag)
	if i := strings.IndexAny(l, "-_"); i >= 0 {
		l = l[:i]
	}
	if _, ok := c[l]; ok {
		return l
	}
	return Langs[0]
}

// T returns message id in lang (a tag, reduced by Lang), formatted with
// args, falling back to English and then to the bare ID.
func (c Catalog) T(lang, id string, args ...any) string {
	f, ok := c[c.Lang(lang)][id]
	if !ok {
		if f, ok = c[Langs[0]][id]; !ok {
			return id
		}
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}
