// Package share puts a program in the fragment of a URL, so that a clinician
// can hand a patient a link (or its QR code) that carries the whole program.
// The fragment is never sent to any server: the browser keeps it.
//
// A fragment is Prefix followed by the base64url encoding, without padding,
// of: the CRC-32 (IEEE, big-endian) of what follows it, the length of the
// compressed program as a uvarint, and the program's canonical JSON
// compressed with DEFLATE. The length tells a link cut short from one that
// was changed; the checksum catches a changed link before anything is
// inflated.
package share

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net/url"
	"strconv"
	"strings"

	"spry/engine/program"
)

// Version is the version of the link format this code reads and writes.
const Version = 1

// Prefix starts every fragment this code writes: "p", the Version, and a dot.
const Prefix = "p1."

// QRMaxBytes is the longest link a QR code holds: version 40 at error
// correction level L has 2,956 data codewords; byte mode spends 4 bits on
// the mode indicator and 16 on the length, leaving (2956×8 − 20) / 8 =
// 2,953 whole bytes. Links are lowercase, so alphanumeric mode (uppercase
// only) does not apply.
const QRMaxBytes = 2953

// maxFragment caps the length of a fragment Decode looks at. DEFLATE
// compresses at most about 1000:1, but a program never compresses worse than
// 1:1 plus a little, so a valid link is always shorter than this.
const maxFragment = 4 * (program.MaxFileSize + 1024) / 3

// headerSize is the size of the checksum in front of the payload.
const headerSize = 4

// The reasons a link is refused. Decode's errors wrap exactly one of them;
// test with errors.Is. Their texts are written for the person who opened the
// link.
var (
	// ErrNotLink: the text is not a Spry program link at all.
	ErrNotLink = errors.New("this is not a Spry program link")
	// ErrTruncated: the link was cut short when copied or sent.
	ErrTruncated = errors.New("this link is incomplete: it was cut short when it was copied or sent; ask for the whole link again")
	// ErrTampered: the link was changed after it was made.
	ErrTampered = errors.New("this link has been changed since it was made; ask your clinician for a new one")
	// ErrNewer: the link, or the program in it, was made by a newer Spry.
	ErrNewer = errors.New("this link needs a newer version of Spry")
	// ErrTooBig: the program in the link is larger than Spry accepts.
	ErrTooBig = errors.New("this link's program is too big")
	// ErrInvalid: the program in the link does not pass Spry's checks; the
	// error also wraps the program's own errors (*program.DecodeError,
	// *program.FieldError).
	ErrInvalid = errors.New("this link's program is not valid")
)

// Encode returns the fragment that carries p, without the leading '#'.
// It refuses a program that does not pass p.Validate(nil) or whose JSON is
// larger than program.MaxFileSize, so that every fragment it makes decodes.
func Encode(p *program.Program) (string, error) {
	if p == nil {
		return "", errors.New("share: no program")
	}
	if err := p.Validate(nil); err != nil {
		return "", fmt.Errorf("share: the program is not valid:\n%w", err)
	}
	js, err := json.Marshal(p)
	if err != nil {
		return "", fmt.Errorf("share: %w", err)
	}
	if len(js) > program.MaxFileSize {
		return "", fmt.Errorf("share: the program's JSON is %d bytes, more than %d", len(js), program.MaxFileSize)
	}
	var z bytes.Buffer
	w, err := flate.NewWriter(&z, flate.BestCompression)
	if err != nil {
		return "", err
	}
	w.Write(js)
	if err := w.Close(); err != nil {
		return "", err
	}
	body := binary.AppendUvarint(nil, uint64(z.Len()))
	body = append(body, z.Bytes()...)
	buf := binary.BigEndian.AppendUint32(make([]byte, 0, headerSize+len(body)), crc32.ChecksumIEEE(body))
	buf = append(buf, body...)
	return Prefix + base64.RawURLEncoding.EncodeToString(buf), nil
}

// Link returns the URL that opens p in the Spry player at base, such as
// "https://clinic.example/spry/#p1.…". The program rides in the fragment,
// never the query, so no server ever sees it. Base must be an absolute
// http or https URL; a fragment it has is replaced.
func Link(base string, p *program.Program) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("share: base URL: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("share: base URL %q: want an absolute http or https URL", base)
	}
	frag, err := Encode(p)
	if err != nil {
		return "", err
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String() + "#" + frag, nil
}

// FitsQR reports whether link is short enough for a QR code (QRMaxBytes).
// A longer link still works when clicked or pasted.
func FitsQR(link string) bool { return len(link) <= QRMaxBytes }

