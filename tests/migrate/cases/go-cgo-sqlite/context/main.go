// Prints the SQLite version it links against: cgo with a system library.
package main

/*
#cgo LDFLAGS: -lsqlite3
#include <sqlite3.h>
*/
import "C"

import "fmt"

func main() {
	fmt.Println("sqlite", C.GoString(C.sqlite3_libversion()))
}
