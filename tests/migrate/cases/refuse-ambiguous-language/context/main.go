package main

/*
#cgo CFLAGS: -I${SRCDIR}/clib
#cgo LDFLAGS: -L${SRCDIR}/clib/build -lrollup
#include "rollup.h"
*/
import "C"

import "fmt"

func main() {
	fmt.Println("rolled up:", int(C.rollup(7)))
}
