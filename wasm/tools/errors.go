package tools

import "errors"

var errNoPage = errors.New("tools: not running in a Spry tools page (no spryPage.attachTools)")
