// Package server serves Spry's built site (the page, wasm_exec.js and the
// player's .wasm) over HTTP for development and the browser tests.
//
// It is a small static file server with the headers the player needs and
// none of http.FileServer's surprises: it never answers with a redirect
// (http.FileServer sends /index.html to ./ with a 301, and a service worker
// that cached that redirect then fails offline), never lists a directory, and
// never serves a file outside its roots.
package server

import (
	"errors"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
)

// ContentSecurityPolicy is the policy every response carries. The pages run
// no inline script or style; 'wasm-unsafe-eval' lets them compile the
// player's WebAssembly, and frame-ancestors * lets clinics embed the player.
//
// It allows no blob: scripts, so ebiten's own audio (oto v3, driver_js.go),
// which loads its AudioWorklet from a blob: URL, cannot start here: the
// player makes its sounds with WebAudio directly (wasm/cue). A player that
// links ebiten/audio would need blob: in script-src.
const ContentSecurityPolicy = "default-src 'self'; " +
	"script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; " +
	"img-src 'self' data: blob:; " +
	"connect-src 'self'; " +
	"object-src 'none'; " +
	"base-uri 'none'; " +
	"frame-ancestors *"

// contentTypes are the types the player depends on, set explicitly rather
// than taken from the machine's mime.types: instantiateStreaming refuses a
// .wasm that is not application/wasm, and a module script must be JavaScript.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".json":        "application/json",
	".wasm":        "application/wasm",
	".webmanifest": "application/manifest+json",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".ico":         "image/x-icon",
	".txt":         "text/plain; charset=utf-8",
}

// ContentType returns the Content-Type the server sends for a file name.
func ContentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// Handler serves files from roots, looked up in order: a file in an earlier
// root hides the same path in a later one. "/" and any path ending in "/"
// serve that directory's index.html. Only GET and HEAD are allowed.
type Handler struct {
	roots []root
}

// root is one place files are served from: a directory, opened afresh for
// every request so that a rebuild that replaces the directory (make build
// removes out/ and lays it out anew) is served at once; or a fixed fs.FS.
type root struct {
	dir  string
	fsys fs.FS
}

// open returns the root's file system and a function to release it.
func (r root) open() (fs.FS, func(), error) {
	if r.fsys != nil {
		return r.fsys, func() {}, nil
	}
	d, err := os.OpenRoot(r.dir)
	if err != nil {
		return nil, nil, err
	}
	return d.FS(), func() { d.Close() }, nil
}

// New returns a handler serving the directories dirs, the first one first.
// Each directory is opened as an os.Root, so no path, symbolic link or ".."
// can reach outside it. Each must exist now; one that goes missing later
// serves nothing until it is back.
func New(dirs ...string) (*Handler, error) {
	if len(dirs) == 0 {
		return nil, errors.New("server: no directory to serve")
	}
	h := &Handler{}
	for _, d := range dirs {
		r, err := os.OpenRoot(d)
		if err != nil {
			return nil, err
		}
		r.Close()
		h.roots = append(h.roots, root{dir: d})
	}
	return h, nil
}

// NewFS returns a handler serving the file systems fsys, the first one first.
func NewFS(fsys ...fs.FS) *Handler {
	h := &Handler{}
	for _, f := range fsys {
		h.roots = append(h.roots, root{fsys: f})
	}
	return h
}

// ServeHTTP answers one request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Content-Security-Policy", ContentSecurityPolicy)
	hdr.Set("X-Content-Type-Options", "nosniff")
	// The origin (never the path) reaches other sites, so a player framed
	// by a clinic's page can tell whom to talk to.
	hdr.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	hdr.Set("Cache-Control", "no-cache")
	if path.Base(r.URL.Path) == "embed.js" {
		// Clinics load the embed script from the player's origin.
		hdr.Set("Access-Control-Allow-Origin", "*")
	}

	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hdr.Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := fileName(r.URL.Path)
	if !ok {
		http.NotFound(w, r)
		return
	}
	for _, rt := range h.roots {
		fsys, release, err := rt.open()
		if err != nil {
			continue
		}
		served := serveFile(w, r, fsys, name)
		release()
		if served {
			return
		}
	}
	http.NotFound(w, r)
}

// fileName maps a URL path to a file name inside a root, or reports false
// for a path that names no servable file: one with a ".." or empty segment,
// a backslash, or a hidden (dot) file or directory.
func fileName(urlPath string) (string, bool) {
	if !strings.HasPrefix(urlPath, "/") || strings.ContainsAny(urlPath, "\\\x00") {
		return "", false
	}
	name := strings.TrimPrefix(urlPath, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == "" || strings.HasPrefix(seg, ".") {
			return "", false
		}
	}
	return name, fs.ValidPath(name)
}

// serveFile writes the regular file name from root and reports whether it
// existed. Directories are not files: a path naming one is not found here.
func serveFile(w http.ResponseWriter, r *http.Request, fsys fs.FS, name string) bool {
	f, err := fsys.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	rs, ok := f.(io.ReadSeeker)
	if !ok {
		return false
	}
	w.Header().Set("Content-Type", ContentType(name))
	// ServeContent, unlike ServeFile, never redirects; it handles
	// If-Modified-Since and Range.
	http.ServeContent(w, r, name, info.ModTime(), rs)
	return true
}
