// A server that reads its HTML templates and static files from disk at run
// time (relative to the working directory), so the runtime image needs them.
package main

import (
	"html/template"
	"log"
	"net/http"
	"os"
	"path/filepath"
)

type page struct {
	Title string
	Items []string
}

func main() {
	dir := os.Getenv("ASSET_DIR")
	if dir == "" {
		dir = "."
	}
	tmpl := template.Must(template.ParseGlob(filepath.Join(dir, "templates", "*.html")))
	mux := http.NewServeMux()
	mux.Handle("/static/", http.StripPrefix("/static/", http.FileServer(http.Dir(filepath.Join(dir, "static")))))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		p := page{Title: "Release checklist", Items: []string{"build", "test", "ship"}}
		if err := tmpl.ExecuteTemplate(w, "index.html", p); err != nil {
			http.Error(w, err.Error(), 500)
		}
	})
	log.Println("listening on :8090")
	log.Fatal(http.ListenAndServe(":8090", mux))
}
