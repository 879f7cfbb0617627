//go:build !cgo

package sqlitelike

import "errors"

// Version fails: like some sqlite drivers, the package builds without cgo but only as a stub.
func Version() (string, error) { return "", errors.New("sqlitelike requires cgo") }
