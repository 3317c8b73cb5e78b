package program

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// MaxFileSize is the largest library or program file Spry decodes, in bytes.
// Real files are a few kilobytes; the limit keeps a hostile file from using
// up a phone's memory.
const MaxFileSize = 1 << 20

// maxDecodeErrors caps how many shape errors one file reports.
const maxDecodeErrors = 20

// DecodeError is a problem with the shape of a file: bad JSON syntax, a value
// of the wrong type, an unknown or repeated field, or a missing or unsupported
// schema version.
type DecodeError struct {
	// Line is the 1-based line of the problem, or 0 when it concerns the
	// file as a whole.
	Line int
	// Path names the field, as in "blocks[0].dose.reps"; it is empty for
	// the top-level value.
	Path string
	// Msg says what is wrong.
	Msg string
}

// Error returns the problem as "line 12: blocks[0].dose.reps: want a number,
// got a string", leaving out the parts that are unknown.
func (e *DecodeError) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// DecodeLibrary reads an exercise library file. It refuses files larger than
// MaxFileSize, bad JSON, unknown or repeated fields, values of the wrong type,
// data after the end of the value, and a missing or newer schema version.
// Several shape problems are reported together, joined with errors.Join, each
// a *DecodeError. The library still needs Validate.
func DecodeLibrary(r io.Reader) (*Library, error) {
	var l Library
	if err := decode(r, &l); err != nil {
		return nil, err
	}
	return &l, nil
}

// DecodeProgram reads a program file with the same rules as DecodeLibrary.
// The program still needs Validate against its library.
func DecodeProgram(r io.Reader) (*Program, error) {
	var p Program
	if err := decode(r, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// decode reads one JSON value from r into v, a pointer to a struct with a
// Schema field.
func decode(r io.Reader, v any) error {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return err
	}
	if len(data) > MaxFileSize {
		return &DecodeError{Msg: fmt.Sprintf("file is larger than %d KiB", MaxFileSize>>10)}
	}
	// Editors on Windows may start a UTF-8 file with a byte order mark.
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))

	// A file written for a newer Spry may hold fields this one does not
	// know: say that, rather than complain about each field.
	schema, schemaLine := findSchema(data)
	if n, err := strconv.ParseFloat(schema, 64); err == nil && n > Schema {
		return &DecodeError{Line: schemaLine, Path: "schema",
			Msg: fmt.Sprintf("version %s needs a newer Spry (this one reads version %d)", schema, Schema)}
	}
	if err := check(data, reflect.TypeOf(v).Elem()); err != nil {
		return err
	}
	if schema == "" {
		return &DecodeError{Path: "schema", Msg: fmt.Sprintf("missing: the file must say \"schema\": %d", Schema)}
	}

	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		// check accepts only what Decode accepts; this is a safety net.
		return &DecodeError{Msg: err.Error()}
	}
	if s := reflect.ValueOf(v).Elem().FieldByName("Schema").Int(); s != Schema {
		return &DecodeError{Line: schemaLine, Path: "schema", Msg: fmt.Sprintf("must be %d, got %d", Schema, s)}
	}
	return nil
}

// findSchema returns the raw value of the top-level "schema" member of data
// and its line, or "" if data has none or is not a JSON object.
func findSchema(data []byte) (raw string, line int) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return "", 0
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return "", 0
		}
		var value json.RawMessage
		at := dec.InputOffset()
		if err := dec.Decode(&value); err != nil {
			return "", 0
		}
		if key == "schema" {
			return string(value), lineAt(data, int(at))
		}
	}
	return "", 0
}

