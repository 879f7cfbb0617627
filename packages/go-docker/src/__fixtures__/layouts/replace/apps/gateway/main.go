package main

import (
	"embed"
	"net/http"

	"example.com/auth"
)

//go:embed static
var static embed.FS

func main() {
	http.Handle("/", auth.Require(http.FileServer(http.FS(static))))
	_ = http.ListenAndServe(":8080", nil)
}
