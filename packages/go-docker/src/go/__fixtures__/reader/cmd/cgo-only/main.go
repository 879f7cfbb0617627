package main

import (
	"fmt"

	"example.com/reader/cgo-only"
)

func main() { fmt.Println(cgoonly.Answer()) }
