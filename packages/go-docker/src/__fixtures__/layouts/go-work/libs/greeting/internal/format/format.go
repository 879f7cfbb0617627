package format

import "strings"

// Sentence capitalises s and ends it with a full stop.
func Sentence(s string) string { return strings.ToUpper(s[:1]) + s[1:] + "." }
