package progress

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Store keeps the progress log. Implementations: Memory here, the browser
// store in wasm/. Every implementation must pass storetest.Run.
type Store interface {
	// Put writes r at once, replacing any record with the same ID: a
	// session is rewritten after every completed set, and a record written
	// twice (two tabs, a retried write) is kept once. A record that does
	// not pass Validate is refused and nothing is written.
	Put(r Record) error
	// All returns every record that decodes, in no particular order, and
	// every stored item that does not, kept aside and never deleted. The
	// error is for the storage itself failing.
	All() ([]Record, []Quarantined, error)
}

// RawStore is a Store a test can write raw bytes into, to plant items that
// do not decode (a corrupt write, a record from a newer app).
type RawStore interface {
	Store
	PutRaw(key string, data []byte) error
}

// Quarantined is a stored item that failed to decode. It stays in storage
// untouched so that a later version of the app, or a person, can recover it.
type Quarantined struct {
	// Key is where the item is stored.
	Key string
	// Data is the item as stored.
	Data []byte
	// Reason says what is wrong with it.
	Reason string
}

// KeyPrefix starts the storage key of every record: KeyPrefix + ID. It is
// short because every record's key is stored: 5 KB a year of daily
// sessions shorter than the "spry/progress/" of the first records, which
// are still read (see IsKey).
const KeyPrefix = "spry/p/"

// legacyKeyPrefix started the keys of the records written before KeyPrefix
// was shortened.
const legacyKeyPrefix = "spry/progress/"

// Key returns the storage key of the record with the given ID.
func Key(id string) string { return KeyPrefix + id }

// IsKey reports whether key is where a store keeps a record: KeyPrefix +
// ID, or the longer key records had before, which a record rewritten
// since has under KeyPrefix as well (DecodeAll keeps that copy).
func IsKey(key string) bool {
	return strings.HasPrefix(key, KeyPrefix) || strings.HasPrefix(key, legacyKeyPrefix)
}

// Memory is a Store held in memory, safe for concurrent use. It keeps the
// encoded bytes, as a browser store does, so decoding and quarantine are
// exercised the same way.
type Memory struct {
	mu    sync.Mutex
	items map[string][]byte
}

// NewMemory returns an empty Memory store.
func NewMemory() *Memory { return &Memory{items: map[string][]byte{}} }

// Put implements Store.
func (m *Memory) Put(r Record) error {
	data, err := Encode(r)
	if err != nil {
		return fmt.Errorf("progress: put: %w", err)
	}
	return m.PutRaw(Key(r.ID), data)
}

// PutRaw implements RawStore.
func (m *Memory) PutRaw(key string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.items[key] = append([]byte(nil), data...)
	return nil
}

// All implements Store.
func (m *Memory) All() ([]Record, []Quarantined, error) {
	m.mu.Lock()
	keys := make([]string, 0, len(m.items))
	for k := range m.items {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	items := make([][]byte, len(keys))
	for i, k := range keys {
		items[i] = m.items[k]
	}
	m.mu.Unlock()
	recs, bad := DecodeAll(keys, items)
	return recs, bad, nil
}

// DecodeAll decodes stored items, given with their keys, into records,
// setting aside those that fail to decode or whose ID does not match their
// key. Keys for which IsKey is false are not progress records and are
// skipped. A record found under both its key and its legacy key is
// returned once, from its key. Store implementations share it.
func DecodeAll(keys []string, items [][]byte) ([]Record, []Quarantined) {
	recs := make([]Record, 0, len(keys))
	var bad []Quarantined
	var legacy []int // indexes in recs of records read from legacy keys
	var d fastDecoder
	for i, k := range keys {
		id, ok := strings.CutPrefix(k, KeyPrefix)
		old := false
		if !ok {
			if id, old = strings.CutPrefix(k, legacyKeyPrefix); !old {
				continue
			}
		}
		d.id = id // the record's ID shares the key's string
		r, err := d.decode(items[i])
		if err == nil && r.ID != id {
			err = fmt.Errorf("record %q: id: does not match its storage key %q", clip(r.ID), clip(k))
		}
		if err != nil {
			bad = append(bad, Quarantined{Key: k, Data: append([]byte(nil), items[i]...), Reason: err.Error()})
			continue
		}
		if old {
			legacy = append(legacy, len(recs))
		}
		recs = append(recs, r)
	}
	if len(legacy) > 0 {
		recs = dropShadowed(recs, legacy)
	}
	return recs, bad
}

// dropShadowed removes the records read from legacy keys (at) whose ID is
// also read from its current key, which holds the later write.
func dropShadowed(recs []Record, at []int) []Record {
	old := make(map[int]bool, len(at))
	for _, i := range at {
		old[i] = true
	}
	current := make(map[string]bool, len(recs)-len(at))
	for i := range recs {
		if !old[i] {
			current[recs[i].ID] = true
		}
	}
	out := recs[:0]
	for i, r := range recs {
		if !old[i] || !current[r.ID] {
			out = append(out, r)
		}
	}
	return out
}
