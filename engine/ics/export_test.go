package ics

// Catalog exposes the string catalog to the external tests.
var Catalog = catalog
