// An inbox that files messages in folders next to itself: it makes
// uploads/ and writes device.db (a plain file here) in its own folder, the
// WORKDIR. If the folder is not writable by the user it runs as, it exits 1.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	if err := os.MkdirAll("uploads", 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "inbox:", err)
		os.Exit(1)
	}
	messages := []string{"hello", "quarterly report", "lunch?"}
	for i, m := range messages {
		name := filepath.Join("uploads", fmt.Sprintf("msg-%02d.txt", i+1))
		if err := os.WriteFile(name, []byte(m+"\n"), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "inbox:", err)
			os.Exit(1)
		}
	}
	db, err := os.Create("device.db")
	if err != nil {
		fmt.Fprintln(os.Stderr, "inbox:", err)
		os.Exit(1)
	}
	fmt.Fprintf(db, "messages=%d\n", len(messages))
	db.Close()

	entries, _ := os.ReadDir("uploads")
	data, _ := os.ReadFile("device.db")
	fmt.Printf("filed=%d %s\n", len(entries), strings.TrimSpace(string(data)))
}
