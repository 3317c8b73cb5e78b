package server_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/cmd/spry/internal/server"
)

// newSite lays out a small built site and a second root, and returns a
// handler serving both, the site first.
func newSite(t *testing.T) http.Handler {
	t.Helper()
	base := t.TempDir()
	site := filepath.Join(base, "out")
	extra := filepath.Join(base, "fixtures")
	files := map[string]string{
		"out/index.html":           "<!doctype html><title>Spry</title>",
		"out/spry.wasm":            "\x00asm\x01\x00\x00\x00",
		"out/wasm_exec.js":         "// go",
		"out/app.mjs":              "export {}",
		"out/manifest.webmanifest": "{}",
		"out/assets/style.css":     "body{}",
		"out/sub/index.html":       "<!doctype html><title>Sub</title>",
		"out/.secret":              "hidden",
		"fixtures/broken.json":     `{"schema":1}`,
		"fixtures/index.html":      "shadowed by out/index.html",
		"secret.txt":               "outside every root",
	}
	for name, body := range files {
		p := filepath.Join(base, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	require.NoError(t, os.Symlink(filepath.Join(base, "secret.txt"), filepath.Join(site, "link.txt")))
	h, err := server.New(site, extra)
	require.NoError(t, err)
	return h
}

func get(h http.Handler, method, target string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, "http://127.0.0.1/", nil)
	req.URL.Path = target // raw, so that ".." and "//" reach the handler as sent
	req.RequestURI = target
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestServeFiles(t *testing.T) {
	h := newSite(t)
	tests := []struct {
		path        string
		wantStatus  int
		wantType    string
		wantBodyHas string
	}{
		{"/", http.StatusOK, "text/html; charset=utf-8", "<title>Spry</title>"},
		{"/index.html", http.StatusOK, "text/html; charset=utf-8", "<title>Spry</title>"},
		{"/sub/", http.StatusOK, "text/html; charset=utf-8", "<title>Sub</title>"},
		{"/spry.wasm", http.StatusOK, "application/wasm", "asm"},
		{"/wasm_exec.js", http.StatusOK, "text/javascript; charset=utf-8", "// go"},
		{"/app.mjs", http.StatusOK, "text/javascript; charset=utf-8", "export"},
		{"/manifest.webmanifest", http.StatusOK, "application/manifest+json", "{}"},
		{"/assets/style.css", http.StatusOK, "text/css; charset=utf-8", "body"},
		{"/broken.json", http.StatusOK, "application/json", "schema"},
	}
	for _, tt := range tests {
		rec := get(h, http.MethodGet, tt.path)
		assert.Equal(t, tt.wantStatus, rec.Code, "GET %s: status = %d, want %d", tt.path, rec.Code, tt.wantStatus)
		assert.Equal(t, tt.wantType, rec.Header().Get("Content-Type"), "GET %s: Content-Type", tt.path)
		assert.Contains(t, rec.Body.String(), tt.wantBodyHas, "GET %s: body", tt.path)
		assert.Empty(t, rec.Header().Get("Location"), "GET %s: must not redirect", tt.path)
	}
}

func TestHeaders(t *testing.T) {
	h := newSite(t)
	for _, p := range []string{"/", "/index.html", "/spry.wasm", "/missing.js"} {
		rec := get(h, http.MethodGet, p)
		assert.Equal(t, server.ContentSecurityPolicy, rec.Header().Get("Content-Security-Policy"), "GET %s: CSP", p)
		assert.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"), "GET %s: X-Content-Type-Options", p)
		assert.Equal(t, "no-cache", rec.Header().Get("Cache-Control"), "GET %s: Cache-Control", p)
	}
	const want = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
		"img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors *"
	assert.Equal(t, want, server.ContentSecurityPolicy, "ContentSecurityPolicy")
}

func TestNotServed(t *testing.T) {
	h := newSite(t)
	tests := []struct {
		path       string
		wantStatus int
	}{
		{"/missing.html", http.StatusNotFound},
		{"/assets/", http.StatusNotFound}, // a directory without index.html: no listing
		{"/assets", http.StatusNotFound},  // a directory is not a file: no redirect either
		{"/sub", http.StatusNotFound},
		{"/../secret.txt", http.StatusNotFound},
		{"/assets/../../secret.txt", http.StatusNotFound},
		{"/..%2fsecret.txt", http.StatusNotFound},
		{"/link.txt", http.StatusNotFound}, // a symlink out of the root
		{"/.secret", http.StatusNotFound},
		{"//etc/passwd", http.StatusNotFound},
		{"/assets\\..\\..\\secret.txt", http.StatusNotFound},
	}
	for _, tt := range tests {
		rec := get(h, http.MethodGet, tt.path)
		assert.Equal(t, tt.wantStatus, rec.Code, "GET %s: status = %d, want %d", tt.path, rec.Code, tt.wantStatus)
		assert.NotContains(t, rec.Body.String(), "outside every root", "GET %s: leaked a file", tt.path)
		assert.NotContains(t, rec.Body.String(), "style.css", "GET %s: listed a directory", tt.path)
		assert.Empty(t, rec.Header().Get("Location"), "GET %s: must not redirect", tt.path)
	}
}

func TestMethods(t *testing.T) {
	h := newSite(t)
	rec := get(h, http.MethodHead, "/index.html")
	assert.Equal(t, http.StatusOK, rec.Code, "HEAD /index.html")
	rec = get(h, http.MethodPost, "/index.html")
	assert.Equal(t, http.StatusMethodNotAllowed, rec.Code, "POST /index.html")
	assert.Equal(t, "GET, HEAD", rec.Header().Get("Allow"))
}

func TestRealServer(t *testing.T) {
	// Through a real client and server, which clean paths on their own.
	srv := httptest.NewServer(newSite(t))
	defer srv.Close()
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	for _, tt := range []struct {
		path       string
		wantStatus int
	}{
		{"/index.html", http.StatusOK},
		{"/", http.StatusOK},
		{"/spry.wasm", http.StatusOK},
		{"/nope", http.StatusNotFound},
	} {
		resp, err := client.Get(srv.URL + tt.path)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, tt.wantStatus, resp.StatusCode, "GET %s: status = %d, want %d", tt.path, resp.StatusCode, tt.wantStatus)
	}
}

func TestRebuiltDirectoryIsServed(t *testing.T) {
	// make build removes out/ and lays it out anew while make serve runs.
	dir := filepath.Join(t.TempDir(), "out")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "index.html"), []byte("first build"), 0o644))
	h, err := server.New(dir)
	require.NoError(t, err)
	assert.Contains(t, get(h, http.MethodGet, "/").Body.String(), "first build")

	require.NoError(t, os.RemoveAll(dir))
	assert.Equal(t, http.StatusNotFound, get(h, http.MethodGet, "/").Code, "GET / while out/ is gone")

	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "index.html"), []byte("second build"), 0o644))
	assert.Contains(t, get(h, http.MethodGet, "/").Body.String(), "second build")
}

