package share_test

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"hash/crc32"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/engine/program"
	"spry/engine/share"
	"spry/programs"
)

// reasons are the errors every rejection must wrap exactly one of.
var reasons = []error{share.ErrNotLink, share.ErrTruncated, share.ErrTampered, share.ErrNewer, share.ErrTooBig, share.ErrInvalid}

func shipped(t testing.TB) *program.Program {
	t.Helper()
	p, err := programs.Program("low-back-first-week")
	require.NoError(t, err)
	return p
}

// hostile is a valid program whose texts hold HTML and script.
func hostile() *program.Program {
	d := program.Dose{Sets: 1, Reps: 5, RestSeconds: 10, Tempo: program.Tempo{UpSeconds: 1, DownSeconds: 1}}
	return &program.Program{
		Schema: program.Schema, ID: "hostile",
		Title:  program.Text{"en": `<script>alert(1)</script>`},
		Note:   program.Text{"en": `"><img src=x onerror=alert(1)>`, "fr": "é & <b>"},
		Blocks: []program.Block{{Exercise: "bridge", Dose: &d}},
	}
}

// pack builds a fragment by hand, as Encode does, from any bytes: the
// format spelled out independently of the code under test.
func pack(prefix string, js []byte) string {
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestCompression)
	w.Write(js)
	w.Close()
	body := binary.AppendUvarint(nil, uint64(z.Len()))
	body = append(body, z.Bytes()...)
	raw := binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(body))
	return prefix + base64.RawURLEncoding.EncodeToString(append(raw, body...))
}

func TestRoundTrip(t *testing.T) {
	for _, p := range []*program.Program{shipped(t), hostile()} {
		t.Run(p.ID, func(t *testing.T) {
			frag, err := share.Encode(p)
			require.NoError(t, err)
			assert.True(t, strings.HasPrefix(frag, share.Prefix), "Encode(%s) = %.20s…, want prefix %s", p.ID, frag, share.Prefix)
			assert.NotContains(t, frag, "=", "no padding")
			for _, r := range frag[len(share.Prefix):] {
				assert.True(t, strings.ContainsRune("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", r), "URL-safe: %q", r)
			}
			wrapped := frag[:40] + "\n  " + frag[40:80] + "\r\n" + frag[80:]
			for _, in := range []string{frag, "#" + frag, "https://clinic.example/spry/#" + frag, " " + frag + "\n",
				"(https://clinic.example/spry/#" + frag + ").", wrapped} {
				got, err := share.Decode(in)
				require.NoError(t, err, "Decode(%.40q)", in)
				want, _ := json.Marshal(p)
				gotJS, _ := json.Marshal(got)
				assert.JSONEq(t, string(want), string(gotJS), "Decode(Encode(%s)) differs", p.ID)
			}
			again, err := share.Encode(p)
			require.NoError(t, err)
			assert.Equal(t, frag, again, "Encode is deterministic")
		})
	}
}

// TestShippedLinkFitsQR measures the shipped program's link against the
// QR limit.
func TestShippedLinkFitsQR(t *testing.T) {
	link, err := share.Link("https://clinic.example/spry/", shipped(t))
	require.NoError(t, err)
	js, _ := json.Marshal(shipped(t))
	t.Logf("low-back-first-week: JSON %d bytes, link %d bytes (QR limit %d)", len(js), len(link), share.QRMaxBytes)
	assert.True(t, share.FitsQR(link), "FitsQR(%d-byte link) = false, want true", len(link))
	assert.True(t, strings.HasPrefix(link, "https://clinic.example/spry/#p1."), "Link = %.40s", link)
}

func TestLink(t *testing.T) {
	p := shipped(t)
	frag, err := share.Encode(p)
	require.NoError(t, err)
	tests := []struct {
		base, want, err string
	}{
		{"https://clinic.example/spry/", "https://clinic.example/spry/#" + frag, ""},
		{"https://clinic.example/spry/?lang=fr#old", "https://clinic.example/spry/?lang=fr#" + frag, ""},
		{"http://localhost:8080/", "http://localhost:8080/#" + frag, ""},
		{"/spry/", "", "want an absolute http or https URL"},
		{"javascript:alert(1)", "", "want an absolute http or https URL"},
		{"https://%zz", "", "base URL"},
	}
	for _, tt := range tests {
		got, err := share.Link(tt.base, p)
		if tt.err != "" {
			require.Error(t, err, "Link(%q)", tt.base)
			assert.Contains(t, err.Error(), tt.err, "Link(%q) error", tt.base)
			continue
		}
		require.NoError(t, err, "Link(%q)", tt.base)
		assert.Equal(t, tt.want, got, "Link(%q)", tt.base)
	}
}

func TestEncodeRefusesInvalid(t *testing.T) {
	_, err := share.Encode(nil)
	assert.Error(t, err, "Encode(nil)")
	p := hostile()
	p.ID = "Not An ID"
	_, err = share.Encode(p)
	require.Error(t, err, "Encode(bad ID)")
	assert.Contains(t, err.Error(), "id:", "Encode(bad ID) names the field")
}

