package progress

import (
	"encoding/json"
	"math"
	"strconv"
	"time"
	"unicode/utf8"
)

// fastDecoder reads a record in one pass over its bytes, straight into a
// Record, when the bytes have a form Encode writes (this version's, or
// version 1's): the exact field names, no null but for an empty list, no
// field twice, plain numbers and strings. On anything else it gives up, and
// DecodeRecord decodes the bytes again with encoding/json (decodeStrict),
// which is the reference: it alone migrates by the table, accepts unusual
// spellings and words every rejection. So the fast path changes the speed
// of a load, never its result; FuzzDecodeFast and TestOldVersions hold the
// two together.
//
// Loading two years of daily sessions decodes 1460 records on every page
// load (issue 4 asks for 50 ms in the browser). Two passes of encoding/json
// (the version, then the record) and one Unmarshal per set and target took
// 25 to 60 µs a record natively, 92 allocations, and 144 ms for the 1460 in
// Chromium; this takes about 2 µs, 2.7 allocations, and 10 ms in Chromium
// (BenchmarkDecodeAll, wasm/store's TestLoadBench).
//
// A fastDecoder may be reused for many records (DecodeAll does): it interns
// program and exercise names and hands out pain scores from shared blocks.
type fastDecoder struct {
	data []byte
	pos  int
	// bad is set at the first thing the fast path does not take; every
	// method then returns at once.
	bad bool
	// names interns program and exercise names, which repeat in every
	// record.
	names map[string]string
	// scores is a block of pain scores, handed out by score.
	scores []int
	// id is the ID the record is expected to have (its storage key's),
	// whose string is shared when it has.
	id string
	// exercises, sets and ranges are scratch space for a session's
	// exercises, copied out at their exact size, the sets of all the
	// exercises in one block: ranges[i] is where the sets of exercise i
	// are in sets.
	exercises []Exercise
	sets      []Set
	ranges    []setRange
	yes       []int
}

// setRange is where an exercise's sets are in fastDecoder.sets; read says
// the exercise has a "sets" list (else Sets stays nil).
type setRange struct {
	from, to int
	read     bool
}

// record decodes data, a whole record, and reports whether it could.
// It does not validate the record.
func (d *fastDecoder) record(data []byte) (Record, bool) {
	d.data, d.pos, d.bad = data, 0, false
	var r Record
	var seen uint
	d.object(func(key []byte) {
		var bit uint
		switch string(key) {
		case "v":
			bit, r.V = 1<<0, d.int()
		case "id":
			bit, r.ID = 1<<1, d.str(d.id)
		case "kind": // version 1 only
			bit, r.Kind = 1<<2, Kind(d.name())
		case "program":
			bit, r.Program = 1<<3, d.name()
		case "session":
			bit, r.Session = 1<<4, d.session()
		case "morning":
			bit, r.Morning = 1<<5, d.morning()
		case "resume":
			bit, r.Resume = 1<<6, d.resume()
		default:
			d.bad = true
		}
		d.once(&seen, bit)
	})
	d.ws()
	if d.bad || d.pos != len(d.data) || seen&1 == 0 {
		return Record{}, false
	}
	switch {
	case r.V == Version && seen&(1<<2) == 0:
	case r.V == 1 && r.Kind == KindSession && r.Session != nil,
		r.V == 1 && r.Kind == KindMorning && r.Morning != nil,
		r.V == 1 && r.Kind == KindResume && r.Resume != nil:
		// A version 1 record, whose stored kind names its payload (else
		// fromV1 words the error); migrating it only drops the kind.
		r.V = Version
	default:
		return Record{}, false
	}
	r.Kind = r.kindOf()
	return r, true
}

