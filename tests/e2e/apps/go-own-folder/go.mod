module example.com/inbox

go 1.22
