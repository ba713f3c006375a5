// A stdlib-only HTTP service: the kind of Go server most single-stage
// Dockerfiles ship.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"sort"
	"strings"
)

type wordCount struct {
	Word  string `json:"word"`
	Count int    `json:"count"`
}

func count(text string) []wordCount {
	m := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		m[w]++
	}
	out := make([]wordCount, 0, len(m))
	for w, c := range m {
		out = append(out, wordCount{w, c})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Word < out[j].Word
	})
	return out
}

func main() {
	addr := os.Getenv("LISTEN_ADDR")
	if addr == "" {
		addr = ":8080"
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("go-http ok\n"))
	})
	mux.HandleFunc("/count", func(w http.ResponseWriter, r *http.Request) {
		text := r.URL.Query().Get("text")
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]interface{}{"words": count(text)})
	})
	log.Printf("listening on %s", addr)
	log.Fatal(http.ListenAndServe(addr, mux))
}
