module github.com/example/shortener

go 1.22
