package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// workerTemplate is a service worker with the placeholders of site/sw.js.
const workerTemplate = "// worker\nconst VERSION = 'dev';\nconst FILES = [];\nconst CACHE = 'spry-' + VERSION;\n"

// builtSite lays out a small built site in a new folder and returns it.
func builtSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	return dir
}

// siteFixture is a built site with a page, its assets, a sub-folder index,
// hidden files and the worker.
func siteFixture() map[string]string {
	return map[string]string{
		"sw.js":               workerTemplate,
		"index.html":          "<!doctype html><title>Spry</title>",
		"player.html":         "<!doctype html><title>Player</title>",
		"spry.wasm":           "\x00asm\x01\x00\x00\x00",
		"icons/icon-192.png":  "png",
		"help/index.html":     "help",
		".DS_Store":           "hidden",
		".cache/old.js":       "hidden folder",
		"icons/.icon.png.swp": "hidden",
	}
}

var (
	stampedVersion = regexp.MustCompile(`(?m)^const VERSION = '([0-9a-f]{16})';$`)
	stampedFiles   = regexp.MustCompile(`(?m)^const FILES = (\[.*\]);$`)
)

// stamped reads dir/sw.js and returns its version and file list lines.
func stamped(t *testing.T, dir string) (version, files string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(dir, "sw.js"))
	require.NoError(t, err)
	v := stampedVersion.FindSubmatch(src)
	require.NotNil(t, v, "sw.js has no stamped VERSION line:\n%s", src)
	f := stampedFiles.FindSubmatch(src)
	require.NotNil(t, f, "sw.js has no FILES line:\n%s", src)
	return string(v[1]), string(f[1])
}

func TestStampCommand(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		args     func(dir string) []string
		code     int
		out, err string
	}{
		{"stamps the site", siteFixture(), func(d string) []string { return []string{"stamp", "-dir", d} }, 0, "5 files, 85 bytes", ""},
		{"help", siteFixture(), func(string) []string { return []string{"stamp", "-h"} }, 0, "", "Usage: spry stamp"},
		{"extra argument", siteFixture(), func(d string) []string { return []string{"stamp", "-dir", d, "x"} }, 2, "", "Usage: spry stamp"},
		{"bad flag", siteFixture(), func(string) []string { return []string{"stamp", "-nope"} }, 2, "", "flag provided but not defined"},
		{"no such folder", nil, func(d string) []string { return []string{"stamp", "-dir", filepath.Join(d, "missing")} }, 1, "", "spry stamp: "},
		{"no sw.js", map[string]string{"index.html": "x"}, func(d string) []string { return []string{"stamp", "-dir", d} }, 1, "", "sw.js"},
		{"sw.js without VERSION", map[string]string{"sw.js": "const FILES = [];\n"}, func(d string) []string { return []string{"stamp", "-dir", d} }, 1, "", "const VERSION"},
		{"sw.js without FILES", map[string]string{"sw.js": "const VERSION = 'dev';\n"}, func(d string) []string { return []string{"stamp", "-dir", d} }, 1, "", "const FILES"},
		{"two VERSION lines", map[string]string{"sw.js": workerTemplate + "const VERSION = 'x';\n"}, func(d string) []string { return []string{"stamp", "-dir", d} }, 1, "", "found 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := builtSite(t, tt.files)
			code, out, errOut := runCmd(tt.args(dir)...)
			assert.Equal(t, tt.code, code, "spry %v = %d, want %d; stderr %s", tt.args(dir), code, tt.code, errOut)
			assert.Contains(t, out, tt.out, "stdout")
			assert.Contains(t, errOut, tt.err, "stderr")
		})
	}
}

