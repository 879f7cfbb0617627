package main

import (
	"fmt"

	"example.com/mono/libs/store"
)

/* func main() in a comment is not a main function */
var banner = "func main() {}"

func main() { fmt.Println(banner, store.Name()) }
