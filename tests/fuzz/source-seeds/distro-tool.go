// stock-report prints which items to reorder. The report itself is a jq
// filter: the program hands the inventory to the `jq` installed with apt, so
// the image needs jq at run time, not only while building.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

type item struct {
	SKU        string `json:"sku"`
	Name       string `json:"name"`
	Qty        int    `json:"qty"`
	Reorder    int    `json:"reorder"`
	PriceCents int    `json:"price_cents"`
}

const report = `(.items | map(select(.qty < .reorder)) | sort_by(.qty)[]
  | "reorder \(.sku) \(.name) have=\(.qty) want=\(.reorder)"),
 "stock value cents=\([.items[] | .qty * .price_cents] | add)"`

func main() {
	inventory := map[string][]item{"items": {
		{"A-100", "hex bolt M6", 120, 200, 12},
		{"A-200", "washer M6", 900, 500, 3},
		{"B-310", "hinge 80mm", 14, 20, 245},
		{"C-042", "cable tie 200mm", 0, 100, 5},
	}}
	input, err := json.Marshal(inventory)
	if err != nil {
		fmt.Fprintln(os.Stderr, "stock-report:", err)
		os.Exit(1)
	}

	version, err := exec.Command("jq", "--version").Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "stock-report: jq is required:", err)
		os.Exit(1)
	}
	cmd := exec.Command("jq", "-r", report)
	cmd.Stdin = bytes.NewReader(input)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "stock-report: jq failed:", err)
		os.Exit(1)
	}
	fmt.Printf("tool=%s\n", strings.TrimSpace(string(version)))
	fmt.Print(string(out))
}
