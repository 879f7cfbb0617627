// Package greet exists only in vendor/: no module proxy serves example.org/greet, so a build that
// reaches for the network fails.
package greet

// Hello greets.
func Hello(name string) string { return "hello from " + name }
