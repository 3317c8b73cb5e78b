package progress

// Migrate exposes migrate to the external tests.
var Migrate = migrate

// DecodeStrict exposes decodeStrict, the encoding/json reference decoder.
var DecodeStrict = decodeStrict

// DecodeFast decodes data with the fast path alone, without validating,
// and reports whether the fast path took it.
func DecodeFast(data []byte) (Record, bool) {
	var d fastDecoder
	return d.record(data)
}
