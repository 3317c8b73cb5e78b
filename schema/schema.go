// Package schema holds the JSON Schema (draft 2020-12) of Spry's program
// file format, with the exercise library format under $defs/library, for
// editors, the program builder and other tools. engine/program stays the
// authority: the schema's test keeps the two in agreement on every fixture
// and shipped file, and lists the few rules a schema cannot express.
package schema

import _ "embed"

// Program is the text of program.schema.json.
//
//go:embed program.schema.json
var Program []byte

// ProgramURL is the schema's $id; "#/$defs/library" after it names the
// library format.
const ProgramURL = "https://spry.invalid/schema/program.schema.json"
