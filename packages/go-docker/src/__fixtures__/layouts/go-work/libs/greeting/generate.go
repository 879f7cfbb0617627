//go:build ignore

// A code generator run by `go run generate.go`: a main package that is not an application.
package main

func main() {}
