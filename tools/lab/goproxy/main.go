// goproxy serves a GOMODCACHE/cache/download directory over HTTP. That directory already has the
// GOPROXY protocol layout (<module>/@v/<version>.{info,mod,zip}), so a static file server is a
// complete offline module proxy. Every request is logged so tests can prove a build used it.
package main

import (
	"flag"
	"log"
	"net/http"
	"strings"
)

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) { r.status = code; r.ResponseWriter.WriteHeader(code) }

func main() {
	addr := flag.String("addr", "127.0.0.1:5001", "listen address (loopback only)")
	dir := flag.String("dir", "", "GOMODCACHE/cache/download directory to serve")
	flag.Parse()
	if *dir == "" || !strings.HasPrefix(*addr, "127.0.0.1:") {
		log.Fatal("usage: goproxy -dir DIR [-addr 127.0.0.1:PORT]")
	}
	files := http.FileServer(http.Dir(*dir))
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Directory listings are not part of the protocol: answer 404 like a real proxy.
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			log.Printf("%s %s 404", r.Method, r.URL.Path)
			return
		}
		rec := &statusRecorder{ResponseWriter: w, status: 200}
		files.ServeHTTP(rec, r)
		log.Printf("%s %s %d", r.Method, r.URL.Path, rec.status)
	})
	log.Printf("serving %s on http://%s", *dir, *addr)
	log.Fatal(http.ListenAndServe(*addr, handler))
}
