package main

import "example.com/five/internal/shared"

func main() { shared.Greet("alpha") }
