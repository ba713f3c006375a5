// Package stock computes reorder decisions.
package stock

import (
	"fmt"
	"sort"
)

type Item struct {
	SKU      string
	OnHand   int
	Reserved int
	Reorder  int // reorder when available stock falls below this
}

func (i Item) Available() int { return i.OnHand - i.Reserved }

// ToReorder returns the SKUs below their reorder point, sorted.
func ToReorder(items []Item) []string {
	var out []string
	for _, it := range items {
		if it.Available() < it.Reorder {
			out = append(out, fmt.Sprintf("%s(%d<%d)", it.SKU, it.Available(), it.Reorder))
		}
	}
	sort.Strings(out)
	return out
}
