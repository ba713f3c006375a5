int rollup(int n);
