#include <stddef.h>
unsigned long adler32_c(const unsigned char *buf, size_t len);
