module example.com/restage/app

go 1.19
