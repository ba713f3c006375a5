module example.com/restage/whoamireport

go 1.19
