module example.com/fnv

go 1.21