// check walks data along the Go type t and reports, with line and path, every
// unknown or repeated field and every value of the wrong type, up to
// maxDecodeErrors; it stops at the first syntax error. It also refuses
// anything after the value.
func check(data []byte, t reflect.Type) error {
	c := &checker{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	c.dec.UseNumber()
	if len(bytes.TrimSpace(data)) == 0 {
		return &DecodeError{Msg: "file is empty"}
	}
	if err := c.value(t, ""); err == nil {
		start := c.next()
		if _, err := c.dec.Token(); err != io.EOF {
			c.errs = append(c.errs, &DecodeError{Line: lineAt(data, start), Msg: "unexpected data after the end of the JSON value"})
		}
	}
	return errors.Join(c.errs...)
}

// errStop ends a walk early: after a syntax error, or after too many errors.
var errStop = errors.New("stop")

type checker struct {
	data []byte
	dec  *json.Decoder
	errs []error
}

// next returns the offset of the next token: after the decoder's position,
// skipping spaces and the separators the decoder consumes with a token.
func (c *checker) next() int {
	i := int(c.dec.InputOffset())
	for i < len(c.data) {
		switch c.data[i] {
		case ' ', '\t', '\r', '\n', ':', ',':
			i++
			continue
		}
		break
	}
	return i
}

// fail records a problem; it returns errStop once there are too many.
func (c *checker) fail(offset int, path, format string, args ...any) error {
	c.errs = append(c.errs, &DecodeError{Line: lineAt(c.data, offset), Path: path, Msg: fmt.Sprintf(format, args...)})
	if len(c.errs) >= maxDecodeErrors {
		c.errs = append(c.errs, &DecodeError{Msg: fmt.Sprintf("too many errors: stopped after the first %d", maxDecodeErrors)})
		return errStop
	}
	return nil
}

// token reads the next token, turning a syntax error into a DecodeError.
func (c *checker) token(path string) (json.Token, error) {
	tok, err := c.dec.Token()
	if err == nil {
		return tok, nil
	}
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &syn):
		c.errs = append(c.errs, &DecodeError{Line: lineAt(c.data, int(syn.Offset)), Path: path, Msg: syn.Error() + hint(syn.Error())})
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		c.errs = append(c.errs, &DecodeError{Line: lineAt(c.data, len(c.data)), Path: path, Msg: "unexpected end of file"})
	default:
		c.errs = append(c.errs, &DecodeError{Line: lineAt(c.data, c.next()), Path: path, Msg: err.Error()})
	}
	return nil, errStop
}

var (
	pkgPath         = reflect.TypeFor[Program]().PkgPath()
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[interface{ UnmarshalText([]byte) error }]()
)