func TestNewFS(t *testing.T) {
	h := server.NewFS(fstest.MapFS{
		"index.html":   {Data: []byte("from memory")},
		"a/spry.wasm":  {Data: []byte("\x00asm")},
		"a/index.html": {Data: []byte("sub")},
	})
	rec := get(h, http.MethodGet, "/")
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "from memory", rec.Body.String())
	assert.Equal(t, "application/wasm", get(h, http.MethodGet, "/a/spry.wasm").Header().Get("Content-Type"))
	assert.Equal(t, http.StatusNotFound, get(h, http.MethodGet, "/a").Code, "GET /a: a directory")
}

func TestNewNeedsDirectory(t *testing.T) {
	_, err := server.New()
	assert.Error(t, err, "New() with no directory")
	_, err = server.New(filepath.Join(t.TempDir(), "missing"))
	assert.Error(t, err, "New(missing) must fail")
}

func TestContentType(t *testing.T) {
	tests := []struct{ name, want string }{
		{"spry.wasm", "application/wasm"},
		{"x.MJS", "text/javascript; charset=utf-8"},
		{"app.webmanifest", "application/manifest+json"},
		{"unknown.zzz", "application/octet-stream"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, server.ContentType(tt.name), "ContentType(%q) = %q, want %q", tt.name, server.ContentType(tt.name), tt.want)
	}
}
