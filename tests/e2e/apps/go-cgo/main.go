// A cgo program: links C code and glibc dynamically (the default when gcc
// is present), so it cannot run on an image without a C library.
package main

/*
#include <stdlib.h>
#include <gnu/libc-version.h>
#include "checksum.h"
*/
import "C"

import (
	"fmt"
	"hash/adler32"
	"os"
	"unsafe"
)

func cAdler(s string) uint32 {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	return uint32(C.adler32_c((*C.uchar)(unsafe.Pointer(cs)), C.size_t(len(s))))
}

func main() {
	inputs := os.Args[1:]
	if len(inputs) == 0 {
		inputs = []string{"Wikipedia", "restage", ""}
	}
	mismatch := 0
	for _, in := range inputs {
		c, g := cAdler(in), adler32.Checksum([]byte(in))
		status := "match"
		if c != g {
			status = "MISMATCH"
			mismatch++
		}
		fmt.Printf("%-12q c=%08x go=%08x %s\n", in, c, g, status)
	}
	// libc is present and is glibc: print only the major version, which the
	// builder and any Debian 12 runtime share.
	fmt.Printf("libc=glibc-%c\n", C.GoString(C.gnu_get_libc_version())[0])
	if mismatch > 0 {
		os.Exit(1)
	}
}