func (d *fastDecoder) session() *Session {
	s := &Session{}
	var seen uint
	d.object(func(key []byte) {
		var bit uint
		switch string(key) {
		case "started":
			bit, s.Started = 1<<0, d.time()
		case "ended":
			bit, s.Ended = 1<<1, d.time()
		case "painBefore":
			bit, s.PainBefore = 1<<2, d.score()
		case "painAfter":
			bit, s.PainAfter = 1<<3, d.score()
		case "effort":
			bit, s.Effort = 1<<4, d.score()
		case "note":
			bit, s.Note = 1<<5, d.str("")
		case "redFlags":
			bit, s.RedFlags = 1<<6, d.redFlags()
		case "newNumbness":
			bit, s.NewNumbness = 1<<7, d.bool()
		case "exercises":
			bit = 1 << 8
			if d.null() { // Encode writes a nil list as null
				break
			}
			d.exercises, d.sets, d.ranges = d.exercises[:0], d.sets[:0], d.ranges[:0]
			d.array(d.exercise)
			s.Exercises = d.copyExercises()
		default:
			d.bad = true
		}
		d.once(&seen, bit)
	})
	return s
}

func (d *fastDecoder) redFlags() *RedFlags {
	f := &RedFlags{}
	var seen uint
	d.object(func(key []byte) {
		switch string(key) {
		case "yes":
			d.once(&seen, 1)
			if d.null() {
				return
			}
			d.yes = d.yes[:0]
			d.array(func() { d.yes = append(d.yes, d.int()) })
			f.Yes = append(make([]int, 0, len(d.yes)), d.yes...)
		case "ageFlag":
			d.once(&seen, 2)
			f.AgeFlag = d.bool()
		default:
			d.bad = true
		}
	})
	return f
}

// copyExercises returns the exercises read into scratch space, with their
// sets in one block.
func (d *fastDecoder) copyExercises() []Exercise {
	out := make([]Exercise, len(d.exercises)) // not nil: [] is not null
	copy(out, d.exercises)
	sets := make([]Set, len(d.sets))
	copy(sets, d.sets)
	for i, r := range d.ranges {
		if r.read {
			out[i].Sets = sets[r.from:r.to:r.to]
		}
	}
	return out
}

// exercise reads an exercise into scratch space.
func (d *fastDecoder) exercise() {
	var e Exercise
	var sets setRange
	var seen uint
	d.object(func(key []byte) {
		var bit uint
		switch string(key) {
		case "block":
			bit, e.Block = 1<<0, d.int()
		case "step":
			bit, e.Step = 1<<1, d.int()
		case "exercise":
			bit, e.Exercise = 1<<2, d.name()
		case "target":
			bit = 1 << 3
			v, ok := d.numbers(2)
			e.Target = Target{Sets: int(v[0]), Reps: int(v[1]), HoldSeconds: v[2]}
			d.bad = d.bad || !ok
		case "sets":
			bit = 1 << 4
			sets.from = len(d.sets)
			d.array(func() {
				v, ok := d.numbers(1)
				d.sets = append(d.sets, Set{Reps: int(v[0]), HoldSeconds: v[1]})
				d.bad = d.bad || !ok
			})
			sets.to, sets.read = len(d.sets), true
		case "painDuring":
			bit, e.PainDuring = 1<<5, d.score()
		case "skipped":
			bit, e.Skipped = 1<<6, d.bool()
		case "stoppedForPain":
			bit, e.StoppedForPain = 1<<7, d.bool()
		case "spreading":
			bit, e.Spreading = 1<<8, d.bool()
		default:
			d.bad = true
		}
		d.once(&seen, bit)
	})
	d.exercises = append(d.exercises, e)
	d.ranges = append(d.ranges, sets)
}

func (d *fastDecoder) morning() *Morning {
	m := &Morning{}
	var seen uint
	d.object(func(key []byte) {
		var bit uint
		switch string(key) {
		case "session":
			bit, m.Session = 1<<0, d.str("")
		case "at":
			bit, m.At = 1<<1, d.time()
		case "pain":
			bit, m.Pain = 1<<2, d.int()
		default:
			d.bad = true
		}
		d.once(&seen, bit)
	})
	return m
}

func (d *fastDecoder) resume() *Resume {
	m := &Resume{}
	var seen uint
	d.object(func(key []byte) {
		var bit uint
		switch string(key) {
		case "block":
			bit, m.Block = 1<<0, d.int()
		case "at":
			bit, m.At = 1<<1, d.time()
		default:
			d.bad = true
		}
		d.once(&seen, bit)
	})
	return m
}

