package main

import (
	"fmt"
	"hash/crc32"
	"os"
)

func main() {
	for _, u := range os.Args[1:] {
		fmt.Printf("%s -> /%x\n", u, crc32.ChecksumIEEE([]byte(u)))
	}
}
