package main

import (
	"flag"
	"fmt"
)

func main() {
	greeting := flag.String("greeting", "hello", "what to say")
	flag.Parse()
	fmt.Println(*greeting)
}