// Decode returns the program carried by fragment, which may be the bare
// fragment ("p1.…"), the fragment with its '#', or a whole link, even one
// broken over lines or followed by punctuation. Its errors
// wrap one of ErrNotLink, ErrTruncated, ErrTampered, ErrNewer, ErrTooBig and
// ErrInvalid. The program passes p.Validate(nil); the caller still checks
// its exercise references against its library.
func Decode(fragment string) (*program.Program, error) {
	// Mail programs wrap long links and sentences end in punctuation; none
	// of those characters is in the code, so they are dropped.
	s := strings.Join(strings.Fields(fragment), "")
	if i := strings.LastIndexByte(s, '#'); i >= 0 {
		s = s[i+1:]
	}
	ver, data, ok := splitPrefix(s)
	if !ok {
		return nil, ErrNotLink
	}
	if ver > Version {
		return nil, fmt.Errorf("%w (link format %d; this Spry reads format %d)", ErrNewer, ver, Version)
	}
	if ver < 1 {
		return nil, ErrNotLink
	}
	data = strings.TrimRight(data, `.,;:!?)]}>'"`)
	if len(data) > maxFragment {
		return nil, fmt.Errorf("%w (the link is %d characters long)", ErrTooBig, len(s))
	}
	if i := strings.IndexFunc(data, func(r rune) bool { return !isBase64URL(r) }); i >= 0 {
		return nil, fmt.Errorf("%w (character %d of the code is not allowed in a link)", ErrTampered, len(s)-len(data)+i+1)
	}
	if len(data)%4 == 1 {
		// No whole number of bytes ends this way: a character is missing.
		return nil, fmt.Errorf("%w (the code stops part-way through a byte)", ErrTruncated)
	}
	// Not Strict: a link cut short mid-character leaves stray low bits,
	// which must read as cut short, not as changed.
	raw, err := base64.RawURLEncoding.DecodeString(data)
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrTampered, err)
	}
	if len(raw) < headerSize+1 {
		return nil, fmt.Errorf("%w (%d bytes of code, too few to hold a program)", ErrTruncated, len(raw))
	}
	sum, body := binary.BigEndian.Uint32(raw), raw[headerSize:]
	n, k := binary.Uvarint(body)
	switch {
	case k == 0:
		return nil, fmt.Errorf("%w (the code stops inside its length)", ErrTruncated)
	case k < 0 || n > maxFragment:
		return nil, fmt.Errorf("%w (its length field is wrong)", ErrTampered)
	case uint64(len(body)-k) < n:
		return nil, fmt.Errorf("%w (it holds %d of %d bytes)", ErrTruncated, len(body)-k, n)
	case uint64(len(body)-k) > n:
		return nil, fmt.Errorf("%w (%d extra bytes at the end)", ErrTampered, uint64(len(body)-k)-n)
	}
	if crc32.ChecksumIEEE(body) != sum {
		return nil, fmt.Errorf("%w (checksum mismatch)", ErrTampered)
	}
	js, err := inflate(body[k:])
	if err != nil {
		return nil, err
	}
	if v, ok := schemaOf(js); ok && v > program.Schema {
		return nil, fmt.Errorf("%w (program format %d; this Spry reads format %d)", ErrNewer, v, program.Schema)
	}
	p, err := program.DecodeProgram(bytes.NewReader(js))
	if err != nil {
		return nil, fmt.Errorf("%w:\n%w", ErrInvalid, err)
	}
	if err := p.Validate(nil); err != nil {
		return nil, fmt.Errorf("%w:\n%w", ErrInvalid, err)
	}
	return p, nil
}

// splitPrefix splits "p<version>.<data>".
func splitPrefix(s string) (ver int, data string, ok bool) {
	if !strings.HasPrefix(s, "p") {
		return 0, "", false
	}
	dot := strings.IndexByte(s, '.')
	if dot < 2 || dot > 6 {
		return 0, "", false
	}
	v, err := strconv.Atoi(s[1:dot])
	if err != nil || s[1] == '+' || s[1] == '-' {
		return 0, "", false
	}
	return v, s[dot+1:], true
}

func isBase64URL(r rune) bool {
	return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_'
}

// inflate decompresses z, refusing output larger than program.MaxFileSize
// (a small link could otherwise inflate to gigabytes).
func inflate(z []byte) ([]byte, error) {
	r := flate.NewReader(bytes.NewReader(z))
	defer r.Close()
	js, err := io.ReadAll(io.LimitReader(r, program.MaxFileSize+1))
	if len(js) > program.MaxFileSize {
		return nil, fmt.Errorf("%w (it unpacks to more than %d KiB)", ErrTooBig, program.MaxFileSize>>10)
	}
	if err != nil {
		// The checksum matched, so the link was made this way on purpose.
		return nil, fmt.Errorf("%w (the compressed program is damaged: %v)", ErrTampered, err)
	}
	return js, nil
}

// schemaOf returns the top-level "schema" number of a JSON object, if it
// has one.
func schemaOf(js []byte) (int, bool) {
	var v struct {
		Schema json.Number `json:"schema"`
	}
	if json.Unmarshal(js, &v) != nil {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(v.Schema), 64)
	if err != nil || f > 1e9 {
		return 1 << 30, err == nil
	}
	return int(f), true
}
