module example.com/restage/relay

go 1.19
