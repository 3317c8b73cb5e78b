package store

// ParseSnapshot exposes parseSnapshot to the tests.
var ParseSnapshot = parseSnapshot
