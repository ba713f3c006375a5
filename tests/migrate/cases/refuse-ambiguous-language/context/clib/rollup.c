#include "rollup.h"

int rollup(int n) { return n <= 0 ? 0 : n + rollup(n - 1); }
