// Package fastcount counts bytes with the C library's memchr. It is cgo only:
// there is no pure-Go fallback, so it does not build with CGO_ENABLED=0, and
// a program using it needs the C library at run time.
package fastcount

/*
#include <string.h>
#include <gnu/libc-version.h>

static size_t count_byte(const char *p, size_t n, int c) {
	size_t count = 0;
	const char *end = p + n;
	while (p < end) {
		const char *hit = memchr(p, c, (size_t)(end - p));
		if (hit == NULL)
			break;
		count++;
		p = hit + 1;
	}
	return count;
}
*/
import "C"

import "unsafe"

// Count returns how many times c occurs in b.
func Count(b []byte, c byte) int {
	if len(b) == 0 {
		return 0
	}
	p := (*C.char)(unsafe.Pointer(&b[0]))
	return int(C.count_byte(p, C.size_t(len(b)), C.int(c)))
}

// LibcVersion is the version of the C library the program runs with.
func LibcVersion() string {
	return C.GoString(C.gnu_get_libc_version())
}
