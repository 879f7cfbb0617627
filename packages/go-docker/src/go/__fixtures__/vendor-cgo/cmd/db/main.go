package main

import (
	"fmt"
	"os"

	"example.com/sqlitelike"
)

func main() {
	version, err := sqlitelike.Version()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("sqlite", version)
}
