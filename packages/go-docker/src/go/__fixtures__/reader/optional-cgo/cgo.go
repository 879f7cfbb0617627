//go:build cgo

package optional

// static int answer(void) { return 42; }
import "C"

// Answer comes from C when cgo is on.
func Answer() int { return int(C.answer()) }