// once marks bit in seen, giving up on a field met twice (encoding/json
// would keep the last, merging objects).
func (d *fastDecoder) once(seen *uint, bit uint) {
	if *seen&bit != 0 {
		d.bad = true
	}
	*seen |= bit
}

// ws skips white space.
func (d *fastDecoder) ws() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// next skips white space and reports whether the next byte is c, taking it
// if so.
func (d *fastDecoder) next(c byte) bool {
	d.ws()
	if d.pos < len(d.data) && d.data[d.pos] == c {
		d.pos++
		return true
	}
	return false
}

// object reads an object, calling field with each key to read its value.
func (d *fastDecoder) object(field func(key []byte)) {
	if d.bad || !d.next('{') {
		d.bad = true
		return
	}
	if d.next('}') {
		return
	}
	for !d.bad {
		key := d.key()
		if d.bad || !d.next(':') {
			d.bad = true
			return
		}
		d.ws()
		field(key)
		if d.bad {
			return
		}
		if d.next('}') {
			return
		}
		if !d.next(',') {
			d.bad = true
		}
	}
}

// array reads an array, calling elem to read each element.
func (d *fastDecoder) array(elem func()) {
	if d.bad || !d.next('[') {
		d.bad = true
		return
	}
	if d.next(']') {
		return
	}
	for !d.bad {
		d.ws()
		elem()
		if d.bad {
			return
		}
		if d.next(']') {
			return
		}
		if !d.next(',') {
			d.bad = true
		}
	}
}

// key reads an object key: plain ASCII without escapes (any other key is
// not a field of a record, or not spelled the way Encode spells it).
func (d *fastDecoder) key() []byte {
	d.ws()
	if d.pos >= len(d.data) || d.data[d.pos] != '"' {
		d.bad = true
		return nil
	}
	for i := d.pos + 1; i < len(d.data); i++ {
		switch c := d.data[i]; {
		case c == '"':
			k := d.data[d.pos+1 : i]
			d.pos = i + 1
			return k
		case c < 0x20 || c == '\\' || c >= 0x80:
			d.bad = true
			return nil
		}
	}
	d.bad = true
	return nil
}

// literal reads a string literal and returns it with its quotes, and
// whether it holds only ASCII text without escapes.
func (d *fastDecoder) literal() (lit []byte, plain bool) {
	if d.bad || d.pos >= len(d.data) || d.data[d.pos] != '"' {
		d.bad = true
		return nil, false
	}
	plain = true
	for i := d.pos + 1; i < len(d.data); i++ {
		switch c := d.data[i]; {
		case c == '"':
			lit = d.data[d.pos : i+1]
			d.pos = i + 1
			return lit, plain
		case c == '\\':
			plain = false
			i++
		case c < 0x20:
			d.bad = true
			return nil, false
		case c >= 0x80:
			plain = false
		}
	}
	d.bad = true
	return nil, false
}

// text returns the content of a string literal as encoding/json decodes
// it: escapes read, invalid UTF-8 replaced. As Encode writes only plain
// text and UTF-8 it is the exception, left to encoding/json.
func (d *fastDecoder) text(lit []byte, plain bool) (string, bool) {
	body := lit[1 : len(lit)-1]
	if plain || (utf8.Valid(body) && !containsByte(body, '\\')) {
		return string(body), true
	}
	var s string
	if err := json.Unmarshal(lit, &s); err != nil {
		return "", false
	}
	return s, true
}

