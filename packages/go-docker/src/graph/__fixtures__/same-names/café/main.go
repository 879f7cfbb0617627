// A module in a folder with a non-ASCII name: its project and image are named "cafe".
package main

import (
	"fmt"

	clientpkg "example.com/client/pkg"
	"example.com/pkg"
)

func main() { fmt.Println(pkg.Where(), clientpkg.Where()) }
