module example.com/restage/invoicenumbers

go 1.19
