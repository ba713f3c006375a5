// fieldcount counts the comma-separated fields of each argument. The counting
// is done by a vendored dependency, example.com/fastcount, which uses cgo;
// this package itself has no `import "C"`.
package main

import (
	"fmt"
	"os"

	"example.com/fastcount"
)

func main() {
	total := 0
	for _, arg := range os.Args[1:] {
		n := fastcount.Count([]byte(arg), ',') + 1
		total += n
		fmt.Printf("%-18q fields=%d\n", arg, n)
	}
	fmt.Printf("total=%d\n", total)
	// Only the major version: the builder and any Debian 12 runtime share it.
	fmt.Printf("libc=glibc-%c\n", fastcount.LibcVersion()[0])
}
