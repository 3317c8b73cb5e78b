package cue

// Catalog exposes the catalog to the tests.
var Catalog = catalog
