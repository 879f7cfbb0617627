//go:build !cgo

package optional

import "strconv"

// Answer is computed in Go when cgo is off.
func Answer() int { n, _ := strconv.Atoi("42"); return n }
