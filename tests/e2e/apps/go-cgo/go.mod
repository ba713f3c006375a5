module example.com/restage/gocgo

go 1.19
