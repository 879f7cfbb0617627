package cgoonly

// static int answer(void) { return 7; }
import "C"

// Answer comes from C.
func Answer() int { return int(C.answer()) }
