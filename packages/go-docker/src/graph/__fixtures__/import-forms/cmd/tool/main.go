// import "example.com/libs/ghost" — a comment before the package clause is not an import.
package main

import "fmt"

import (
	/* "example.com/libs/ghost" */
	a "example.com/libs/alpha"
	"example.com/libs/alpha/nested" // a nested module wins over its parent's directory
	. `example.com/libs/beta/dot`
	_ "example.com/libs/beta/blank" // blank import
)

var s = `import "example.com/libs/ghost"`

func main() { fmt.Println(a.A, nested.N, Dot, s) }
