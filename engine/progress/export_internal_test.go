package progress

// Migrate exposes migrate to the external tests.
var Migrate = migrate
