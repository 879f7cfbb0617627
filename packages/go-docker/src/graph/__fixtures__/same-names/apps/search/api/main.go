package main

import "fmt"

func main() { fmt.Println("search/api") }
