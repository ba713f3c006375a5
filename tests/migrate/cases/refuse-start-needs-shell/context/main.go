package main

import (
	"flag"
	"net/http"
	"os"
)

func main() {
	check := flag.Bool("check-config", false, "validate the configuration and exit")
	flag.Parse()
	if *check {
		os.Exit(0)
	}
	http.ListenAndServe(":8080", http.NotFoundHandler())
}
