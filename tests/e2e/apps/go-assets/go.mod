module example.com/restage/goassets

go 1.19
