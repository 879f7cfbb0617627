package main

import (
	"fmt"

	"example.com/vendored/internal/banner"
	"example.org/greet"
)

func main() { fmt.Println(banner.Wrap(greet.Hello("vendor"))) }
