package program

// IsKebab and IsLanguage expose the hand-written checks to the tests.
var (
	IsKebab    = isKebab
	IsLanguage = isLanguage
)
