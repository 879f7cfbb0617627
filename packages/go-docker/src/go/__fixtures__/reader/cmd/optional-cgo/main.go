package main

import (
	"fmt"

	"example.com/reader/optional-cgo"
)

func main() { fmt.Println(optional.Answer()) }
