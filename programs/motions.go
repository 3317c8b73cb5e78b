package programs

import (
	"embed"
	"errors"
	"fmt"
	"path"
	"strings"
	"sync"

	"spry/engine/motion"
)

//go:embed motions/*.json
var motionFiles embed.FS

var motions = sync.OnceValues(func() (map[string]*motion.Clip, error) { return loadMotions(false) })

// checkMotions loads every clip and validates it now.
func checkMotions() error {
	_, err := loadMotions(true)
	return err
}

// loadMotions decodes every shipped clip. A clip validates itself (which
// places its keyframes) on first use; validate does it at once for all.
func loadMotions(validate bool) (map[string]*motion.Clip, error) {
	entries, err := motionFiles.ReadDir("motions")
	if err != nil {
		return nil, err
	}
	clips := make(map[string]*motion.Clip, len(entries))
	var errs []error
	for _, e := range entries {
		name := path.Join("motions", e.Name())
		f, err := motionFiles.Open(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		c, err := motion.DecodeClip(f)
		f.Close()
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		if validate {
			if err := c.Validate(); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", name, err))
				continue
			}
		}
		if want := strings.TrimSuffix(e.Name(), ".json"); c.ID != want {
			errs = append(errs, fmt.Errorf("%s: id %q must match the file name %q", name, c.ID, want))
			continue
		}
		clips[c.ID] = c
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return clips, nil
}

// Motions returns every shipped motion clip, decoded, keyed by ID (the file
// name without ".json"). Each clip validates itself on first use; Check
// validates them all, and the tests run it. The clips are loaded once and
// shared: do not modify them.
func Motions() (map[string]*motion.Clip, error) { return motions() }
