package main

import (
	"fmt"

	"example.com/queue"
)

func main() {
	fmt.Println(queue.Name())
}