func TestDecodeRejects(t *testing.T) {
	frag, err := share.Encode(shipped(t))
	require.NoError(t, err)
	js, _ := json.Marshal(shipped(t))
	newer := bytes.Replace(js, []byte(`"schema":1`), []byte(`"schema":2`), 1)
	unknown := bytes.Replace(js, []byte(`"schema":1`), []byte(`"schema":1,"colour":"red"`), 1)
	badID := bytes.Replace(js, []byte(`"id":"low-back-first-week"`), []byte(`"id":"Low Back"`), 1)
	bomb := append(append([]byte(`{"schema":1,"id":"x","title":{"en":"`), bytes.Repeat([]byte("a"), program.MaxFileSize)...), `"}}`...)
	swap := []byte(frag)
	i := len(swap) - 10
	swap[i], swap[i+1] = swap[i+1], swap[i]
	if swap[i] == swap[i+1] {
		t.Fatal("pick another place to swap")
	}

	tests := []struct {
		name, in string
		want     error
		detail   string
	}{
		{"empty", "", share.ErrNotLink, ""},
		{"a web page", "https://clinic.example/spry/", share.ErrNotLink, ""},
		{"another fragment", "#section-2", share.ErrNotLink, ""},
		{"no version", "p.abc", share.ErrNotLink, ""},
		{"version zero", "p0.abc", share.ErrNotLink, ""},
		{"prefix only", "p1.", share.ErrTruncated, ""},
		{"half the link", frag[:len(frag)/2], share.ErrTruncated, ""},
		{"last character lost", frag[:len(frag)-1], share.ErrTruncated, ""},
		{"newer link format", "p2." + frag[3:], share.ErrNewer, "link format 2"},
		{"much newer link format", "p99999." + frag[3:], share.ErrNewer, ""},
		{"newer program schema", pack("p1.", newer), share.ErrNewer, "program format 2"},
		{"two characters swapped", string(swap), share.ErrTampered, "checksum"},
		{"character not in base64url", frag[:20] + "+" + frag[21:], share.ErrTampered, "character 21"},
		{"extra bytes", frag + "AAAA", share.ErrTampered, "extra bytes"},
		{"inflates past the cap", pack("p1.", bomb), share.ErrTooBig, "unpacks to more than"},
		{"not JSON", pack("p1.", []byte("hello")), share.ErrInvalid, ""},
		{"unknown field", pack("p1.", unknown), share.ErrInvalid, "colour"},
		{"invalid program", pack("p1.", badID), share.ErrInvalid, "id: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := share.Decode(tt.in)
			assert.Nil(t, p, "Decode(%s) program", tt.name)
			require.Error(t, err, "Decode(%s)", tt.name)
			assert.ErrorIs(t, err, tt.want, "Decode(%s) = %v, want %v", tt.name, err, tt.want)
			assert.Contains(t, err.Error(), tt.detail, "Decode(%s) error", tt.name)
			assert.Equal(t, 1, countReasons(err), "Decode(%s) = %v wraps one reason", tt.name, err)
		})
	}
}

// TestEveryTruncation cuts the link at every length: each must say it was
// cut short (or, with the version gone, that it is not a Spry link).
func TestEveryTruncation(t *testing.T) {
	frag, err := share.Encode(shipped(t))
	require.NoError(t, err)
	for n := 0; n < len(frag); n++ {
		_, err := share.Decode(frag[:n])
		want := share.ErrTruncated
		if n < len(share.Prefix) {
			want = share.ErrNotLink
		}
		require.ErrorIs(t, err, want, "Decode(first %d of %d characters) = %v", n, len(frag), err)
	}
}

// TestEveryTamper changes each character of the code in turn: each change
// is caught. A change in the length field may read as a cut.
func TestEveryTamper(t *testing.T) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	frag, err := share.Encode(shipped(t))
	require.NoError(t, err)
	for i := len(share.Prefix); i < len(frag); i++ {
		b := []byte(frag)
		// Flip the character's top bit, which every position uses.
		b[i] = alphabet[strings.IndexByte(alphabet, b[i])^32]
		_, err := share.Decode(string(b))
		if errors.Is(err, share.ErrTruncated) && i < len(share.Prefix)+8 {
			continue
		}
		require.ErrorIs(t, err, share.ErrTampered, "Decode(character %d changed) = %v", i, err)
	}
}

func countReasons(err error) int {
	n := 0
	for _, r := range reasons {
		if errors.Is(err, r) {
			n++
		}
	}
	return n
}

// FuzzDecode checks that no text makes Decode panic, that every rejection
// wraps exactly one reason, and that an accepted program encodes to a link
// that decodes to the same program.
// Seed corpus: testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	for _, p := range []*program.Program{shipped(f), hostile()} {
		frag, err := share.Encode(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(frag)
		f.Add(frag[:len(frag)/2])
	}
	f.Add("p2.AAAA")
	f.Add("#p1.")
	f.Fuzz(func(t *testing.T, in string) {
		p, err := share.Decode(in)
		if err != nil {
			if p != nil {
				t.Fatalf("Decode(%q) = %v with a program", in, err)
			}
			if n := countReasons(err); n != 1 {
				t.Fatalf("Decode(%q) = %v wraps %d reasons, want 1", in, err, n)
			}
			return
		}
		frag, err := share.Encode(p)
		if err != nil {
			t.Fatalf("Encode(Decode(%q)) = %v", in, err)
		}
		p2, err := share.Decode(frag)
		if err != nil {
			t.Fatalf("Decode(Encode(Decode(%q))) = %v", in, err)
		}
		a, _ := json.Marshal(p)
		b, _ := json.Marshal(p2)
		if !bytes.Equal(a, b) {
			t.Fatalf("round trip of %q: %s, then %s", in, a, b)
		}
	})
}
