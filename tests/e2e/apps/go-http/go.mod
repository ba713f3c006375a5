module example.com/restage/gohttp

go 1.19
