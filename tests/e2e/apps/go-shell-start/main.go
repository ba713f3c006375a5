// The go-http service, started by a shell-form ENTRYPOINT that passes its
// listen address as a flag built from environment variables.
package main

import (
	"flag"
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
	addr := flag.String("addr", os.Getenv("LISTEN_ADDR"), "listen address")
	flag.Parse()
	if *addr == "" {
		log.Fatal("no listen address: pass -addr")
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("go-shell-start ok\n"))
	})
	mux.HandleFunc("/count", func(w http.ResponseWriter, r *http.Request) {
		text := r.URL.Query().Get("text")
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]interface{}{"words": count(text)})
	})
	log.Printf("listening on %s", *addr)
	log.Fatal(http.ListenAndServe(*addr, mux))
}
