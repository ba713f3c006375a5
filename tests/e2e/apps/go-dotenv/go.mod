module example.com/restage/digestmailer

go 1.19
