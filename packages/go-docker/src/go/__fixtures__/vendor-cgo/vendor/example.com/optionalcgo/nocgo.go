//go:build !cgo

package optionalcgo

// Answer is computed in Go when cgo is off.
func Answer() int { return 42 }
