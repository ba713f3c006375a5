package greet

// Hello is the greeting every service shares.
func Hello(name string) string { return "hello, " + name }
