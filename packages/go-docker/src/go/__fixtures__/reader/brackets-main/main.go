package main

import "fmt"

var open = "{[("
var close = `}])
func notMain() {`
var rune1 = '}'
var rune2 = '\''

func helper() { func() { main := "}"; _ = main }() }

func main() { fmt.Println(open, close, rune1, rune2) }