func TestStampFiles(t *testing.T) {
	dir := builtSite(t, siteFixture())
	code, _, errOut := runCmd("stamp", "-dir", dir)
	require.Equal(t, 0, code, errOut)
	version, files := stamped(t, dir)
	// index.html is "./" (the dev server never redirects it, but "./" is what
	// every link names); sw.js and hidden files are left out.
	assert.Equal(t, `["./","help/","icons/icon-192.png","player.html","spry.wasm"]`, files, "FILES")
	assert.Len(t, version, 16)

	src, err := os.ReadFile(filepath.Join(dir, "sw.js"))
	require.NoError(t, err)
	want := strings.NewReplacer("'dev'", "'"+version+"'", "[]", files).Replace(workerTemplate)
	assert.Equal(t, want, string(src), "only the two lines change")
}

// TestStampHash pins what the version is: the sha256 of each file's name, a
// NUL, its size, a NUL and its bytes, in name order, cut to 16 hex digits.
func TestStampHash(t *testing.T) {
	files := map[string]string{"sw.js": workerTemplate, "b.js": "bee", "a/index.html": "<p>a"}
	dir := builtSite(t, files)
	code, _, errOut := runCmd("stamp", "-dir", dir)
	require.Equal(t, 0, code, errOut)
	version, list := stamped(t, dir)
	sum := sha256.Sum256([]byte("a/index.html\x004\x00<p>a" + "b.js\x003\x00bee"))
	assert.Equal(t, hex.EncodeToString(sum[:])[:16], version, "VERSION")
	assert.Equal(t, `["a/","b.js"]`, list, "FILES")
}

// TestStampVersion checks when the version changes: with any name or byte
// of a cached file, and not with anything else.
func TestStampVersion(t *testing.T) {
	base := siteFixture()
	versionOf := func(t *testing.T, files map[string]string, touch func(dir string)) string {
		dir := builtSite(t, files)
		if touch != nil {
			touch(dir)
		}
		code, _, errOut := runCmd("stamp", "-dir", dir)
		require.Equal(t, 0, code, errOut)
		v, _ := stamped(t, dir)
		return v
	}
	with := func(change func(m map[string]string)) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		change(m)
		return m
	}
	want := versionOf(t, base, nil)
	tests := []struct {
		name   string
		files  map[string]string
		touch  func(dir string)
		change bool
	}{
		{"same files again", base, nil, false},
		{"another modification time", base, func(d string) {
			old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
			require.NoError(t, os.Chtimes(filepath.Join(d, "spry.wasm"), old, old))
		}, false},
		{"a hidden file changed", with(func(m map[string]string) { m[".DS_Store"] = "other" }), nil, false},
		{"sw.js changed", with(func(m map[string]string) { m["sw.js"] = "// v2\n" + workerTemplate }), nil, false},
		{"sw.js already stamped", base, func(d string) {
			code, _, errOut := runCmd("stamp", "-dir", d)
			require.Equal(t, 0, code, errOut)
		}, false},
		{"one byte of the wasm", with(func(m map[string]string) { m["spry.wasm"] += "\x00" }), nil, true},
		{"a file renamed", with(func(m map[string]string) {
			m["icons/icon-512.png"] = m["icons/icon-192.png"]
			delete(m, "icons/icon-192.png")
		}), nil, true},
		{"a file added", with(func(m map[string]string) { m["manifest.webmanifest"] = "{}" }), nil, true},
		{"a file removed", with(func(m map[string]string) { delete(m, "player.html") }), nil, true},
		{"bytes moved between files", with(func(m map[string]string) {
			m["index.html"] += "x"
			m["player.html"] = strings.TrimSuffix(m["player.html"], ">")
		}), nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := versionOf(t, tt.files, tt.touch)
			if tt.change {
				assert.NotEqual(t, want, got, "version did not change")
			} else {
				assert.Equal(t, want, got, "version changed")
			}
		})
	}
}

// TestStampShippedWorker stamps the real site/sw.js: its placeholders must
// stay where stamp finds them.
func TestStampShippedWorker(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "site", "sw.js"))
	require.NoError(t, err)
	dir := builtSite(t, map[string]string{"sw.js": string(src), "index.html": "x", "spry.wasm": "y"})
	code, _, errOut := runCmd("stamp", "-dir", dir)
	require.Equal(t, 0, code, errOut)
	_, files := stamped(t, dir)
	assert.Equal(t, `["./","spry.wasm"]`, files)
}
