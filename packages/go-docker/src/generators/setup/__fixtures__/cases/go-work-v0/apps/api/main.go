package main

import (
	"fmt"

	"example.com/libs/greet"
)

func main() { fmt.Println(greet.Hello("api")) }
