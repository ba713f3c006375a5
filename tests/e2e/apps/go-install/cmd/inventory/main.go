// inventory is installed with `go install ./cmd/...` into $GOPATH/bin.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"example.com/restage/inventory/internal/stock"
)

func main() {
	warehouse := flag.String("warehouse", "main", "warehouse name")
	strict := flag.Bool("strict", false, "exit 4 when anything needs reordering")
	flag.Parse()
	items := []stock.Item{
		{SKU: "bolt-m6", OnHand: 120, Reserved: 30, Reorder: 100},
		{SKU: "nut-m6", OnHand: 400, Reserved: 10, Reorder: 100},
		{SKU: "washer", OnHand: 15, Reserved: 0, Reorder: 20},
	}
	r := stock.ToReorder(items)
	fmt.Printf("warehouse=%s reorder=[%s]\n", *warehouse, strings.Join(r, " "))
	if *strict && len(r) > 0 {
		os.Exit(4)
	}
}
