// Package cgoonly needs cgo: its C file has no build constraint.
package cgoonly
