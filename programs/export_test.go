package programs

// LoadLibrary lets the external tests load library files from any file
// system.
var LoadLibrary = loadLibrary
var LibraryFS = libraryFiles
