// Package engine_test states, as tests, the rules every package under
// spry/engine keeps. Its model is the Go distribution's own
// src/go/build/deps_test.go.
package engine_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestEngineImportsOnlyStandardLibrary is a statement of policy: the engine
// is plain Go, so that the same code plays a session in the browser, in the
// CLI and in tests. A package under spry/engine imports only the standard
// library and other packages under spry/engine. In particular it never
// imports syscall/js (the browser belongs in wasm/, behind interfaces) nor
// ebiten (drawing belongs in wasm/). The rule holds for every platform Spry
// builds for, so it is checked natively and for GOOS=js.
//
// Do not weaken this test to let an import through: move the code that needs
// it out of engine/ instead.
//
// go test cannot see what go list reads, but TestEngineDoesNotReadTheClock,
// in the same test binary, opens every engine source file and directory: a
// changed or new file there reruns both rather than reusing a cached pass.
func TestEngineImportsOnlyStandardLibrary(t *testing.T) {
	forbidden := []string{"syscall/js"} // standard, but not for the engine
	root := moduleRoot(t)
	for _, env := range [][]string{nil, {"GOOS=js", "GOARCH=wasm"}} {
		build := "native build"
		if env != nil {
			build = strings.Join(env, " ")
		}
		cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{.Standard}} {{join .Imports \" \"}}", "./engine/...")
		cmd.Dir = root
		cmd.Env = append(cmd.Environ(), env...)
		out, err := cmd.Output()
		require.NoError(t, err, "go list (%s): %s", build, stderr(err))

		standard := map[string]bool{}
		imports := map[string][]string{}
		for line := range strings.Lines(string(out)) {
			f := strings.Fields(line)
			require.GreaterOrEqual(t, len(f), 2, "go list printed %q", line)
			standard[f[0]] = f[1] == "true"
			imports[f[0]] = f[2:]
		}
		require.Contains(t, imports, "spry/engine/program", "go list -deps ./engine/... (%s) misses spry/engine/program", build)
		for pkg, imps := range imports {
			if !inEngine(pkg) {
				continue
			}
			for _, imp := range imps {
				allowed := inEngine(imp) || standard[imp] && !slices.Contains(forbidden, imp)
				if !allowed {
					t.Errorf("%s imports %s (%s): packages under spry/engine may import only the standard library (except %s) and each other",
						pkg, imp, build, strings.Join(forbidden, ", "))
				}
			}
		}
	}
}

// TestEngineDoesNotReadTheClock is a statement of policy: nothing under
// spry/engine reads the wall clock or sleeps. Time is passed in
// (Update(now time.Duration)), so that a session plays the same whatever the
// frame timing, and tests replay any timeline instantly. Test files may use
// the clock; the engine's own code may not.
func TestEngineDoesNotReadTheClock(t *testing.T) {
	forbidden := []string{"Now", "Since", "Until", "Sleep", "After", "AfterFunc", "Tick", "NewTimer", "NewTicker"}
	root := moduleRoot(t)
	fset := token.NewFileSet()
	err := filepath.WalkDir(filepath.Join(root, "engine"), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "testdata" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		name := timeImportName(f)
		if name == "" {
			return nil
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == name && slices.Contains(forbidden, sel.Sel.Name) {
				rel, _ := filepath.Rel(root, fset.Position(sel.Pos()).Filename)
				t.Errorf("%s:%d uses time.%s: the engine takes the time as an argument, it never reads the clock",
					rel, fset.Position(sel.Pos()).Line, sel.Sel.Name)
			}
			return true
		})
		return nil
	})
	require.NoError(t, err)
}

// timeImportName returns the name under which f imports package time, or ""
// if it does not.
func timeImportName(f *ast.File) string {
	for _, imp := range f.Imports {
		if path, _ := strconv.Unquote(imp.Path.Value); path == "time" {
			if imp.Name != nil {
				return imp.Name.Name
			}
			return "time"
		}
	}
	return ""
}

func inEngine(pkg string) bool {
	return pkg == "spry/engine" || strings.HasPrefix(pkg, "spry/engine/")
}

// moduleRoot returns the directory holding the module's go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	require.NoError(t, err, "go env GOMOD: %s", stderr(err))
	gomod := strings.TrimSpace(string(out))
	require.NotEmpty(t, gomod, "go env GOMOD: not inside a module")
	return filepath.Dir(gomod)
}

// stderr returns what a failed command wrote to its standard error.
func stderr(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}
