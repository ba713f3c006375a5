package main

import (
	"fmt"
	"net/http"

	"example.com/shop/lib/greet"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, greet.Hello("api"))
	})
	http.ListenAndServe(":8080", nil)
}
