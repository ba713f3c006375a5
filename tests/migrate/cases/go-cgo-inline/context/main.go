package main

/*
#include <stdint.h>
static uint32_t fnv1a(const char *s) {
	uint32_t h = 2166136261u;
	for (; *s; s++) { h ^= (unsigned char)*s; h *= 16777619u; }
	return h;
}
*/
import "C"

import (
	"fmt"
	"os"
)

func main() {
	for _, a := range os.Args[1:] {
		cs := C.CString(a)
		fmt.Printf("%08x  %s\n", uint32(C.fnv1a(cs)), a)
	}
}
