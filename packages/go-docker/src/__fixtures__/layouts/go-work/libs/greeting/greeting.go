// Package greeting builds greetings.
package greeting

import (
	"example.com/libs/greeting/internal/format"
)

// Hello greets name.
func Hello(name string) string { return format.Sentence("hello, " + name) }
