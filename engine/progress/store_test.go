package progress_test

import (
	"testing"

	"spry/engine/progress"
	"spry/engine/progress/storetest"
)

func TestMemoryStore(t *testing.T) {
	storetest.Run(t, func() progress.Store { return progress.NewMemory() })
}

func TestIsKey(t *testing.T) {
	tests := []struct {
		key  string
		want bool
	}{
		{progress.Key("a"), true},
		{"spry/progress/a", true},
		{"spry/store/marker", false},
		{"other-app/a", false},
	}
	for _, tt := range tests {
		if got := progress.IsKey(tt.key); got != tt.want {
			t.Errorf("IsKey(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
}
