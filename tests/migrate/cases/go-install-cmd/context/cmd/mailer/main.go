package main

import (
	"flag"
	"log"

	"example.com/mailer/internal/queue"
)

func main() {
	name := flag.String("queue", "outbox", "queue to drain")
	flag.Parse()
	log.Printf("draining %s: %d messages", *name, queue.Len(*name))
}
