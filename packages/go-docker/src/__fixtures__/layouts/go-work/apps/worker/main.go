package main

import (
	"fmt"
	"time"
)

func main() {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	fmt.Println("worker started at", time.Now().In(loc).Format(time.RFC3339))
}
