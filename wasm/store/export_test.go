package store

// SplitJoined exposes splitJoined to the tests.
var SplitJoined = splitJoined
