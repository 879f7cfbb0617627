// Command api answers HTTP with a greeting and a request id.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"

	"example.com/libs/greeting"
	"github.com/google/uuid"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "%s (request %s)\n", greeting.Hello("api"), uuid.NewString())
	})
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
