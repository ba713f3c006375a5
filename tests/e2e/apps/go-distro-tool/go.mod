module example.com/restage/stockreport

go 1.19