func containsByte(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

// str reads a string, returning known itself when the string is the same.
func (d *fastDecoder) str(known string) string {
	lit, plain := d.literal()
	if d.bad {
		return ""
	}
	if plain && string(lit[1:len(lit)-1]) == known {
		return known
	}
	s, ok := d.text(lit, plain)
	d.bad = !ok
	return s
}

// name reads a string that repeats across records (a program or exercise
// ID), interned.
func (d *fastDecoder) name() string {
	lit, plain := d.literal()
	if d.bad {
		return ""
	}
	if s, ok := d.names[string(lit)]; ok {
		return s
	}
	s, ok := d.text(lit, plain)
	if !ok {
		d.bad = true
		return ""
	}
	if d.names == nil {
		d.names = map[string]string{}
	}
	if len(d.names) < 256 {
		d.names[string(lit)] = s
	}
	return s
}

// time reads a time as time.Time's UnmarshalJSON does, which is what
// encoding/json calls.
func (d *fastDecoder) time() time.Time {
	var t time.Time
	lit, plain := d.literal()
	if d.bad || !plain || t.UnmarshalJSON(lit) != nil {
		d.bad = true
	}
	return t
}

// null reads null if it comes next, and reports whether it did. Only the
// lists Encode may write as null call it: null means nil there, as in
// encoding/json.
func (d *fastDecoder) null() bool {
	if len(d.data)-d.pos >= 4 && string(d.data[d.pos:d.pos+4]) == "null" {
		d.pos += 4
		return true
	}
	return false
}

// bool reads true or false.
func (d *fastDecoder) bool() bool {
	rest := d.data[d.pos:]
	switch {
	case len(rest) >= 4 && string(rest[:4]) == "true":
		d.pos += 4
		return true
	case len(rest) >= 5 && string(rest[:5]) == "false":
		d.pos += 5
		return false
	}
	d.bad = true
	return false
}

// number scans a JSON number and returns its bytes and whether it is a
// whole number written without fraction or exponent.
func (d *fastDecoder) number() (num []byte, whole bool) {
	i := d.pos
	data := d.data
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && data[i] >= '1' && data[i] <= '9':
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
	default:
		d.bad = true
		return nil, false
	}
	whole = true
	if i < len(data) && data[i] == '.' {
		whole = false
		i++
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			d.bad = true
			return nil, false
		}
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		whole = false
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) || data[i] < '0' || data[i] > '9' {
			d.bad = true
			return nil, false
		}
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
	}
	num = data[d.pos:i]
	d.pos = i
	return num, whole
}

// digits returns the value of a whole number of at most 15 digits, which
// int and float64 both hold exactly, and whether it was one.
func digits(num []byte) (n int, neg, ok bool) {
	if num[0] == '-' {
		neg, num = true, num[1:]
	}
	if len(num) > 15 {
		return 0, false, false
	}
	for _, c := range num {
		n = n*10 + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n, neg, true
}

// int reads a whole number into an int field.
func (d *fastDecoder) int() int {
	num, whole := d.number()
	if d.bad || !whole {
		d.bad = true
		return 0
	}
	n, _, ok := digits(num)
	d.bad = !ok
	return n
}

// score reads a pain or effort score, handing out its pointer from a block
// shared by the records decoded.
func (d *fastDecoder) score() *int {
	n := d.int()
	if len(d.scores) == 0 {
		d.scores = make([]int, 32)
	}
	p := &d.scores[0]
	*p, d.scores = n, d.scores[1:]
	return p
}

// float reads a number into a float64 as encoding/json does.
func (d *fastDecoder) float() float64 {
	num, whole := d.number()
	if d.bad {
		return 0
	}
	if whole {
		if n, neg, ok := digits(num); ok {
			if n == 0 && neg {
				return math.Copysign(0, -1)
			}
			return float64(n)
		}
	}
	f, err := strconv.ParseFloat(string(num), 64)
	if err != nil {
		d.bad = true
	}
	return f
}

// numbers reads the compact form of a Target (n = 2) or a Set (n = 1): n or
// n+1 numbers, the first n whole and at most 1e6 in size. It returns them
// padded with 0, and false for any other value, as unnumbers would refuse
// it (or accept null, which this leaves to encoding/json).
func (d *fastDecoder) numbers(n int) (v [3]float64, ok bool) {
	count := 0
	d.array(func() {
		if count > n {
			d.bad = true
			return
		}
		v[count] = d.float()
		count++
	})
	if d.bad || count < n {
		return v, false
	}
	for i := range n {
		if v[i] != math.Trunc(v[i]) || math.Abs(v[i]) > 1e6 {
			return v, false
		}
	}
	return v, true
}
