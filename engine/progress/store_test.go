package progress_test

import (
	"testing"

	"spry/engine/progress"
	"spry/engine/progress/storetest"
)

func TestMemoryStore(t *testing.T) {
	storetest.Run(t, func() progress.Store { return progress.NewMemory() })
}
