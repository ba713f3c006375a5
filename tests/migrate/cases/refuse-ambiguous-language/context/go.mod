module example.com/rollup

go 1.19
