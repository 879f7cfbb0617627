package main

import "fmt"

// The tool does not import the plugin module yet, but its go.mod requires it.
func main() { fmt.Println("tool") }
