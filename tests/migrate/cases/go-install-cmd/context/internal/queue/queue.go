package queue

// Len reports how many messages wait in a queue (a stand-in).
func Len(name string) int { return len(name) }
