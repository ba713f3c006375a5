module example.com/restage/fieldcount

go 1.19

require example.com/fastcount v1.2.0
