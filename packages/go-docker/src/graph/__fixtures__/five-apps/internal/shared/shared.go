// Package shared is imported by alpha and bravo only.
package shared

import "example.com/five/internal/log"

func Greet(app string) { log.Line(app + " (shared)") }
