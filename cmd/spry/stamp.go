package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// workerName is the service worker's file in the built site. It is not
// cached by itself (the browser keeps it) and not part of the hash, which it
// carries.
const workerName = "sw.js"

// The lines of sw.js that stamp rewrites. They match the placeholders in
// site/sw.js (const VERSION = 'dev'; const FILES = [];) and the stamped
// values alike, so stamping twice gives the same file.
var (
	versionLine = regexp.MustCompile(`(?m)^const VERSION = '[^'\n]*';$`)
	filesLine   = regexp.MustCompile(`(?m)^const FILES = \[[^\n]*\];$`)
)

func runStamp(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("stamp", stderr,
		"Usage: spry stamp [-dir out]",
		"Writes into DIR/sw.js the list of files the service worker precaches (every",
		"file of DIR but sw.js and hidden ones; index.html as \"./\") and VERSION, a",
		"sha256 of their sorted names and bytes that names the worker's cache.")
	dir := fs.String("dir", "out", "`directory` of the built site; its sw.js is rewritten")
	if code, ok := parseFlags(fs, args, 0); !ok {
		return code
	}
	st, err := stampSite(*dir)
	if err != nil {
		fmt.Fprintf(stderr, "spry stamp: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: version %s, %d files, %d bytes precached\n",
		filepath.Join(*dir, workerName), st.version, len(st.urls), st.bytes)
	return 0
}

// stamp is what stampSite wrote into a site's sw.js.
type stamp struct {
	version string   // contentHash of the files
	urls    []string // the files as the worker fetches them, sorted
	bytes   int64    // their total size
}

// stampSite lists and hashes the files of the site in dir and rewrites its
// sw.js with them.
func stampSite(dir string) (stamp, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return stamp{}, err
	}
	defer root.Close()
	site := root.FS()
	names, err := siteFiles(site)
	if err != nil {
		return stamp{}, err
	}
	version, size, err := contentHash(site, names)
	if err != nil {
		return stamp{}, err
	}
	st := stamp{version: version, bytes: size}
	for _, n := range names {
		st.urls = append(st.urls, fileURL(n))
	}
	sort.Strings(st.urls)
	src, err := fs.ReadFile(site, workerName)
	if err != nil {
		return stamp{}, err
	}
	out, err := stampWorker(src, st.version, st.urls)
	if err != nil {
		return stamp{}, fmt.Errorf("%s: %w", filepath.Join(dir, workerName), err)
	}
	if err := root.WriteFile(workerName, out, 0o644); err != nil {
		return stamp{}, err
	}
	return st, nil
}

// notPatient lists what the patient's player never needs, so their phones do
// not download it for offline use: the therapist's pages and their
// tools.wasm, the contact sheet and its stills, the demo clinic, and the
// clinic's embed script. Those still load from the network.
var notPatient = []string{"tools.wasm", "builder.", "preview.", "review.", "contact.", "stills/", "demo/", "embed.js"}

func forPatient(name string) bool {
	for _, p := range notPatient {
		if strings.HasPrefix(name, p) {
			return false
		}
	}
	return true
}

// siteFiles returns the slash-separated names of the regular files of site
// that the worker precaches, sorted: all of them but sw.js itself, hidden
// files or folders (the dev server does not serve those) and what only the
// therapist's and developers' pages use (notPatient).
func siteFiles(site fs.FS) ([]string, error) {
	var names []string
	err := fs.WalkDir(site, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if name != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && name != workerName && forPatient(name) {
			names = append(names, name)
		}
		return nil
	})
	sort.Strings(names)
	return names, err
}

// contentHash returns the first 16 hex digits of the sha256 of each named
// file's name, a NUL, its size in decimal, a NUL and its bytes, in the order
// given, and the files' total size.
func contentHash(site fs.FS, names []string) (string, int64, error) {
	h := sha256.New()
	var total int64
	for _, n := range names {
		f, err := site.Open(n)
		if err != nil {
			return "", 0, err
		}
		info, err := f.Stat()
		if err == nil {
			io.WriteString(h, n+"\x00"+strconv.FormatInt(info.Size(), 10)+"\x00")
			var copied int64
			copied, err = io.Copy(h, f)
			if err == nil && copied != info.Size() {
				err = fmt.Errorf("%s changed size while it was read", n)
			}
			total += copied
		}
		f.Close()
		if err != nil {
			return "", 0, err
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16], total, nil
}

// fileURL is the URL, relative to sw.js, that the worker fetches a file by:
// an index.html by its folder ("./", "help/"), as the dev server and every
// link name it.
func fileURL(name string) string {
	if path.Base(name) != "index.html" {
		return name
	}
	if d := path.Dir(name); d != "." {
		return d + "/"
	}
	return "./"
}

// stampWorker returns the worker's source src with its VERSION and FILES
// lines set to version and urls.
func stampWorker(src []byte, version string, urls []string) ([]byte, error) {
	if n := len(versionLine.FindAll(src, -1)); n != 1 {
		return nil, fmt.Errorf("want one line %q, found %d", "const VERSION = '...';", n)
	}
	if n := len(filesLine.FindAll(src, -1)); n != 1 {
		return nil, fmt.Errorf("want one line %q, found %d", "const FILES = [...];", n)
	}
	if urls == nil {
		urls = []string{}
	}
	list, err := json.Marshal(urls)
	if err != nil {
		return nil, err
	}
	out := versionLine.ReplaceAllLiteral(src, []byte("const VERSION = '"+version+"';"))
	return filesLine.ReplaceAllLiteral(out, []byte("const FILES = "+string(list)+";")), nil
}