// value checks the next JSON value against t.
func (c *checker) value(t reflect.Type, path string) error {
	start := c.next()
	tok, err := c.token(path)
	if err != nil {
		return err
	}
	if tok == nil {
		if t.Kind() == reflect.Pointer {
			return nil
		}
		return c.fail(start, path, "want %s, got null", want(t))
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	pt := reflect.PointerTo(t)
	if pt.Implements(jsonUnmarshaler) && !(t.Kind() == reflect.Struct && t.PkgPath() == pkgPath) {
		// The type reads itself; leave the judgement to Decode. This
		// package's own structs that read themselves (RuleSet) take the
		// shape of the struct, so they are checked as structs.
		return c.skip(tok, path)
	}
	if pt.Implements(textUnmarshaler) {
		if _, ok := tok.(string); !ok {
			if err := c.fail(start, path, "want a string, got %s", got(tok)); err != nil {
				return err
			}
			return c.skip(tok, path)
		}
		return nil
	}
	mismatch := func() error {
		if err := c.fail(start, path, "want %s, got %s", want(t), got(tok)); err != nil {
			return err
		}
		return c.skip(tok, path)
	}
	switch t.Kind() {
	case reflect.Interface:
		return c.skip(tok, path)
	case reflect.Bool:
		if _, ok := tok.(bool); !ok {
			return mismatch()
		}
	case reflect.String:
		if _, ok := tok.(string); !ok {
			return mismatch()
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n, ok := tok.(json.Number)
		if !ok {
			return mismatch()
		}
		return c.integer(start, path, t, string(n))
	case reflect.Float32, reflect.Float64:
		n, ok := tok.(json.Number)
		if !ok {
			return mismatch()
		}
		if _, err := strconv.ParseFloat(string(n), t.Bits()); err != nil {
			return c.fail(start, path, "number %s is out of range", n)
		}
	case reflect.Slice, reflect.Array:
		if tok != json.Delim('[') {
			return mismatch()
		}
		for i := 0; c.dec.More(); i++ {
			if err := c.value(t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		_, err := c.token(path)
		return err
	case reflect.Map:
		if tok != json.Delim('{') {
			return mismatch()
		}
		return c.object(path, func(key string, at int) (reflect.Type, error) {
			if t.Key().Kind() != reflect.String {
				return nil, c.fail(at, join(path, key), "unexpected key")
			}
			return t.Elem(), nil
		})
	case reflect.Struct:
		if tok != json.Delim('{') {
			return mismatch()
		}
		fields := fieldsOf(t)
		return c.object(path, func(key string, at int) (reflect.Type, error) {
			if ft, ok := fields[key]; ok {
				return ft, nil
			}
			return nil, c.fail(at, join(path, key), "unknown field%s", suggest(key, fields))
		})
	default:
		// Channels, functions and the like never appear in Spry's formats.
		return c.skip(tok, path)
	}
	return nil
}

// integer checks that the number n fits the integer type t.
func (c *checker) integer(start int, path string, t reflect.Type, n string) error {
	unsigned := t.Kind() >= reflect.Uint && t.Kind() <= reflect.Uintptr
	var err error
	if unsigned {
		_, err = strconv.ParseUint(n, 10, t.Bits())
	} else {
		_, err = strconv.ParseInt(n, 10, t.Bits())
	}
	f, ferr := strconv.ParseFloat(n, 64)
	switch {
	case err == nil:
		return nil
	case unsigned && strings.HasPrefix(n, "-"):
		return c.fail(start, path, "want a whole number of 0 or more, got %s", n)
	case errors.Is(err, strconv.ErrRange) || ferr != nil:
		return c.fail(start, path, "number %s is out of range", n)
	case f != math.Trunc(f):
		return c.fail(start, path, "want a whole number, got %s", n)
	}
	return c.fail(start, path, "want a whole number written without a point or exponent, got %s", n)
}

// object walks the members of an object whose '{' has been read. elem says
// what type a key's value has, or nil to skip it.
func (c *checker) object(path string, elem func(key string, at int) (reflect.Type, error)) error {
	seen := map[string]bool{}
	for c.dec.More() {
		at := c.next()
		tok, err := c.token(path)
		if err != nil {
			return err
		}
		key := tok.(string) // Token returns only strings as object keys.
		if seen[key] {
			if err := c.fail(at, join(path, key), "appears twice"); err != nil {
				return err
			}
		}
		seen[key] = true
		t, err := elem(key, at)
		if err != nil {
			return err
		}
		if t == nil {
			vt, err := c.token(join(path, key))
			if err != nil {
				return err
			}
			if err := c.skip(vt, join(path, key)); err != nil {
				return err
			}
			continue
		}
		if err := c.value(t, join(path, key)); err != nil {
			return err
		}
	}
	_, err := c.token(path)
	return err
}

// skip reads the rest of a value whose first token is tok.
func (c *checker) skip(tok json.Token, path string) error {
	if tok != json.Delim('{') && tok != json.Delim('[') {
		return nil
	}
	for depth := 1; depth > 0; {
		tok, err := c.token(path)
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

// fieldsOf maps the JSON names of t's fields, including those of embedded
// structs, to their types.
func fieldsOf(t reflect.Type) map[string]reflect.Type {
	fields := map[string]reflect.Type{}
	for f := range t.Fields() {
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			et := f.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				for k, v := range fieldsOf(et) {
					if _, ok := fields[k]; !ok {
						fields[k] = v
					}
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields[name] = f.Type
	}
	return fields
}

// suggest names the known field closest to a misspelt key, if one is close:
// two edits away at most, or the start of the key ("up" for "upSeconds").
func suggest(key string, fields map[string]reflect.Type) string {
	best, bestDist := "", 3
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		k, n := strings.ToLower(key), strings.ToLower(name)
		d := distance(k, n)
		if len(k) >= 2 && (strings.HasPrefix(n, k) || strings.HasPrefix(k, n)) {
			d = min(d, 1)
		}
		if d < bestDist {
			best, bestDist = name, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// distance is the Levenshtein edit distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// hint guesses the cause of a JSON syntax error from its message.
func hint(msg string) string {
	switch {
	case strings.HasSuffix(msg, "after array element"), strings.HasSuffix(msg, "after object key:value pair"):
		return " (is a comma missing?)"
	case strings.HasSuffix(msg, "looking for beginning of object key string"):
		return " (keys need double quotes; is there a comma too many?)"
	}
	return ""
}

// want describes the JSON a Go type reads.
func want(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return t.String()
}

// got describes a JSON token.
func got(tok json.Token) string {
	switch tok := tok.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(tok)
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case json.Delim:
		if tok == '[' {
			return "a list"
		}
		return "an object"
	}
	return fmt.Sprint(tok)
}

// join appends an object key to a path: ".key" for plain names, `["key"]`
// for anything else.
func join(path, key string) string {
	plain := key != ""
	for _, r := range key {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			plain = false
			break
		}
	}
	switch {
	case !plain:
		return fmt.Sprintf("%s[%q]", path, key)
	case path == "":
		return key
	}
	return path + "." + key
}

// lineAt returns the 1-based line holding data[offset].
func lineAt(data []byte, offset int) int {
	offset = max(0, min(offset, len(data)))
	return 1 + bytes.Count(data[:offset], []byte("\n"))
}
