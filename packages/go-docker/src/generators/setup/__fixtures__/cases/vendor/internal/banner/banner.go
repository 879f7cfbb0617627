package banner

// Wrap frames a line.
func Wrap(s string) string { return "[" + s + "]" }
