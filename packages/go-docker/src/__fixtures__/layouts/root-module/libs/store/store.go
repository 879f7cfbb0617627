package store

import "example.com/mono/internal/version"

// Name of the store, with the build version.
func Name() string { return "store " + version.Version }
