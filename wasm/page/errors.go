package page

import "errors"

var errNoHost = errors.New("page: the player is not running in a Spry page (no spryPage object)")
