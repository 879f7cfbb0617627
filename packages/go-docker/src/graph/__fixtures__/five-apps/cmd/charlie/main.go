package main

import "example.com/five/internal/log"

func main() { log.Line("charlie") }
