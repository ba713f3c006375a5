module example.com/restage/inventory

go 1.19
