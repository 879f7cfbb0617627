package sqlitelike

// static const char *version(void) { return "3.45.0"; }
import "C"

// Version is the C library's version.
func Version() (string, error) { return C.GoString(C.version()), nil }
