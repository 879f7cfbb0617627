// Package log is imported by every application.
package log

import "fmt"

func Line(app string) { fmt.Println("app:", app) }
