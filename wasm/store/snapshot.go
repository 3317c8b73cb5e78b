package store

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Reading all of localStorage one item at a time costs two calls from Go
// into JavaScript per record, each with its string copied across: about
// 22 ms for two years of daily sessions in Chromium, where JavaScript alone
// reads the same items in 1 to 5 ms. So Items asks the browser for one
// string, JSON.stringify(localStorage) (an object of every key and its
// value, in the browser's order), and parseSnapshot splits it here.

// parseSnapshot reads the text of JSON.stringify(localStorage): a JSON
// object, without spaces, whose members are all strings. It returns ok
// false on anything else, and the caller reads item by item instead.
// Strings without escapes are returned as substrings of s, without a copy.
func parseSnapshot(s string) (keys, values []string, ok bool) {
	if len(s) < 2 || s[0] != '{' {
		return nil, nil, false
	}
	i := 1
	if s[i] == '}' {
		return []string{}, []string{}, i+1 == len(s)
	}
	n := strings.Count(s, `":"`) // an upper bound on the members: one allocation each
	keys, values = make([]string, 0, n), make([]string, 0, n)
	for {
		k, j, ok := parseString(s, i)
		if !ok || j >= len(s) || s[j] != ':' {
			return nil, nil, false
		}
		v, j, ok := parseString(s, j+1)
		if !ok || j >= len(s) {
			return nil, nil, false
		}
		keys, values = append(keys, k), append(values, v)
		switch s[j] {
		case ',':
			i = j + 1
		case '}':
			return keys, values, j+1 == len(s)
		default:
			return nil, nil, false
		}
	}
}

// parseString reads the JSON string starting at s[i] and returns it and the
// index just past its closing quote.
func parseString(s string, i int) (string, int, bool) {
	if i >= len(s) || s[i] != '"' {
		return "", 0, false
	}
	start := i + 1
	j := start
	for j < len(s) && s[j] != '"' && s[j] != '\\' && s[j] >= 0x20 {
		j++
	}
	if j < len(s) && s[j] == '"' {
		return s[start:j], j + 1, true
	}
	var b strings.Builder
	b.Grow(j - start + 64)
	b.WriteString(s[start:j])
	for j < len(s) {
		c := s[j]
		switch {
		case c == '"':
			return b.String(), j + 1, true
		case c < 0x20: // raw control characters are not JSON
			return "", 0, false
		case c != '\\':
			// Copy the run up to the next quote, backslash or control.
			k := j + 1
			for k < len(s) && s[k] != '"' && s[k] != '\\' && s[k] >= 0x20 {
				k++
			}
			b.WriteString(s[j:k])
			j = k
			continue
		}
		if j+1 >= len(s) {
			return "", 0, false
		}
		switch e := s[j+1]; e {
		case '"', '\\', '/':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, ok := hex4(s, j+2)
			if !ok {
				return "", 0, false
			}
			j += 6
			if utf16.IsSurrogate(r) {
				// A pair is two escapes; a lone half becomes U+FFFD, as
				// it does when JavaScript hands Go a string.
				if r2, ok := hex4(s, j+2); ok && j+1 < len(s) && s[j] == '\\' && s[j+1] == 'u' {
					if p := utf16.DecodeRune(r, r2); p != utf8.RuneError {
						b.WriteRune(p)
						j += 6
						continue
					}
				}
				r = utf8.RuneError
			}
			b.WriteRune(r)
			continue
		default:
			return "", 0, false
		}
		j += 2
	}
	return "", 0, false
}

// hex4 reads the four hex digits at s[i:i+4].
func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
