package main

import (
	"fmt"

	"example.com/optionalcgo"
)

func main() { fmt.Println(optionalcgo.Answer()) }
