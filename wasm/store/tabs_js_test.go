package store_test

import (
	"flag"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"spry/wasm/store"
)

// The two-tab test runs in Chromium only, driven by e2e/gotest.test.mjs:
// two pages of one browser context run TestTabWriter at once, each with its
// own -spry.tab name, then a third page runs TestTabCheck.
var (
	tabName = flag.String("spry.tab", "", "TestTabWriter: the name of this tab")
	tabAll  = flag.String("spry.tabs", "", "TestTabWriter, TestTabCheck: the names of all the tabs, comma-separated")
	tabN    = flag.Int("spry.n", 100, "TestTabWriter, TestTabCheck: sessions each tab writes")
)

const readyPrefix = "test/tab-ready/"

// TestTabWriter writes, once every tab is ready, its own sessions and the
// same shared sessions as the other tabs, the shared ones twice.
func TestTabWriter(t *testing.T) {
	if *tabName == "" {
		t.Skip("run by e2e/gotest.test.mjs with -spry.tab")
	}
	needReal(t)
	s, err := store.Browser()
	require.NoError(t, err)
	l, err := store.Open(s)
	require.NoError(t, err)
	require.NoError(t, s.Set(readyPrefix+*tabName, "1"))
	deadline := time.Now().Add(30 * time.Second)
	for _, other := range strings.Split(*tabAll, ",") {
		for {
			if _, ok, _ := s.Get(readyPrefix + other); ok {
				break
			}
			require.True(t, time.Now().Before(deadline), "tab %s never became ready", other)
			time.Sleep(5 * time.Millisecond)
		}
	}
	for i := range *tabN {
		put(t, l, session(fmt.Sprintf("%s-%03d", *tabName, i), 1+i%3))
		put(t, l, session(fmt.Sprintf("shared-%03d", i), 2))
		put(t, l, session(fmt.Sprintf("shared-%03d", i), 2))
		time.Sleep(time.Millisecond) // let the other tab's writes arrive
	}
	recs, bad, err := l.All()
	require.NoError(t, err, "All() in tab %s after writing", *tabName)
	assert.Empty(t, bad)
	fmt.Printf("tab %s: wrote %d own and %d shared sessions, sees %d records\n", *tabName, *tabN, *tabN, len(recs))
}

// TestTabCheck checks that every session the tabs wrote is there once.
func TestTabCheck(t *testing.T) {
	if *tabAll == "" || *tabName != "" {
		t.Skip("run by e2e/gotest.test.mjs with -spry.tabs")
	}
	needReal(t)
	s, err := store.Browser()
	require.NoError(t, err)
	l, err := store.Open(s)
	require.NoError(t, err)
	recs, bad, err := l.All()
	require.NoError(t, err)
	assert.Empty(t, bad)
	var want []string
	for i := range *tabN {
		for _, tab := range strings.Split(*tabAll, ",") {
			want = append(want, fmt.Sprintf("%s-%03d", tab, i))
		}
		want = append(want, fmt.Sprintf("shared-%03d", i))
	}
	got := ids(recs)
	slices.Sort(got)
	slices.Sort(want)
	assert.Equal(t, want, got, "the sessions in storage after %s wrote at once", *tabAll)
	fmt.Printf("tabs %s: %d records in storage, each once\n", *tabAll, len(got))
}
