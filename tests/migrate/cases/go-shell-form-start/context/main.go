package main

import (
	"flag"
	"net/http"
)

func main() {
	listen := flag.String("listen", ":8080", "address")
	flag.Parse()
	http.ListenAndServe(*listen, http.NotFoundHandler())
}
