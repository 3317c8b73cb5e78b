package store

import "strings"

// Reading all of localStorage one item at a time costs two calls from Go
// into JavaScript per record, each with its string copied across: about
// 22 ms for two years of daily sessions in Chromium, where JavaScript alone
// reads the same items in 1 to 5 ms. So Items asks for two strings,
// Object.keys(localStorage) and Object.values(localStorage), each joined
// with NUL, and splitJoined takes them apart here. Records never hold a NUL
// (JSON writes it as \u0000); an item that does, from another script on the
// same site, makes the counts disagree, and Items reads item by item.

// splitJoined splits keys and values, each count items joined with NUL, and
// reports whether both held exactly count items. The parts share the
// strings' memory.
func splitJoined(keys, values string, count int) (ks, vs []string, ok bool) {
	if count == 0 {
		return []string{}, []string{}, keys == "" && values == ""
	}
	ks, vs = strings.Split(keys, "\x00"), strings.Split(values, "\x00")
	if len(ks) != count || len(vs) != count {
		return nil, nil, false
	}
	return ks, vs, true
}
