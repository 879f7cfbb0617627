package main

import (
	"crypto/tls"
	"fmt"
	"net/http"

	store "example.com/mono/libs/store"
	. "example.com/mono/internal/version"
)

func main() {
	_ = tls.VersionTLS13
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, store.Name(), Version) })
	_ = http.ListenAndServe(":8080", nil)
}
