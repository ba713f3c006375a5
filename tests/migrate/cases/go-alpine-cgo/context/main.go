package main

/*
#cgo LDFLAGS: -lm
#include <math.h>
*/
import "C"

import "fmt"

func main() {
	// Great-circle distance Paris-Berlin on a unit sphere.
	fmt.Printf("%.4f\n", float64(C.acos(C.sin(0.8527)*C.sin(0.9164)+C.cos(0.8527)*C.cos(0.9164)*C.cos(0.1900))))
}
